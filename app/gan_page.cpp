#include "app/gan_page.h"

#include "widgets/gan_charts.h"
#include "widgets/gan_formula_panel.h"
#include "widgets/image_grid.h"
#include "widgets/objective_chart.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

namespace latentlab::app {

namespace {
constexpr int kLiveDrawMs = 40;   ///< the 2-D view and the image grid while playing
constexpr int kLiveChartMs = 200; ///< the charts while playing
constexpr int kImagesShown = 64;
const QColor kDColor(0x00, 0x72, 0xB2), kGColor(0xD5, 0x5E, 0x00), kGrey(110, 110, 110);

core::GanLoss lossOf(const std::string& name) {
    if (name == "minimax") return core::GanLoss::Minimax;
    if (name == "least-squares") return core::GanLoss::LeastSquares;
    return core::GanLoss::NonSaturating;
}

} // namespace

GanPage::GanPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent)
    : AlgorithmPage(controller, renderer, core::Params(core::Gan::specs()), new ui::ObjectiveChart, tr("J"),
                    dockWithFormulas(new ui::GanFormulaPanel), parent) {
    m_formulas = formulaWidget()->findChild<ui::GanFormulaPanel*>();
    insertDockControls(buildControls());

    // The GAN's curves replace the single objective chart (it stays unused, out of the tabs).
    chartTabs()->removeTab(0);
    m_losses = new ui::GanCurveChart(tr("Discriminator and generator losses"), tr("loss"));
    m_probabilities = new ui::GanCurveChart(tr("Mean D(real) and D(fake): both → ½ when D cannot tell"), tr("D"));
    m_probabilities->setReferences({{0.5, tr("½"), kGrey}});
    m_probabilities->setFixedRange(std::make_pair(0.0, 1.0));
    m_value = new ui::GanCurveChart(tr("Value J(G, D) = E log D(x) + E log(1 − D(G(z)))"), tr("J"));
    m_value->setReferences({{-std::log(4.0), tr("equilibrium −log 4"), kGColor}});
    addChartTab(m_losses, tr("Losses"));
    addChartTab(m_probabilities, tr("D(real), D(fake)"));
    addChartTab(m_value, tr("Value J"));

    m_images = new ui::ImageGridView;
    addViewTab(m_images, m_images, tr("Generated images"), tr("Samples and D(x)"));
    viewTabs()->setTabEnabled(1, false);
    connect(viewTabs(), &QTabWidget::currentChanged, this, [this] { redraw(); });
    connect(m_view, &ui::SceneView::pointAddRequested, this, &GanPage::addPoints);

    m_drawTimer.setSingleShot(true);
    m_drawTimer.setInterval(kLiveDrawMs);
    connect(&m_drawTimer, &QTimer::timeout, this, [this] { redraw(); });
    m_chartTimer.setSingleShot(true);
    m_chartTimer.setInterval(kLiveChartMs);
    connect(&m_chartTimer, &QTimer::timeout, this, [this] { updateCharts(); });
    paramsEdited();
}

QWidget* GanPage::buildControls() {
    auto* box = new QGroupBox(tr("Step one network"));
    auto* layout = new QVBoxLayout(box);
    auto* buttons = new QHBoxLayout;
    m_trainD = new QPushButton(tr("Train D once"));
    m_trainD->setToolTip(tr("One discriminator update now, the generator unchanged"));
    m_trainG = new QPushButton(tr("Train G once"));
    m_trainG->setToolTip(tr("One generator update now (the gradient flows through the fixed D)"));
    buttons->addWidget(m_trainD);
    buttons->addWidget(m_trainG);
    layout->addLayout(buttons);
    connect(m_trainD, &QPushButton::clicked, this, &GanPage::trainDiscriminatorOnce);
    connect(m_trainG, &QPushButton::clicked, this, &GanPage::trainGeneratorOnce);

    m_heat = new QCheckBox(tr("D(x) heat map"));
    m_arrows = new QCheckBox(tr("Gradient arrows −∂(G loss)/∂x"));
    m_manifold = new QCheckBox(tr("Generator manifold (z grid through G)"));
    m_heat->setToolTip(tr("The discriminator's output over the plane: purple says fake, green says real"));
    m_arrows->setToolTip(tr("Where the next generator step pushes 100 of the generated samples"));
    m_manifold->setToolTip(tr("Lines of constant z₁ and z₂ (±2.5 for Gaussian noise, ±1 for uniform) mapped through G; "
                              "noise dimension 1 or 2 only"));
    for (QCheckBox* c : {m_heat, m_arrows, m_manifold}) {
        c->setChecked(true);
        layout->addWidget(c);
    }
    connect(m_heat, &QCheckBox::toggled, this, &GanPage::setShowHeatMap);
    connect(m_arrows, &QCheckBox::toggled, this, &GanPage::setShowArrows);
    connect(m_manifold, &QCheckBox::toggled, this, &GanPage::setShowManifold);
    m_lossNote = new QLabel;
    m_lossNote->setWordWrap(true);
    layout->addWidget(m_lossNote);
    return box;
}

