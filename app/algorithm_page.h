#pragma once
// What every algorithm adds to the main window: the scatter view, the charts under it, the
// parameter form (built from the model's ParamSpecs) with the seed, and the formula panel.
// The window's run controls, timeline, data panel, log and status are generic; a page turns
// snapshots of its model into scenes, status lines and events.
#include "app/run_controller.h"
#include "core/params.h"
#include "widgets/scene.h"
#include "widgets/scene_view.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <utility>
#include <vector>

class QSpinBox;
class QSplitter;
class QTabWidget;

namespace latentlab::ui {
class ObjectiveChart;
class ParamForm;
} // namespace latentlab::ui

namespace latentlab::app {

class AlgorithmPage : public QWidget {
    Q_OBJECT
public:
    /// Machine name as on the command line ("kmeans", "gmm") and the name users read.
    virtual QString algorithm() const = 0;
    virtual QString displayName() const = 0;
    /// Where the run starts when not from the seed's random parameters (saved in sessions):
    /// "pretrained" (the page's shipped model) or a model file's path; empty: from the seed.
    virtual QString startModel() const { return {}; }
    /// Starts the run from a startModel() value, for data set `dataset` (which may still be
    /// loading). Throws std::exception with the reason (no such model, a file that cannot be
    /// read); this default: the page has no models.
    virtual void startFromModel(const QString& model, const QString& dataset);
    /// Applies the named edit of a session (Snapshot::edit) to the run, paused; false for a
    /// name this page does not know.
    virtual bool replayEdit(const QString&) { return false; }
    /// Model steps the toolbar's Iteration button takes (k-means: assign + update).
    virtual int stepsPerIteration() const { return 2; }

    QWidget* parameterWidget() const { return m_paramHost; }
    QWidget* formulaWidget() const { return m_formulas; }
    ui::SceneView* view() const { return m_view; }
    /// The view on display: the main view, or another view tab a page added (addViewTab).
    ui::SceneView* currentView() const;
    /// The chart tab on display (for Export chart).
    QWidget* objectiveChart() const;
    /// The scene of the view on display (for Export figure).
    ui::Scene currentScene() const;
    /// The scene `view` draws (the page's own scene for the main view).
    ui::Scene sceneOf(const ui::SceneView* view) const;

    /// One panel of the page for Export all views: a view tab (drawn from its scene when it
    /// has a SceneView) or a chart tab (rendered as a widget). Disabled tabs are left out.
    struct Panel {
        QString title;                ///< the tab's title; the main view without tabs: its scene's title
        ui::SceneView* view = nullptr; ///< set for scene views
        QWidget* widget = nullptr;     ///< the tab's widget (charts, views without a SceneView)
    };
    /// Every view tab, then every chart tab, in tab order.
    std::vector<Panel> panels() const;

    /// New data: restarts the run. `equalAspect`: one unit is as long on both axes.
    void setData(std::shared_ptr<const core::Dataset> data, bool equalAspect);
    void setFeatures(int featureX, int featureY);
    void setParams(const core::Params& params);
    core::Params params() const;
    void setSeed(uint64_t seed);
    uint64_t seed() const;

public slots:
    /// A new run from the current data, parameters and seed.
    void restart();
    virtual void showSnapshot(latentlab::core::SnapshotPtr snap, bool live) = 0;
    /// View toggles; pages without such layers ignore them.
    virtual void setShowCells(bool) {}
    virtual void setShowTrails(bool) {}

signals:
    /// One line for the status bar: iteration, phase, objective, its change, converged.
    void statusChanged(const QString& text);
    /// An event for the log (empty clusters, collapsed components, convergence, edits).
    void eventLogged(const QString& text, bool warning);

protected:
    /// Builds the view, the charts tab (with `chart` first), the form for `defaults` and the
    /// seed box. `formulas` goes to the right dock.
    AlgorithmPage(RunController* controller, ui::RenderBackend renderer, const core::Params& defaults,
                  ui::ObjectiveChart* chart, const QString& chartTitle, QWidget* formulas,
                  QWidget* parent = nullptr);

