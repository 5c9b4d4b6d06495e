// The neural-network core against PyTorch (scripts/bench/check_torch_nn.py, Debian's
// python3-torch, installed by scripts/install-deps.sh): a fixed small network using every
// activation, the same float32 weights and batch in, the same outputs, loss, gradients (∂/∂W,
// ∂/∂b, ∂/∂X) and parameters after a few Adam or SGD-with-momentum steps out, to 1e-5.
// Skipped with a message when /usr/bin/python3 or PyTorch is missing.
#include "core/nn_loss.h"
#include "core/nn_optim.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace latentlab::core;
using namespace latentlab::core::nn;

namespace {

constexpr int kSteps = 5;

QJsonArray toJson(const Mat<float>& m) {
    QJsonArray rows;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        QJsonArray r;
        for (Eigen::Index j = 0; j < m.cols(); ++j) r.append(double(m(i, j)));
        rows.append(r);
    }
    return rows;
}

QJsonArray toJson(const RowVec<float>& v) {
    QJsonArray a;
    for (Eigen::Index i = 0; i < v.size(); ++i) a.append(double(v(i)));
    return a;
}

/// Largest |ours − theirs| / (1 + |theirs|) over a JSON matrix (rows) or vector.
double worst(const Mat<float>& ours, const QJsonArray& theirs) {
    double w = 0;
    const bool vector = !theirs.isEmpty() && !theirs[0].isArray();
    if (vector ? ours.size() != theirs.size() : ours.rows() != theirs.size()) return INFINITY;
    for (int i = 0; i < theirs.size(); ++i) {
        if (vector) {
            w = std::max(w, std::abs(ours.data()[i] - theirs[i].toDouble()) / (1 + std::abs(theirs[i].toDouble())));
            continue;
        }
        const QJsonArray r = theirs[i].toArray();
        if (r.size() != ours.cols()) return INFINITY;
        for (int j = 0; j < r.size(); ++j)
            w = std::max(w, std::abs(ours(i, j) - r[j].toDouble()) / (1 + std::abs(r[j].toDouble())));
    }
    return w;
}

struct Case {
    QString loss, optimizer;
    Mlp<float> net;
    Mat<float> X, T;
    double weightDecay;
    QJsonObject json;
};

/// A fixed network using every activation (MSE runs through a sigmoid output, BCE on logits),
/// a batch and an optimiser, as LatentLab and as the script's JSON.
Case makeCase(const QString& loss, const QString& optimizer, uint64_t seed) {
    Rng rng(seed);
    const Activation out = loss == "mse" ? Activation::Sigmoid : Activation::Identity;
    Case c{loss, optimizer,
           Mlp<float>({{3, 16, Activation::ReLU},
                       {16, 16, Activation::LeakyReLU, 0.2},
                       {16, 12, Activation::Tanh},
                       {12, 12, Activation::SiLU},
                       {12, 2, out}}),
           Mat<float>(32, 3), Mat<float>(32, 2), 0.0, {}};
    c.net.initialise(Init::TorchDefault, rng);
    for (Eigen::Index i = 0; i < c.X.size(); ++i) c.X.data()[i] = float(rng.normal());
    for (Eigen::Index i = 0; i < c.T.size(); ++i) c.T.data()[i] = float(rng.uniform());
    QJsonArray layers, Ws, bs;
    for (const auto& l : c.net.layers()) {
        layers.append(QJsonObject{{"in", l.spec().inputs}, {"out", l.spec().outputs},
                                  {"activation", QString::fromStdString(activationName(l.spec().activation))},
                                  {"slope", l.spec().negativeSlope}});
        Ws.append(toJson(l.W));
        bs.append(toJson(l.b));
    }
    const bool adam = optimizer.startsWith("adam");
    c.weightDecay = optimizer == "adam-wd" ? 0.01 : optimizer == "sgd" ? 0.001 : 0.0;
    const QJsonObject opt{{"kind", adam ? "adam" : "sgd"}, {"lr", adam ? 0.01 : 1.0},
                          {"beta1", 0.9}, {"beta2", 0.999}, {"eps", 1e-8},
                          {"momentum", 0.9}, {"weight_decay", c.weightDecay}};
    c.json = QJsonObject{{"layers", layers}, {"W", Ws}, {"b", bs}, {"X", toJson(c.X)},
                         {"targets", toJson(c.T)}, {"loss", loss}, {"optimizer", opt}, {"steps", kSteps}};
    return c;
}

} // namespace