void GanPage::setShowHeatMap(bool on) {
    m_options.showHeatMap = on;
    if (m_heat->isChecked() != on) m_heat->setChecked(on);
    redraw();
}

void GanPage::setShowArrows(bool on) {
    m_options.showArrows = on;
    if (m_arrows->isChecked() != on) m_arrows->setChecked(on);
    redraw();
}

void GanPage::setShowManifold(bool on) {
    m_options.showManifold = on;
    if (m_manifold->isChecked() != on) m_manifold->setChecked(on);
    redraw();
}

int GanPage::stepsPerIteration() const { return static_cast<int>(params().getInt("d-steps")) + 1; }

void GanPage::trainDiscriminatorOnce() { trainOnce(true); }
void GanPage::trainGeneratorOnce() { trainOnce(false); }

void GanPage::trainOnce(bool discriminator) {
    if (const auto s = std::dynamic_pointer_cast<const core::GanSnapshot>(m_controller->current()); s && s->diverged) {
        emit eventLogged(tr("The run diverged: press Reset (R), or go back on the timeline and continue from there."),
                         true);
        return;
    }
    m_controller->pause();
    applyTrainOnce(discriminator);
}

void GanPage::applyTrainOnce(bool discriminator) {
    m_controller->edit(
        [discriminator](core::Model& model) {
            auto* gan = dynamic_cast<core::Gan*>(&model);
            if (!gan) return;
            if (discriminator) gan->stepDiscriminator();
            else gan->stepGenerator();
        },
        discriminator ? "train-d" : "train-g");
}

bool GanPage::replayEdit(const QString& name) {
    if (name != QLatin1String("train-d") && name != QLatin1String("train-g")) return false;
    applyTrainOnce(name == QLatin1String("train-d"));
    return true;
}

RunController::ModelFactory GanPage::modelFactory(std::shared_ptr<const core::Dataset> data, const core::Params& p,
                                                  uint64_t s) const {
    return [data, p, s] {
        auto model = std::make_shared<core::Gan>();
        model->reset(data, p, s);
        return model;
    };
}

void GanPage::paramsEdited() {
    const core::Params p = params();
    const core::GanLoss loss = lossOf(p.getChoice("loss"));
    m_formulas->setSettings(loss, static_cast<int>(p.getInt("d-steps")));
    m_lossNote->setText(loss == core::GanLoss::Minimax
                            ? tr("<i>Minimax: the lecture's loss (000:961-978).</i>")
                            : tr("<i>Note: the %1 generator loss is beyond the lecture, which uses the minimax loss "
                                 "log(1 − D(G(z))) (000:961-978).</i>")
                                  .arg(loss == core::GanLoss::NonSaturating ? tr("non-saturating") : tr("least-squares")));
    const int m = static_cast<int>(p.getInt("noise-dim"));
    m_manifold->setEnabled(m <= 2);
}

void GanPage::dataChanged() {
    m_shown.reset();
    const bool images = m_data && m_data->imageShape;
    viewTabs()->setTabEnabled(1, images);
    viewTabs()->setCurrentIndex(images ? 1 : 0);
    m_view->resetView();
    m_images->setTiles({}, {});
}

void GanPage::redraw() {
    m_drawTimer.stop();
    m_drawn.start();
    if (!m_shown) return;
    if (viewTabs()->currentWidget() == m_images) {
        redrawImages();
        return;
    }
    m_options.featureX = m_featureX;
    m_options.featureY = m_featureY;
    m_options.equalAspect = m_equalAspect;
    ui::GanViewOptions o = m_options;
    if (m_shown->data && m_shown->data->imageShape) o.showManifold = false; // two pixels of a warped grid say little
    QElapsedTimer built;
    built.start();
    m_scene = m_builder.build(*m_shown, o);
    m_buildMs = static_cast<double>(built.nsecsElapsed()) / 1e6;
    if (m_shown->diverged) {
        ui::TextItem t;
        t.text = tr("Diverged: the last good networks (see Events)");
        t.pos = QPointF(0.5, 0.04);
        t.anchoredToPlot = true;
        t.align = Qt::AlignHCenter | Qt::AlignBottom;
        t.color = QColor(0xB0, 0x3A, 0x00);
        t.pointSize = 13.0f;
        m_scene.texts.push_back(t);
    }
    m_view->setScene(m_scene);
}

