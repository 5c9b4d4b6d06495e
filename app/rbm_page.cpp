#include "app/rbm_page.h"

#include "widgets/core_text.h"
#include "widgets/image_grid.h"
#include "widgets/objective_chart.h"
#include "widgets/rbm_charts.h"
#include "widgets/rbm_formula_panel.h"
#include "widgets/rbm_views.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFile>
#include <QTemporaryDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace latentlab::app {

namespace {
constexpr int kSideViewMs = 200; ///< image views redraw at most ~5 times a second while live

ui::ObjectiveChart* errorChart() {
    auto* chart = new ui::ObjectiveChart;
    chart->setLabels(QCoreApplication::translate("RbmPage", "Reconstruction error per mini-batch (x: mini-batches)"),
                     QCoreApplication::translate("RbmPage", "error"));
    return chart;
}

QWidget* controlRow(QHBoxLayout*& row) {
    auto* w = new QWidget;
    row = new QHBoxLayout(w);
    row->setContentsMargins(6, 2, 6, 0);
    return w;
}
} // namespace

RbmPage::RbmPage(RunController* controller, ui::RenderBackend renderer, QWidget* parent)
    : AlgorithmPage(controller, renderer, core::Params(core::Rbm::specs()), errorChart(), tr("Reconstruction error"),
                    new ui::RbmFormulaPanel, parent) {
    m_formulas = static_cast<ui::RbmFormulaPanel*>(formulaWidget());
    buildViews();
    paramsEdited();
}

