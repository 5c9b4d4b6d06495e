#include "app/kmeans_page.h"

#include "widgets/elbow_chart.h"
#include "widgets/formula_panel.h"
#include "widgets/objective_chart.h"
#include "widgets/param_form.h"
#include "widgets/scene_view.h"

#include <QFormLayout>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QThread>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>
#include <limits>

namespace latentlab::app {

namespace {
core::Params kmeansDefaults() {
    core::Params defaults(core::KMeans::specs());
    defaults.set("k", int64_t{2});
    return defaults;
}
} // namespace

KMeansPage::KMeansPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent)
    : AlgorithmPage(controller, renderer, kmeansDefaults(), new ui::ObjectiveChart, tr("Objective J"),
                    new ui::FormulaPanel, parent) {
    m_formulas = static_cast<ui::FormulaPanel*>(formulaWidget());
    m_elbow = new ui::ElbowChart;
    addChartTab(m_elbow, tr("Elbow (choose K)"));
    paramsEdited();

    connect(m_view, &ui::SceneView::pointAddRequested, this, &KMeansPage::addPoint);
    connect(m_view, &ui::SceneView::pointRemoveRequested, this, &KMeansPage::removePoint);
    connect(m_view, &ui::SceneView::markerDragged, this,
            [this](int id, QPointF at) { dragCentroid(id, at, false); });
    connect(m_view, &ui::SceneView::markerDropped, this,
            [this](int id, QPointF at) { dragCentroid(id, at, true); });
    // Opening the elbow tab computes the chart if it is not there yet.
    connect(chartTabs(), &QTabWidget::currentChanged, this, [this] {
        if (chartTabs()->currentWidget() == m_elbow && !m_elbowDone && !m_elbowJob.isRunning()) computeElbow();
    });
    connect(&m_elbowJob.watcher(), &QFutureWatcherBase::finished, this, [this] {
        m_elbow->setBusy(false);
        if (m_elbowJob.cancelled()) return; // the data changed meanwhile
        m_elbowDone = true;
        m_elbow->setCurve(m_elbowJob.result());
        m_elbow->highlightK(static_cast<int>(params().getInt("k")));
    });
}

KMeansPage::~KMeansPage() = default;

QWidget* KMeansPage::elbowChart() const { return m_elbow; }





void KMeansPage::setShowCells(bool on) {
    m_options.showCells = on;
    redraw();
}

void KMeansPage::setShowTrails(bool on) {
    m_options.showTrails = on;
    redraw();
}

void KMeansPage::dataChanged() {
    m_elbowJob.requestCancel();
    m_elbow->setCurve({});
    m_elbowDone = false;
}

void KMeansPage::paramsEdited() {
    const core::Params p = m_form->params();
    const bool soft = p.getBool("soft");
    m_form->setParamEnabled("beta", soft);
    m_form->setParamEnabled("tol", soft);
    const auto distance = p.getChoice("distance");
    m_formulas->setKMeansSettings(distance == "l1"       ? core::KMeansDistance::L1
                                  : distance == "cosine" ? core::KMeansDistance::Cosine
                                                         : core::KMeansDistance::L2,
                                  soft, p.getReal("beta"));
}

RunController::ModelFactory KMeansPage::modelFactory(std::shared_ptr<const core::Dataset> data,
                                                   const core::Params& p, uint64_t s) const {
    return [data, p, s] {
        auto model = std::make_shared<core::KMeans>();
        // Leave a core to the GUI thread and the software rasteriser: the window must keep
        // answering while the model runs flat out. Results do not depend on the thread count.
        model->setThreads(std::max(1, QThread::idealThreadCount() - 1));
        model->reset(data, p, s);
        return model;
    };
}

void KMeansPage::showSnapshot(core::SnapshotPtr snap, bool live) {
    auto km = std::dynamic_pointer_cast<const core::KMeansSnapshot>(snap);
    if (!km) return;
    m_shown = km;
    // The data of the state on display (an edit's, or an earlier one when scrubbed back):
    // the next edit starts from what the user sees.
    if (km->data && km->data != m_data) m_data = km->data;
    redraw();
    scheduleChart(km->objectiveHistory, 2, !live || km->finished);
    m_formulas->setPhase(km->kmeansPhase, km->converged);

    const auto& h = km->objectiveHistory;
    QString status = tr("Iteration %1  ·  %2").arg(km->iteration).arg(ui::KMeansSceneBuilder::caption(*km).section(QStringLiteral(" · "), 1));
    if (!h.empty()) {
        status += tr("  ·  J = %1").arg(h.back(), 0, 'g', 7);
        if (h.size() > 1) status += tr("  ·  ΔJ = %1").arg(h.back() - h[h.size() - 2], 0, 'g', 4);
    }
    if (km->kmeansPhase == core::KMeansPhase::Assign && km->labels)
        status += tr("  ·  %n point(s) changed cluster", nullptr, static_cast<int>(km->changed));
    if (km->converged) status += tr("  ·  converged");
    else if (km->finished) status += tr("  ·  stopped at max-iter");
    emit statusChanged(status);

    logEvents(km, live);
}


