// The neural-network core (core/nn_*): every layer, activation and loss against central finite
// differences in double; optimisers against their update rules computed by hand; initialisation
// statistics and determinism; network files (round trip, every kind of damage refused).
#include "core/nn_io.h"
#include "core/nn_loss.h"
#include "core/nn_optim.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>

using namespace latentlab::core;
using namespace latentlab::core::nn;

namespace {

Mat<double> randomMatrix(Rng& rng, Eigen::Index r, Eigen::Index c, double scale = 1.0) {
    Mat<double> m(r, c);
    for (Eigen::Index j = 0; j < c; ++j)
        for (Eigen::Index i = 0; i < r; ++i) m(i, j) = scale * rng.normal();
    return m;
}

/// Loss used by the gradient checks: ½ Σ (y ⊙ R) with a fixed random R, so every output
/// element carries a different weight.
double weightedSum(const Mat<double>& y, const Mat<double>& R) { return (y.array() * R.array()).sum(); }

double maxRelativeError(const Mat<double>& a, const Mat<double>& b) {
    double worst = 0;
    for (Eigen::Index i = 0; i < a.size(); ++i) {
        const double d = std::abs(a.data()[i] - b.data()[i]);
        worst = std::max(worst, d / std::max(1e-3, std::abs(a.data()[i]) + std::abs(b.data()[i])));
    }
    return worst;
}

/// Central differences of f around every element of `x` (modified and restored in place).
template <typename F> Mat<double> numericGradient(Mat<double>& x, F f, double h = 1e-6) {
    Mat<double> g(x.rows(), x.cols());
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        const double keep = x.data()[i];
        x.data()[i] = keep + h;
        const double up = f();
        x.data()[i] = keep - h;
        const double down = f();
        x.data()[i] = keep;
        g.data()[i] = (up - down) / (2 * h);
    }
    return g;
}

void writeBytes(const QString& path, const std::vector<char>& bytes) {
    std::ofstream f(path.toStdString(), std::ios::binary | std::ios::trunc);
    f.write(bytes.data(), std::streamsize(bytes.size()));
}

std::vector<char> readBytes(const QString& path) {
    std::ifstream f(path.toStdString(), std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}

} // namespace

class TestNn : public QObject {
    Q_OBJECT
private slots:
    void gradientsOfEveryActivation_data() {
        QTest::addColumn<int>("activation");
        for (Activation a : {Activation::Identity, Activation::ReLU, Activation::LeakyReLU,
                             Activation::Tanh, Activation::Sigmoid, Activation::SiLU})
            QTest::newRow(activationName(a).c_str()) << int(a);
    }
    void gradientsOfEveryActivation() {
        QFETCH(int, activation);
        Rng rng(7);
        const auto act = Activation(activation);
        Mlp<double> net({{3, 5, act, 0.2}, {5, 4, act, 0.2}, {4, 2, Activation::Identity}});
        net.initialise(Init::Xavier, rng);
        for (auto& l : net.layers()) l.b = randomMatrix(rng, 1, l.b.size(), 0.3);
        Mat<double> X = randomMatrix(rng, 6, 3);
        const Mat<double> R = randomMatrix(rng, 6, 2);
        auto loss = [&] { return weightedSum(net.predict(X), R); };

        net.forward(X);
        const Mat<double> dX = net.backward(R, Grad::ParamsAndInput);
        QVERIFY(maxRelativeError(dX, numericGradient(X, loss)) < 1e-6);
        for (auto& l : net.layers()) {
            const Mat<double> dW = l.dW, db = l.db;
            QVERIFY2(maxRelativeError(dW, numericGradient(l.W, loss)) < 1e-6, "dW");
            Mat<double> b = l.b;
            auto lossB = [&] {
                l.b = b;
                return loss();
            };
            QVERIFY2(maxRelativeError(db, numericGradient(b, lossB)) < 1e-6, "db");
            l.b = b;
        }
    }

    void gradModesComputeOnlyWhatIsAsked() {
        Rng rng(1);
        Mlp<double> net = Mlp<double>::make(2, {8}, 1, Activation::Tanh);
        net.initialise(Init::He, rng);
        const Mat<double> X = randomMatrix(rng, 4, 2), R = randomMatrix(rng, 4, 1);
        net.forward(X);
        const Mat<double> full = net.backward(R, Grad::ParamsAndInput);
        const Mat<double> dW0 = net.layers()[0].dW;
        for (auto& l : net.layers()) l.dW.setConstant(42);
        net.forward(X);
        const Mat<double> inputOnly = net.backward(R, Grad::InputOnly);
        QCOMPARE(inputOnly, full);
        QVERIFY((net.layers()[0].dW.array() == 42).all()); // parameters' gradients untouched
        net.forward(X);
        QCOMPARE(net.backward(R, Grad::ParamsOnly).size(), Eigen::Index(0));
        QCOMPARE(net.layers()[0].dW, dW0);
    }

