#include "app/algorithm_page.h"

#include "core/rng.h"
#include "widgets/core_text.h"
#include "widgets/objective_chart.h"
#include "widgets/param_form.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <stdexcept>

namespace latentlab::app {

AlgorithmPage::AlgorithmPage(RunController* controller, ui::RenderBackend renderer, const core::Params& defaults,
                             ui::ObjectiveChart* chart, const QString& chartTitle, QWidget* formulas,
                             QWidget* parent)
    : QWidget(parent), m_controller(controller), m_chart(chart), m_formulas(formulas) {
    m_view = new ui::SceneView(renderer);
    m_charts = new QTabWidget;
    m_charts->addTab(m_chart, chartTitle);
    m_charts->setMinimumHeight(150);
    m_split = new QSplitter(Qt::Vertical);
    m_split->addWidget(m_view);
    m_split->addWidget(m_charts);
    m_split->setStretchFactor(0, 4);
    m_split->setStretchFactor(1, 1);
    m_split->setSizes({700, 230}); // the plot is the point; charts get about a quarter
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_split);

    m_form = new ui::ParamForm(defaults.specs());
    m_form->setParams(defaults);
    m_seed = new QSpinBox;
    m_seed->setRange(0, 1'000'000);
    m_seed->setValue(1);
    m_seed->setToolTip(tr("Seed of the initialisation: the same seed replays the same run"));
    m_paramHost = new QWidget;
    auto* paramLayout = new QFormLayout(m_paramHost);
    paramLayout->setContentsMargins(0, 0, 0, 0);
    paramLayout->addRow(m_form);
    paramLayout->addRow(tr("Seed"), m_seed);

    connect(m_form, &ui::ParamForm::paramsChanged, this, [this] {
        paramsEdited();
        restart();
    });
    connect(m_seed, &QSpinBox::editingFinished, this, &AlgorithmPage::restart);
    m_chartTimer.setSingleShot(true);
    m_chartTimer.setInterval(100);
    connect(&m_chartTimer, &QTimer::timeout, this, &AlgorithmPage::updateChart);
}

QWidget* AlgorithmPage::objectiveChart() const { return m_charts->currentWidget(); }

ui::SceneView* AlgorithmPage::currentView() const {
    if (!m_views) return m_view;
    for (const auto& [tab, view] : m_viewOfTab)
        if (tab == m_views->currentWidget() && view) return view;
    return m_view;
}

ui::Scene AlgorithmPage::currentScene() const {
    return currentView() == m_view ? m_scene : currentView()->scene();
}

ui::Scene AlgorithmPage::sceneOf(const ui::SceneView* view) const {
    return view == m_view || !view ? m_scene : view->scene();
}

std::vector<AlgorithmPage::Panel> AlgorithmPage::panels() const {
    std::vector<Panel> out;
    if (!m_views) {
        out.push_back({m_scene.title.isEmpty() ? tr("view") : m_scene.title, m_view, m_view});
    } else {
        for (int i = 0; i < m_views->count(); ++i) {
            if (!m_views->isTabEnabled(i)) continue;
            Panel panel{m_views->tabText(i).remove(QLatin1Char('&')), nullptr, m_views->widget(i)};
            for (const auto& [tab, view] : m_viewOfTab)
                if (tab == panel.widget) panel.view = view;
            out.push_back(panel);
        }
    }
    for (int i = 0; i < m_charts->count(); ++i)
        if (m_charts->isTabEnabled(i)) out.push_back({m_charts->tabText(i).remove(QLatin1Char('&')), nullptr, m_charts->widget(i)});
    return out;
}

void AlgorithmPage::addChartTab(QWidget* chart, const QString& title) { m_charts->addTab(chart, title); }

QString AlgorithmPage::figureCaption() const {
    QStringList parts{QStringLiteral("LatentLab"), displayName()};
    if (m_data) parts << QString::fromStdString(m_data->name);
    const core::Params p = params();
    const core::Params defaults(p.specs());
    QStringList changed;
    for (const auto& [name, value] : p.values())
        if (p.toString(name) != defaults.toString(name))
            changed << QStringLiteral("%1=%2").arg(QString::fromStdString(name), QString::fromStdString(p.toString(name)));
    if (!changed.isEmpty()) parts << changed.join(QLatin1Char(' '));
    parts << tr("seed %1").arg(seed());
    if (const auto snap = m_controller->current()) parts << tr("step %1").arg(snap->stepCount);
    return parts.join(QStringLiteral(" · "));
}

QString AlgorithmPage::currentViewTab() const { return m_views ? m_views->tabText(m_views->currentIndex()) : QString(); }
QString AlgorithmPage::currentChartTab() const { return m_charts->tabText(m_charts->currentIndex()); }

