// LatentLab's RBM against scikit-learn 1.2's BernoulliRBM (scripts/bench/check_sklearn_rbm.py):
// on the same weights and the same flipped bits, the pseudo-log-likelihood equals score_samples,
// the free energy _free_energy and p(h|v) transform; and on the 8×8 digits (a CI-sized stand-in
// for Fashion-MNIST, whose comparison is a benchmark: scripts/bench/sklearn_rbm.py) our CD-1
// reaches at least scikit-learn's pseudo-log-likelihood with the same settings. Skipped with a
// message when /usr/bin/python3 or scikit-learn is missing.
#include "core/datasets.h"
#include "core/rbm.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace latentlab::core;

namespace {

QJsonArray toJson(const Eigen::MatrixXf& m) {
    QJsonArray rows;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        QJsonArray r;
        for (Eigen::Index j = 0; j < m.cols(); ++j) r.append(static_cast<double>(m(i, j)));
        rows.append(r);
    }
    return rows;
}

QJsonArray toJson(const Eigen::VectorXf& v) {
    QJsonArray a;
    for (float x : v) a.append(static_cast<double>(x));
    return a;
}

Eigen::MatrixXf matrixOf(const QJsonArray& rows) {
    Eigen::MatrixXf m(rows.size(), rows.isEmpty() ? 0 : rows[0].toArray().size());
    for (int i = 0; i < rows.size(); ++i) {
        const QJsonArray r = rows[i].toArray();
        for (int j = 0; j < r.size(); ++j) m(i, j) = static_cast<float>(r[j].toDouble());
    }
    return m;
}

Eigen::VectorXf vectorOf(const QJsonArray& a) {
    Eigen::VectorXf v(a.size());
    for (int i = 0; i < a.size(); ++i) v(i) = static_cast<float>(a[i].toDouble());
    return v;
}

/// Runs the check script on `in`; returns its output, or an empty object after QSKIP/QFAIL.
QJsonObject runSklearn(const QJsonObject& in, QTemporaryDir& dir, bool& skipped, QString& message) {
    const QString inPath = dir.filePath("in.json"), outPath = dir.filePath("out.json");
    QFile f(inPath);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(QJsonDocument(in).toJson(QJsonDocument::Compact));
    f.close();
    QProcess py;
    py.start("/usr/bin/python3", {qEnvironmentVariable("LATENTLAB_SOURCE_DIR") + "/scripts/bench/check_sklearn_rbm.py",
                                  inPath, outPath});
    skipped = !py.waitForStarted(5000);
    if (skipped) {
        message = "/usr/bin/python3 is not available";
        return {};
    }
    py.waitForFinished(60000);
    message = QString::fromUtf8(py.readAllStandardOutput() + py.readAllStandardError());
    skipped = py.exitCode() == 77;
    if (py.exitCode() != 0) return {};
    QFile o(outPath);
    if (!o.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(o.readAll()).object();
}

std::shared_ptr<Dataset> digits() {
    auto d = std::make_shared<Dataset>(loadDataset("digits", Params(), 0));
    d->X /= 16.0f;
    return d;
}

} // namespace

class TestRbmSklearn : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void sameWeightsSameNumbers();
    void qualityAtLeastSklearns();

private:
    QTemporaryDir m_dir;
};