void RbmPage::buildViews() {
    // Filters, the first tab.
    QHBoxLayout* row = nullptr;
    QWidget* controls = controlRow(row);
    m_filtersNote = new QLabel;
    auto* load = new QPushButton(tr("Load model…"));
    load->setToolTip(tr("Start from the weights in a model file (latentlab run rbm --save-model)"));
    m_pretrained = new QPushButton(tr("Pretrained model"));
    m_pretrained->setToolTip(tr("Start from the shipped 784 → 256 RBM trained on Fashion-MNIST (needs 28 × 28 images: "
                                "choose fashion-mnist or fashion-mnist-test)"));
    connect(m_pretrained, &QPushButton::clicked, this, [this] {
        try {
            loadPretrained();
        } catch (const std::exception& e) {
            QMessageBox::warning(this, tr("Pretrained model"), QString::fromStdString(e.what()));
        }
    });
    row->addWidget(m_filtersNote, 1);
    row->addWidget(m_pretrained);
    row->addWidget(load);
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load RBM model"), QString(),
                                                          tr("RBM models (*.bin);;All files (*)"));
        if (path.isEmpty()) return;
        try {
            loadModel(path);
        } catch (const std::exception& e) {
            QMessageBox::warning(this, tr("Load model"), QString::fromStdString(e.what()));
        }
    });
    m_filters = new ui::ImageGridView;
    m_filtersTab = new QWidget;
    auto* filtersLayout = new QVBoxLayout(m_filtersTab);
    filtersLayout->setContentsMargins(0, 0, 0, 0);
    filtersLayout->setSpacing(2);
    filtersLayout->addWidget(controls);
    filtersLayout->addWidget(m_filters, 1);
    addViewTab(m_filtersTab, m_filters, tr("Filters"), tr("Data"));

    // Reconstructions: the triptych, and the canvas in paint mode.
    controls = controlRow(row);
    m_reconFirst = new QSpinBox;
    m_reconFirst->setToolTip(tr("The first of the samples shown"));
    m_reconK = new QSpinBox;
    m_reconK->setRange(1, 1000);
    m_reconK->setValue(10);
    m_reconK->setToolTip(tr("Gibbs steps for the last column"));
    m_paint = new QCheckBox(tr("Paint"));
    m_paint->setToolTip(tr("Paint on the first input (left button white, right black) and watch its reconstruction"));
    row->addWidget(new QLabel(tr("First sample")));
    row->addWidget(m_reconFirst);
    row->addWidget(new QLabel(tr("k")));
    row->addWidget(m_reconK);
    row->addWidget(m_paint);
    row->addStretch(1);
    m_canvas = new ui::PaintCanvas;
    m_canvas->setVisible(false);
    m_recon = new ui::ImageGridView;
    m_reconTab = new QWidget;
    auto* reconLayout = new QVBoxLayout(m_reconTab);
    reconLayout->setContentsMargins(0, 0, 0, 0);
    reconLayout->setSpacing(2);
    reconLayout->addWidget(controls);
    auto* reconBody = new QHBoxLayout;
    reconBody->addWidget(m_canvas, 2);
    reconBody->addWidget(m_recon, 3);
    reconLayout->addLayout(reconBody, 1);
    addViewTab(m_reconTab, m_recon, tr("Reconstructions"), tr("Data"));
    connect(m_reconFirst, &QSpinBox::valueChanged, this, [this] {
        if (m_paint->isChecked()) setPaintMode(true); // paint on the new first sample
        redrawReconstructions();
    });
    connect(m_reconK, &QSpinBox::valueChanged, this, [this] { redrawReconstructions(); });
    connect(m_paint, &QCheckBox::toggled, this, [this](bool on) { setPaintMode(on); });
    connect(m_canvas, &ui::PaintCanvas::edited, this, [this] { redrawReconstructions(); });

    // Dreams: a free-running Gibbs chain on the current weights.
    controls = controlRow(row);
    m_dreamStart = new QComboBox;
    m_dreamStart->addItem(tr("from noise"));
    m_dreamStart->addItem(tr("from the first sample"));
    m_dreamStart->setToolTip(tr("Where the chain starts: random bits, or the Reconstructions tab's first sample"));
    m_dreamEvery = new QSpinBox;
    m_dreamEvery->setRange(1, 10000);
    m_dreamEvery->setValue(10);
    m_dreamEvery->setToolTip(tr("Keep every n-th state in the strip"));
    m_dreamRun = new QPushButton(tr("Run"));
    m_dreamRun->setCheckable(true);
    auto* restartDream = new QPushButton(tr("Restart chain"));
    row->addWidget(new QLabel(tr("Start")));
    row->addWidget(m_dreamStart);
    row->addWidget(new QLabel(tr("keep every")));
    row->addWidget(m_dreamEvery);
    row->addWidget(m_dreamRun);
    row->addWidget(restartDream);
    row->addStretch(1);
    m_dreamLive = new ui::ImageGridView;
    m_dreamStrip = new ui::ImageGridView;
    m_dreamTab = new QWidget;
    auto* dreamLayout = new QVBoxLayout(m_dreamTab);
    dreamLayout->setContentsMargins(0, 0, 0, 0);
    dreamLayout->setSpacing(2);
    dreamLayout->addWidget(controls);
    auto* dreamBody = new QHBoxLayout;
    dreamBody->addWidget(m_dreamLive, 2);
    dreamBody->addWidget(m_dreamStrip, 3);
    dreamLayout->addLayout(dreamBody, 1);
    addViewTab(m_dreamTab, m_dreamStrip, tr("Dreams"), tr("Data"));
    m_dreamTimer.setInterval(40);
    connect(&m_dreamTimer, &QTimer::timeout, this, [this] { dreamSteps(std::clamp(m_dreamEvery->value(), 1, 50)); });
    connect(m_dreamRun, &QPushButton::toggled, this, [this](bool on) { setDreaming(on); });
    connect(restartDream, &QPushButton::clicked, this, [this] { resetDream(); redrawDreams(); });
    connect(m_dreamStart, &QComboBox::currentIndexChanged, this, [this] { resetDream(); redrawDreams(); });

    // The scatter of the data goes last; the filters are what the page opens with.
    viewTabs()->tabBar()->moveTab(0, viewTabs()->count() - 1);
    viewTabs()->setCurrentWidget(m_filtersTab);
    connect(viewTabs(), &QTabWidget::currentChanged, this, [this] { redrawSideView(); });

    m_filtersTimer.setSingleShot(true);
    m_filtersTimer.setInterval(kSideViewMs);
    connect(&m_filtersTimer, &QTimer::timeout, this, [this] { redrawSideView(); });

    m_monitorsTab = new QWidget;
    auto* monitors = new QHBoxLayout(m_monitorsTab);
    monitors->setContentsMargins(0, 0, 0, 0);
    m_pll = new ui::EpochChart(tr("Pseudo-log-likelihood (training rows)"), tr("nats per sample"));
    m_freeEnergy = new ui::EpochChart(tr("Mean free energy F(v)"), tr("nats"));
    monitors->addWidget(m_pll);
    monitors->addWidget(m_freeEnergy);
    addChartTab(m_monitorsTab, tr("Monitors"));
    m_histogram = new ui::HistogramChart(tr("Hidden activations p(h|v) over the last mini-batch"));
    addChartTab(m_histogram, tr("Hidden activations"));
}

core::ImageShape RbmPage::shape() const {
    const int V = m_shown ? m_shown->weights->visible() : (m_scaled ? m_scaled->d() : 1);
    return ui::rbmImageShape(m_scaled ? m_scaled->imageShape : std::nullopt, V);
}

RunController::ModelFactory RbmPage::modelFactory(std::shared_ptr<const core::Dataset> data, const core::Params& p,
                                                  uint64_t s) const {
    auto scaled = m_scaledOf.lock() == data && m_scaled ? m_scaled : data;
    std::optional<core::RbmModelFile> loaded = m_loaded;
    return [scaled, p, s, loaded] {
        auto model = std::make_shared<core::Rbm>();
        model->reset(scaled, p, s);
        if (loaded) model->setWeights(loaded->weights);
        return model;
    };
}

