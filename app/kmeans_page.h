#pragma once
// k-means in the main window: the scatter view with its scene builder and editing (add and
// remove points, drag centroids), the objective and elbow charts and the formula panel.
#include "app/algorithm_page.h"
#include "app/background_job.h"
#include "core/kmeans.h"
#include "widgets/kmeans_scene.h"

#include <memory>

namespace latentlab::ui {
class ElbowChart;
class FormulaPanel;
} // namespace latentlab::ui

namespace latentlab::app {

class KMeansPage : public AlgorithmPage {
    Q_OBJECT
public:
    KMeansPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent = nullptr);
    ~KMeansPage() override;

    QString algorithm() const override { return QStringLiteral("kmeans"); }
    QString displayName() const override { return tr("k-means"); }
    QWidget* elbowChart() const;

public slots:
    void showSnapshot(latentlab::core::SnapshotPtr snap, bool live) override;
    void setShowCells(bool on) override;
    void setShowTrails(bool on) override;
    /// Best J over 5 restarts for K = 1..10, in the background.
    void computeElbow();

protected:
    RunController::ModelFactory modelFactory(std::shared_ptr<const core::Dataset> data, const core::Params& params,
                                             uint64_t seed) const override;
    void redraw() override;
    void paramsEdited() override;
    void dataChanged() override;

private:
    void addPoint(QPointF at);
    void removePoint(QPointF at);
    void dragCentroid(int k, QPointF at, bool dropped);

    ui::ElbowChart* m_elbow = nullptr;
    ui::FormulaPanel* m_formulas = nullptr;
    ui::KMeansViewOptions m_options;
    ui::KMeansSceneBuilder m_builder;
    std::shared_ptr<const core::KMeansSnapshot> m_shown;

    BackgroundJob<std::vector<double>> m_elbowJob;
    bool m_elbowDone = false; ///< the elbow chart shows the current data
};

} // namespace latentlab::app
