#pragma once
// The elbow plot for choosing K: the best k-means objective over restarts for K = 1..Kmax
// (lecture 003:3658-3675). J always falls with K; the "elbow" is where it stops falling fast.
#include <QWidget>

#include <vector>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QStackedLayout;
class QValueAxis;

namespace latentlab::ui {

/// Best J against K with the current K highlighted; a hint replaces the chart while empty.
class ElbowChart : public QWidget {
    Q_OBJECT
public:
    explicit ElbowChart(QWidget* parent = nullptr);

    /// bestJ[i] is the best objective for K = i + 1 (non-finite entries are skipped). An empty
    /// vector clears the chart and shows the hint "Press 'Elbow' to compute J for K = 1..10".
    void setCurve(const std::vector<double>& bestJ);
    /// While busy the title (or the hint) says that the curve is being computed.
    void setBusy(bool busy);
    /// Marks K = k with a large marker; k outside 1..bestJ.size() (or no value) hides it.
    /// Remembered across setCurve().
    void highlightK(int k);

private:
    void updateTexts();
    void updateHighlight();

    QStackedLayout* m_stack = nullptr;
    QLabel* m_hint = nullptr;
    QChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QLineSeries* m_series = nullptr;
    QScatterSeries* m_highlight = nullptr;
    QValueAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    std::vector<double> m_bestJ;
    int m_highlightK = 0;
    bool m_busy = false;
};

} // namespace latentlab::ui