bool AlgorithmPage::selectTab(const QString& title) {
    // The title as shown, or its English original (--tab Scree in the Chinese window): the
    // pages name their tabs with tr() in their own class or in this one.
    QStringList names{title};
    const QByteArray source = title.toUtf8();
    for (const QMetaObject* mo = metaObject(); mo && mo != &QWidget::staticMetaObject; mo = mo->superClass())
        names << QCoreApplication::translate(mo->className(), source.constData());
    for (QTabWidget* tabs : {m_views, m_charts}) {
        if (!tabs) continue;
        for (int i = 0; i < tabs->count(); ++i)
            if (names.contains(tabs->tabText(i).remove(QLatin1Char('&')), Qt::CaseInsensitive) &&
                tabs->isTabEnabled(i)) {
                tabs->setCurrentIndex(i);
                return true;
            }
    }
    return false;
}

void AlgorithmPage::addViewTab(QWidget* tab, ui::SceneView* view, const QString& title, const QString& mainTitle) {
    if (!m_views) {
        m_views = new QTabWidget;
        m_views->setDocumentMode(true);
        m_split->replaceWidget(0, m_views);
        m_views->addTab(m_view, mainTitle);
        m_viewOfTab.emplace_back(m_view, m_view);
        m_split->setStretchFactor(0, 4);
        m_split->setStretchFactor(1, 1);
        m_split->setSizes({700, 230});
    }
    m_views->addTab(tab, title);
    m_viewOfTab.emplace_back(tab, view);
}

void AlgorithmPage::addBlob(QPointF at, int count, const QString& message) {
    if (!m_data || m_data->d() != 2) {
        emit eventLogged(tr("Points can be added to 2-D data only."), true);
        return;
    }
    const QRectF visible = m_view->transform().visibleData();
    const double sigma = 0.015 * std::max(visible.width(), visible.height());
    core::Rng rng(m_blobSeed++);
    auto edited = std::make_shared<core::Dataset>(*m_data);
    const int n = edited->n();
    edited->X.conservativeResize(n + count, Eigen::NoChange);
    for (int i = 0; i < count; ++i) {
        edited->X(n + i, 0) = static_cast<float>(at.x() + sigma * rng.normal());
        edited->X(n + i, 1) = static_cast<float>(at.y() + sigma * rng.normal());
    }
    if (edited->hasLabels()) edited->labels.resize(static_cast<size_t>(n + count), 0);
    m_data = edited;
    emit eventLogged(message.arg(count).arg(at.x(), 0, 'g', 3).arg(at.y(), 0, 'g', 3), false);
    m_controller->edit([edited](core::Model& m) { m.replaceData(*edited); });
}

QWidget* AlgorithmPage::dockWithFormulas(QWidget* formulas) {
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(formulas, 1);
    return box;
}

void AlgorithmPage::insertDockControls(QWidget* controls) {
    static_cast<QVBoxLayout*>(m_formulas->layout())->insertWidget(0, controls);
}

void AlgorithmPage::setViewAndChartHeights(int view, int charts) { m_split->setSizes({view, charts}); }

void AlgorithmPage::setData(std::shared_ptr<const core::Dataset> data, bool equalAspect) {
    m_data = std::move(data);
    m_equalAspect = equalAspect;
    dataChanged();
    restart();
}

void AlgorithmPage::setFeatures(int featureX, int featureY) {
    m_featureX = featureX;
    m_featureY = featureY;
    m_view->resetView();
    redraw();
}

void AlgorithmPage::setParams(const core::Params& params) {
    m_form->setParams(params);
    paramsEdited();
}

core::Params AlgorithmPage::params() const { return m_form->params(); }
void AlgorithmPage::setSeed(uint64_t seed) { m_seed->setValue(static_cast<int>(seed)); }
uint64_t AlgorithmPage::seed() const { return static_cast<uint64_t>(m_seed->value()); }

void AlgorithmPage::startFromModel(const QString& model, const QString&) {
    throw std::runtime_error(tr("the %1 page cannot start from a model (“%2”)").arg(displayName(), model).toStdString());
}

void AlgorithmPage::restart() {
    if (!m_data) return;
    m_chartPending = false;
    m_chart->clear();
    m_controller->start(modelFactory(m_data, params(), seed()));
}

void AlgorithmPage::scheduleChart(std::vector<double> history, int stepsPerIteration, bool now) {
    m_chartHistory = std::move(history);
    m_chartSteps = stepsPerIteration;
    m_chartPending = true;
    if (now) updateChart();
    else if (!m_chartTimer.isActive()) m_chartTimer.start();
}

void AlgorithmPage::updateChart() {
    m_chartTimer.stop();
    if (!m_chartPending) return;
    m_chartPending = false;
    m_chart->setHistory(m_chartHistory, m_chartSteps);
    m_chart->setMarker(m_chart->lastX());
}

void AlgorithmPage::logEvents(const core::SnapshotPtr& snap, bool live) {
    // Each live snapshot once; edits keep the step count and a branch from a scrubbed-back
    // state repeats step counts, so identity, not the step count, tells what is new.
    if (!live || !snap || m_lastLogged.lock() == snap) return;
    m_lastLogged = snap;
    for (const auto& e : snap->events)
        emit eventLogged(ui::coreText(e.message), e.kind != core::ModelEvent::Kind::Info);
}

} // namespace latentlab::app
