#pragma once
// Gaussian mixtures under EM in the main window: points coloured by responsibilities, the
// components' ellipses over the mixture density, the log-likelihood chart that never falls,
// and the E/M formulas with the half-step on display highlighted.
#include "app/algorithm_page.h"
#include "app/background_job.h"
#include "core/gmm.h"
#include "widgets/gmm_scene.h"

namespace latentlab::ui {
class CriteriaChart;
class GmmFormulaPanel;
} // namespace latentlab::ui

namespace latentlab::app {

class GmmPage : public AlgorithmPage {
    Q_OBJECT
public:
    GmmPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent = nullptr);
    ~GmmPage() override;

    QString algorithm() const override { return QStringLiteral("gmm"); }
    QString displayName() const override { return tr("Gaussian mixture (EM)"); }

public slots:
    void showSnapshot(latentlab::core::SnapshotPtr snap, bool live) override;
    /// "Cells" of a mixture: its density under the points.
    void setShowCells(bool on) override;
    /// AIC and BIC for K = 1..8 with the current settings, in the background.
    void computeCriteria();

protected:
    RunController::ModelFactory modelFactory(std::shared_ptr<const core::Dataset> data, const core::Params& params,
                                             uint64_t seed) const override;
    void redraw() override;
    void paramsEdited() override;
    void dataChanged() override;

private:
    ui::GmmFormulaPanel* m_formulas = nullptr;
    ui::GmmViewOptions m_options;
    ui::GmmSceneBuilder m_builder;
    std::shared_ptr<const core::GmmSnapshot> m_shown;
    ui::CriteriaChart* m_criteria = nullptr;
    BackgroundJob<std::vector<std::pair<double, double>>> m_criteriaJob;
    bool m_criteriaDone = false; ///< the chart shows the current data and settings
};

} // namespace latentlab::app