void GanPage::redrawImages() {
    const auto& data = m_shown->data;
    if (!data || !data->imageShape) return;
    std::vector<ui::ImageTile> tiles = ui::GanSceneBuilder::generatedTiles(*m_shown, *data->imageShape, kImagesShown);
    ui::ImageGridLayout layout;
    layout.gap = 0.08;
    layout.title = tr("G(z) for the same %1 fixed noise vectors z · %2").arg(tiles.size()).arg(ui::GanSceneBuilder::caption(*m_shown));
    const bool refit = m_images->tiles().size() != tiles.size();
    m_images->setTiles(std::move(tiles), layout);
    if (refit) m_images->resetView();
}

void GanPage::updateCharts() {
    m_chartTimer.stop();
    if (!m_shown || !m_shown->history) {
        for (ui::GanCurveChart* c : {m_losses, m_probabilities, m_value}) c->clear();
        return;
    }
    const core::GanHistory& h = *m_shown->history;
    const QString gName = m_shown->settings.loss == core::GanLoss::Minimax        ? tr("G loss E log(1 − D(G(z)))")
                          : m_shown->settings.loss == core::GanLoss::NonSaturating ? tr("G loss −E log D(G(z))")
                                                                                   : tr("G loss ½E(D(G(z)) − 1)²");
    m_losses->setSeries({{tr("D loss"), kDColor, h.discriminatorLoss}, {gName, kGColor, h.generatorLoss}});
    m_probabilities->setSeries({{tr("mean D(real)"), ui::GanSceneBuilder::realColor(), h.meanDReal},
                                {tr("mean D(fake)"), ui::GanSceneBuilder::fakeColor(), h.meanDFake}});
    m_value->setSeries({{tr("J on the D batch"), kDColor, h.value}});
}

void GanPage::showSnapshot(core::SnapshotPtr snap, bool live) {
    auto s = std::dynamic_pointer_cast<const core::GanSnapshot>(snap);
    if (!s || !s->generator || !s->discriminator) return;
    m_shown = s;
    m_formulas->setSettings(s->settings.loss, s->settings.discriminatorSteps);
    m_formulas->setPhase(s->phase);
    // While live, the scene is rebuilt at most every kLiveDrawMs and never more than a third of
    // the GUI thread's time (the heat map runs D on 14 400 points).
    const int interval = std::max<int>(kLiveDrawMs, static_cast<int>(3 * m_buildMs));
    m_drawTimer.setInterval(interval);
    const bool now = !live || s->finished || !m_drawn.isValid() || m_drawn.elapsed() >= interval;
    if (now) redraw();
    else if (!m_drawTimer.isActive()) m_drawTimer.start();
    if (!live || s->finished || !m_controller->isPlaying()) updateCharts();
    else if (!m_chartTimer.isActive()) m_chartTimer.start();

    QString status = tr("Iteration %1  ·  %2").arg(s->iteration).arg(QString::fromStdString(s->phaseLabel));
    if (s->iteration > 0 && s->history && !s->history->value.empty()) {
        const core::GanHistory& h = *s->history;
        status += tr("  ·  D loss %1, G loss %2  ·  D(real) %3, D(fake) %4  ·  J %5 (equilibrium −log 4 = −1.386)")
                      .arg(h.discriminatorLoss.back(), 0, 'f', 3)
                      .arg(h.generatorLoss.back(), 0, 'f', 3)
                      .arg(h.meanDReal.back(), 0, 'f', 2)
                      .arg(h.meanDFake.back(), 0, 'f', 2)
                      .arg(h.value.back(), 0, 'f', 3);
    }
    if (s->quality && s->iteration > 0)
        status += tr("  ·  modes covered %1 of %2, %3 % high-quality samples")
                      .arg(s->quality->modesCovered)
                      .arg(s->quality->modesTotal)
                      .arg(100 * s->quality->highQualityFraction, 0, 'f', 0);
    if (s->diverged) status += tr("  ·  diverged: paused at the last good state");
    else if (s->finished) status += tr("  ·  stopped at the iteration limit");
    emit statusChanged(status);
    logEvents(s, live);
}

void GanPage::addPoints(QPointF at) {
    // A small blob, so that a few clicks draw a distribution (the generator keeps its networks).
    addBlob(at, 20, tr("Added %1 real points around (%2, %3); the generator keeps its networks."));
}

} // namespace latentlab::app