    void floatAgreesWithDouble() {
        Rng rng(3);
        Mlp<double> d = Mlp<double>::make(2, {64, 64}, 1, Activation::LeakyReLU);
        d.initialise(Init::He, rng);
        Mlp<float> f = Mlp<float>::make(2, {64, 64}, 1, Activation::LeakyReLU);
        for (size_t i = 0; i < d.layers().size(); ++i) {
            f.layers()[i].W = d.layers()[i].W.cast<float>();
            f.layers()[i].b = d.layers()[i].b.cast<float>();
        }
        const Mat<double> X = randomMatrix(rng, 256, 2);
        const Mat<float> Xf = X.cast<float>();
        QVERIFY((f.forward(Xf).cast<double>() - d.forward(X)).cwiseAbs().maxCoeff() < 1e-4);
    }

    void lossesMatchTheirDefinitionsAndGradients() {
        Rng rng(5);
        Mat<double> z = randomMatrix(rng, 7, 3, 4.0), g(7, 3), t(7, 3);
        for (Eigen::Index i = 0; i < t.size(); ++i) t.data()[i] = rng.uniform();
        // Binary cross-entropy, written the naive way as −y log σ − (1 − y) log(1 − σ).
        double naive = 0;
        for (Eigen::Index i = 0; i < z.size(); ++i) {
            const double s = 1 / (1 + std::exp(-z.data()[i])), y = t.data()[i];
            naive += -y * std::log(s) - (1 - y) * std::log(1 - s);
        }
        QVERIFY(std::abs(bceWithLogits<double>(z, t, g) - naive / 21) < 1e-12);
        Mat<double> scratch(7, 3);
        auto bce = [&] { return bceWithLogits<double>(z, t, scratch); };
        bceWithLogits<double>(z, t, g);
        QVERIFY(maxRelativeError(g, numericGradient(z, bce, 1e-4)) < 1e-7);
        auto bce1 = [&] { return bceWithLogits<double>(z, 1.0, scratch, -0.5); };
        bceWithLogits<double>(z, 1.0, g, -0.5);
        QVERIFY(maxRelativeError(g, numericGradient(z, bce1, 1e-4)) < 1e-7);
        // Stable for huge logits: log(1 + e^{-1000}) = 0, not inf − inf.
        Mat<double> big(1, 2);
        big << 1000, -1000;
        Mat<double> gb(1, 2);
        QCOMPARE(bceWithLogits<double>(big, 1.0, gb), 500.0); // (0 + 1000) / 2
        QVERIFY(gb.allFinite());

        auto m = [&] { return mse<double>(z, t, scratch, 3.0); };
        QVERIFY(std::abs(mse<double>(z, t, g, 3.0) - 3.0 * (z - t).squaredNorm() / 21) < 1e-12);
        QVERIFY(maxRelativeError(g, numericGradient(z, m, 1e-4)) < 1e-7);
        auto mc = [&] { return mse<double>(z, 1.0, scratch, 0.5); };
        mse<double>(z, 1.0, g, 0.5);
        QVERIFY(maxRelativeError(g, numericGradient(z, mc, 1e-4)) < 1e-7);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, bceWithLogits<double>(z, 1.5, g));
        Mat<double> wrong(2, 2);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, mse<double>(z, t, wrong));
    }

    void sgdWithMomentumFollowsPyTorchsRule() {
        std::vector<double> p = {1.0, -2.0}, g = {0.5, 0.25};
        Sgd<double> sgd({0.1, 0.9, 0.01});
        std::vector<ParamRef<double>> params = {{p.data(), g.data(), 2}};
        sgd.step(params); // buf = g + λp
        const double b0 = 0.5 + 0.01 * 1.0;
        QVERIFY(std::abs(p[0] - (1.0 - 0.1 * b0)) < 1e-15);
        const double p1 = p[0];
        sgd.step(params); // buf = μ buf + g + λp
        const double b1 = 0.9 * b0 + 0.5 + 0.01 * p1;
        QVERIFY(std::abs(p[0] - (p1 - 0.1 * b1)) < 1e-15);
    }

    void adamFollowsAlgorithm1WithBiasCorrection() {
        std::vector<double> p = {1.0, -2.0, 0.0}, g = {0.5, -1e-3, 0.0};
        Adam<double> adam({0.01, 0.9, 0.999, 1e-8, 0.0});
        std::vector<ParamRef<double>> params = {{p.data(), g.data(), 3}};
        double m = 0, v = 0, ref = 1.0;
        for (int t = 1; t <= 5; ++t) {
            g[0] = 0.5 / t; // a changing gradient, so the moments matter
            adam.step(params);
            m = 0.9 * m + 0.1 * g[0];
            v = 0.999 * v + 0.001 * g[0] * g[0];
            const double mh = m / (1 - std::pow(0.9, t)), vh = v / (1 - std::pow(0.999, t));
            ref -= 0.01 * mh / (std::sqrt(vh) + 1e-8);
            QVERIFY(std::abs(p[0] - ref) < 1e-14);
        }
        // The first step moves every parameter by about lr whatever the gradient's size.
        QVERIFY(std::abs(p[1] - (-2.0 + 5 * 0.01)) < 1e-6);
        QCOMPARE(p[2], 0.0);
        std::vector<double> q(4), gq(4);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, adam.step({{q.data(), gq.data(), 4}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Adam<double>({-1.0}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Sgd<double>({0.1, 1.0}));
    }

    void adamTrainsAnMlpOnXor() {
        Rng rng(11);
        Mlp<float> net = Mlp<float>::make(2, {16}, 1, Activation::Tanh);
        net.initialise(Init::Xavier, rng);
        Mat<float> X(4, 2), y(4, 1), grad(4, 1);
        X << 0, 0, 0, 1, 1, 0, 1, 1;
        y << 0, 1, 1, 0;
        Adam<float> adam({0.05});
        double first = 0, last = 0;
        for (int i = 0; i < 300; ++i) {
            const double l = bceWithLogits<float>(net.forward(X), y, grad);
            if (i == 0) first = l;
            last = l;
            net.backward(grad);
            adam.step(net.parameters());
        }
        QVERIFY2(first > 0.5 && last < 0.05, qPrintable(QString("%1 → %2").arg(first).arg(last)));
    }

    void initialisationIsSeededAndScaled() {
        Rng a(99), b(99);
        Mlp<float> n1 = Mlp<float>::make(400, {300}, 1, Activation::ReLU);
        Mlp<float> n2 = n1;
        n1.initialise(Init::He, a);
        n2.initialise(Init::He, b);
        QCOMPARE(n1.layers()[0].W, n2.layers()[0].W);
        const auto& W = n1.layers()[0].W;
        const double sd = std::sqrt(W.cast<double>().squaredNorm() / double(W.size()));
        QVERIFY(std::abs(sd - std::sqrt(2.0 / 400)) < 0.01 * std::sqrt(2.0 / 400) * 3);
        n1.initialise(Init::Xavier, a);
        const double bound = std::sqrt(6.0 / 700);
        QVERIFY(n1.layers()[0].W.cwiseAbs().maxCoeff() <= bound);
        QVERIFY(n1.layers()[0].W.cwiseAbs().maxCoeff() > 0.99 * bound);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Mlp<float>({{2, 3}, {4, 1}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Mlp<float>(std::vector<LayerSpec>{}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, activationFromName("relu6"));
        QCOMPARE(activationFromName("leaky-relu"), Activation::LeakyReLU);
    }

    void networkFilesRoundTripAndRefuseDamage() {
        QTemporaryDir dir;
        Rng rng(2);
        NetworkFile file;
        file.description = "latentlab run gan --seed 2";
        file.networks.emplace_back("generator", Mlp<float>::make(2, {8, 8}, 2, Activation::SiLU));
        file.networks.emplace_back("discriminator", Mlp<float>::make(2, {8}, 1, Activation::LeakyReLU));
        for (auto& [name, net] : file.networks) net.initialise(Init::TorchDefault, rng);
        const QString path = dir.filePath("gan.llnet");
        saveNetworks(path.toStdString(), file);
        const NetworkFile back = loadNetworks(path.toStdString());
        QCOMPARE(back.description, file.description);
        QCOMPARE(back.networks.size(), size_t(2));
        const auto& d = back.network("discriminator");
        QCOMPARE(d.layers()[0].spec().activation, Activation::LeakyReLU);
        QCOMPARE(d.layers()[0].spec().negativeSlope, 0.2);
        for (size_t i = 0; i < 3; ++i) {
            QCOMPARE(back.networks[0].second.layers()[i].W, file.networks[0].second.layers()[i].W);
            QCOMPARE(back.networks[0].second.layers()[i].b, file.networks[0].second.layers()[i].b);
        }
        QVERIFY_THROWS_EXCEPTION(DataError, back.network("critic"));

        const std::vector<char> good = readBytes(path);
        const QString bad = dir.filePath("bad.llnet");
        auto refused = [&](std::vector<char> bytes, const char* expected) {
            writeBytes(bad, bytes);
            try {
                loadNetworks(bad.toStdString());
            } catch (const DataError& e) {
                const std::string msg = e.what();
                return msg.find("bad.llnet") != std::string::npos && msg.find(expected) != std::string::npos;
            }
            return false;
        };
        std::vector<char> b = good;
        b[40] ^= 1;
        QVERIFY(refused(b, "checksum"));
        QVERIFY(refused({good.begin(), good.end() - 5}, "truncated"));
        b = good;
        b.push_back(0);
        QVERIFY(refused(b, "extra data"));
        b = good;
        b[0] = 'X';
        QVERIFY(refused(b, "not a LatentLab network file"));
        b = good;
        b[8] = 9;
        QVERIFY(refused(b, "version 9"));
        QVERIFY(refused({}, "not a LatentLab network file"));
        QVERIFY_THROWS_EXCEPTION(DataError, loadNetworks(dir.filePath("missing").toStdString()));
        file.networks[0].second.layers()[0].W(0, 0) = NAN;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, saveNetworks(path.toStdString(), file));
    }
};

QTEST_APPLESS_MAIN(TestNn)
#include "test_nn.moc"
