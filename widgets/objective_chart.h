#pragma once
// The k-means objective J after every half-step (assign, update, assign, …), the curve the
// lecture uses to argue that k-means never goes uphill (003:3605-3617).
#include <QWidget>

#include <cmath>
#include <vector>

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace latentlab::ui {

/// A line chart of J per half-step with a vertical marker at the state on display.
class ObjectiveChart : public QWidget {
    Q_OBJECT
public:
    explicit ObjectiveChart(QWidget* parent = nullptr);

    /// Removes the curve and the marker.
    void clear();
    /// values[i] is J after half-step i since the first assignment; it is drawn at
    /// x = i / stepsPerIteration (iteration units, so half-steps land on .5 for 2 steps per
    /// iteration). Non-finite values are skipped. stepsPerIteration < 1 counts as 1.
    void setHistory(const std::vector<double>& values, int stepsPerIteration);
    /// Vertical line at x = iteration (same units as setHistory) marking the displayed state;
    /// NaN hides it.
    void setMarker(double iteration);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateAxes();
    void updateMarker();

    QChartView* m_view = nullptr;
    QChart* m_chart = nullptr;
    QLineSeries* m_series = nullptr;
    QLineSeries* m_marker = nullptr;
    QValueAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    double m_markerX = std::nan("");
    double m_lastX = 0; ///< largest x in the curve
    double m_minY = 0;  ///< data range of the curve (before margins)
    double m_maxY = 0;
    bool m_hasData = false;
};

} // namespace latentlab::ui