void RbmPage::paramsEdited() {
    const core::Params p = params();
    m_formulas->setMethod(static_cast<int>(p.getInt("cd-k")), p.getBool("persistent"));
}

void RbmPage::dataChanged() {
    m_shown.reset();
    m_scaled = m_data;
    m_scaledOf = m_data;
    m_scale = 1.0f;
    if (m_data && m_data->n() > 0) {
        const float peak = m_data->X.maxCoeff(), low = m_data->X.minCoeff();
        if (std::isfinite(peak) && std::isfinite(low) && low >= 0.0f && peak > 1.0f) {
            auto copy = std::make_shared<core::Dataset>(*m_data);
            copy->X /= peak;
            m_scaled = copy;
            m_scale = peak;
            emit eventLogged(tr("The RBM needs values in [0, 1]: %1 is divided by its maximum, %2.")
                                 .arg(QString::fromStdString(m_data->name))
                                 .arg(static_cast<double>(peak), 0, 'g', 4),
                             false);
        } else if (std::isfinite(peak) && std::isfinite(low) && low < 0.0f && peak > low) {
            auto copy = std::make_shared<core::Dataset>(*m_data); // e.g. z-scored features
            copy->X = (copy->X.array() - low) / (peak - low);
            m_scaled = copy;
            m_scale = peak - low;
            emit eventLogged(tr("The RBM needs values in [0, 1]: %1 is mapped from [%2, %3] onto [0, 1].")
                                 .arg(QString::fromStdString(m_data->name))
                                 .arg(static_cast<double>(low), 0, 'g', 4)
                                 .arg(static_cast<double>(peak), 0, 'g', 4),
                             false);
        }
    }
    if (m_loaded && m_scaled && m_loaded->weights.visible() != m_scaled->d()) {
        emit eventLogged(tr("The loaded model does not fit the new data: starting from random weights."), true);
        m_loaded.reset();
    }
    m_reconFirst->setRange(0, std::max(0, (m_scaled ? m_scaled->n() : 1) - 1));
    const bool images = m_scaled && m_scaled->imageShape;
    m_pretrained->setEnabled(m_scaled && m_scaled->d() == 784);
    m_filtersNote->setText(images ? QString() : tr("These data are not images: each filter is drawn as a 1 × %1 strip.")
                                                      .arg(m_scaled ? m_scaled->d() : 0));
    m_dreamState.resize(0, 0);
    if (m_paint->isChecked()) setPaintMode(true);
    redraw();
}

namespace {
/// The shipped model copied out of the resources (the loader reads files), once per process.
QString pretrainedPath() {
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rbm-fashion-256.bin"));
    if (!QFile::exists(path) && !QFile::copy(QStringLiteral(":/models/rbm-fashion-256.bin"), path))
        throw std::runtime_error(RbmPage::tr("the pretrained model is missing from this build").toStdString());
    return path;
}
} // namespace

void RbmPage::loadPretrained() {
    loadModel(pretrainedPath());
    m_loadedPretrained = true;
}

QString RbmPage::startModel() const {
    if (!m_loaded) return {};
    return m_loadedPretrained ? QStringLiteral("pretrained") : m_loadedPath;
}

void RbmPage::startFromModel(const QString& model, const QString&) {
    const bool pretrained = model == QLatin1String("pretrained");
    loadModel(pretrained ? pretrainedPath() : model, false);
    m_loadedPretrained = pretrained;
}

void RbmPage::loadModel(const QString& path, bool checkFit) {
    core::RbmModelFile model = core::loadRbmModel(path.toStdString());
    if (m_scaled && checkFit) core::checkModelFits(model, *m_scaled, path.toStdString());
    core::Params p = params();
    p.set("hidden", static_cast<int64_t>(model.weights.hidden()));
    emit eventLogged(tr("Starting from %1 (%2 → %3)%4")
                         .arg(QFileInfo(path).fileName())
                         .arg(model.weights.visible())
                         .arg(model.weights.hidden())
                         .arg(model.description.empty() ? QString() : tr(": %1").arg(QString::fromStdString(model.description))),
                     false);
    m_loaded = std::move(model);
    m_loadedPath = path;
    m_loadedPretrained = false;
    setParams(p);
    restart();
}

