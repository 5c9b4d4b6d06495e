#pragma once
// The DDPM page's charts (Qt Charts; lecture 003:5897-6375, Ho, Jain & Abbeel 2020).
//
// DdpmScheduleChart: three panels against t = 1…T — the signal and noise scales of the closed
// form x_t = √ᾱ_t x_0 + √(1 − ᾱ_t) ε (003:6128-6134); β_t and β̃_t, the noise of one forward and
// one posterior step (003:6180); the posterior mean coefficients, μ̃_t = coef1·x_0 + coef2·x_t
// (003:6180), with the lecture's point "for t ≥ 20 the mean is mostly x_t" (003:6195) marked as
// the t from which coef1 stays below 0.05. A vertical line marks the current t in every panel;
// a caption under the panels gives the values there.
//
// DdpmLossChart: the simple training loss per step (Algorithm 1, 003:6346), binned as the GAN's
// curves, and the running mean loss per tenth of the t range as bars over t, where small t
// (x_t ≈ x_0, the noise hard to tell from the data) shows as hard and large t (x_t ≈ ε) as easy.
//
// Both lay their panels out side by side in a wide widget, 2 × 2 or stacked in a taller one
// (whichever gives panels nearest 3:2). DdpmScheduleChart is in ddpm_charts.cpp, DdpmLossChart in
// ddpm_loss_chart.cpp, their shared look in ddpm_chart_parts.h.
#include "core/ddpm.h"

#include <QWidget>

#include <optional>
#include <vector>

class QAbstractAxis;
class QAreaSeries;
class QChart;
class QChartView;
class QGridLayout;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace latentlab::ui {

class GanCurveChart;

class DdpmScheduleChart : public QWidget {
    Q_OBJECT
public:
    explicit DdpmScheduleChart(QWidget* parent = nullptr);

    /// Shows the curves of `schedule` (T points each, t = 1…T); the current t is kept (clamped
    /// to T). An empty schedule (T = 0) clears the chart.
    void setSchedule(const core::DdpmSchedule& schedule);
    void clear();
    /// Marks timestep t with a vertical line in every panel and gives the values at t in the
    /// caption; t is clamped to [1, T]; t ≤ 0 removes the marker.
    void setCurrentT(int t);
    int currentT() const { return m_t; }
    /// β_t and β̃_t on a logarithmic axis where they span two decades or more (default on: a
    /// linear schedule spans 10⁻⁴ … 0.02; the lecture's constant β stays linear). β̃_1 = 0 is
    /// then left out. betaAxisLogarithmic(): what is drawn now.
    void setLogBeta(bool on);
    bool logBeta() const { return m_logBeta; }
    bool betaAxisLogarithmic() const { return m_betaAxisLog; }
    /// The coefficient panel's t axis logarithmic (default on: for T = 1000 the first 20 steps,
    /// where x_0 still matters, are 2 % of a linear axis).
    void setLogTime(bool on);
    bool logTime() const { return m_logTime; }

    /// The smallest t from which posterior_mean_coef1 (c₁, the weight of x_0 in μ̃_t) stays below
    /// kMostlyXt: 20 for the lecture's β = 0.01, T = 1000 (36 for linear, T = 1000). Drawn as a
    /// dotted line in the coefficient panel. 0 without a schedule.
    int mostlyXtFrom() const { return m_mostlyXtFrom; }
    static constexpr double kMostlyXt = 0.05;

    enum Curve { AlphaBar, SqrtAlphaBar, SqrtOneMinusAlphaBar, Beta, PosteriorVariance, Coef1, Coef2, kCurves };
    /// Points drawn for a curve (tests); t where a vertical marker of panel 0…2 is drawn, if any.
    int pointCount(Curve curve) const;
    std::optional<double> markerT(int panel) const;
    QString caption() const;
    QChart* chart(int panel) const;
    static constexpr int kPanels = 3;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    struct Panel {
        QChart* chart = nullptr;
        QChartView* view = nullptr;
        QAbstractAxis* x = nullptr;
        QAbstractAxis* y = nullptr;
        QLineSeries* marker = nullptr;
        double yLo = 0, yHi = 1, xLo = 1, xHi = 2;
    };
    void makeAxes(int panel, bool logX, bool logY);
    void arrange(int columns);
    void fill();
    void updateMarkers();
    void updateCaption();

    Panel m_panels[kPanels];
    QLineSeries* m_curves[kCurves] = {};
    QLineSeries* m_threshold = nullptr; ///< dashed t = mostlyXtFrom in the coefficient panel
    QGridLayout* m_grid = nullptr;
    QLabel* m_caption = nullptr;
    int m_columns = 0;
    core::DdpmSchedule m_schedule;
    int m_t = 0, m_mostlyXtFrom = 0;
    bool m_logBeta = true, m_logTime = true, m_betaAxisLog = false;
};

class DdpmLossChart : public QWidget {
    Q_OBJECT
public:
    explicit DdpmLossChart(QWidget* parent = nullptr);

    /// `loss`: the simple loss after each training step (entry i after step i + 1; more than
    /// GanCurveChart::kMaxPoints steps are averaged in bins); `bucketLoss`: the mean loss in each
    /// of n equal buckets of t ∈ [1, T] (bucket b holds t with ⌊(t − 1)·n / T⌋ = b; NaN: no
    /// sample yet: no bar).
    void setLoss(const std::vector<float>& loss, const std::vector<double>& bucketLoss, int T);
    /// The same from a snapshot (its loss history, bucketLoss and settings.T), with the titles
    /// of setLoadedModel for a model installed from a file.
    void setSnapshot(const core::DdpmSnapshot& snapshot);
    /// Titles saying that the model came from a file: trained for `trainedSteps` (> 0) steps
    /// whose loss curve is not known, and bars evaluated on the data rather than training means.
    void setLoadedModel(int64_t trainedSteps, bool bucketsEvaluated);
    void clear() {
        setLoss({}, {}, 0);
        setLoadedModel(0, false);
    }

    GanCurveChart* curveChart() const { return m_curve; }
    QChart* bucketChart() const { return m_bucketChart; }
    int bucketCount() const { return static_cast<int>(m_buckets.size()); }
    /// Bucket b's loss (NaN: no data); bars drawn (one per bucket with data).
    double bucketValue(int b) const;
    int barCount() const;
    /// "lo–hi" (or "t" for a single one): the timesteps of bucket b of n over 1…T; empty for a
    /// bucket outside [0, n).
    static QString bucketRange(int b, int n, int T);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    GanCurveChart* m_curve = nullptr;
    QChart* m_bucketChart = nullptr;
    QChartView* m_bucketView = nullptr;
    QLineSeries* m_barTops = nullptr; ///< the bars' outline: 4 points per bar
    QAreaSeries* m_bars = nullptr;
    QValueAxis* m_bucketX = nullptr;
    QValueAxis* m_bucketY = nullptr;
    QLineSeries* m_baseline = nullptr;
    QGridLayout* m_grid = nullptr;
    bool m_wide = true;
    std::vector<double> m_buckets;
    int m_T = 0;
};

} // namespace latentlab::ui
