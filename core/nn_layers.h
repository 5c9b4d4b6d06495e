#pragma once
// The small neural-network library shared by the GAN, DDPM and (later) autoencoder models:
// fully connected layers with a fused activation, stacked into a multilayer perceptron.
//
// Conventions (DESIGN.md "Numerics"): a mini-batch is a matrix with one sample per row,
// shape B × features. A dense layer maps X (B × n_in) to Z = X W + 1 bᵀ with W of shape
// n_in × n_out (the transpose of PyTorch's nn.Linear.weight, which is n_out × n_in) and
// b of length n_out, then A = f(Z) elementwise. Every backward rule sits next to its forward
// rule below and in nn_layers.cpp. Scalar is float in the models and double in the tests'
// finite-difference gradient checks; both are instantiated in nn_layers.cpp.
#include "core/rng.h"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace latentlab::core::nn {

template <typename T> using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
template <typename T> using RowVec = Eigen::Matrix<T, 1, Eigen::Dynamic>;

/// Elementwise activation functions. LeakyReLU takes a negative slope (PyTorch default 0.01;
/// GANs usually 0.2).
enum class Activation { Identity, ReLU, LeakyReLU, Tanh, Sigmoid, SiLU };

/// Machine name ("identity", "relu", "leaky-relu", "tanh", "sigmoid", "silu").
std::string activationName(Activation a);
/// Inverse of activationName; throws std::invalid_argument listing the valid names.
Activation activationFromName(const std::string& name);

/// Forward: A = f(Z), same shape. A may not alias Z unless f is the identity.
template <typename T>
void activationForward(Activation f, T negativeSlope, const Mat<T>& Z, Mat<T>& A);
/// Backward: dZ = dA ⊙ f'(Z), using Z and/or A = f(Z) (whichever is cheaper):
///   ReLU: dA·[Z > 0]; LeakyReLU: dA·(Z > 0 ? 1 : slope); tanh: dA·(1 − A²);
///   sigmoid: dA·A(1 − A); SiLU (A = Zσ(Z)): dA·σ(Z)(1 + Z(1 − σ(Z))); identity: dA.
/// At Z = 0 the (sub)gradient of ReLU and LeakyReLU is taken as PyTorch does (0, resp. slope).
template <typename T>
void activationBackward(Activation f, T negativeSlope, const Mat<T>& Z, const Mat<T>& A,
                        const Mat<T>& dA, Mat<T>& dZ);

/// Weight initialisation. Biases start at zero in all schemes.
///  - He (Kaiming) normal: W ~ N(0, 2 / n_in) (He et al. 2015, eq. 10), for ReLU-like layers;
///  - Xavier (Glorot) uniform: W ~ U(±√(6 / (n_in + n_out))) (Glorot & Bengio 2010, eq. 16);
///  - PyTorch's nn.Linear default: W, b ~ U(±1/√n_in).
enum class Init { He, Xavier, TorchDefault };

/// One layer's shape and activation.
struct LayerSpec {
    int inputs = 0;
    int outputs = 0;
    Activation activation = Activation::Identity;
    double negativeSlope = 0.01; ///< only for LeakyReLU
};

/// Which gradients a backward pass computes. InputOnly is what a GAN's generator step needs
/// of the discriminator: ∂loss/∂x without touching D's parameter gradients.
enum class Grad { ParamsAndInput, ParamsOnly, InputOnly };

