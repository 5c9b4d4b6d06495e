// The fast pieces under the exact PCA: the symmetric eigensolver with parallel rotations
// (against Eigen's SelfAdjointEigenSolver, on easy, degenerate and badly scaled matrices), the
// scatter matrix in double and in float (against a plain double sum, at tile edges), both
// bit-identical for any thread count, and the mixed-precision PCA against the double one —
// on Fashion-MNIST's test set when dataset-fashion-mnist is installed.
#include "core/datasets.h"
#include "core/pca_exact.h"
#include "core/rng.h"
#include "core/scatter_matrix.h"
#include "core/symmetric_eigen.h"

#include <Eigen/Eigenvalues>
#include <QtTest>

#include <cmath>

using namespace latentlab::core;

namespace {

Eigen::MatrixXd randomSymmetric(int d, uint64_t seed, bool spd) {
    Rng rng(seed);
    Eigen::MatrixXd B(d + (spd ? 7 : 0), d);
    for (Eigen::Index i = 0; i < B.size(); ++i)
        B.data()[i] = rng.uniform(-1, 1);
    if (spd) return B.transpose() * B;
    Eigen::MatrixXd S = B + B.transpose();
    return S;
}

Matrix randomData(int n, int d, uint64_t seed) {
    Rng rng(seed);
    Matrix X(n, d);
    for (int j = 0; j < d; ++j)
        for (int i = 0; i < n; ++i)
            X(i, j) = static_cast<float>(rng.uniform() * (1 + j % 3) + (j % 5 == 0 ? 100 : 0));
    return X;
}

bool identical(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() && (a.array() == b.array()).all();
}

/// scikit-learn's tolerance of tests/core/test_pca.cpp (agreesWithScikitLearn): every λ within
/// 1e-4 relative + 1e-10 λ₁; separated components within 1e-4. Returns "" or what failed.
QString compareLikeSklearn(const PcaResult& r, const PcaResult& ref) {
    const Eigen::VectorXd& l = ref.explainedVariance;
    for (Eigen::Index i = 0; i < l.size(); ++i) {
        if (std::abs(r.explainedVariance[i] - l[i]) > 1e-4 * l[i] + 1e-10 * l[0])
            return QString("λ%1: %2 vs %3").arg(i + 1).arg(r.explainedVariance[i], 0, 'g', 12).arg(l[i], 0, 'g', 12);
        const double gap = std::min(i > 0 ? l[i - 1] - l[i] : INFINITY, i + 1 < l.size() ? l[i] - l[i + 1] : INFINITY);
        if (l[i] < 1e-6 * l[0] || gap < 1e-3 * l[0]) continue;
        const float c = (r.components.col(i) - ref.components.col(i)).cwiseAbs().maxCoeff();
        if (c > 1e-4f) return QString("component %1 differs by %2").arg(i + 1).arg(c);
    }
    return {};
}

} // namespace

class TestPcaNumerics : public QObject {
    Q_OBJECT
private slots:
    void eigenMatchesEigen_data();
    void eigenMatchesEigen();
    void eigenSameForAnyThreadCount();
    void eigenRejectsBadInput();
    void scatterMatchesPlainSum_data();
    void scatterMatchesPlainSum();
    void scatterSameForAnyThreadCount();
    void mixedPcaOnDigits();
    void mixedPcaOnFashionMnist();
};

