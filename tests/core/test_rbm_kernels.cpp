// The batched RBM kernels against plain definitions: the float tile product of core/rbm_gemm.h
// against a double-precision sum, and one CD-k / PCD-k update (core/rbm_kernels.h) against a
// straightforward double-precision implementation of the same update with the same
// counter-based random numbers, on shapes that are not multiples of the tile sizes.
#include "core/rbm_gemm.h"
#include "core/rbm_kernels.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace latentlab::core;
using namespace latentlab::core::rbm;

namespace {

using MatD = Eigen::MatrixXd;

MatD sigmoid(const MatD& x) { return (1.0 + (-x.array()).exp()).inverse().matrix(); }

/// Bernoulli sample of p (rows × cols) with counter r·cols + c of key, as the kernels draw it.
MatD sample(const MatD& p, uint64_t key) {
    MatD s(p.rows(), p.cols());
    for (Eigen::Index r = 0; r < p.rows(); ++r)
        for (Eigen::Index c = 0; c < p.cols(); ++c)
            s(r, c) = counterUniform(key, static_cast<uint32_t>(r * p.cols() + c)) < static_cast<float>(p(r, c)) ? 1 : 0;
    return s;
}

// The purposes of the streams inside one update (rbm_kernels.cpp): h₀, the PCD chains' first
// hidden states, then 2t for the visible and 2t + 1 for the hidden states of Gibbs step t.
constexpr uint64_t kHidden0 = 0, kChainHidden = 1, kStepBase = 2;

struct Reference {
    MatD W, vW;
    Eigen::VectorXd a, b, va, vb;
    MatD chains;
    double reconstructionError = 0;
};

/// One CD-k (chains empty) or PCD-k update as documented in core/rbm_kernels.h, in double.
Reference referenceUpdate(const RbmWeights& theta, const RbmWeights& vel, const MatD& v0, const MatD& chains,
                          const CdSettings& st, uint64_t key) {
    const Eigen::Index B = v0.rows();
    const bool persistent = chains.size() > 0;
    const MatD W = theta.W.cast<double>();
    const Eigen::VectorXd a = theta.a.cast<double>(), b = theta.b.cast<double>();
    const auto hidden = [&](const MatD& v) { return sigmoid((v * W).rowwise() + b.transpose()); };
    const auto visible = [&](const MatD& h) { return sigmoid((h * W.transpose()).rowwise() + a.transpose()); };
    const bool samples = st.statistics == Statistics::Samples;
    Reference out;
    const MatD p0 = hidden(v0), h0 = sample(p0, streamKey(key, 0, kHidden0));
    MatD h = h0, v = chains, pk;
    if (persistent) {
        h = sample(hidden(chains), streamKey(key, 0, kChainHidden));
        out.reconstructionError = (v0 - visible(h0)).squaredNorm();
    }
    for (int t = 1; t <= st.k; ++t) {
        const MatD pv = visible(h);
        if (t == 1 && !persistent) out.reconstructionError = (v0 - pv).squaredNorm();
        v = sample(pv, streamKey(key, t, kStepBase));
        pk = hidden(v);
        if (t < st.k || samples) h = sample(pk, streamKey(key, t, kStepBase + 1));
    }
    out.reconstructionError /= static_cast<double>(B * v0.cols());
    const MatD& tData = samples ? h0 : p0;
    const MatD& tModel = samples ? h : pk;
    const double C = static_cast<double>(v.rows());
    const MatD gW = v0.transpose() * tData / B - v.transpose() * tModel / C;
    const Eigen::VectorXd ga = v0.colwise().mean().transpose() - v.colwise().mean().transpose();
    const Eigen::VectorXd gb = tData.colwise().mean().transpose() - tModel.colwise().mean().transpose();
    out.vW = st.momentum * vel.W.cast<double>() + st.learningRate * (gW - st.weightDecay * W);
    out.va = st.momentum * vel.a.cast<double>() + st.learningRate * ga;
    out.vb = st.momentum * vel.b.cast<double>() + st.learningRate * gb;
    out.W = W + out.vW;
    out.a = a + out.va;
    out.b = b + out.vb;
    out.chains = v;
    return out;
}

} // namespace

class TestRbmKernels : public QObject {
    Q_OBJECT
private slots:
    void tileMatchesDoubleProduct();
    void updateMatchesReference_data();
    void updateMatchesReference();
    void packPanelsTransposes();
    void keptPanelsMatchRepacking_data();
    void keptPanelsMatchRepacking();
};

