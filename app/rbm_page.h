#pragma once
// The RBM in the main window, one mini-batch per step: the filters W[:, j] of the hidden units
// as images; the triptych input | p(h|v) | reconstruction after 1 and k Gibbs steps, with an
// input the user paints on; "dreams", a free-running Gibbs chain on the current weights; charts
// of the batch reconstruction error, the per-epoch monitors (pseudo-log-likelihood, free
// energy of training vs held-out data) and the hidden activations; the formulas with the
// update step highlighted. Data above 1 (the digits, 0..16) are divided by their maximum, data
// with negative values mapped from [min, max] onto [0, 1] (the RBM takes values in [0, 1]).
#include "app/algorithm_page.h"
#include "core/rbm.h"
#include "core/rbm_io.h"
#include "core/rng.h"

#include <QElapsedTimer>
#include <QTimer>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace latentlab::ui {
class EpochChart;
class HistogramChart;
class ImageGridView;
class PaintCanvas;
class RbmFormulaPanel;
} // namespace latentlab::ui

namespace latentlab::app {

class RbmPage : public AlgorithmPage {
    Q_OBJECT
public:
    RbmPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent = nullptr);

    QString algorithm() const override { return QStringLiteral("rbm"); }
    QString displayName() const override { return tr("RBM (contrastive divergence)"); }

    /// The data the model trains on: the page's data, divided by its maximum when that is above
    /// 1, mapped from [min, max] onto [0, 1] when it has negative values (null without data).
    std::shared_ptr<const core::Dataset> trainingData() const { return m_scaled; }
    /// Paint mode of the Reconstructions tab: the first row's input is the painted image.
    void setPaintMode(bool on);
    ui::PaintCanvas* paintCanvas() const { return m_canvas; }
    /// Dreams: starts or stops the chain; `steps` Gibbs steps at once (as the timer would).
    void setDreaming(bool on);
    void dreamSteps(int steps);
    int64_t dreamStepCount() const { return m_dreamStep; }
    /// Loads a model file as the starting weights of the next run (restarts). Throws DataError
    /// for a broken file, or (checkFit) one that does not fit the data on the page.
    void loadModel(const QString& path, bool checkFit = true);
    QString startModel() const override;
    /// "pretrained" or a model file; the fit to the data is checked when they are in (a model
    /// that does not fit is dropped with a message, as for new data).
    void startFromModel(const QString& model, const QString& dataset) override;
    /// Starts from the shipped 784 → 256 Fashion-MNIST model (a resource). Throws
    /// std::runtime_error (e.g. core::DataError when the data are not 784 features).
    void loadPretrained();

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
    void redrawSideView();
    void redrawFilters();
    void redrawReconstructions();
    void redrawDreams();
    void resetDream();
    void updateCharts(const core::RbmSnapshot& s);
    core::ImageShape shape() const;

    ui::RbmFormulaPanel* m_formulas = nullptr;
    uint64_t m_pointsVersion = 0;
    std::shared_ptr<const core::RbmSnapshot> m_shown;
    std::shared_ptr<const core::Dataset> m_scaled;
    std::weak_ptr<const core::Dataset> m_scaledOf;
    float m_scale = 1.0f;
    std::optional<core::RbmModelFile> m_loaded;
    QString m_loadedPath;
    bool m_loadedPretrained = false; ///< m_loaded is the shipped model

    ui::ImageGridView* m_filters = nullptr;
    QWidget* m_filtersTab = nullptr;
    QLabel* m_filtersNote = nullptr;
    QPushButton* m_pretrained = nullptr;
    QElapsedTimer m_filtersDrawn; ///< filters redraw at most ~5 times a second while live
    QTimer m_filtersTimer;        ///< draws the last postponed snapshot

    ui::ImageGridView* m_recon = nullptr;
    QWidget* m_reconTab = nullptr;
    QSpinBox* m_reconK = nullptr;
    QSpinBox* m_reconFirst = nullptr;
    QCheckBox* m_paint = nullptr;
    ui::PaintCanvas* m_canvas = nullptr;

    ui::ImageGridView* m_dreamLive = nullptr;
    ui::ImageGridView* m_dreamStrip = nullptr;
    QWidget* m_dreamTab = nullptr;
    QComboBox* m_dreamStart = nullptr;
    QSpinBox* m_dreamEvery = nullptr;
    QPushButton* m_dreamRun = nullptr;
    QTimer m_dreamTimer;
    core::Rng m_dreamRng{1};
    Eigen::MatrixXf m_dreamState;  ///< 1 × V binary visible state
    Eigen::MatrixXf m_dreamProbs;  ///< 1 × V, p(v | h) of the last step
    std::vector<Eigen::VectorXf> m_dreamKept; ///< every n-th p(v | h), the newest last
    int64_t m_dreamStep = 0;

    ui::EpochChart* m_pll = nullptr;
    ui::EpochChart* m_freeEnergy = nullptr;
    ui::HistogramChart* m_histogram = nullptr;
    QWidget* m_monitorsTab = nullptr;
};

} // namespace latentlab::app
