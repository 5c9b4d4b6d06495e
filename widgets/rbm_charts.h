#pragma once
// Two small QPainter charts for the RBM page: per-epoch monitors as lines (pseudo-log-likelihood;
// mean free energy of training vs held-out data, whose gap shows overfitting — Hinton's guide
// 2010 §6), and the histogram of hidden activations p(h_j = 1 | v) over the last mini-batch
// (§15: most units should be neither always on nor always off).
#include <QColor>
#include <QWidget>

#include <cstdint>
#include <vector>

namespace latentlab::ui {

/// Lines over epochs 1, 2, …; NaN values are skipped. One point per epoch is drawn as a dot.
class EpochChart : public QWidget {
    Q_OBJECT
public:
    struct Series {
        QString name;
        QColor color;
        std::vector<double> values; ///< entry e is measured after epoch e + 1
    };
    explicit EpochChart(const QString& title, const QString& yLabel, QWidget* parent = nullptr);
    void setSeries(std::vector<Series> series);
    const std::vector<Series>& series() const { return m_series; }
    /// A line of text under the title (e.g. the last gap), may be empty.
    void setNote(const QString& note);

protected:
    void paintEvent(QPaintEvent*) override;
    QSize sizeHint() const override { return {420, 220}; }

private:
    QString m_title, m_yLabel, m_note;
    std::vector<Series> m_series;
};

/// Bars of counts over equal bins of [0, 1].
class HistogramChart : public QWidget {
    Q_OBJECT
public:
    explicit HistogramChart(const QString& title, QWidget* parent = nullptr);
    void setCounts(std::vector<int64_t> counts, const QString& note);
    const std::vector<int64_t>& counts() const { return m_counts; }

protected:
    void paintEvent(QPaintEvent*) override;
    QSize sizeHint() const override { return {420, 220}; }

private:
    QString m_title, m_note;
    std::vector<int64_t> m_counts;
};

} // namespace latentlab::ui