/// A dense layer with a fused activation. Holds its parameters and their gradients; the
/// forward pass's caches live in a Cache, either the layer's own (the simple API) or one per
/// thread (the const API, for data-parallel passes over parts of a batch). Forward and backward
/// allocate nothing once the batch size is set.
template <typename T> class Dense {
public:
    /// What backward needs from forward, and its outputs' storage.
    struct Cache {
        const Mat<T>* input = nullptr; ///< X of the last forward (not owned)
        Mat<T> Z, A, dZ, dX;
    };

    Dense() = default;
    explicit Dense(const LayerSpec& spec);
    /// Copies parameters, gradients and shape, not the cache: a copy needs its own forward
    /// before backward.
    Dense(const Dense& o) : W(o.W), b(o.b), dW(o.dW), db(o.db), m_spec(o.m_spec) {}
    Dense& operator=(const Dense& o) {
        if (this != &o) *this = Dense(o);
        return *this;
    }
    Dense(Dense&& o) noexcept
        : W(std::move(o.W)), b(std::move(o.b)), dW(std::move(o.dW)), db(std::move(o.db)),
          m_spec(o.m_spec) {}
    Dense& operator=(Dense&& o) noexcept {
        W = std::move(o.W), b = std::move(o.b), dW = std::move(o.dW), db = std::move(o.db);
        m_spec = o.m_spec;
        m_cache = Cache();
        return *this;
    }

    const LayerSpec& spec() const { return m_spec; }
    Mat<T> W;      ///< n_in × n_out
    RowVec<T> b;   ///< 1 × n_out
    Mat<T> dW;     ///< ∂loss/∂W after backward (overwritten unless accumulating)
    RowVec<T> db;  ///< ∂loss/∂b after backward

    /// Z = X W + 1 bᵀ, A = f(Z). X: B × n_in; keeps a pointer to X for backward, so X must stay
    /// alive and unchanged until then. Returns A (B × n_out), valid until the next forward.
    const Mat<T>& forward(const Mat<T>& X) { return forward(X, m_cache); }
    /// Given dA = ∂loss/∂A (B × n_out) of the last forward: dZ = dA ⊙ f'(Z); dW = Xᵀ dZ,
    /// db = 1ᵀ dZ (unless InputOnly; added to the previous dW, db when `accumulate`, as
    /// PyTorch's .grad); returns dX = dZ Wᵀ (B × n_in), or an empty matrix for ParamsOnly.
    const Mat<T>& backward(const Mat<T>& dA, Grad mode, bool accumulate = false) {
        return backward(dA, mode, m_cache, dW, db, accumulate);
    }
    /// The same two with the caller's cache and gradient storage (thread-safe on a const layer
    /// when each thread has its own cache, dW and db; dW, db are resized as needed).
    const Mat<T>& forward(const Mat<T>& X, Cache& cache) const;
    const Mat<T>& backward(const Mat<T>& dA, Grad mode, Cache& cache, Mat<T>& dWOut, RowVec<T>& dbOut,
                           bool accumulate) const;
    /// A = f(X W + 1 bᵀ) without touching the caches (for drawing; allocates).
    Mat<T> predict(const Mat<T>& X) const;

private:
    LayerSpec m_spec;
    Cache m_cache;
};

/// Parameter tensors seen by an optimiser: value and gradient of the same length.
template <typename T> struct ParamRef {
    T* value;
    const T* grad;
    Eigen::Index size;
};

/// A multilayer perceptron: layers applied in order. Deterministic: a given seed and Init
/// give the same weights on every machine (our own Rng, not the standard library's).
template <typename T> class Mlp {
public:
    Mlp() = default;
    /// Throws std::invalid_argument when the layers are empty, a size is < 1 or > 2^16, or one
    /// layer's outputs differ from the next one's inputs.
    explicit Mlp(std::vector<LayerSpec> specs);

    /// Hidden layers of the given widths with `hidden` activation, then a linear (or `output`)
    /// layer: the usual GAN / DDPM network.
    static Mlp make(int inputs, const std::vector<int>& hiddenWidths, int outputs,
                    Activation hidden, Activation output = Activation::Identity,
                    double negativeSlope = 0.2);

    void initialise(Init scheme, Rng& rng);

    int inputs() const { return m_layers.front().spec().inputs; }
    int outputs() const { return m_layers.back().spec().outputs; }
    std::vector<Dense<T>>& layers() { return m_layers; }
    const std::vector<Dense<T>>& layers() const { return m_layers; }
    Eigen::Index parameterCount() const;

    /// Output of the network for X (B × inputs), caching what backward needs; X must stay
    /// alive until backward. Returns B × outputs, valid until the next forward.
    const Mat<T>& forward(const Mat<T>& X);
    /// Backpropagates dOut = ∂loss/∂output (B × outputs) of the last forward. Fills each
    /// layer's dW, db (unless InputOnly; or adds to them when `accumulate`, so one update can
    /// sum the gradients of several batches) and returns ∂loss/∂X (B × inputs; empty if
    /// ParamsOnly).
    const Mat<T>& backward(const Mat<T>& dOut, Grad mode = Grad::ParamsOnly, bool accumulate = false);
    /// Output for X without touching the caches (thread-safe on a const network; allocates).
    Mat<T> predict(const Mat<T>& X) const;

    /// Caches and gradient storage for one thread's part of a batch (data-parallel passes:
    /// each part runs forward and backward on the const network with its own workspace, then
    /// the parts' gradients are summed into the layers' dW, db in a fixed order).
    struct Workspace {
        std::vector<typename Dense<T>::Cache> caches;
        std::vector<Mat<T>> dW;
        std::vector<RowVec<T>> db;
    };
    Workspace makeWorkspace() const;
    const Mat<T>& forward(const Mat<T>& X, Workspace& ws) const;
    const Mat<T>& backward(const Mat<T>& dOut, Grad mode, Workspace& ws, bool accumulate = false) const;
    /// Layer gradients = Σ_k parts[k]'s gradients, summed in the order given.
    void sumGradients(const std::vector<const Workspace*>& parts);

    /// Parameters in a fixed order (W then b of layer 0, 1, …) for optimisers and files.
    std::vector<ParamRef<T>> parameters();
    /// True when every weight and bias is finite.
    bool allFinite() const;

private:
    std::vector<Dense<T>> m_layers;
    Mat<T> m_empty;
};

extern template class Dense<float>;
extern template class Dense<double>;
extern template class Mlp<float>;
extern template class Mlp<double>;

} // namespace latentlab::core::nn
