// The fused forward pass of DDPM's chain (core/ddpm_infer.h) against nn::Mlp::predict: random
// networks of odd widths, every activation, row counts around the 6-row tile, the first
// layer's bias given as a row (the chain's time part), strided inputs and outputs; a row's
// result does not depend on the rows around it; unsupported networks are refused.
#include "core/ddpm_infer.h"

#include <QTest>

#include <cmath>

using namespace latentlab::core;
using nn::Activation;

namespace {

nn::Mat<float> randomMat(int rows, int cols, Rng& rng, double scale) {
    nn::Mat<float> m(rows, cols);
    for (Eigen::Index j = 0; j < m.cols(); ++j)
        for (Eigen::Index i = 0; i < m.rows(); ++i) m(i, j) = float(scale * rng.normal());
    return m;
}

nn::Mlp<float> randomNet(int inputs, const std::vector<int>& hidden, int outputs, Activation f, Rng& rng) {
    auto net = nn::Mlp<float>::make(inputs, hidden, outputs, f, Activation::Identity, 0.2);
    net.initialise(nn::Init::TorchDefault, rng);
    for (auto& l : net.layers()) // nonzero biases, and pre-activations reaching the tails
        for (Eigen::Index c = 0; c < l.b.size(); ++c) l.b(c) = float(0.5 * rng.normal());
    return net;
}

// max |a − b| / (1 + |b|) over all elements
double maxError(const nn::Mat<float>& a, const nn::Mat<float>& b) {
    return ((a - b).array().abs() / (1.0f + b.array().abs())).maxCoeff();
}

} // namespace

class TestDdpmInfer : public QObject {
    Q_OBJECT
private slots:
    void matchesMlpPredict() {
        if (!FusedMlp::available()) QSKIP("this build has no AVX2/FMA kernel (the chain uses Eigen)");
        Rng rng(11);
        const Activation acts[] = {Activation::SiLU, Activation::ReLU, Activation::LeakyReLU,
                                   Activation::Tanh, Activation::Sigmoid, Activation::Identity};
        const std::vector<std::vector<int>> shapes = {{8}, {37, 128}, {128, 128, 128}, {17, 24, 9}};
        for (Activation f : acts)
            for (const auto& hidden : shapes)
                for (int inputs : {1, 2, 34})
                    for (int outputs : {1, 2, 21}) {
                        const nn::Mlp<float> net = randomNet(inputs, hidden, outputs, f, rng);
                        FusedMlp fused;
                        QVERIFY(fused.pack(net, inputs));
                        for (int rows : {1, 5, 7, 1000}) {
                            const nn::Mat<float> X = randomMat(rows, inputs, rng, 3.0);
                            const nn::Mat<float> want = net.predict(X);
                            nn::Mat<float> got(rows, outputs);
                            fused.forward(X.data(), 1, rows, rows, net.layers().front().b.data(), got.data(), 1,
                                          rows);
                            const double err = maxError(got, want);
                            if (!(err < 2e-5))
                                QFAIL(qPrintable(QString("%1 %2→…→%3, %4 rows: error %5")
                                                     .arg(QString::fromStdString(nn::activationName(f)))
                                                     .arg(inputs).arg(outputs).arg(rows).arg(err)));
                        }
                    }
    }

    // DDPM's use: the first `d` inputs from x (column-major, a block of a larger matrix), the
    // rest folded into the bias row; outputs into a column-major block.
    void foldedInputsAndStrides() {
        if (!FusedMlp::available()) QSKIP("this build has no AVX2/FMA kernel");
        Rng rng(12);
        const int d = 2, E = 32, n = 301;
        const nn::Mlp<float> net = randomNet(d + E, {128, 128, 128}, d, Activation::SiLU, rng);
        const nn::Mat<float> big = randomMat(n + 10, d, rng, 1.5), emb = randomMat(1, E, rng, 1.0);
        nn::Mat<float> in(n, d + E);
        in.leftCols(d) = big.middleRows(4, n);
        in.rightCols(E) = emb.replicate(n, 1);
        const nn::Mat<float> want = net.predict(in);
        FusedMlp fused;
        QVERIFY(fused.pack(net, d));
        QCOMPARE(fused.directInputs(), d);
        const auto& first = net.layers().front();
        const nn::RowVec<float> bias = emb * first.W.bottomRows(E) + first.b;
        nn::Mat<float> out = nn::Mat<float>::Zero(n + 3, d);
        fused.forward(big.data() + 4, 1, big.outerStride(), n, bias.data(), out.data() + 3, 1, out.outerStride());
        QVERIFY(out.topRows(3).isZero());
        QVERIFY(maxError(out.bottomRows(n), want) < 2e-5);
        // A row's result is the same whatever rows it is computed with (determinism of the chain).
        nn::Mat<float> one(1, d);
        for (int i : {0, 5, 6, 150, n - 1}) {
            fused.forward(big.data() + 4 + i, 1, big.outerStride(), 1, bias.data(), one.data(), 1, 1);
            QCOMPARE(one, nn::Mat<float>(out.row(3 + i)));
        }
    }

    void refusesWhatItCannotRun() {
        Rng rng(13);
        FusedMlp fused;
        const nn::Mlp<float> wide = randomNet(3, {FusedMlp::kMaxWidth + 1}, 2, Activation::ReLU, rng);
        QVERIFY(!fused.pack(wide, 3));
        QVERIFY(!fused.ok());
        const nn::Mlp<float> small = randomNet(3, {8}, 2, Activation::ReLU, rng);
        QVERIFY(!fused.pack(small, 0));
        QVERIFY(!fused.pack(small, 4));
        QCOMPARE(fused.pack(small, 3), FusedMlp::available());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, FusedMlp().forward(nullptr, 1, 1, 0, nullptr, nullptr, 1, 1));
    }
};

QTEST_APPLESS_MAIN(TestDdpmInfer)
#include "test_ddpm_infer.moc"