    /// A factory that makes and resets the model in the worker thread (it may throw).
    virtual RunController::ModelFactory modelFactory(std::shared_ptr<const core::Dataset> data,
                                                     const core::Params& params, uint64_t seed) const = 0;
    /// Redraws the shown snapshot with the current options (features, toggles).
    virtual void redraw() = 0;
    /// Called after the form changed, before the run restarts (enable/disable fields).
    virtual void paramsEdited() {}
    /// Called when new data arrive, before the run restarts (drop what belonged to the old).
    virtual void dataChanged() {}

    /// Charts the objective at ~10 Hz while playing and at once otherwise: Qt Charts relayout
    /// on every update. `history` is per step with `stepsPerIteration` steps an iteration.
    void scheduleChart(std::vector<double> history, int stepsPerIteration, bool now);
    /// Logs a live snapshot's events once (not again when it is redrawn or scrubbed over).
    void logEvents(const core::SnapshotPtr& snap, bool live);
    void addChartTab(QWidget* chart, const QString& title);
    QTabWidget* chartTabs() const { return m_charts; }
    /// Adds a tab beside the main view (the first call puts the main view into a tab titled
    /// `mainTitle`). `view` is the SceneView inside `tab` that Export figure draws, or null.
    void addViewTab(QWidget* tab, ui::SceneView* view, const QString& title, const QString& mainTitle);
    QTabWidget* viewTabs() const { return m_views; }
    /// Adds a blob of `count` points around `at` (Gaussian, σ = 1.5 % of the visible width or
    /// height, whichever is larger; labels, if any, 0) to the data and to the running model
    /// (Model::replaceData), and logs `message` with %1 = count and %2, %3 = the position: for
    /// pages where clicks draw a distribution (GAN, DDPM). 2-D data only (else a logged reason).
    void addBlob(QPointF at, int count, const QString& message);
    /// The right dock of pages with their own controls: a box with `formulas` (stretching) that
    /// the page inserts its controls above (insertDockControls).
    static QWidget* dockWithFormulas(QWidget* formulas);
    void insertDockControls(QWidget* controls);
    /// Heights of the view and the chart tabs (the splitter's sizes; the user may drag it).
    void setViewAndChartHeights(int view, int charts);

public:
    /// One line that says how to make the figure on display again: algorithm, data set,
    /// parameters that differ from their defaults, seed and step.
    QString figureCaption() const;
    /// Brings the view or chart tab titled `title` (case-insensitive) to the front; false when
    /// there is none or it is disabled (e.g. eigen-images for data that are not images).
    bool selectTab(const QString& title);
    /// Titles of the view tab and the chart tab on display (the view's is empty without tabs).
    QString currentViewTab() const;
    QString currentChartTab() const;

protected:

    RunController* m_controller;
    ui::SceneView* m_view = nullptr;
    ui::ParamForm* m_form = nullptr;
    std::shared_ptr<const core::Dataset> m_data; ///< with the user's edits
    ui::Scene m_scene;
    int m_featureX = 0, m_featureY = 1;
    bool m_equalAspect = false;

private:
    void updateChart();

    ui::ObjectiveChart* m_chart = nullptr;
    QTabWidget* m_charts = nullptr;
    QTabWidget* m_views = nullptr; ///< null until a page adds a second view
    QSplitter* m_split = nullptr;
    std::vector<std::pair<QWidget*, ui::SceneView*>> m_viewOfTab;
    QSpinBox* m_seed = nullptr;
    QWidget* m_paramHost = nullptr;
    QWidget* m_formulas = nullptr;
    std::weak_ptr<const core::Snapshot> m_lastLogged;
    std::vector<double> m_chartHistory;
    int m_chartSteps = 1;
    bool m_chartPending = false;
    QTimer m_chartTimer;
    uint64_t m_blobSeed = 1;
};

} // namespace latentlab::app
