#include "app/pca_page.h"

#include "widgets/objective_chart.h"
#include "widgets/pca_formula_panel.h"

#include <QCoreApplication>

namespace latentlab::app {

namespace {
ui::ObjectiveChart* varianceChart() {
    auto* chart = new ui::ObjectiveChart;
    chart->setLabels(QCoreApplication::translate("PcaPage", "Variance along u per step (rises to λ)"),
                     QCoreApplication::translate("PcaPage", "uᵀSu"));
    return chart;
}
} // namespace

PcaPage::PcaPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent)
    : AlgorithmPage(controller, renderer, core::Params(core::Pca::specs()), varianceChart(),
                    tr("Variance along u"), new ui::PcaFormulaPanel, parent) {
    m_formulas = static_cast<ui::PcaFormulaPanel*>(formulaWidget());
    paramsEdited();
}

RunController::ModelFactory PcaPage::modelFactory(std::shared_ptr<const core::Dataset> data, const core::Params& p,
                                                  uint64_t s) const {
    return [data, p, s] {
        auto model = std::make_shared<core::Pca>();
        model->reset(*data, p, s);
        return model;
    };
}

void PcaPage::paramsEdited() {
    m_formulas->setMethod(params().getChoice("method") == "oja" ? core::PcaMethod::Oja
                                                                : core::PcaMethod::PowerIteration);
}

void PcaPage::redraw() {
    if (!m_shown) return;
    m_options.featureX = m_featureX;
    m_options.featureY = m_featureY;
    m_scene = m_builder.build(*m_shown, m_options);
    m_view->setScene(m_scene);
}

void PcaPage::showSnapshot(core::SnapshotPtr snap, bool live) {
    auto p = std::dynamic_pointer_cast<const core::PcaSnapshot>(snap);
    if (!p) return;
    m_shown = p;
    redraw();
    std::vector<double> variance;
    variance.reserve(p->trace.size());
    for (const auto& t : p->trace) variance.push_back(t.rayleigh);
    scheduleChart(std::move(variance), 1, !live || p->finished);
    m_formulas->setPhase(p->pcaPhase);

    QString status = ui::PcaSceneBuilder::caption(*p);
    status += tr("  ·  uᵀSu = %1").arg(p->rayleigh, 0, 'g', 6);
    if (p->exact && p->current < p->exact->count())
        status += tr("  ·  λ%1 = %2").arg(p->current + 1).arg(p->exact->explainedVariance[p->current], 0, 'g', 6);
    status += tr("  ·  found %1 of %2, %3% of the variance")
                  .arg(p->found.cols())
                  .arg(p->requested)
                  .arg(100 * p->explainedVarianceRatioFound, 0, 'f', 1);
    emit statusChanged(status);
    logEvents(p, live);
}

} // namespace latentlab::app
