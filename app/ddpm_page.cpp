#include "app/ddpm_page.h"

#include "widgets/ddpm_charts.h"
#include "widgets/ddpm_formula_panel.h"
#include "widgets/objective_chart.h"

#include <QCheckBox>
#include <QFile>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

namespace latentlab::app {

namespace {
constexpr int kLiveDrawMs = 40;   ///< views while playing
constexpr int kLiveChartMs = 250; ///< charts while playing
constexpr double kChainSpeed = 30; ///< steps per second suggested for the reverse chain
} // namespace

DdpmPage::DdpmPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent)
    : AlgorithmPage(controller, renderer, core::Params(core::Ddpm::specs()), new ui::ObjectiveChart, tr("Loss"),
                    dockWithFormulas(new ui::DdpmFormulaPanel), parent) {
    m_formulas = formulaWidget()->findChild<ui::DdpmFormulaPanel*>();
    insertDockControls(buildControls());

    // The DDPM's charts replace the single objective chart (it stays unused, out of the tabs).
    chartTabs()->removeTab(0);
    m_loss = new ui::DdpmLossChart;
    m_schedule = new ui::DdpmScheduleChart;
    addChartTab(m_loss, tr("Loss"));
    addChartTab(m_schedule, tr("Noise schedule"));

    m_forwardView = new ui::SceneView(renderer);
    addViewTab(buildForwardTab(), m_forwardView, tr("Forward process"), tr("Reverse chain"));
    m_stripView = new ui::SceneView(renderer);
    addViewTab(m_stripView, m_stripView, tr("Strip"), tr("Reverse chain"));
    setViewAndChartHeights(560, 340); // two or three chart panels side by side need the room
    connect(m_view, &ui::SceneView::pointAddRequested, this, &DdpmPage::addPoints);
    connect(viewTabs(), &QTabWidget::currentChanged, this, [this] {
        updatePhase();
        redraw();
    });

    m_drawTimer.setSingleShot(true);
    m_drawTimer.setInterval(kLiveDrawMs);
    connect(&m_drawTimer, &QTimer::timeout, this, [this] { redraw(); });
    m_chartTimer.setSingleShot(true);
    m_chartTimer.setInterval(kLiveChartMs);
    connect(&m_chartTimer, &QTimer::timeout, this, [this] { updateCharts(); });
    paramsEdited();
}

QWidget* DdpmPage::buildControls() {
    auto* box = new QGroupBox(tr("Diffusion"));
    auto* layout = new QVBoxLayout(box);
    auto* buttons = new QHBoxLayout;
    m_sample = new QPushButton(tr("Sample now"));
    m_sample->setToolTip(tr("End training here and run the reverse chain from fresh noise x_T ~ N(0, I); "
                            "after the chain reached x₀: a new chain"));
    m_pretrained = new QPushButton(tr("Pretrained model"));
    m_pretrained->setToolTip(tr("Start from the model shipped for these data (trained by LatentLab's own code): "
                                "the reverse chain runs at once"));
    buttons->addWidget(m_sample);
    buttons->addWidget(m_pretrained);
    layout->addLayout(buttons);
    connect(m_sample, &QPushButton::clicked, this, &DdpmPage::sampleNow);
    connect(m_pretrained, &QPushButton::clicked, this, [this] { loadPretrained(); });

    m_arrows = new QCheckBox(tr("Predicted noise −ε_θ(x, t) as arrows"));
    m_arrows->setToolTip(tr("Where the denoiser moves a point at the current t: against the noise it predicts, "
                            "along the score ∇log p_t(x) = −ε_θ / √(1 − ᾱ_t)"));
    m_trails = new QCheckBox(tr("Paths of chain points"));
    m_trails->setToolTip(tr("The whole path of the first points of the chain from x_T"));
    m_dataShown = new QCheckBox(tr("Training data"));
    for (QCheckBox* c : {m_arrows, m_trails, m_dataShown}) {
        c->setChecked(true);
        layout->addWidget(c);
    }
    connect(m_arrows, &QCheckBox::toggled, this, &DdpmPage::setShowArrows);
    connect(m_trails, &QCheckBox::toggled, this, &DdpmPage::setShowTrails);
    connect(m_dataShown, &QCheckBox::toggled, this, [this](bool on) {
        m_options.showData = on;
        redraw();
    });
    auto* note = new QLabel(tr("<i>Step back and forth through the chain with the timeline. Training runs as fast as "
                               "possible; the chain at %1 steps/s.</i>")
                                .arg(kChainSpeed));
    note->setWordWrap(true);
    layout->addWidget(note);
    return box;
}