void TestRbmKernels::tileMatchesDoubleProduct() {
    std::mt19937 gen(5);
    std::uniform_real_distribution<float> u(-1, 1);
    for (int mr = 1; mr <= kTileRows; ++mr)
        for (int K : {1, 7, 64}) {
            // A with rows strided by 3K + 1 and columns by 2; B rows of 20 floats.
            const ptrdiff_t ars = 3 * K + 1, acs = 2, ldb = 20;
            std::vector<float> A(static_cast<size_t>(mr * ars + 2 * K)), Bm(static_cast<size_t>(K * ldb));
            for (float& x : A) x = u(gen);
            for (float& x : Bm) x = u(gen);
            float acc[kTileRows * kTileCols];
            gemmTile(mr, A.data(), ars, acs, Bm.data(), ldb, K, acc);
            for (int r = 0; r < mr; ++r)
                for (int c = 0; c < kTileCols; ++c) {
                    double s = 0;
                    for (int k = 0; k < K; ++k) s += double(A[static_cast<size_t>(r * ars + k * acs)]) * Bm[static_cast<size_t>(k * ldb + c)];
                    QVERIFY2(std::abs(acc[r * kTileCols + c] - s) < 1e-5 * (1 + K), qPrintable(QString("mr %1 K %2 r %3 c %4").arg(mr).arg(K).arg(r).arg(c)));
                }
        }
}

void TestRbmKernels::updateMatchesReference_data() {
    QTest::addColumn<int>("V");
    QTest::addColumn<int>("H");
    QTest::addColumn<int>("B");
    QTest::addColumn<int>("C"); // 0: CD
    QTest::addColumn<int>("k");
    QTest::addColumn<bool>("samples");
    QTest::newRow("CD-1 20x7 batch 5") << 20 << 7 << 5 << 0 << 1 << false;
    QTest::newRow("CD-1 64x40 batch 33") << 64 << 40 << 33 << 0 << 1 << false;
    QTest::newRow("CD-2 samples 37x30 batch 19") << 37 << 30 << 19 << 0 << 2 << true;
    QTest::newRow("PCD-1 50x26 batch 17, 9 chains") << 50 << 26 << 17 << 9 << 1 << false;
    QTest::newRow("PCD-3 samples 16x6 batch 16, 20 chains") << 16 << 6 << 16 << 20 << 3 << true;
}

void TestRbmKernels::updateMatchesReference() {
    QFETCH(int, V);
    QFETCH(int, H);
    QFETCH(int, B);
    QFETCH(int, C);
    QFETCH(int, k);
    QFETCH(bool, samples);
    std::mt19937 gen(11);
    std::normal_distribution<float> n01(0, 1);
    std::uniform_real_distribution<float> u(0, 1);
    RbmWeights theta = RbmWeights::zero(V, H), vel = RbmWeights::zero(V, H);
    for (Eigen::Index i = 0; i < theta.W.size(); ++i) theta.W.data()[i] = 0.3f * n01(gen);
    for (Eigen::Index i = 0; i < V; ++i) theta.a(i) = 0.2f * n01(gen), vel.a(i) = 0.01f * n01(gen);
    for (Eigen::Index j = 0; j < H; ++j) theta.b(j) = 0.2f * n01(gen), vel.b(j) = 0.01f * n01(gen);
    for (Eigen::Index i = 0; i < vel.W.size(); ++i) vel.W.data()[i] = 0.01f * n01(gen);
    RowMatrix batch(B, V), chains(C, V);
    for (Eigen::Index i = 0; i < batch.size(); ++i) batch.data()[i] = u(gen) < 0.3f ? 0.0f : u(gen);
    for (Eigen::Index i = 0; i < chains.size(); ++i) chains.data()[i] = u(gen) < 0.5f ? 0.0f : 1.0f;
    CdSettings st;
    st.k = k;
    st.statistics = samples ? Statistics::Samples : Statistics::Probabilities;
    st.learningRate = 0.1;
    st.momentum = 0.5;
    st.weightDecay = 1e-3;
    const uint64_t key = 12345;
    const Reference ref = referenceUpdate(theta, vel, batch.cast<double>(), chains.cast<double>(), st, key);

    RbmWeights results[2];
    RowMatrix chainResults[2];
    for (int threads : {1, 2}) {
        RbmWeights t = theta, v = vel;
        RowMatrix ch = chains;
        CdBuffers buf;
        WorkTeam team(threads);
        const CdResult res = cdUpdate(t, v, batch.data(), B, C ? &ch : nullptr, st, key, buf, team);
        QVERIFY(res.finite);
        QVERIFY(std::abs(res.reconstructionError - ref.reconstructionError) < 1e-5 * ref.reconstructionError);
        QVERIFY((t.W.cast<double>() - ref.W).cwiseAbs().maxCoeff() < 1e-5);
        QVERIFY((v.W.cast<double>() - ref.vW).cwiseAbs().maxCoeff() < 1e-5);
        QVERIFY((t.a.cast<double>() - ref.a).cwiseAbs().maxCoeff() < 1e-5);
        QVERIFY((t.b.cast<double>() - ref.b).cwiseAbs().maxCoeff() < 1e-5);
        QVERIFY((v.b.cast<double>() - ref.vb).cwiseAbs().maxCoeff() < 1e-5);
        if (C) QCOMPARE(ch.cast<double>(), ref.chains);
        int64_t counted = 0;
        for (int64_t c : res.histogram) counted += c;
        QCOMPARE(counted, int64_t{B} * H);
        results[threads - 1] = t;
        chainResults[threads - 1] = ch;
    }
    QVERIFY(results[0].W == results[1].W); // bit-identical for any thread count
    QVERIFY(results[0].b == results[1].b);
}

