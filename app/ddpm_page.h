#pragma once
// The DDPM in the main window (Ho et al. 2020; lecture 003:5897-6375):
// - "Reverse chain": while training, the data with preview samples of the EMA network; then
//   the chain's points moving from N(0, I) to the data with the paths of some of them and the
//   predicted noise −ε_θ(x, t) as arrows (image data: the chain's images);
// - "Forward process": q(x_t | x₀) at any t with a slider (the same noise throughout);
// - "Strip": forward and reverse panels at the same timesteps (image data: the denoising strip
//   x_T → x₀), for export;
// charts of the loss (per step and per t-bucket) and of the schedule (ᾱ_t, β_t, β̃_t, the
// posterior coefficients). Stepping back and forth through the chain is the timeline's.
#include "app/algorithm_page.h"
#include "core/ddpm.h"
#include "core/ddpm_io.h"
#include "widgets/ddpm_scene.h"

#include <QElapsedTimer>
#include <QTimer>

class QCheckBox;
class QLabel;
class QPushButton;
class QSlider;

namespace latentlab::ui {
class DdpmFormulaPanel;
class DdpmLossChart;
class DdpmScheduleChart;
} // namespace latentlab::ui

namespace latentlab::app {

class DdpmPage : public AlgorithmPage {
    Q_OBJECT
public:
    DdpmPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent = nullptr);

    QString algorithm() const override { return QStringLiteral("ddpm"); }
    QString displayName() const override { return tr("Diffusion (DDPM)"); }
    int stepsPerIteration() const override { return 1; }

    /// Ends training now and starts the reverse chain from fresh x_T (also: a new chain after
    /// the last one reached x₀).
    void sampleNow();
    /// Starts from a shipped model trained by LatentLab (resources/models, README has the
    /// commands): the one for the data on display (two-moons, digits, fashion-mnist-14), else
    /// the two-moons one; or the one for `dataset` when given. Sets the parameters to the model's, asks for its data (dataRequested)
    /// and plays the reverse chain (unless !play). Returns false, with a logged reason, when the resource is
    /// missing or broken.
    bool loadPretrained(const QString& dataset = {}, bool play = true);
    QString startModel() const override;
    void startFromModel(const QString& model, const QString& dataset) override;
    bool replayEdit(const QString& name) override;
    /// The shipped model in use (until parameters or data change), or null.
    std::shared_ptr<const core::DdpmModelFile> pretrained() const { return m_pretrainedModel; }
    /// Timestep of the forward view, 0 … T.
    void setForwardTimestep(int t);
    int forwardTimestep() const;
    void setShowArrows(bool on);
    void setShowTrails(bool on) override;

    ui::SceneView* forwardView() const { return m_forwardView; }
    ui::SceneView* stripView() const { return m_stripView; }
    ui::DdpmLossChart* lossChart() const { return m_loss; }
    ui::DdpmScheduleChart* noiseScheduleChart() const { return m_schedule; }
    QPushButton* sampleButton() const { return m_sample; }
    QPushButton* pretrainedButton() const { return m_pretrained; }

public slots:
    void showSnapshot(latentlab::core::SnapshotPtr snap, bool live) override;

signals:
    /// The page proposes a playing speed when the phase changes: as fast as possible while
    /// training, slow enough to watch while the chain runs.
    void speedSuggested(double stepsPerSecond);
    /// The page needs this data set (not standardised): `generatorParams` as name, value, …
    void dataRequested(const QString& dataset, const QStringList& generatorParams, qulonglong dataSeed);

protected:
    RunController::ModelFactory modelFactory(std::shared_ptr<const core::Dataset> data, const core::Params& params,
                                             uint64_t seed) const override;
    void redraw() override;
    void paramsEdited() override;
    void dataChanged() override;

private:
    QWidget* buildControls();
    /// A click on the chain view adds a blob of 20 data points (user-drawn data).
    void addPoints(QPointF at);
    QWidget* buildForwardTab();
    void redrawForward();
    void redrawStrip();
    void updateCharts();
    /// The formula panel highlights the forward process on its tab, else training or sampling.
    void updatePhase();
    /// The shipped model for the data on display, else the two-moons one (a resource path).
    QString pretrainedResource(const QString& dataset = {}) const;
    /// The Sample now edit: a new reverse chain from fresh x_T (named "sample-now").
    void startChain();

    ui::DdpmFormulaPanel* m_formulas = nullptr;
    ui::DdpmSceneBuilder m_builder, m_forwardBuilder, m_stripBuilder;
    ui::DdpmViewOptions m_options;
    std::shared_ptr<const core::DdpmSnapshot> m_shown;
    bool m_wasSampling = false;
    QElapsedTimer m_drawn;
    QTimer m_drawTimer;
    QTimer m_chartTimer;
    ui::SceneView* m_forwardView = nullptr;
    ui::SceneView* m_stripView = nullptr;
    QSlider* m_forwardT = nullptr;
    QLabel* m_forwardLabel = nullptr;
    ui::DdpmLossChart* m_loss = nullptr;
    ui::DdpmScheduleChart* m_schedule = nullptr;
    QPushButton* m_sample = nullptr;
    QPushButton* m_pretrained = nullptr;
    QCheckBox* m_arrows = nullptr;
    QCheckBox* m_trails = nullptr;
    QCheckBox* m_dataShown = nullptr;
    std::shared_ptr<const core::DdpmModelFile> m_pretrainedModel; ///< runs start from it while set
    bool m_applyingPretrained = false;
};

} // namespace latentlab::app
