#pragma once
// The GAN page's training curves (Qt Charts): several series over iterations with optional
// dashed reference lines — D and G losses; mean D(real) and D(fake) with the 0.5 line; the value
// J with the equilibrium −log 4 (lecture 000:1010-1026).
#include <QColor>
#include <QWidget>

#include <cmath>
#include <optional>
#include <utility>
#include <vector>

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace latentlab::ui {

class GanCurveChart : public QWidget {
    Q_OBJECT
public:
    struct Series {
        QString name;
        QColor color;
        std::vector<float> values; ///< values[i]: after iteration i + 1 (drawn at x = i + 1)
    };
    struct Reference {
        double y = 0;
        QString name; ///< in the legend, e.g. "equilibrium −log 4"
        QColor color;
    };

    GanCurveChart(const QString& title, const QString& yLabel, QWidget* parent = nullptr);
    /// Replaces the curves. More than kMaxPoints iterations are averaged in equal bins (GAN
    /// curves are noisy: a bin mean reads better than every n-th value). Non-finite values are
    /// left out of the means.
    void setSeries(std::vector<Series> series);
    /// Dashed horizontal lines across the chart (kept by setSeries).
    void setReferences(std::vector<Reference> references);
    /// A fixed y range (probabilities: [0, 1]); none: fitted to the curves and references.
    void setFixedRange(std::optional<std::pair<double, double>> range);
    /// The x axis' title (default: the GAN's iterations).
    void setXAxisTitle(const QString& title);
    /// Where the legend goes (default Qt::AlignRight: a short chart keeps its height).
    void setLegendAlignment(Qt::Alignment alignment);
    void clear() { setSeries({}); }
    /// Points drawn for curve i (after binning), for tests.
    int pointCount(int i) const;
    /// Title of the chart (for tests and export captions).
    QString title() const;
    void setTitle(const QString& title);

    static constexpr int kMaxPoints = 600;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void updateAxes();

    QChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QValueAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    std::vector<QLineSeries*> m_curves, m_lines;
    std::vector<Series> m_series;
    std::vector<Reference> m_references;
    std::optional<std::pair<double, double>> m_fixed;
    double m_xMax = 1, m_lo = INFINITY, m_hi = -INFINITY; ///< x extent and y range of the data
};

} // namespace latentlab::ui
