#pragma once
// Everything k-means adds to the main window: the scatter view with its scene builder and
// editing (add/remove points, drag centroids), the objective and elbow charts, the parameter
// form and the formula panel. The window's run controls, timeline and status are generic.
#include "app/run_controller.h"
#include "core/kmeans.h"
#include "widgets/kmeans_scene.h"
#include "widgets/scene_view.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QSpinBox;
class QTabWidget;

namespace latentlab::ui {
class ElbowChart;
class FormulaPanel;
class ObjectiveChart;
class ParamForm;
} // namespace latentlab::ui

namespace latentlab::app {

class KMeansPage : public QWidget {
    Q_OBJECT
public:
    KMeansPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent = nullptr);
    ~KMeansPage() override;

    /// The parameter form and seed (for the left dock) and the formula panel (right dock).
    QWidget* parameterWidget() const { return m_paramHost; }
    QWidget* formulaWidget() const;

    /// New data: restarts the run. `equalAspect`: one unit is as long on both axes.
    void setData(std::shared_ptr<const core::Dataset> data, bool equalAspect);
    void setFeatures(int featureX, int featureY);
    void setParams(const core::Params& params);
    core::Params params() const;
    void setSeed(uint64_t seed);
    uint64_t seed() const;

    /// The scene shown now (for export), and the chart of J.
    ui::Scene currentScene() const { return m_scene; }
    ui::SceneView* view() const { return m_view; }
    QWidget* objectiveChart() const;
    QWidget* elbowChart() const;

public slots:
    /// A new run from the current data, parameters and seed.
    void restart();
    void showSnapshot(latentlab::core::SnapshotPtr snap, bool live);
    void setShowCells(bool on);
    void setShowTrails(bool on);
    void computeElbow();

signals:
    /// One line for the status bar: iteration, phase, J, ΔJ, changed points, converged.
    void statusChanged(const QString& text);
    /// An event for the log (empty clusters, convergence, edits).
    void eventLogged(const QString& text, bool warning);

private:
    void addPoint(QPointF at);
    void removePoint(QPointF at);
    void dragCentroid(int k, QPointF at, bool dropped);
    void redraw();
    void updateChart();
    void updateFormEnabling();

    RunController* m_controller;
    ui::SceneView* m_view = nullptr;
    ui::ObjectiveChart* m_chart = nullptr;
    ui::ElbowChart* m_elbow = nullptr;
    ui::FormulaPanel* m_formulas = nullptr;
    ui::ParamForm* m_form = nullptr;
    QSpinBox* m_seed = nullptr;
    QWidget* m_paramHost = nullptr;
    QTabWidget* m_charts = nullptr;

    std::shared_ptr<const core::Dataset> m_data; ///< with the user's edits
    ui::KMeansViewOptions m_options;
    ui::KMeansSceneBuilder m_builder;
    ui::Scene m_scene;
    std::shared_ptr<const core::KMeansSnapshot> m_shown;
    std::shared_ptr<const core::KMeansSnapshot> m_chartPending; ///< newest state not yet charted
    QTimer m_chartTimer;
    uint64_t m_lastLoggedStep = 0;

    QFutureWatcher<std::vector<double>> m_elbowWatcher;
    std::shared_ptr<std::atomic<bool>> m_elbowCancel;
    bool m_elbowDone = false; ///< the elbow chart shows the current data
};

} // namespace latentlab::app
