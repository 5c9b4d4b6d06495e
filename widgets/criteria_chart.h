#pragma once
// Choosing K for a Gaussian mixture: AIC = 2M − 2 log L and BIC = M log N − 2 log L against K
// (lecture 003:1226-1233, where the lecture mislabels BIC), lower is better; the minimum of each
// is marked.
#include <QWidget>

#include <utility>
#include <vector>

class QChart;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace latentlab::ui {

class CriteriaChart : public QWidget {
    Q_OBJECT
public:
    explicit CriteriaChart(QWidget* parent = nullptr);
    /// values[i] = (AIC, BIC) for K = i + 1; empty clears the chart.
    void setValues(const std::vector<std::pair<double, double>>& values);
    void setBusy(bool busy);

private:
    QChart* m_chart = nullptr;
    QLineSeries* m_aic = nullptr;
    QLineSeries* m_bic = nullptr;
    QScatterSeries* m_best = nullptr;
    QValueAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
};

} // namespace latentlab::ui