QWidget* DdpmPage::buildForwardTab() {
    auto* tab = new QWidget;
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(8, 4, 8, 0);
    m_forwardLabel = new QLabel;
    m_forwardLabel->setMinimumWidth(90);
    m_forwardT = new QSlider(Qt::Horizontal);
    m_forwardT->setRange(0, 200);
    m_forwardT->setValue(20);
    m_forwardT->setToolTip(tr("Timestep t of q(x_t | x₀) = N(√ᾱ_t x₀, (1 − ᾱ_t) I)"));
    row->addWidget(m_forwardLabel);
    row->addWidget(m_forwardT, 1);
    layout->addLayout(row);
    layout->addWidget(m_forwardView, 1);
    connect(m_forwardT, &QSlider::valueChanged, this, [this](int t) {
        redrawForward();
        m_schedule->setCurrentT(t);
    });
    return tab;
}

void DdpmPage::updatePhase() {
    using Phase = ui::DdpmFormulaPanel::Phase;
    if (viewTabs()->currentWidget() != m_view && viewTabs()->currentWidget() != m_stripView) m_formulas->setPhase(Phase::Forward);
    else m_formulas->setPhase(m_shown && m_shown->sampling ? Phase::Sampling : Phase::Training);
}

void DdpmPage::setForwardTimestep(int t) { m_forwardT->setValue(t); }
int DdpmPage::forwardTimestep() const { return m_forwardT->value(); }

void DdpmPage::setShowArrows(bool on) {
    m_options.showArrows = on;
    if (m_arrows->isChecked() != on) m_arrows->setChecked(on);
    redraw();
}

void DdpmPage::setShowTrails(bool on) {
    m_options.showTrails = on;
    if (m_trails->isChecked() != on) m_trails->setChecked(on);
    redraw();
}

void DdpmPage::sampleNow() {
    const auto s = m_shown;
    if (s && s->diverged) {
        emit eventLogged(tr("Training diverged: press Reset (R) or lower the learning rate."), true);
        return;
    }
    startChain();
    emit speedSuggested(kChainSpeed);
    m_controller->play();
}

void DdpmPage::startChain() {
    m_controller->edit(
        [](core::Model& model) {
            auto* ddpm = dynamic_cast<core::Ddpm*>(&model);
            if (ddpm) ddpm->startSampling(ddpm->settings().samplePoints);
        },
        "sample-now");
}

bool DdpmPage::replayEdit(const QString& name) {
    if (name != QLatin1String("sample-now")) return false;
    startChain();
    return true;
}

namespace {
/// The shipped models (app/CMakeLists.txt embeds them) and the data they were trained on.
const std::vector<std::pair<std::string, QString>>& shippedModels() {
    static const std::vector<std::pair<std::string, QString>> models = {
        {"two-moons", QStringLiteral(":/models/ddpm-two-moons.llddpm")},
        {"digits", QStringLiteral(":/models/ddpm-digits.llddpm")},
        {"fashion-mnist-14", QStringLiteral(":/models/ddpm-fashion-14.llddpm")},
    };
    return models;
}
} // namespace

QString DdpmPage::pretrainedResource(const QString& name) const {
    const std::string wanted = !name.isEmpty() ? name.toStdString() : m_data ? m_data->name : std::string();
    for (const auto& [dataset, resource] : shippedModels())
        if (wanted == dataset) return resource;
    return shippedModels().front().second;
}

QString DdpmPage::startModel() const { return m_pretrainedModel ? QStringLiteral("pretrained") : QString(); }

void DdpmPage::startFromModel(const QString& model, const QString& dataset) {
    if (model != QLatin1String("pretrained"))
        throw std::runtime_error(tr("the diffusion page starts only from its shipped models, not “%1”").arg(model).toStdString());
    if (!loadPretrained(dataset, false)) throw std::runtime_error(tr("the shipped model cannot be loaded").toStdString());
}

