#include "app/gmm_page.h"

#include "widgets/criteria_chart.h"
#include "widgets/em_bound_panel.h"
#include "widgets/gmm_formula_panel.h"
#include "widgets/gmm_weights_chart.h"
#include "widgets/objective_chart.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QSplitter>
#include <QTabWidget>
#include <QThread>
#include <QVBoxLayout>

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

/// The right dock: the formulas, and under them the weights π_k they update.
QWidget* formulasAndWeights() {
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new ui::GmmFormulaPanel, 1);
    layout->addWidget(new ui::GmmWeightsChart);
    return box;
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
                    formulasAndWeights(), parent) {
    m_formulas = formulaWidget()->findChild<ui::GmmFormulaPanel*>();
    m_weights = formulaWidget()->findChild<ui::GmmWeightsChart*>();
    m_criteria = new ui::CriteriaChart;
    addChartTab(m_criteria, tr("AIC / BIC (choose K)"));
    m_bound = new ui::EmBoundPanel(renderer);
    addChartTab(m_bound, tr("EM lower bound"));
    connect(m_bound, &ui::EmBoundPanel::statusChanged, this, [this](const QString& text) {
        if (chartTabs()->currentWidget() == m_bound) emit statusChanged(text);
    });

    m_fitChoice = new QComboBox;
    m_fitChoice->setToolTip(tr("Fit all features (2-D view of the x and y axes), or one feature alone: "
                               "the 1-D view with the histogram, the mixture density and its components"));
    if (auto* form = qobject_cast<QFormLayout*>(parameterWidget()->layout())) form->insertRow(0, tr("Fit on"), m_fitChoice);
    connect(m_fitChoice, &QComboBox::activated, this,
            [this](int index) { setFitFeature(m_fitChoice->itemData(index).toInt()); });
    paramsEdited();
    // Opening the tab computes the criteria if they are not there yet.
    connect(chartTabs(), &QTabWidget::currentChanged, this, [this] {
        if (chartTabs()->currentWidget() == m_criteria && !m_criteriaDone && !m_criteriaJob.isRunning())
            computeCriteria();
        const bool bound = chartTabs()->currentWidget() == m_bound, wasBound = !m_splitBefore.isEmpty();
        enlargeCharts(bound);
        if (wasBound && !bound && m_shown) showSnapshot(m_shown, false); // the run's status line again
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
    rebuildFitChoices();
}

void GmmPage::rebuildFitChoices() {
    if (!m_data) return;
    const int d = m_data->d();
    const QString kept = m_fitFeature >= 0 ? m_fitChoice->currentText() : QString();
    const QSignalBlocker block(m_fitChoice);
    m_fitChoice->clear();
    if (d == 1) {
        m_fitChoice->addItem(tr("%1 (1-D)").arg(ui::DataColumns::featureName(*m_data, 0)), -1);
    } else {
        m_fitChoice->addItem(tr("all %1 features (2-D view)").arg(d), -1);
        for (int j = 0; j < d; ++j)
            m_fitChoice->addItem(tr("%1 only (1-D)").arg(ui::DataColumns::featureName(*m_data, j)), j);
    }
    m_fitChoice->setEnabled(d > 1);
    // The same feature stays chosen while the data keep it (a new sample, standardising).
    const int index = kept.isEmpty() ? 0 : std::max(0, m_fitChoice->findText(kept));
    m_fitChoice->setCurrentIndex(index);
    m_fitFeature = m_fitChoice->itemData(index).toInt();
}

void GmmPage::setFitFeature(int feature) {
    const int d = m_data ? m_data->d() : 0;
    if (feature >= d || d == 1) feature = -1;
    {
        const QSignalBlocker block(m_fitChoice);
        m_fitChoice->setCurrentIndex(std::max(0, m_fitChoice->findData(feature)));
    }
    if (feature == m_fitFeature) return;
    m_fitFeature = feature;
    m_criteriaJob.requestCancel(); // other data, other criteria
    m_criteria->setValues({});
    m_criteriaDone = false;
    m_view->resetView();
    restart();
    if (chartTabs()->currentWidget() == m_criteria) computeCriteria();
}

std::shared_ptr<const core::Dataset> GmmPage::fitData(const std::shared_ptr<const core::Dataset>& data) const {
    if (!data || m_fitFeature < 0 || m_fitFeature >= data->d() || data->d() == 1) return data;
    if (m_projected && m_projectedFrom.lock() == data && m_projectedFeature == m_fitFeature) return m_projected;
    auto column = std::make_shared<core::Dataset>();
    column->name = data->name;
    column->X = data->X.col(m_fitFeature);
    column->featureNames = {ui::DataColumns::featureName(*data, m_fitFeature).toStdString()};
    column->labels = data->labels;
    column->labelNames = data->labelNames;
    m_projected = std::move(column);
    m_projectedFrom = data;
    m_projectedFeature = m_fitFeature;
    return m_projected;
}

void GmmPage::enlargeCharts(bool on) {
    auto* split = qobject_cast<QSplitter*>(chartTabs()->parentWidget());
    if (!split || split->count() != 2) return;
    if (on && m_splitBefore.isEmpty()) {
        m_splitBefore = split->sizes();
        const int total = m_splitBefore.value(0) + m_splitBefore.value(1);
        split->setSizes({total * 3 / 10, total - total * 3 / 10});
    } else if (!on && !m_splitBefore.isEmpty()) {
        split->setSizes(m_splitBefore);
        m_splitBefore.clear();
    }
}

void GmmPage::computeCriteria() {
    if (!m_data) return;
    m_criteria->setBusy(true);
    const auto data = fitData(m_data);
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

RunController::ModelFactory GmmPage::modelFactory(std::shared_ptr<const core::Dataset> all, const core::Params& p,
                                                  uint64_t s) const {
    return [data = fitData(all), p, s] {
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
    m_weights->setWeights(std::vector<double>(g->weights.data(), g->weights.data() + g->weights.size()));
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
    if (chartTabs()->currentWidget() != m_bound) emit statusChanged(status);
    logEvents(g, live);
}

} // namespace latentlab::app
