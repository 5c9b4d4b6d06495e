#pragma once
// The GAN in the main window (GAN Lab's picture, Kahng et al. 2019): D(x) as a heat map under the
// real samples and the generated samples of a fixed noise batch, arrows −∂(G loss)/∂x where the
// generator's step pushes its samples, and the generator's manifold (a warped grid of z-space);
// image data (8×8 digits, Fashion-MNIST) show a grid of generated images instead, one-feature data
// the densities with D and D* (widgets/gan_scene_1d.cpp). Buttons step the
// discriminator or the generator alone; charts follow the losses, mean D(real) and D(fake) with
// the ½ line, and J with the equilibrium −log 4 (lecture 000:811-1079).
#include "app/algorithm_page.h"
#include "core/gan.h"
#include "widgets/gan_scene.h"

#include <QElapsedTimer>
#include <QTimer>

class QCheckBox;
class QLabel;
class QPushButton;

namespace latentlab::ui {
class GanCurveChart;
class GanFormulaPanel;
class ImageGridView;
} // namespace latentlab::ui

namespace latentlab::app {

class GanPage : public AlgorithmPage {
    Q_OBJECT
public:
    GanPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent = nullptr);

    QString algorithm() const override { return QStringLiteral("gan"); }
    QString displayName() const override { return tr("GAN (adversarial training)"); }
    /// k discriminator steps and one generator step.
    int stepsPerIteration() const override;
    /// "train-d" / "train-g": the Train D once / Train G once edits, for sessions.
    bool replayEdit(const QString& name) override;

    /// One discriminator update / one generator update now, whatever the k : 1 rhythm (the
    /// model's stepDiscriminator / stepGenerator, run in the worker thread between steps).
    void trainDiscriminatorOnce();
    void trainGeneratorOnce();
    /// Layers of the 2-D view.
    void setShowHeatMap(bool on);
    void setShowArrows(bool on);
    void setShowManifold(bool on);

    ui::ImageGridView* imageGrid() const { return m_images; }
    ui::GanCurveChart* lossChart() const { return m_losses; }
    ui::GanCurveChart* probabilityChart() const { return m_probabilities; }
    ui::GanCurveChart* valueChart() const { return m_value; }
    QPushButton* trainDButton() const { return m_trainD; }
    QPushButton* trainGButton() const { return m_trainG; }

public slots:
    void showSnapshot(latentlab::core::SnapshotPtr snap, bool live) override;
    /// "Cells" of a GAN: the D(x) heat map.
    void setShowCells(bool on) override { setShowHeatMap(on); }

protected:
    RunController::ModelFactory modelFactory(std::shared_ptr<const core::Dataset> data, const core::Params& params,
                                             uint64_t seed) const override;
    void redraw() override;
    void paramsEdited() override;
    void dataChanged() override;

private:
    QWidget* buildControls();
    void trainOnce(bool discriminator);
    void applyTrainOnce(bool discriminator); ///< the edit itself (named "train-d" / "train-g")
    void redrawImages();
    void updateCharts();
    void addPoints(QPointF at);

    ui::GanFormulaPanel* m_formulas = nullptr;
    ui::GanSceneBuilder m_builder;
    ui::GanViewOptions m_options;
    std::shared_ptr<const core::GanSnapshot> m_shown;
    QElapsedTimer m_drawn;  ///< the 2-D view redraws at most ~25 times a second while live
    QTimer m_drawTimer;     ///< draws the last postponed snapshot
    double m_buildMs = 0;   ///< how long the last 2-D scene took to build
    QTimer m_chartTimer;    ///< charts update at ~5 Hz while live (Qt Charts relayout)
    ui::ImageGridView* m_images = nullptr;
    ui::GanCurveChart* m_losses = nullptr;
    ui::GanCurveChart* m_probabilities = nullptr;
    ui::GanCurveChart* m_value = nullptr;
    QPushButton* m_trainD = nullptr;
    QPushButton* m_trainG = nullptr;
    QCheckBox* m_heat = nullptr;
    QCheckBox* m_arrows = nullptr;
    QCheckBox* m_manifold = nullptr;
    QLabel* m_lossNote = nullptr;
};

} // namespace latentlab::app