bool DdpmPage::loadPretrained(const QString& dataset, bool play) {
    const QString resource = pretrainedResource(dataset);
    std::shared_ptr<const core::DdpmModelFile> file;
    try {
        QFile f(resource);
        if (!f.open(QIODevice::ReadOnly)) throw std::runtime_error(resource.toStdString() + ": not in this build");
        const QByteArray bytes = f.readAll();
        file = std::make_shared<const core::DdpmModelFile>(core::parseDdpmModel(
            reinterpret_cast<const unsigned char*>(bytes.constData()), static_cast<size_t>(bytes.size()), resource.toStdString()));
    } catch (const std::exception& e) {
        emit eventLogged(tr("Pretrained model: %1").arg(QString::fromStdString(e.what())), true);
        return false;
    }
    core::Params p = file->ddpmParams();
    p.set("sample-points", int64_t{file->imageShape ? 64 : 2000}); // what the views show
    m_applyingPretrained = true;
    setParams(p);
    m_applyingPretrained = false;
    m_pretrainedModel = file;
    emit eventLogged(tr("Pretrained model for %1, trained for %2 steps by: %3")
                         .arg(QString::fromStdString(file->dataset))
                         .arg(file->trainSteps)
                         .arg(QString::fromStdString(file->description)),
                     false);
    QStringList generator;
    for (const auto& [name, value] : file->datasetParams) generator << QString::fromStdString(name) << QString::fromStdString(value);
    // The main window selects the data (not standardised: the model has its own units) and
    // the page restarts from the file; the chain plays at once.
    emit dataRequested(QString::fromStdString(file->dataset), generator, file->dataSeed.value_or(0));
    if (play) m_controller->play();
    return true;
}

RunController::ModelFactory DdpmPage::modelFactory(std::shared_ptr<const core::Dataset> data, const core::Params& p,
                                                   uint64_t s) const {
    auto file = m_pretrainedModel;
    if (file && !(data->name == file->dataset && data->d() == file->dimension())) file.reset(); // still loading its data
    return [data, p, s, file] {
        auto model = std::make_shared<core::Ddpm>();
        model->reset(data, p, s);
        if (file) model->installTrained(*file); // straight to the reverse chain
        return model;
    };
}

void DdpmPage::paramsEdited() {
    if (!m_applyingPretrained) m_pretrainedModel.reset(); // the user's own run from here
    const core::Params p = params();
    m_forwardT->setRange(0, static_cast<int>(p.getInt("T")));
    // The formulas and the schedule follow the form at once (the run restarts anyway).
    try {
        core::DdpmSettings st;
        st.schedule = core::parseBetaSchedule(p.getChoice("schedule"));
        st.T = static_cast<int>(p.getInt("T"));
        st.constantBeta = p.getReal("beta");
        st.loss = p.getChoice("loss") == "weighted" ? core::DdpmLoss::Weighted : core::DdpmLoss::Simple;
        st.sampler = p.getChoice("sampler") == "ddim" ? core::DdpmSampler::Ddim : core::DdpmSampler::Ddpm;
        st.variance = p.getChoice("variance") == "beta" ? core::ReverseVariance::Beta : core::ReverseVariance::PosteriorVariance;
        st.ddimSteps = static_cast<int>(p.getInt("ddim-steps"));
        st.ddimEta = p.getReal("eta");
        m_formulas->setSettings(st);
        m_schedule->setSchedule(core::makeDdpmSchedule(st.schedule, st.T, st.constantBeta));
    } catch (const std::exception&) {
        // A schedule the core refuses: the run's start reports it.
    }
}

void DdpmPage::dataChanged() {
    m_shown.reset();
    // Other data than the shipped model's (once they have arrived) end its use.
    if (m_pretrainedModel && m_data && m_data->name != m_pretrainedModel->dataset) m_pretrainedModel.reset();
    const bool points = !(m_data && m_data->imageShape && m_data->d() > 3);
    for (QCheckBox* c : {m_arrows, m_trails, m_dataShown}) c->setEnabled(points); // image grids have none of them
    m_arrows->setEnabled(points && m_data && m_data->d() == 2);
    m_wasSampling = false;
    m_view->resetView();
    m_forwardView->resetView();
    m_stripView->resetView();
    emit speedSuggested(0);
}