void TestPcaNumerics::eigenMatchesEigen_data() {
    QTest::addColumn<Eigen::MatrixXd>("A");
    QTest::newRow("1x1") << Eigen::MatrixXd(Eigen::MatrixXd::Constant(1, 1, -3.5));
    QTest::newRow("2x2 tiny coupling") << Eigen::MatrixXd{{1, 1e-300}, {1e-300, 1}};
    QTest::newRow("zero 5x5") << Eigen::MatrixXd(Eigen::MatrixXd::Zero(5, 5));
    QTest::newRow("identity 40") << Eigen::MatrixXd(Eigen::MatrixXd::Identity(40, 40));
    Eigen::MatrixXd diag = Eigen::MatrixXd::Zero(30, 30);
    for (int i = 0; i < 30; ++i) diag(i, i) = i % 4; // four eigenvalues, repeated
    QTest::newRow("repeated diagonal") << diag;
    QTest::newRow("spd 50") << randomSymmetric(50, 1, true);
    QTest::newRow("indefinite 97") << randomSymmetric(97, 2, false);
    QTest::newRow("spd 300") << randomSymmetric(300, 3, true);
    QTest::newRow("huge entries") << Eigen::MatrixXd(randomSymmetric(20, 4, false) * 1e200);
    QTest::newRow("tiny entries") << Eigen::MatrixXd(randomSymmetric(20, 5, true) * 1e-200);
    Eigen::MatrixXd S;
    fitPca(loadDataset("digits", {}, 0).X, {}, &S); // rank-deficient: constant pixels
    QTest::newRow("digits covariance") << S;
}

// Same eigenvalues as Eigen (descending), A V = V Λ and VᵀV = I to rounding.
void TestPcaNumerics::eigenMatchesEigen() {
    QFETCH(Eigen::MatrixXd, A);
    const SymmetricEigenResult r = symmetricEigen(A);
    const Eigen::Index d = A.rows();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> ref(A);
    const double norm = std::max(A.cwiseAbs().maxCoeff(), std::numeric_limits<double>::min());
    const double tol = 1e-13 * static_cast<double>(d) * norm;
    QCOMPARE(r.values.size(), d);
    for (Eigen::Index i = 0; i + 1 < d; ++i)
        QVERIFY(r.values[i] >= r.values[i + 1]);
    QVERIFY((r.values - ref.eigenvalues().reverse()).cwiseAbs().maxCoeff() <= tol);
    QVERIFY((A * r.vectors - r.vectors * r.values.asDiagonal()).cwiseAbs().maxCoeff() <= tol);
    QVERIFY((r.vectors.transpose() * r.vectors - Eigen::MatrixXd::Identity(d, d)).cwiseAbs().maxCoeff() <=
            1e-13 * static_cast<double>(d));
}

void TestPcaNumerics::eigenSameForAnyThreadCount() {
    const Eigen::MatrixXd A = randomSymmetric(260, 9, true);
    const SymmetricEigenResult one = symmetricEigen(A, 1);
    for (int threads : {2, 3}) {
        const SymmetricEigenResult r = symmetricEigen(A, threads);
        QVERIFY(identical(r.vectors, one.vectors));
        QVERIFY(identical(r.values, one.values));
    }
}

void TestPcaNumerics::eigenRejectsBadInput() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, symmetricEigen(Eigen::MatrixXd::Zero(3, 4)));
    Eigen::MatrixXd A = Eigen::MatrixXd::Identity(3, 3);
    A(2, 1) = NAN;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, symmetricEigen(A));
    QCOMPARE(symmetricEigen(Eigen::MatrixXd(0, 0)).values.size(), Eigen::Index{0});
}

void TestPcaNumerics::scatterMatchesPlainSum_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("d");
    // Feature counts around the kernel's 16-feature panels and 6-column tiles; row counts
    // around its 64-row blocks.
    for (int d : {1, 5, 6, 16, 17, 37, 100})
        for (int n : {1, 63, 1000})
            QTest::newRow(qPrintable(QString("%1 x %2").arg(n).arg(d))) << n << d;
}

