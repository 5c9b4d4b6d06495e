#include "app/pca_page.h"

#include "widgets/objective_chart.h"
#include "widgets/pca_formula_panel.h"
#include "widgets/polar_variance_chart.h"
#include "widgets/scree_chart.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>
#include <numbers>

namespace latentlab::app {

namespace {
ui::ObjectiveChart* varianceChart() {
    auto* chart = new ui::ObjectiveChart;
    chart->setLabels(QCoreApplication::translate("PcaPage", "Variance along u per step (rises to λ)"),
                     QCoreApplication::translate("PcaPage", "uᵀSu"));
    return chart;
}

/// A view tab: an optional row of controls over a SceneView.
QWidget* viewTab(ui::SceneView* view, QWidget* controls) {
    auto* tab = new QWidget;
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    if (controls) layout->addWidget(controls);
    layout->addWidget(view, 1);
    return tab;
}
} // namespace

PcaPage::PcaPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent)
    : AlgorithmPage(controller, renderer, core::Params(core::Pca::specs()), varianceChart(),
                    tr("Variance along u"), new ui::PcaFormulaPanel, parent) {
    m_formulas = static_cast<ui::PcaFormulaPanel*>(formulaWidget());
    buildViews();
    paramsEdited();
}

void PcaPage::buildViews() {
    // Main view: the probe's handle turns u.
    auto probeDragged = [this](int id, QPointF data) {
        if (id != ui::kProbeHandle || !m_shown || !m_shown->exact) return;
        m_options.residualsForProbe = true;
        setProbeAngle(ui::PcaSceneBuilder::probeAngleAt(*m_shown->exact, data, m_featureX, m_featureY));
    };
    connect(m_view, &ui::SceneView::markerDragged, this, probeDragged);
    connect(m_view, &ui::SceneView::markerDropped, this, probeDragged);

    // 3-D scores, turned by dragging or slowly by a timer.
    m_view3d = new ui::SceneView(ui::RenderBackend::Painter);
    m_view3d->setRotateOnDrag(true);
    connect(m_view3d, &ui::SceneView::rotateDragged, this, [this](QPointF d) {
        ui::Rotation3D r = m_rotation;
        r.yaw += d.x() * 0.01;
        r.pitch = std::clamp(r.pitch + d.y() * 0.01, -std::numbers::pi / 2, std::numbers::pi / 2);
        setRotation(r);
    });
    auto* controls3d = new QWidget;
    auto* row3d = new QHBoxLayout(controls3d);
    row3d->setContentsMargins(6, 2, 6, 0);
    m_turn = new QCheckBox(tr("Turn slowly"));
    m_turn->setToolTip(tr("Rotate the cloud about the vertical axis (drag to turn it by hand)"));
    auto* front = new QPushButton(tr("PC1–PC2 face on"));
    front->setToolTip(tr("Look along PC3: the same picture as the 2-D scores"));
    row3d->addWidget(m_turn);
    row3d->addWidget(front);
    row3d->addStretch(1);
    m_turnTimer.setInterval(40);
    connect(&m_turnTimer, &QTimer::timeout, this, [this] {
        ui::Rotation3D r = m_rotation;
        r.yaw += 0.02;
        setRotation(r);
    });
    connect(m_turn, &QCheckBox::toggled, this, [this](bool on) { on ? m_turnTimer.start() : m_turnTimer.stop(); });
    connect(front, &QPushButton::clicked, this, [this] { setRotation(ui::Rotation3D{0.0, 0.0}); });
    m_tab3d = viewTab(m_view3d, controls3d);
    addViewTab(m_tab3d, m_view3d, tr("3-D"), tr("Projection"));

    m_eigenView = new ui::ImageGridView;
    m_eigenTab = viewTab(m_eigenView, nullptr);
    addViewTab(m_eigenTab, m_eigenView, tr("Eigen-images"), tr("Projection"));

    m_reconView = new ui::ImageGridView;
    connect(m_reconView, &ui::ImageGridView::tileClicked, this, [this](int i) {
        const auto counts = ui::reconstructionCounts(m_shown && m_shown->exact ? m_shown->exact->count() : 0, m_cutoff);
        if (i >= 1 && i <= static_cast<int>(counts.size())) { // a click on a reconstruction makes its M the cut-off
            m_cutoffChosen = true;
            setCutoff(counts[static_cast<size_t>(i - 1)]);
        }
    });
    auto* controlsRecon = new QWidget;
    auto* rowRecon = new QHBoxLayout(controlsRecon);
    rowRecon->setContentsMargins(6, 2, 6, 0);
    m_sample = new QSpinBox;
    m_sample->setRange(0, 0);
    m_sample->setToolTip(tr("Which sample to reconstruct"));
    auto* next = new QPushButton(tr("Next"));
    rowRecon->addWidget(new QLabel(tr("Sample")));
    rowRecon->addWidget(m_sample);
    rowRecon->addWidget(next);
    rowRecon->addWidget(new QLabel(tr("· framed: the cut-off M of the Scree and E(M) charts (click an image to choose it)")));
    rowRecon->addStretch(1);
    connect(m_sample, &QSpinBox::valueChanged, this, [this] { redrawSideView(); });
    connect(next, &QPushButton::clicked, this, [this] { setSampleIndex(m_sample->value() + 1); });
    m_reconTab = viewTab(m_reconView, controlsRecon);
    addViewTab(m_reconTab, m_reconView, tr("Reconstructions"), tr("Projection"));
    connect(viewTabs(), &QTabWidget::currentChanged, this, [this] { redrawSideView(); });

    m_polar = new ui::PolarVarianceChart;
    connect(m_polar, &ui::PolarVarianceChart::probeAngleChanged, this, [this](double phi) {
        m_options.residualsForProbe = true;
        setProbeAngle(phi);
    });
    addChartTab(m_polar, tr("Variance by direction"));
    m_scree = new ui::ScreeChart(ui::ScreeChart::Mode::Scree);
    m_error = new ui::ScreeChart(ui::ScreeChart::Mode::ReconstructionError);
    addChartTab(m_scree, tr("Scree"));
    addChartTab(m_error, tr("E(M)"));
    for (ui::ScreeChart* chart : {m_scree, m_error})
        connect(chart, &ui::ScreeChart::cutoffChanged, this, [this](int M) {
            m_cutoffChosen = true;
            setCutoff(M);
        });
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

void PcaPage::dataChanged() {
    m_options.probeAngle.reset(); // placed again from the new data's PC1
    m_options.residualsForProbe = false;
}

void PcaPage::setCutoff(int M) {
    if (m_shown && m_shown->exact) M = std::clamp(M, 1, std::max(1, m_shown->exact->count()));
    if (M < 1 || M == m_cutoff) return;
    m_cutoff = M;
    for (ui::ScreeChart* chart : {m_scree, m_error}) {
        const QSignalBlocker block(chart);
        chart->setCutoff(M);
    }
    redrawSideView();
}

void PcaPage::setProbeAngle(double phi) {
    m_options.probeAngle = phi;
    m_polar->setProbeAngle(phi);
    redraw();
}

void PcaPage::setSampleIndex(int index) {
    m_sample->setValue(m_sample->maximum() > 0 ? index % (m_sample->maximum() + 1) : 0);
}

void PcaPage::setRotation(const ui::Rotation3D& rotation) {
    m_rotation = rotation;
    if (viewTabs()->currentWidget() == m_tab3d) redrawSideView();
}

void PcaPage::redraw() {
    if (!m_shown) return;
    m_options.featureX = m_featureX;
    m_options.featureY = m_featureY;
    m_scene = m_builder.build(*m_shown, m_options);
    m_view->setScene(m_scene);
}

void PcaPage::redrawSideView() {
    if (!m_shown || !m_shown->exact || !m_shown->data) return;
    QWidget* tab = viewTabs()->currentWidget();
    const core::Dataset& data = *m_shown->data;
    if (tab == m_tab3d) {
        m_view3d->setScene(m_projection3d.build(m_shown->data, m_shown->exact, m_rotation));
    } else if (tab == m_eigenTab || tab == m_reconTab) {
        std::vector<ui::ImageTile> tiles;
        ui::ImageGridLayout layout;
        ui::ImageGridView* view = tab == m_eigenTab ? m_eigenView : m_reconView;
        const ui::Scene scene = tab == m_eigenTab
                                    ? ui::eigenImagesScene(data, *m_shown->exact, 25, m_cutoff, &tiles, &layout)
                                    : ui::reconstructionScene(data, *m_shown->exact, m_sample->value(), m_cutoff, &tiles, &layout);
        if (tiles.empty()) view->setScene(scene);
        else view->setTiles(std::move(tiles), layout);
        view->resetView();
    }
}

void PcaPage::exactChanged() {
    const core::PcaResult& ex = *m_shown->exact;
    std::vector<double> lambda(ex.explainedVariance.data(), ex.explainedVariance.data() + ex.count());
    m_scree->setEigenvalues(lambda, ex.totalVariance);
    m_error->setEigenvalues(lambda, ex.totalVariance);
    if (!m_cutoffChosen) { // the smallest M keeping 90 % of the variance (1 for two features)
        int M = 1;
        double kept = ex.count() > 0 ? ex.explainedVarianceRatio[0] : 1.0;
        while (M < ex.count() && kept < 0.9) kept += ex.explainedVarianceRatio[M++];
        m_cutoff = 0; // force the update below
        setCutoff(ex.dim() == 2 ? 1 : M);
    } else {
        const int M = m_cutoff;
        m_cutoff = 0;
        setCutoff(M);
    }
    const bool twoD = ex.dim() == 2 && m_shown->covariance;
    m_polar->setCovariance(twoD ? *m_shown->covariance : Eigen::MatrixXd());
    if (twoD && !m_options.probeAngle) { // start 50° off PC1, where the variance is clearly lower
        const double phi1 = std::atan2(ex.components(1, 0), ex.components(0, 0));
        m_options.probeAngle = phi1 + 50.0 * std::numbers::pi / 180.0;
        m_polar->setProbeAngle(*m_options.probeAngle);
    }
    if (!twoD) m_options.probeAngle.reset();
    const bool images = m_shown->data && m_shown->data->imageShape.has_value();
    viewTabs()->setTabEnabled(viewTabs()->indexOf(m_eigenTab), images);
    viewTabs()->setTabEnabled(viewTabs()->indexOf(m_reconTab), images);
    viewTabs()->setTabEnabled(viewTabs()->indexOf(m_tab3d), ex.count() >= 3);
    chartTabs()->setTabEnabled(chartTabs()->indexOf(m_polar), twoD);
    if (!viewTabs()->isTabEnabled(viewTabs()->currentIndex())) viewTabs()->setCurrentIndex(0);
    if (!chartTabs()->isTabEnabled(chartTabs()->currentIndex())) chartTabs()->setCurrentIndex(0);
    m_sample->setRange(0, std::max(0, m_shown->data ? m_shown->data->n() - 1 : 0));
}

void PcaPage::showSnapshot(core::SnapshotPtr snap, bool live) {
    auto p = std::dynamic_pointer_cast<const core::PcaSnapshot>(snap);
    if (!p) return;
    m_shown = p;
    if (live && p->pcaPhase != core::PcaPhase::Done) m_options.residualsForProbe = false; // the run has the focus again
    if (p->exact && m_exactOf.lock() != p->exact) {
        m_exactOf = p->exact;
        exactChanged();
        redrawSideView();
    }
    redraw();
    if (p->u.size() == 2 && p->pcaPhase != core::PcaPhase::Done) m_polar->setEstimate(Eigen::Vector2d(p->u[0], p->u[1]));
    else m_polar->setEstimate(std::nullopt);
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