void DdpmPage::redraw() {
    m_drawTimer.stop();
    m_drawn.start();
    if (!m_shown) return;
    QWidget* tab = viewTabs()->currentWidget();
    if (tab == m_stripView) {
        redrawStrip();
        return;
    }
    if (tab != m_view) {
        redrawForward();
        return;
    }
    m_options.featureX = m_featureX;
    m_options.featureY = m_featureY;
    m_options.equalAspect = m_equalAspect;
    const bool refit = m_scene.points.empty() && m_scene.images.empty();
    m_scene = m_builder.chain(*m_shown, m_options);
    if (m_shown->diverged) {
        ui::TextItem t;
        t.text = tr("Diverged: training stopped with the last good network (see Events)");
        t.pos = QPointF(0.5, 0.04);
        t.anchoredToPlot = true;
        t.align = Qt::AlignHCenter | Qt::AlignBottom;
        t.color = QColor(0xB0, 0x3A, 0x00);
        t.pointSize = 13.0f;
        m_scene.texts.push_back(t);
    }
    m_view->setScene(m_scene);
    if (refit) m_view->resetView();
}

void DdpmPage::redrawForward() {
    const int T = m_forwardT->maximum(), t = m_forwardT->value();
    if (m_shown && m_shown->schedule && t > 0) {
        const double abar = m_shown->schedule->alphas_cumprod[t - 1];
        m_forwardLabel->setText(tr("t = %1 of %2   ᾱ_t = %3").arg(t).arg(T).arg(abar, 0, 'g', 3));
    } else {
        m_forwardLabel->setText(tr("t = %1 of %2").arg(t).arg(T));
    }
    if (!m_shown) return;
    const bool refit = m_forwardView->scene().points.empty() && m_forwardView->scene().images.empty();
    m_forwardView->setScene(m_forwardBuilder.forward(*m_shown, t, m_options));
    if (refit) m_forwardView->resetView();
}

void DdpmPage::redrawStrip() {
    if (!m_shown) return;
    m_stripView->setScene(m_stripBuilder.strip(*m_shown, m_options));
    m_stripView->resetView();
}

void DdpmPage::updateCharts() {
    m_chartTimer.stop();
    if (!m_shown || !m_shown->loss) {
        m_loss->clear();
        return;
    }
    m_loss->setSnapshot(*m_shown);
    m_schedule->setSchedule(*m_shown->schedule);
    const bool forward = viewTabs()->currentWidget() != m_view && viewTabs()->currentWidget() != m_stripView;
    m_schedule->setCurrentT(forward ? m_forwardT->value() : m_shown->sampling ? m_shown->t : 0);
}

void DdpmPage::showSnapshot(core::SnapshotPtr snap, bool live) {
    auto s = std::dynamic_pointer_cast<const core::DdpmSnapshot>(snap);
    if (!s || !s->emaNetwork || !s->schedule) return;
    const bool newSchedule = !m_shown || m_shown->schedule != s->schedule;
    m_shown = s;
    m_formulas->setSettings(s->settings);
    updatePhase();
    if (newSchedule && m_forwardT->maximum() != s->settings.T) m_forwardT->setRange(0, s->settings.T);
    if (live && s->sampling != m_wasSampling) emit speedSuggested(s->sampling ? kChainSpeed : 0);
    if (live) m_wasSampling = s->sampling;
    const bool now = !live || s->finished || !m_drawn.isValid() || m_drawn.elapsed() >= kLiveDrawMs;
    if (now) redraw();
    else if (!m_drawTimer.isActive()) m_drawTimer.start();
    if (!live || s->finished || !m_controller->isPlaying()) updateCharts();
    else if (!m_chartTimer.isActive()) m_chartTimer.start();

    QString status = ui::DdpmSceneBuilder::caption(*s);
    if (!s->sampling && s->preview)
        status += tr("  ·  preview samples from step %1 (EMA weights)").arg(s->previewStep);
    if (s->sampling && s->t > 0 && s->t <= s->settings.T) {
        const core::DdpmSchedule& sch = *s->schedule;
        status += tr("  ·  β_t = %1, ᾱ_t = %2").arg(sch.betas[s->t - 1], 0, 'g', 3).arg(sch.alphas_cumprod[s->t - 1], 0, 'g', 3);
    }
    if (s->diverged) status += tr("  ·  diverged: stopped with the last good network");
    else if (s->finished) status += tr("  ·  the chain reached x₀: Sample now draws a new chain");
    emit statusChanged(status);
    logEvents(s, live);
}

void DdpmPage::addPoints(QPointF at) {
    // Training goes on with the network as it is, on the data with the new blob.
    addBlob(at, 20, tr("Added %1 data points around (%2, %3); training goes on with them."));
}

} // namespace latentlab::app
