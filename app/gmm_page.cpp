#include "app/gmm_page.h"

#include "widgets/criteria_chart.h"
#include "widgets/gmm_formula_panel.h"
#include "widgets/objective_chart.h"

#include <QCoreApplication>
#include <QTabWidget>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace latentlab::app {

namespace {
core::Params gmmDefaults() {
    core::Params defaults(core::GaussianMixture::specs());
    defaults.set("k", int64_t{2});
    return defaults;
}

ui::ObjectiveChart* logLikelihoodChart() {
    auto* chart = new ui::ObjectiveChart;
    chart->setLabels(QCoreApplication::translate("GmmPage", "Log-likelihood per sample (never falls)"),
                     QCoreApplication::translate("GmmPage", "ℓ / N"));
    return chart;
}

core::CovarianceType covarianceOf(const std::string& name) {
    if (name == "diag") return core::CovarianceType::Diagonal;
    if (name == "spherical") return core::CovarianceType::Spherical;
    if (name == "tied") return core::CovarianceType::Tied;
    return core::CovarianceType::Full;
}
} // namespace

GmmPage::GmmPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent)
    : AlgorithmPage(controller, renderer, gmmDefaults(), logLikelihoodChart(), tr("Log-likelihood"),
                    new ui::GmmFormulaPanel, parent) {
    m_formulas = static_cast<ui::GmmFormulaPanel*>(formulaWidget());
    m_criteria = new ui::CriteriaChart;
    addChartTab(m_criteria, tr("AIC / BIC (choose K)"));
    paramsEdited();
    // Opening the tab computes the criteria if they are not there yet.
    connect(chartTabs(), &QTabWidget::currentChanged, this, [this] {
        if (chartTabs()->currentWidget() == m_criteria && !m_criteriaDone && !m_criteriaJob.isRunning())
            computeCriteria();
    });
    connect(&m_criteriaJob.watcher(), &QFutureWatcherBase::finished, this, [this] {
        m_criteria->setBusy(false);
        if (m_criteriaJob.cancelled()) return; // data or settings changed meanwhile
        m_criteriaDone = true;
        m_criteria->setValues(m_criteriaJob.result());
    });
}

GmmPage::~GmmPage() = default;

void GmmPage::dataChanged() {
    m_criteriaJob.requestCancel();
    m_criteria->setValues({});
    m_criteriaDone = false;
}

void GmmPage::computeCriteria() {
    if (!m_data) return;
    m_criteria->setBusy(true);
    const auto data = m_data;
    const core::Params p = params();
    const uint64_t s = seed();
    m_criteriaJob.start([data, p, s](const std::atomic<bool>* cancel) {
        try {
            return core::informationCriteria(data, p, std::min(8, data->n()), s, cancel);
        } catch (const std::exception&) {
            return std::vector<std::pair<double, double>>{};
        }
    });
}

RunController::ModelFactory GmmPage::modelFactory(std::shared_ptr<const core::Dataset> data, const core::Params& p,
                                                  uint64_t s) const {
    return [data, p, s] {
        auto model = std::make_shared<core::GaussianMixture>();
        model->setThreads(std::max(1, QThread::idealThreadCount() - 1)); // a core for the GUI
        model->reset(data, p, s);
        return model;
    };
}

void GmmPage::paramsEdited() {
    if (m_criteria) dataChanged(); // other covariance type or regulariser: other criteria
    const core::Params p = params();
    m_formulas->setSettings(covarianceOf(p.getChoice("covariance-type")), p.getBool("hard-em"), p.getReal("reg-covar"));
}

void GmmPage::setShowCells(bool on) {
    m_options.showDensity = on;
    redraw();
}

void GmmPage::redraw() {
    if (!m_shown) return;
    m_options.featureX = m_featureX;
    m_options.featureY = m_featureY;
    m_options.equalAspect = m_equalAspect;
    m_scene = m_builder.build(*m_shown, m_options);
    m_view->setScene(m_scene);
}

void GmmPage::showSnapshot(core::SnapshotPtr snap, bool live) {
    auto g = std::dynamic_pointer_cast<const core::GmmSnapshot>(snap);
    if (!g) return;
    m_shown = g;
    redraw();
    scheduleChart(g->logLikelihoodHistory, 1, !live || g->finished);
    m_formulas->setPhase(g->gmmPhase, g->converged);

    QString status = ui::GmmSceneBuilder::caption(*g).replace(QStringLiteral(" · "), QStringLiteral("  ·  "));
    const auto& h = g->logLikelihoodHistory;
    if (!h.empty() && std::isfinite(h.back())) {
        status += tr("  ·  ℓ/N = %1").arg(h.back(), 0, 'f', 5);
        if (h.size() > 1) status += tr("  ·  Δ = %1").arg(h.back() - h[h.size() - 2], 0, 'g', 3);
    }
    if (g->converged) status += tr("  ·  converged");
    else if (g->finished) status += tr("  ·  stopped at max-iter");
    emit statusChanged(status);
    logEvents(g, live);
}

} // namespace latentlab::app
