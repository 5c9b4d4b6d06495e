#pragma once
// Gaussian mixtures under EM in the main window: points coloured by responsibilities, the
// components' ellipses over the mixture density (or, on one feature, the histogram with the
// mixture and its weighted components), the weights π_k as bars, the log-likelihood chart that
// never falls, AIC/BIC against K, the general-EM lower-bound demo, and the E/M formulas with
// the half-step on display highlighted.
#include "app/algorithm_page.h"
#include "app/background_job.h"
#include "core/gmm.h"
#include "widgets/gmm_scene.h"

class QComboBox;

namespace latentlab::ui {
class CriteriaChart;
class EmBoundPanel;
class GmmFormulaPanel;
class GmmWeightsChart;
} // namespace latentlab::ui

namespace latentlab::app {

class GmmPage : public AlgorithmPage {
    Q_OBJECT
public:
    GmmPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent = nullptr);
    ~GmmPage() override;

    QString algorithm() const override { return QStringLiteral("gmm"); }
    QString displayName() const override { return tr("Gaussian mixture (EM)"); }

    /// The feature fitted alone (1-D view), or −1 for all features.
    int fitFeature() const { return m_fitFeature; }
    ui::GmmWeightsChart* weightsChart() const { return m_weights; }
    ui::EmBoundPanel* emBoundPanel() const { return m_bound; }

public slots:
    void showSnapshot(latentlab::core::SnapshotPtr snap, bool live) override;
    /// "Cells" of a mixture: its density under the points.
    void setShowCells(bool on) override;
    /// AIC and BIC for K = 1..8 with the current settings, in the background.
    void computeCriteria();
    /// Fits the mixture to feature `feature` alone (the 1-D view), or to all features when
    /// `feature` < 0 or the data have one feature; restarts the run.
    void setFitFeature(int feature);

protected:
    RunController::ModelFactory modelFactory(std::shared_ptr<const core::Dataset> data, const core::Params& params,
                                             uint64_t seed) const override;
    void redraw() override;
    void paramsEdited() override;
    void dataChanged() override;

private:
    /// `data` or, in the 1-D view of multi-feature data, its column m_fitFeature (cached).
    std::shared_ptr<const core::Dataset> fitData(const std::shared_ptr<const core::Dataset>& data) const;
    void rebuildFitChoices();
    /// The lower-bound tab gets most of the height while it is open (it is a figure to read).
    void enlargeCharts(bool on);

    ui::GmmFormulaPanel* m_formulas = nullptr;
    ui::GmmWeightsChart* m_weights = nullptr;
    ui::EmBoundPanel* m_bound = nullptr;
    QComboBox* m_fitChoice = nullptr;
    int m_fitFeature = -1; ///< < 0: all features
    mutable std::weak_ptr<const core::Dataset> m_projectedFrom;
    mutable int m_projectedFeature = -1;
    mutable std::shared_ptr<const core::Dataset> m_projected;
    QList<int> m_splitBefore; ///< splitter sizes before the lower-bound tab enlarged the charts
    ui::GmmViewOptions m_options;
    ui::GmmSceneBuilder m_builder;
    std::shared_ptr<const core::GmmSnapshot> m_shown;
    ui::CriteriaChart* m_criteria = nullptr;
    BackgroundJob<std::vector<std::pair<double, double>>> m_criteriaJob;
    bool m_criteriaDone = false; ///< the chart shows the current data and settings
};

} // namespace latentlab::app
