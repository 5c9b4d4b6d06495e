#pragma once
// PCA in the main window, step by step: the principal axes found one at a time (power
// iteration with deflation, or Oja's rule) over the data, the variance along the current
// estimate per step, and the formulas with the step on display highlighted.
#include "app/algorithm_page.h"
#include "core/pca.h"
#include "widgets/pca_scene.h"

namespace latentlab::ui {
class PcaFormulaPanel;
}

namespace latentlab::app {

class PcaPage : public AlgorithmPage {
    Q_OBJECT
public:
    PcaPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent = nullptr);

    QString algorithm() const override { return QStringLiteral("pca"); }
    QString displayName() const override { return tr("PCA (step by step)"); }

public slots:
    void showSnapshot(latentlab::core::SnapshotPtr snap, bool live) override;

protected:
    RunController::ModelFactory modelFactory(std::shared_ptr<const core::Dataset> data, const core::Params& params,
                                             uint64_t seed) const override;
    void redraw() override;
    void paramsEdited() override;

private:
    ui::PcaFormulaPanel* m_formulas = nullptr;
    ui::PcaViewOptions m_options;
    ui::PcaSceneBuilder m_builder;
    std::shared_ptr<const core::PcaSnapshot> m_shown;
};

} // namespace latentlab::app