void TestPcaNumerics::scatterMatchesPlainSum() {
    QFETCH(int, n);
    QFETCH(int, d);
    const Matrix X = randomData(n, d, uint64_t(n * 1000 + d));
    const Eigen::RowVectorXd mean = X.cast<double>().colwise().mean();
    Eigen::RowVectorXd scale(d);
    for (int j = 0; j < d; ++j) scale[j] = 0.5 + j % 3;
    const Eigen::MatrixXd Z = (X.cast<double>().rowwise() - mean).array().rowwise() / scale.array();
    const Eigen::MatrixXd plain = Z.transpose() * Z;
    const double size = std::max(1.0, plain.diagonal().maxCoeff());
    for (ScatterPrecision p : {ScatterPrecision::Double, ScatterPrecision::Float}) {
        const Eigen::MatrixXd S = scatterMatrix(X, mean, scale, p);
        QCOMPARE(S.rows(), Eigen::Index{d});
        const double err = (S - plain).triangularView<Eigen::Lower>().toDenseMatrix().cwiseAbs().maxCoeff();
        // Float: z itself is rounded to float (|x| up to 103 here), then ≤ 64-term float sums.
        QVERIFY2(err <= (p == ScatterPrecision::Double ? 1e-12 : 2e-6) * size,
                 qPrintable(QString("precision %1: error %2 of %3").arg(int(p)).arg(err).arg(size)));
    }
}

// Enough rows for several parts: 1, 2 and 3 threads give the same bits, in both precisions.
void TestPcaNumerics::scatterSameForAnyThreadCount() {
    const Matrix X = randomData(20000, 23, 7);
    const Eigen::RowVectorXd mean = X.cast<double>().colwise().mean(), scale = Eigen::RowVectorXd::Ones(23);
    for (ScatterPrecision p : {ScatterPrecision::Double, ScatterPrecision::Float}) {
        const Eigen::MatrixXd one = scatterMatrix(X, mean, scale, p, 1);
        QVERIFY(identical(scatterMatrix(X, mean, scale, p, 2), one));
        QVERIFY(identical(scatterMatrix(X, mean, scale, p, 3), one));
    }
    PcaOptions o;
    o.precision = PcaPrecision::Mixed;
    o.threads = 1;
    const PcaResult a = fitPca(X, o);
    o.threads = 2;
    const PcaResult b = fitPca(X, o);
    QVERIFY(identical(a.explainedVariance, b.explainedVariance));
    QVERIFY((a.components.array() == b.components.array()).all());
}

// Digits has exactly constant pixels (zero eigenvalues): float products keep them exactly 0,
// and the rest within scikit-learn's tolerance of the double PCA.
void TestPcaNumerics::mixedPcaOnDigits() {
    const Dataset digits = loadDataset("digits", {}, 0);
    for (bool standardize : {false, true}) {
        PcaOptions o;
        o.standardize = standardize;
        o.precision = PcaPrecision::Double;
        const PcaResult ref = fitPca(digits.X, o);
        o.precision = PcaPrecision::Mixed;
        const PcaResult r = fitPca(digits.X, o);
        const QString e = compareLikeSklearn(r, ref);
        QVERIFY2(e.isEmpty(), qPrintable(e));
        QCOMPARE(r.totalVariance > 0, true);
    }
}

// 10 000 × 784: Auto chooses float products (N·d² = 6·10⁹) and stays within scikit-learn's
// tolerance of the double PCA. (Standardised, and on the 60 000 training images against
// scikit-learn itself, it does too — too slow for this suite; see README "Speed".)
void TestPcaNumerics::mixedPcaOnFashionMnist() {
    if (!QFile::exists(QString::fromStdString(fashionMnistDir() + "/t10k-images-idx3-ubyte.gz")))
        QSKIP("dataset-fashion-mnist is not installed");
    const Dataset data = loadDataset("fashion-mnist-test", {}, 0);
    PcaOptions o;
    const PcaResult automatic = fitPca(data.X, o);
    o.precision = PcaPrecision::Mixed;
    const PcaResult mixed = fitPca(data.X, o);
    QVERIFY(identical(automatic.explainedVariance, mixed.explainedVariance));
    o.precision = PcaPrecision::Double;
    const PcaResult ref = fitPca(data.X, o);
    const QString e = compareLikeSklearn(mixed, ref);
    QVERIFY2(e.isEmpty(), qPrintable(e));
}

QTEST_GUILESS_MAIN(TestPcaNumerics)
#include "test_pca_numerics.moc"
