#!/usr/bin/python3
"""PyTorch reference for tests/core/test_nn_torch.cpp.

Reads a JSON file with a list of cases, each describing an MLP (layers, weights W as n_in x n_out, biases), a batch X,
a loss and an optimiser; writes for each case the forward output, the loss, every gradient (dW as
n_in x n_out, db, dX) and the parameters after `steps` optimiser steps on the same batch.
All in float32, as LatentLab's networks. Exit code 77: PyTorch is missing (the test skips).

usage: check_torch_nn.py IN.json OUT.json
"""
import json
import sys

try:
    import torch
except ImportError:
    print("PyTorch (python3-torch) is not installed")
    sys.exit(77)


def activation(name, slope):
    return {
        "identity": torch.nn.Identity(),
        "relu": torch.nn.ReLU(),
        "leaky-relu": torch.nn.LeakyReLU(slope),
        "tanh": torch.nn.Tanh(),
        "sigmoid": torch.nn.Sigmoid(),
        "silu": torch.nn.SiLU(),
    }[name]


def run(spec):
    modules, linears = [], []
    for layer, W, b in zip(spec["layers"], spec["W"], spec["b"]):
        lin = torch.nn.Linear(layer["in"], layer["out"])
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(W, dtype=torch.float32).T)
            lin.bias.copy_(torch.tensor(b, dtype=torch.float32))
        linears.append(lin)
        modules += [lin, activation(layer["activation"], layer["slope"])]
    net = torch.nn.Sequential(*modules)
    X = torch.tensor(spec["X"], dtype=torch.float32, requires_grad=True)
    T = torch.tensor(spec["targets"], dtype=torch.float32)
    loss_fn = torch.nn.BCEWithLogitsLoss() if spec["loss"] == "bce" else torch.nn.MSELoss()

    out = net(X)
    loss = loss_fn(out, T)
    loss.backward()
    result = {
        "output": out.detach().tolist(),
        "loss": loss.item(),
        "dX": X.grad.tolist(),
        "dW": [lin.weight.grad.T.tolist() for lin in linears],
        "db": [lin.bias.grad.tolist() for lin in linears],
    }
    o = spec["optimizer"]
    if o["kind"] == "adam":
        opt = torch.optim.Adam(net.parameters(), lr=o["lr"], betas=(o["beta1"], o["beta2"]),
                               eps=o["eps"], weight_decay=o["weight_decay"])
    else:
        opt = torch.optim.SGD(net.parameters(), lr=o["lr"], momentum=o["momentum"],
                              weight_decay=o["weight_decay"])
    for _ in range(spec["steps"]):
        opt.zero_grad()
        loss_fn(net(X.detach()), T).backward()
        opt.step()
    result["W_after"] = [lin.weight.detach().T.tolist() for lin in linears]
    result["b_after"] = [lin.bias.detach().tolist() for lin in linears]
    result["torch_version"] = torch.__version__
    return result


torch.set_num_threads(1)
json.dump([run(case) for case in json.load(open(sys.argv[1]))], open(sys.argv[2], "w"))
