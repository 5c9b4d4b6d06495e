#pragma once
// How much each principal component explains, and where to cut: the scree plot (each λ_i as a
// share of the total variance, with the cumulative share) or the reconstruction error E(M)
// against M, both with a cut-off M the user drags (or moves with the arrow keys).
//
// Sources: lecture 003:3802-3834 (E(M) = Σ_{i>M} λ_i = trace S − Σ_{i≤M} λ_i); Cattell, "The
// scree test for the number of factors", Multivariate Behavioral Research 1 (1966) 245-276.
#include <QWidget>

#include <vector>

namespace latentlab::ui {

class ScreeChart : public QWidget {
    Q_OBJECT
public:
    enum class Mode {
        Scree,              ///< bars λ_i / trace S (left axis) and Σ_{j≤i} (right axis, 0-100 %)
        ReconstructionError ///< E(M) for M = 0..r (E(0) = trace S, E(r) = 0)
    };
    explicit ScreeChart(Mode mode, QWidget* parent = nullptr);

    /// λ_1 ≥ … ≥ λ_r ≥ 0 (units², e.g. standardised units²) and trace S = Σ of all eigenvalues.
    /// Empty clears the chart.
    void setEigenvalues(std::vector<double> lambda, double totalVariance);
    /// The cut-off, clamped to [1, r]; emits cutoffChanged when it changes.
    void setCutoff(int M);
    int cutoff() const { return m_cutoff; }
    /// The component count the chart draws: all of them up to 64, else a log-scaled M axis.
    int count() const { return static_cast<int>(m_lambda.size()); }
    /// The chart's x pixel of component M (1..r; for E(M) also 0), for tests.
    double xOf(double M) const;

signals:
    void cutoffChanged(int M);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    QSize sizeHint() const override { return {600, 220}; }

private:
    QRectF plotRect() const;
    bool logScale() const { return m_lambda.size() > 64; }
    int cutoffAt(double px) const;

    Mode m_mode;
    std::vector<double> m_lambda;
    double m_total = 0;
    int m_cutoff = 2;
};

} // namespace latentlab::ui