class TestNnTorch : public QObject {
    Q_OBJECT
private slots:
    void sameNetworkSameNumbers() {
        std::vector<Case> cases;
        cases.push_back(makeCase("bce", "adam", 2024));
        cases.push_back(makeCase("mse", "sgd", 2025));
        cases.push_back(makeCase("mse", "adam-wd", 2026));
        QJsonArray in;
        for (const auto& c : cases) in.append(c.json);

        QTemporaryDir dir;
        QFile f(dir.filePath("in.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(in).toJson(QJsonDocument::Compact));
        f.close();
        QProcess py;
        py.start("/usr/bin/python3", {qEnvironmentVariable("LATENTLAB_SOURCE_DIR") + "/scripts/bench/check_torch_nn.py",
                                      dir.filePath("in.json"), dir.filePath("out.json")});
        if (!py.waitForStarted(5000)) QSKIP("/usr/bin/python3 is not available");
        QVERIFY(py.waitForFinished(120000));
        const QString msg = QString::fromUtf8(py.readAllStandardOutput() + py.readAllStandardError());
        if (py.exitCode() == 77) QSKIP(qPrintable(msg.trimmed()));
        QVERIFY2(py.exitCode() == 0, qPrintable(msg));
        QFile o(dir.filePath("out.json"));
        QVERIFY(o.open(QIODevice::ReadOnly));
        const QJsonArray refs = QJsonDocument::fromJson(o.readAll()).array();
        QCOMPARE(refs.size(), qsizetype(cases.size()));
        for (size_t k = 0; k < cases.size(); ++k) compare(cases[k], refs[int(k)].toObject());
    }

private:
    static void compare(Case& c, const QJsonObject& ref) {
        Mlp<float>& net = c.net;
        auto lossOf = [&](const Mat<float>& y, Mat<float>& g) {
            return c.loss == "bce" ? bceWithLogits<float>(y, c.T, g) : mse<float>(y, c.T, g);
        };
        Mat<float> g(32, 2);
        const Mat<float> y = net.forward(c.X);
        const double l = lossOf(y, g);
        const Mat<float> dX = net.backward(g, Grad::ParamsAndInput);
        double w = worst(y, ref["output"].toArray());
        w = std::max(w, std::abs(l - ref["loss"].toDouble()) / (1 + std::abs(ref["loss"].toDouble())));
        w = std::max(w, worst(dX, ref["dX"].toArray()));
        for (size_t i = 0; i < net.layers().size(); ++i) {
            w = std::max(w, worst(net.layers()[i].dW, ref["dW"].toArray()[int(i)].toArray()));
            w = std::max(w, worst(net.layers()[i].db, ref["db"].toArray()[int(i)].toArray()));
        }
        qInfo("%s, PyTorch %s: largest relative difference in outputs and gradients %.2g",
              qPrintable(c.loss), qPrintable(ref["torch_version"].toString()), w);
        QVERIFY(w < 1e-5);

        const Mat<float> W0 = net.layers()[0].W;
        Adam<float> a({0.01, 0.9, 0.999, 1e-8, c.weightDecay});
        Sgd<float> s({1.0, 0.9, c.weightDecay});
        for (int k = 0; k < kSteps; ++k) {
            lossOf(net.forward(c.X), g);
            net.backward(g);
            if (c.optimizer.startsWith("adam"))
                a.step(net.parameters());
            else
                s.step(net.parameters());
        }
        double after = 0;
        for (size_t i = 0; i < net.layers().size(); ++i) {
            after = std::max(after, worst(net.layers()[i].W, ref["W_after"].toArray()[int(i)].toArray()));
            after = std::max(after, worst(net.layers()[i].b, ref["b_after"].toArray()[int(i)].toArray()));
        }
        qInfo("after %d %s steps: largest relative difference in the parameters %.2g", kSteps,
              qPrintable(c.optimizer), after);
        QVERIFY(after < 1e-5);
        QVERIFY((net.layers()[0].W - W0).cwiseAbs().maxCoeff() > 1e-3); // the steps moved it
    }
};

QTEST_APPLESS_MAIN(TestNnTorch)
#include "test_nn_torch.moc"