void RbmPage::redraw() {
    ui::Scene scene;
    scene.showAxes = true;
    if (m_scaled && m_scaled->n() > 0) {
        const int d = m_scaled->d();
        const int fx = std::clamp(m_featureX, 0, d - 1), fy = std::clamp(d > 1 ? m_featureY : 0, 0, d - 1);
        auto x = std::make_shared<std::vector<float>>(m_scaled->X.col(fx).data(), m_scaled->X.col(fx).data() + m_scaled->n());
        auto y = std::make_shared<std::vector<float>>(m_scaled->X.col(fy).data(), m_scaled->X.col(fy).data() + m_scaled->n());
        ui::PointBatch batch;
        batch.x = x;
        batch.y = y;
        batch.palette = {QColor(0x00, 0x72, 0xB2)};
        batch.sizePx = 5.0f;
        batch.opacity = 0.5f;
        batch.positionsVersion = ++m_pointsVersion;
        batch.colorsVersion = m_pointsVersion;
        scene.points.push_back(std::move(batch));
        scene.dataBounds = QRectF(-0.05, -0.05, 1.1, 1.1);
        auto name = [this](int f) {
            return f < static_cast<int>(m_scaled->featureNames.size())
                       ? QString::fromStdString(m_scaled->featureNames[static_cast<size_t>(f)])
                       : tr("unit %1").arg(f);
        };
        scene.xLabel = name(fx);
        scene.yLabel = name(fy);
        scene.title = tr("Two of the %1 visible units over the data (scaled to [0, 1]); the RBM sees all of them").arg(d);
    }
    m_scene = scene;
    m_view->setScene(m_scene);
}

void RbmPage::updateCharts(const core::RbmSnapshot& s) {
    std::vector<double> errors{std::numeric_limits<double>::quiet_NaN()}; // mini-batch b at x = b
    for (const auto& epoch : s.batchErrors)
        if (epoch) errors.insert(errors.end(), epoch->begin(), epoch->end());
    scheduleChart(std::move(errors), 1, false);

    const core::RbmMonitors& m = s.monitors;
    m_pll->setSeries({{tr("pseudo-log-likelihood"), QColor(0x00, 0x72, 0xB2), m.pseudoLogLikelihood}});
    m_freeEnergy->setSeries({{tr("training"), QColor(0x00, 0x72, 0xB2), m.freeEnergyTrain},
                             {tr("held-out"), QColor(0xD5, 0x5E, 0x00), m.freeEnergyHeldOut}});
    if (!m.freeEnergyTrain.empty() && !m.freeEnergyHeldOut.empty() && std::isfinite(m.freeEnergyHeldOut.back()))
        m_freeEnergy->setNote(tr("epoch %1: gap F(held-out) − F(train) = %2")
                                  .arg(m.freeEnergyTrain.size())
                                  .arg(m.freeEnergyHeldOut.back() - m.freeEnergyTrain.back(), 0, 'g', 4));
    else m_freeEnergy->setNote(QString());
    int64_t total = 0, off = 0, on = 0;
    const int bins = static_cast<int>(s.hiddenHistogram.size());
    for (int i = 0; i < bins; ++i) {
        total += s.hiddenHistogram[static_cast<size_t>(i)];
        if (i < bins / 10) off += s.hiddenHistogram[static_cast<size_t>(i)];
        if (i >= bins - bins / 10) on += s.hiddenHistogram[static_cast<size_t>(i)];
    }
    const QString note = total > 0 ? tr("%1 % below 0.1, %2 % above 0.9 (batch %3 of epoch %4)")
                                         .arg(100.0 * off / total, 0, 'f', 1)
                                         .arg(100.0 * on / total, 0, 'f', 1)
                                         .arg(s.batchInEpoch)
                                         .arg(s.epoch + 1)
                                   : QString();
    m_histogram->setCounts(std::vector<int64_t>(s.hiddenHistogram.begin(), s.hiddenHistogram.end()), note);
}

void RbmPage::showSnapshot(core::SnapshotPtr snap, bool live) {
    auto s = std::dynamic_pointer_cast<const core::RbmSnapshot>(snap);
    if (!s || !s->weights) return;
    m_shown = s;
    m_formulas->setMethod(s->settings.k, s->settings.persistent);
    m_formulas->setPhase(s->phase);
    updateCharts(*s);
    if (!live || !m_filtersDrawn.isValid() || m_filtersDrawn.elapsed() >= kSideViewMs) redrawSideView();
    else if (!m_filtersTimer.isActive()) m_filtersTimer.start();

    QString status = ui::coreText(s->phaseLabel);
    status += tr("  ·  epoch %1, batch %2 of %3").arg(s->epoch + 1).arg(s->batchInEpoch).arg(s->batchesPerEpoch);
    if (std::isfinite(s->batchReconstructionError))
        status += tr("  ·  reconstruction error %1").arg(s->batchReconstructionError, 0, 'g', 4);
    if (!s->monitors.pseudoLogLikelihood.empty())
        status += tr("  ·  PLL %1").arg(s->monitors.pseudoLogLikelihood.back(), 0, 'g', 5);
    if (s->diverged) status += tr("  ·  diverged");
    emit statusChanged(status);
    logEvents(s, live);
}

} // namespace latentlab::app