void KMeansPage::redraw() {
    if (!m_shown) return;
    m_options.featureX = m_featureX;
    m_options.featureY = m_featureY;
    m_options.equalAspect = m_equalAspect;
    m_scene = m_builder.build(*m_shown, m_options);
    m_view->setScene(m_scene);
}

void KMeansPage::addPoint(QPointF at) {
    if (!m_data || m_data->d() != 2) {
        emit eventLogged(tr("Points can be added to 2-D data only."), true);
        return;
    }
    auto edited = std::make_shared<core::Dataset>(*m_data);
    edited->X.conservativeResize(edited->n() + 1, Eigen::NoChange);
    edited->X(edited->n() - 1, 0) = static_cast<float>(at.x());
    edited->X(edited->n() - 1, 1) = static_cast<float>(at.y());
    if (edited->hasLabels()) edited->labels.push_back(0);
    m_data = edited;
    m_controller->edit([edited](core::Model& m) { m.replaceData(*edited); });
}

void KMeansPage::removePoint(QPointF at) {
    if (!m_data || m_data->d() != 2 || m_data->n() == 0) return;
    // The nearest point within ~12 pixels of the click.
    const auto& t = m_view->transform();
    const QPointF px = t.toPixel(at);
    int best = -1;
    double bestDist = 12.0 * 12.0;
    for (int i = 0; i < m_data->n(); ++i) {
        const QPointF p = t.toPixel(QPointF(m_data->X(i, 0), m_data->X(i, 1)));
        const double d2 = (p.x() - px.x()) * (p.x() - px.x()) + (p.y() - px.y()) * (p.y() - px.y());
        if (d2 < bestDist) {
            bestDist = d2;
            best = i;
        }
    }
    if (best < 0) return;
    const int k = static_cast<int>(params().getInt("k"));
    if (m_data->n() <= k) {
        emit eventLogged(tr("K = %1 clusters need at least %1 points.").arg(k), true);
        return;
    }
    auto edited = std::make_shared<core::Dataset>();
    edited->name = m_data->name;
    edited->featureNames = m_data->featureNames;
    edited->labelNames = m_data->labelNames;
    edited->X.resize(m_data->n() - 1, 2);
    for (int i = 0, r = 0; i < m_data->n(); ++i) {
        if (i == best) continue;
        edited->X.row(r++) = m_data->X.row(i);
        if (m_data->hasLabels()) edited->labels.push_back(m_data->labels[static_cast<size_t>(i)]);
    }
    m_data = edited;
    m_controller->edit([edited](core::Model& m) { m.replaceData(*edited); });
}

void KMeansPage::dragCentroid(int k, QPointF at, bool dropped) {
    if (!m_shown || k < 0 || k >= static_cast<int>(m_scene.markers.size())) return;
    if (!dropped) { // move the marker at once; the model follows on drop
        m_scene.markers[static_cast<size_t>(k)].pos = at;
        m_view->setScene(m_scene);
        return;
    }
    core::Vector position = m_shown->centroids.row(k).transpose();
    position[std::clamp(m_featureX, 0, static_cast<int>(position.size()) - 1)] = static_cast<float>(at.x());
    if (position.size() > 1)
        position[std::clamp(m_featureY, 0, static_cast<int>(position.size()) - 1)] = static_cast<float>(at.y());
    m_controller->edit([k, position](core::Model& m) {
        if (auto* km = dynamic_cast<core::KMeans*>(&m)) km->setCentroid(k, position);
    });
}

void KMeansPage::computeElbow() {
    if (!m_data) return;
    m_elbow->setBusy(true);
    const auto data = m_data;
    const core::Params p = params();
    const uint64_t s = seed();
    m_elbowJob.start([data, p, s](const std::atomic<bool>* cancel) {
        core::Params base = p;
        base.set("k", int64_t{1});
        return core::elbowCurve(data, base, std::min(10, data->n()), 5, s, cancel);
    });
    // After start: showing the tab would otherwise start a second computation.
    chartTabs()->setCurrentWidget(m_elbow);
}

} // namespace latentlab::app