// A model trained a little on the digits (so that W, a, b are not symmetric), evaluated by both.
void TestRbmSklearn::sameWeightsSameNumbers() {
    auto data = digits();
    Params p(Rbm::specs());
    p.set("hidden", int64_t{32});
    p.set("epochs", int64_t{2});
    Rbm r;
    r.reset(data, p, 3);
    while (!r.finished()) r.step();
    const RbmWeights& t = r.weights();
    const Matrix X = data->X.topRows(400);
    QJsonObject in{{"mode", "evaluate"}, {"W", toJson(t.W)}, {"a", toJson(t.a)}, {"b", toJson(t.b)},
                   {"X", toJson(X)}, {"random_state", 42}};
    bool skipped = false;
    QString msg;
    const QJsonObject out = runSklearn(in, m_dir, skipped, msg);
    if (skipped) QSKIP(qPrintable("scikit-learn is not available: " + msg));
    QVERIFY2(!out.isEmpty(), qPrintable(msg));
    std::vector<int> flipped;
    for (const auto& v : out["flipped"].toArray()) flipped.push_back(v.toInt());
    const Eigen::VectorXd ours = pseudoLogLikelihood(t, X, flipped);
    const Eigen::VectorXd fe = freeEnergy(t, X);
    const QJsonArray theirs = out["score_samples"].toArray(), theirFe = out["free_energy"].toArray();
    QCOMPARE(theirs.size(), 400);
    double worstPll = 0, worstFe = 0;
    for (int n = 0; n < 400; ++n) {
        worstPll = std::max(worstPll, std::abs(ours(n) - theirs[n].toDouble()) / (1 + std::abs(theirs[n].toDouble())));
        worstFe = std::max(worstFe, std::abs(fe(n) - theirFe[n].toDouble()) / (1 + std::abs(theirFe[n].toDouble())));
    }
    qInfo("max relative difference to scikit-learn: pseudo-log-likelihood %.2g, free energy %.2g", worstPll, worstFe);
    QVERIFY(worstPll < 1e-5);
    QVERIFY(worstFe < 1e-5);
    const Eigen::MatrixXf ph = hiddenProbabilities(t, X), theirPh = matrixOf(out["transform"].toArray());
    QVERIFY((ph - theirPh).cwiseAbs().maxCoeff() < 1e-5);
    // A different flip changes the value: the comparison above is not vacuous.
    std::vector<int> other = flipped;
    for (int& i : other) i = (i + 7) % 64;
    QVERIFY((pseudoLogLikelihood(t, X, other) - ours).cwiseAbs().maxCoeff() > 1e-3);
}

// Digits/16, 64 hidden, batch 64, learning rate 0.05, 10 epochs, all rows trained on. Both models
// are scored by the same function with the same 20 sets of flipped bits, so the comparison has
// no scoring noise between them.
void TestRbmSklearn::qualityAtLeastSklearns() {
    auto data = digits();
    const int epochs = 10, hidden = 64, batch = 64;
    const double lr = 0.05;
    QJsonObject in{{"mode", "train"}, {"X", toJson(data->X)}, {"n_components", hidden}, {"learning_rate", lr},
                   {"batch_size", batch}, {"n_iter", epochs}, {"random_state", 1}};
    bool skipped = false;
    QString msg;
    const QJsonObject out = runSklearn(in, m_dir, skipped, msg);
    if (skipped) QSKIP(qPrintable("scikit-learn is not available: " + msg));
    QVERIFY2(!out.isEmpty(), qPrintable(msg));
    RbmWeights theirs{matrixOf(out["W"].toArray()), vectorOf(out["a"].toArray()), vectorOf(out["b"].toArray())};
    QCOMPARE(theirs.visible(), 64);
    QCOMPARE(theirs.hidden(), hidden);

    Params p(Rbm::specs());
    p.set("hidden", int64_t{hidden});
    p.set("epochs", int64_t{epochs});
    p.set("batch", int64_t{batch});
    p.set("learning-rate", lr);
    p.set("held-out", 0.0);
    Rbm r;
    r.reset(data, p, 1);
    while (!r.finished()) r.step();
    double ours = 0, sk = 0;
    for (uint64_t draw = 0; draw < 20; ++draw) {
        const std::vector<int> flips = pllFlipIndices(data->n(), 64, rbm::streamKey(77, draw, 0));
        ours += pseudoLogLikelihood(r.weights(), data->X, flips).mean() / 20;
        sk += pseudoLogLikelihood(theirs, data->X, flips).mean() / 20;
    }
    qInfo("mean pseudo-log-likelihood after %d epochs on digits/16: LatentLab CD-1 %.3f, scikit-learn %.3f", epochs,
          ours, sk);
    QVERIFY(ours >= sk);
}

QTEST_GUILESS_MAIN(TestRbmSklearn)
#include "test_rbm_sklearn.moc"
