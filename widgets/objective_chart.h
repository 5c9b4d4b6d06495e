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
    /// values[i] is the objective after step i since the first assignment (values[0]: J of
    /// the initial centroids = iteration 0). Step i ≥ 1 is drawn at x = (i + s − 1) / s with
    /// s = stepsPerIteration, so the step that completes iteration t lands on x = t and the
    /// others in between (k-means: reassignments on .5). Non-finite values are skipped;
    /// stepsPerIteration < 1 counts as 1.
    void setHistory(const std::vector<double>& values, int stepsPerIteration);
    /// Chart title and the name of the objective on the y axis.
    void setLabels(const QString& title, const QString& yLabel);
    /// x of the last value given to setHistory (0 when empty).
    double lastX() const { return m_lastX; }
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