void TestRbmKernels::packPanelsTransposes() {
    std::mt19937 gen(3);
    std::uniform_real_distribution<float> u(-1, 1);
    for (int V : {5, 16, 37, 64})
        for (int n : {1, 16, 33}) {
            const ptrdiff_t ldx = V + 3;
            std::vector<float> X(static_cast<size_t>(n * ldx));
            for (float& x : X) x = u(gen);
            const int panels = (n + kTileCols - 1) / kTileCols;
            std::vector<float> P(static_cast<size_t>(panels * V * kTileCols), -7.0f);
            packPanels(X.data(), ldx, n, V, P.data());
            for (int p = 0; p < panels; ++p)
                for (int i = 0; i < V; ++i)
                    for (int c = 0; c < kTileCols; ++c) {
                        const int row = p * kTileCols + c;
                        const float want = row < n ? X[static_cast<size_t>(row * ldx + i)] : 0.0f;
                        QVERIFY2(P[static_cast<size_t>((p * V + i) * kTileCols + c)] == want,
                                 qPrintable(QString("V %1 n %2 p %3 i %4 c %5").arg(V).arg(n).arg(p).arg(i).arg(c)));
                    }
        }
}

void TestRbmKernels::keptPanelsMatchRepacking_data() {
    QTest::addColumn<int>("V");
    QTest::addColumn<int>("H");
    QTest::addColumn<int>("C"); // 0: CD
    QTest::newRow("CD-1 37x30") << 37 << 30 << 0;
    QTest::newRow("CD-1 48x52") << 48 << 52 << 0;
    QTest::newRow("PCD-1 50x26, 9 chains") << 50 << 26 << 9;
}

// The update keeps W packed for the next update (CdBuffers::Wp): updates with one set of buffers
// must give the same bits as updates that each start from fresh buffers (and repack W), for one
// and two threads; a W changed in place needs invalidate().
void TestRbmKernels::keptPanelsMatchRepacking() {
    QFETCH(int, V);
    QFETCH(int, H);
    QFETCH(int, C);
    const int B = 33;
    std::mt19937 gen(17);
    std::normal_distribution<float> n01(0, 1);
    std::uniform_real_distribution<float> u(0, 1);
    RbmWeights theta = RbmWeights::zero(V, H), vel = RbmWeights::zero(V, H);
    for (Eigen::Index i = 0; i < theta.W.size(); ++i) theta.W.data()[i] = 0.3f * n01(gen);
    RowMatrix batches(3 * B, V), chains(C, V);
    for (Eigen::Index i = 0; i < batches.size(); ++i) batches.data()[i] = u(gen) < 0.3f ? 0.0f : u(gen);
    for (Eigen::Index i = 0; i < chains.size(); ++i) chains.data()[i] = u(gen) < 0.5f ? 0.0f : 1.0f;
    CdSettings st;
    RbmWeights fresh = theta, freshVel = vel;
    RowMatrix freshChains = chains;
    {
        WorkTeam team(1);
        for (int t = 0; t < 3; ++t) {
            CdBuffers buf;
            QVERIFY(cdUpdate(fresh, freshVel, batches.data() + t * B * V, B, C ? &freshChains : nullptr, st,
                             100 + static_cast<uint64_t>(t), buf, team).finite);
        }
    }
    for (int threads : {1, 2}) {
        RbmWeights t = theta, v = vel;
        RowMatrix ch = chains;
        CdBuffers buf;
        WorkTeam team(threads);
        for (int step = 0; step < 3; ++step)
            QVERIFY(cdUpdate(t, v, batches.data() + step * B * V, B, C ? &ch : nullptr, st,
                             100 + static_cast<uint64_t>(step), buf, team).finite);
        QVERIFY(t.W == fresh.W);
        QVERIFY(v.W == freshVel.W);
        QVERIFY(t.a == fresh.a && t.b == fresh.b);
        if (C) QVERIFY(ch == freshChains);
        // W changed in place (same storage): after invalidate() the update sees the new W.
        RbmWeights t2 = t, v2 = v;
        CdBuffers fresh2;
        const float* storage = t.W.data();
        t.W *= 0.5f;
        t2.W *= 0.5f;
        QCOMPARE(t.W.data(), storage);
        buf.invalidate();
        RowMatrix ch2 = ch;
        QVERIFY(cdUpdate(t, v, batches.data(), B, C ? &ch : nullptr, st, 7, buf, team).finite);
        QVERIFY(cdUpdate(t2, v2, batches.data(), B, C ? &ch2 : nullptr, st, 7, fresh2, team).finite);
        QVERIFY(t.W == t2.W);
    }
}

QTEST_GUILESS_MAIN(TestRbmKernels)
#include "test_rbm_kernels.moc"
