#pragma once
// PCA in the main window, step by step: the principal axes found one at a time (power
// iteration with deflation, or Oja's rule) over the data, the variance along the current
// estimate per step, and the formulas with the step on display highlighted. Beside the main
// view: the scores on PC1–PC3 turned by the mouse, and for image data the eigen-images and one
// image through M components. Charts: uᵀSu per step, uᵀSu against the angle of a dragged
// direction (two-feature data), the scree plot and E(M), both with a draggable cut-off M.
#include "app/algorithm_page.h"
#include "core/pca.h"
#include "widgets/pca_scene.h"
#include "widgets/pca_views.h"

#include <QTimer>

class QCheckBox;
class QSpinBox;

namespace latentlab::ui {
class PcaFormulaPanel;
class PolarVarianceChart;
class ScreeChart;
} // namespace latentlab::ui

namespace latentlab::app {

class PcaPage : public AlgorithmPage {
    Q_OBJECT
public:
    PcaPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent = nullptr);

    QString algorithm() const override { return QStringLiteral("pca"); }
    QString displayName() const override { return tr("PCA (step by step)"); }

    /// The cut-off M shared by the scree chart, E(M), the eigen-images and the reconstructions.
    int cutoff() const { return m_cutoff; }
    void setCutoff(int M);
    /// The dragged direction φ (radians, PCA space) for two-feature data, if any.
    std::optional<double> probeAngle() const { return m_options.probeAngle; }
    void setProbeAngle(double phi);
    /// The sample the Reconstructions view shows.
    void setSampleIndex(int index);
    void setRotation(const ui::Rotation3D& rotation);
    ui::Rotation3D rotation() const { return m_rotation; }

public slots:
    void showSnapshot(latentlab::core::SnapshotPtr snap, bool live) override;

protected:
    RunController::ModelFactory modelFactory(std::shared_ptr<const core::Dataset> data, const core::Params& params,
                                             uint64_t seed) const override;
    void redraw() override;
    void paramsEdited() override;
    void dataChanged() override;

private:
    void buildViews();
    void exactChanged();
    /// Rebuilds the view tab on display (3-D, eigen-images, reconstructions) from m_shown.
    void redrawSideView();

    ui::PcaFormulaPanel* m_formulas = nullptr;
    ui::PcaViewOptions m_options;
    ui::PcaSceneBuilder m_builder;
    std::shared_ptr<const core::PcaSnapshot> m_shown;
    std::weak_ptr<const core::PcaResult> m_exactOf; ///< the result the charts show

    ui::SceneView* m_view3d = nullptr;
    ui::ImageGridView* m_eigenView = nullptr;
    ui::ImageGridView* m_reconView = nullptr;
    QWidget* m_tab3d = nullptr;
    QWidget* m_eigenTab = nullptr;
    QWidget* m_reconTab = nullptr;
    QSpinBox* m_sample = nullptr;
    QCheckBox* m_turn = nullptr;
    QTimer m_turnTimer;
    ui::PcaProjection3D m_projection3d;
    ui::Rotation3D m_rotation;

    ui::PolarVarianceChart* m_polar = nullptr;
    ui::ScreeChart* m_scree = nullptr;
    ui::ScreeChart* m_error = nullptr;
    int m_cutoff = 2;
    bool m_cutoffChosen = false; ///< the user moved it: keep it across data
};

} // namespace latentlab::app
