#pragma once
// The mixing weights π_k = N_k / N of a Gaussian mixture as bars, each in its component's
// colour (the palette of the scatter view), with the value above it and a dashed line at the
// equal share 1/K (lecture 000:588-596, the M-step's π update).
#include <QWidget>

#include <vector>

namespace latentlab::ui {

class GmmWeightsChart : public QWidget {
    Q_OBJECT
public:
    explicit GmmWeightsChart(QWidget* parent = nullptr);

    /// K weights in [0, 1] (they should sum to 1; drawn as given); empty clears the chart.
    void setWeights(std::vector<double> weights);
    const std::vector<double>& weights() const { return m_weights; }
    /// Top of the value axis: the largest weight (or 1/K) plus room for its label, rounded up
    /// to a tenth, at most 1.
    double axisTop() const;

    QSize sizeHint() const override { return {300, 180}; }
    QSize minimumSizeHint() const override { return {180, 130}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<double> m_weights;
};

} // namespace latentlab::ui
