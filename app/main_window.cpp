#include "app/main_window.h"

#include "app/data_panel.h"
#include "app/ddpm_page.h"
#include "app/gan_page.h"
#include "app/gmm_page.h"
#include "app/kmeans_page.h"
#include "app/pca_page.h"
#include "app/rbm_page.h"
#include "app/run_controller.h"
#include "app/translation.h"
#include "core/datasets.h"
#include "widgets/export_dialog.h"
#include "widgets/high_contrast.h"
#include "widgets/gif_writer.h"
#include "widgets/exporter.h"
#include "widgets/painter_renderer.h"
#include "widgets/scene_view.h"

#include <QAction>
#include <QCoreApplication>
#include <QSpinBox>
#include <QElapsedTimer>
#include <QProgressDialog>
#include <QDialogButtonBox>
#include <QDialog>
#include <QCloseEvent>
#include <QDir>
#include <QMenu>
#include <QTabWidget>
#include <QFile>
#include <QStandardPaths>
#include <QSettings>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <cstdio>
#include <exception>
#include <optional>
#include <vector>
#include <memory>

namespace latentlab::app {

MainWindow::MainWindow(const LaunchOptions& options, QWidget* parent) : QMainWindow(parent) {
    m_controller = new RunController(this);
    m_pages = {new KMeansPage(m_controller, options.renderer), new GmmPage(m_controller, options.renderer),
               new PcaPage(m_controller, options.renderer), new RbmPage(m_controller, options.renderer),
               new GanPage(m_controller, options.renderer), new DdpmPage(m_controller, options.renderer)};
    m_pageStack = new QStackedWidget;
    for (AlgorithmPage* page : m_pages) m_pageStack->addWidget(page);
    m_page = m_pages.front();
    for (AlgorithmPage* page : m_pages)
        if (page->algorithm() == options.algorithm) m_page = page;
    setCentralWidget(m_pageStack);
    buildActions();
    buildDocks();

    m_status = new QLabel;
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_status, 1);
    m_renderer = new QLabel;
    statusBar()->addPermanentWidget(m_renderer);
    m_renderer->setText(usesOpenGL() ? tr("OpenGL") : tr("QPainter"));
    if (!usesOpenGL()) {
        m_renderer->setToolTip(m_page->view()->fallbackReason());
        log(tr("Drawing with QPainter: %1.").arg(m_page->view()->fallbackReason()), false);
    }
    for (AlgorithmPage* page : m_pages) {
        connect(page->view(), &ui::SceneView::fellBackToPainter, this, [this](const QString& why) {
            m_renderer->setText(tr("QPainter"));
            log(tr("OpenGL failed, drawing with QPainter: %1").arg(why), true);
        });
        // Only the page on display speaks to the status bar and the log.
        connect(page, &AlgorithmPage::statusChanged, this, [this, page](const QString& text) {
            if (page == m_page) m_status->setText(text);
        });
        connect(page, &AlgorithmPage::eventLogged, this, [this, page](const QString& text, bool warning) {
            if (page == m_page) log(text, warning);
        });
        if (auto* ddpm = qobject_cast<DdpmPage*>(page)) {
            connect(ddpm, &DdpmPage::speedSuggested, this, [this, page](double stepsPerSecond) {
                const int i = m_speed->findData(stepsPerSecond);
                if (page == m_page && i >= 0) m_speed->setCurrentIndex(i);
            });
            // A shipped model's data: as it was trained on (not standardised, its generator
            // parameters and seed). Each load restarts the page.
            connect(ddpm, &DdpmPage::dataRequested, this,
                    [this, page](const QString& name, const QStringList& generatorParams, qulonglong dataSeed) {
                        if (page != m_page) return;
                        m_data->setStandardize(false);
                        m_data->setDataSeed(dataSeed);
                        if (!m_data->select(name) || generatorParams.isEmpty()) return;
                        try {
                            for (int i = 0; i + 1 < generatorParams.size(); i += 2)
                                m_data->setGeneratorParam(generatorParams[i], generatorParams[i + 1]);
                        } catch (const std::exception& e) {
                            log(QString::fromStdString(e.what()), true);
                        }
                        m_data->reload();
                    });
        }
    }
    connect(m_controller, &RunController::snapshotReady, this,
            [this](core::SnapshotPtr snap, bool live) { m_page->showSnapshot(std::move(snap), live); });
    connect(m_controller, &RunController::playingChanged, this, &MainWindow::onPlayingChanged);
    connect(m_controller, &RunController::historyChanged, this, &MainWindow::onHistoryChanged);
    connect(m_controller, &RunController::failed, this, [this](const QString& m) { log(m, true); });
    connect(m_data, &DataPanel::failed, this, [this](const QString& m) {
        log(m, true);
        QMessageBox::warning(this, tr("Could not load the data"), m);
    });
    connect(m_data, &DataPanel::datasetChanged, this, &MainWindow::startPage);
    connect(m_data, &DataPanel::featuresChanged, this,
            [this] { m_page->setFeatures(m_data->featureX(), m_data->featureY()); });

    showPage(m_page, false);
    if (options.modelParams) m_page->setParams(*options.modelParams);
    m_page->setSeed(options.seed);
    m_controller->setSpeed(options.stepsPerSecond);
    m_data->setStandardize(options.standardize);
    m_data->setDataSeed(options.dataSeed);
    if (!m_data->select(options.dataset)) m_data->select(QStringLiteral("old-faithful"));
    for (const auto& [name, value] : options.generatorParams) {
        try {
            m_data->setGeneratorParam(name, value);
        } catch (const std::exception& e) {
            log(QString::fromStdString(e.what()), true);
        }
    }
    if (!options.generatorParams.empty()) m_data->reload();
    if (options.present) QTimer::singleShot(0, this, [this] { setPresentationMode(true); });
    if (options.highContrast) setHighContrast(true);
    if (options.pretrained) {
        if (auto* ddpm = qobject_cast<DdpmPage*>(m_page)) {
            ddpm->loadPretrained();
        } else if (auto* rbm = qobject_cast<RbmPage*>(m_page)) {
            try {
                rbm->loadPretrained();
            } catch (const std::exception& e) {
                log(tr("Pretrained model: %1").arg(QString::fromStdString(e.what())), true);
            }
        } else {
            log(tr("--pretrained is for the RBM and diffusion pages (--algorithm rbm or ddpm)."), true);
        }
    }
    for (const QString& tab : options.tabs)
        if (!m_page->selectTab(tab)) log(tr("No tab called “%1” here.").arg(tab), true);
    // The demo animates from the start (the teacher pauses with Space).
    if (options.autoplay) m_controller->play();
    resize(1400, 900);
}

MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_page && m_data && m_data->dataset()) {
        try {
            QDir().mkpath(QFileInfo(autosavePath()).absolutePath());
            writeSession(autosavePath(), currentSession());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "latentlab: %s\n", e.what());
        }
    }
    QMainWindow::closeEvent(event);
}

bool MainWindow::usesOpenGL() const { return m_page->view()->usesOpenGL(); }

void MainWindow::showPage(AlgorithmPage* page, bool start) {
    m_page = page;
    m_pageStack->setCurrentWidget(page);
    m_paramStack->setCurrentWidget(page->parameterWidget());
    m_formulaStack->setCurrentWidget(page->formulaWidget());
    {
        const QSignalBlocker block(m_algorithm);
        m_algorithm->setCurrentIndex(m_algorithm->findData(page->algorithm()));
    }
    m_elbow->setVisible(qobject_cast<KMeansPage*>(page) != nullptr);
    if (start && m_data->dataset()) startPage();
}

void MainWindow::startPage() {
    m_page->setFeatures(m_data->featureX(), m_data->featureY());
    m_page->setData(m_data->dataset(), m_data->standardized() || m_data->isGenerator());
    setWindowTitle(tr("LatentLab — %1 on %2").arg(m_page->displayName(), m_data->datasetName()));
}

void MainWindow::buildActions() {
    auto* tb = addToolBar(tr("Run"));
    tb->setObjectName("run-toolbar");
    tb->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tb->setIconSize(QSize(20, 20));
    auto* st = style();
    m_reset = tb->addAction(st->standardIcon(QStyle::SP_BrowserReload), tr("Reset"), this, [this] { m_page->restart(); });
    m_reset->setShortcut(QKeySequence(Qt::Key_R));
    m_reset->setToolTip(tr("New run: pick seeds again (R)"));
    m_back = tb->addAction(st->standardIcon(QStyle::SP_MediaSeekBackward), tr("Back"), this, [this] {
        m_controller->showHistoryEntry(m_controller->shownIndex() - 1);
    });
    m_back->setShortcuts({QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
    m_back->setToolTip(tr("Show the previous step (Left arrow)"));
    m_play = tb->addAction(st->standardIcon(QStyle::SP_MediaPlay), tr("Play"), this, [this] {
        if (m_controller->isPlaying()) m_controller->pause();
        else m_controller->play();
    });
    m_play->setShortcut(QKeySequence(Qt::Key_Space));
    m_play->setToolTip(tr("Play / pause (Space)"));
    m_halfStep = tb->addAction(st->standardIcon(QStyle::SP_MediaSeekForward), tr("Half-step"), this,
                               [this] { m_controller->step(1); });
    m_halfStep->setShortcuts({QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_PageDown)});
    m_halfStep->setToolTip(tr("One half-step: reassign, or compute centroids (Right arrow)"));
    m_step = tb->addAction(st->standardIcon(QStyle::SP_MediaSkipForward), tr("Iteration"), this,
                           [this] { m_controller->step(m_page->stepsPerIteration()); });
    m_step->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Right));
    m_step->setToolTip(tr("One iteration: reassign and compute centroids (Shift+Right)"));
    m_converge = tb->addAction(st->standardIcon(QStyle::SP_DialogApplyButton), tr("Converge"), m_controller,
                               &RunController::runToConvergence);
    m_converge->setShortcut(QKeySequence(Qt::Key_C));
    m_converge->setToolTip(tr("Run as fast as possible until converged (C)"));
    m_elbow = tb->addAction(st->standardIcon(QStyle::SP_FileDialogDetailedView), tr("Elbow"), this, [this] {
        if (auto* km = qobject_cast<KMeansPage*>(m_page)) km->computeElbow();
    });
    m_elbow->setShortcut(QKeySequence(Qt::Key_E));
    m_elbow->setToolTip(tr("Best J over 5 restarts for K = 1..10, to choose K (E)"));
    m_fullOnly << tb->addSeparator() << tb->addWidget(new QLabel(tr(" Speed ")));
    m_speed = new QComboBox;
    for (const auto& [label, value] : std::vector<std::pair<QString, double>>{
             {tr("1 step/s"), 1}, {tr("2 steps/s"), 2}, {tr("4 steps/s"), 4}, {tr("10 steps/s"), 10},
             {tr("30 steps/s"), 30}, {tr("60 steps/s"), 60}, {tr("as fast as possible"), 0}})
        m_speed->addItem(label, value);
    m_speed->setCurrentIndex(1);
    connect(m_speed, &QComboBox::currentIndexChanged, this, &MainWindow::setSpeedFromCombo);
    m_fullOnly << tb->addWidget(m_speed) << tb->addSeparator() << tb->addWidget(new QLabel(tr(" Timeline ")));
    m_timeline = new QSlider(Qt::Horizontal);
    m_timeline->setMinimumWidth(260);
    m_timeline->setRange(0, 0);
    m_timeline->setToolTip(tr("Scrub through every step of the run; playing from a past step continues from there"));
    connect(m_timeline, &QSlider::valueChanged, this, [this](int v) {
        if (m_timeline->isSliderDown() || v != m_controller->shownIndex()) m_controller->showHistoryEntry(v);
    });
    m_fullOnly << tb->addWidget(m_timeline);
    m_timelineLabel = new QLabel(tr(" step 0 / 0 "));
    tb->addWidget(m_timelineLabel);
    m_fullOnly << m_converge << m_reset;
    // Shortcuts must work with the menu bar hidden (presentation mode): the window owns them.
    addActions({m_reset, m_back, m_play, m_halfStep, m_step, m_converge, m_elbow});

    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Open CSV…"), QKeySequence::Open, this, [this] { m_data->openCsv(); });
    file->addAction(tr("Open session…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, &MainWindow::openSessionDialog);
    file->addAction(tr("Save session…"), QKeySequence::Save, this, &MainWindow::saveSessionDialog);
    m_recent = file->addMenu(tr("Recent sessions"));
    file->addAction(tr("Open last session"), this, [this] {
        if (QFile::exists(autosavePath())) openSessionFile(autosavePath());
        else log(tr("No last session saved yet."), true);
    });
    rebuildRecent();
    file->addSeparator();
    file->addAction(tr("Export figure…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::exportFigure);
    file->addAction(tr("Export chart…"), this, &MainWindow::exportChart);
    file->addAction(tr("Export animation…"), this, &MainWindow::exportAnimationDialog);
    file->addAction(tr("Export all views…"), this, &MainWindow::exportAllViewsDialog);
    file->addAction(tr("Export iteration series…"), this, &MainWindow::exportIterationSeriesDialog);
    file->addSeparator();
    file->addAction(tr("Quit"), QKeySequence::Quit, this, &QWidget::close);
    auto* run = menuBar()->addMenu(tr("&Run"));
    for (QAction* a : {m_reset, m_back, m_play, m_halfStep, m_step, m_converge}) run->addAction(a);
    auto* view = menuBar()->addMenu(tr("&View"));
    auto* cells = view->addAction(tr("Voronoi cells / mixture density"));
    cells->setCheckable(true);
    cells->setChecked(true);
    connect(cells, &QAction::toggled, this, [this](bool on) {
        for (AlgorithmPage* page : m_pages) page->setShowCells(on);
    });
    auto* trails = view->addAction(tr("Centroid trails"));
    trails->setCheckable(true);
    trails->setChecked(true);
    connect(trails, &QAction::toggled, this, [this](bool on) {
        for (AlgorithmPage* page : m_pages) page->setShowTrails(on);
    });
    view->addAction(tr("Fit data in view"), QKeySequence(Qt::Key_F), this, [this] { m_page->currentView()->resetView(); });
    view->addSeparator();
    m_highContrast = view->addAction(tr("High contrast"));
    m_highContrast->setCheckable(true);
    m_highContrast->setToolTip(tr("Pure black on white, thicker lines, larger markers, saturated colour-blind-safe colours"));
    connect(m_highContrast, &QAction::toggled, this, [this](bool on) {
        m_contrastByPresentation = false;
        ui::setLiveHighContrast(on);
        for (ui::SceneView* v : findChildren<ui::SceneView*>()) v->restyle();
    });
    m_contrastWhenPresenting = view->addAction(tr("High contrast in presentation mode"));
    m_contrastWhenPresenting->setCheckable(true);
    m_contrastWhenPresenting->setChecked(QSettings().value(QStringLiteral("view/highContrastWhenPresenting"), false).toBool());
    connect(m_contrastWhenPresenting, &QAction::toggled, this,
            [](bool on) { QSettings().setValue(QStringLiteral("view/highContrastWhenPresenting"), on); });
    m_present = view->addAction(tr("Presentation mode"));
    m_present->setCheckable(true);
    m_present->setShortcuts({QKeySequence(Qt::Key_F5)});
    m_present->setToolTip(tr("Full screen, large text and markers, only the step controls (F5; Esc leaves)"));
    connect(m_present, &QAction::toggled, this, &MainWindow::setPresentationMode);
    addAction(m_present);
    auto* leave = new QAction(this);
    leave->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(leave, &QAction::triggered, this, [this] { m_present->setChecked(false); });
    addAction(leave);
    view->addSeparator();
    addLanguageMenu(view, this);
    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About LatentLab"), this, [this] {
        QMessageBox::about(this, tr("About LatentLab"),
                           tr("<b>LatentLab</b> %1<br>Unsupervised and generative learning, step by step.<br><br>"
                              "Click: add a point · right-click: remove · drag a ◆ centroid and continue · "
                              "wheel: zoom · drag: pan · F: fit the data in view.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::buildDocks() {
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    m_data = new DataPanel;
    leftLayout->addWidget(m_data);
    auto* algo = new QWidget;
    auto* algoLayout = new QVBoxLayout(algo);
    algoLayout->setContentsMargins(0, 0, 0, 0);
    // The algorithm, then its parameters (one form per page, the current one shown).
    m_algorithm = new QComboBox;
    for (AlgorithmPage* page : m_pages) m_algorithm->addItem(page->displayName(), page->algorithm());
    m_algorithm->setToolTip(tr("The algorithm to run on the data"));
    m_algorithm->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_algorithm->setMinimumContentsLength(12);
    auto* algoRow = new QFormLayout;
    algoRow->addRow(tr("<b>Algorithm</b>"), m_algorithm);
    algoLayout->addLayout(algoRow);
    m_paramStack = new QStackedWidget;
    for (AlgorithmPage* page : m_pages) m_paramStack->addWidget(page->parameterWidget());
    algoLayout->addWidget(m_paramStack);
    connect(m_algorithm, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0 && i < static_cast<int>(m_pages.size())) showPage(m_pages[static_cast<size_t>(i)], true);
    });
    leftLayout->addWidget(algo);
    leftLayout->addStretch(1);
    auto* scroll = new QScrollArea;
    scroll->setWidget(left);
    scroll->setWidgetResizable(true);
    auto* leftDock = new QDockWidget(tr("Data and parameters"));
    leftDock->setObjectName("left-dock");
    leftDock->setWidget(scroll);
    leftDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    leftDock->setMinimumWidth(310);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    addDockWidget(Qt::LeftDockWidgetArea, leftDock);

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    m_formulaStack = new QStackedWidget;
    for (AlgorithmPage* page : m_pages) m_formulaStack->addWidget(page->formulaWidget());
    rightLayout->addWidget(m_formulaStack, 3);
    rightLayout->addWidget(new QLabel(tr("<b>Events</b>")));
    m_log = new QListWidget;
    m_log->setWordWrap(true);
    rightLayout->addWidget(m_log, 1);
    auto* rightDock = new QDockWidget(tr("Formulas and events"));
    rightDock->setObjectName("right-dock");
    rightDock->setWidget(right);
    rightDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    rightDock->setMinimumWidth(320);
    addDockWidget(Qt::RightDockWidgetArea, rightDock);
    // The plot gets the room: docks start at their useful width.
    resizeDocks({leftDock, rightDock}, {310, 340}, Qt::Horizontal);
}

void MainWindow::onPlayingChanged(bool playing, bool finished) {
    m_finished = finished;
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void MainWindow::onHistoryChanged(int size) {
    const QSignalBlocker block(m_timeline);
    m_timeline->setRange(0, std::max(0, size - 1));
    m_timeline->setValue(m_controller->shownIndex());
    m_timelineLabel->setText(tr(" step %1 / %2 ").arg(m_controller->shownIndex()).arg(std::max(0, size - 1)));
}

void MainWindow::setSpeedFromCombo() { m_controller->setSpeed(m_speed->currentData().toDouble()); }

void MainWindow::log(const QString& text, bool warning) {
    auto* item = new QListWidgetItem(text);
    if (warning) item->setForeground(QColor(0xB0, 0x3A, 0x00));
    m_log->addItem(item);
    while (m_log->count() > 500) delete m_log->takeItem(0);
    m_log->scrollToBottom();
}

void MainWindow::exportFigure() {
    const ui::Scene scene = m_page->currentScene();
    ui::ExportOptions base;
    base.visibleData = m_page->currentView()->transform().visibleData();
    auto render = [scene, base](const ui::ExportOptions& o, ui::FigureTheme theme) {
        ui::ExportOptions options = o;
        options.visibleData = base.visibleData;
        return ui::renderSceneImage(ui::themed(scene, theme), options);
    };
    auto write = [scene, base](const QString& path, const ui::ExportOptions& o, ui::FigureTheme theme) {
        ui::ExportOptions options = o;
        options.visibleData = base.visibleData;
        ui::exportScene(ui::themed(scene, theme), path, options);
    };
    ui::ExportDialog dialog(tr("Export figure"), m_page->algorithm(), m_page->figureCaption(), render, write, this);
    connect(&dialog, &ui::ExportDialog::exported, this,
            [this](const QString& path) { log(tr("Exported %1").arg(QFileInfo(path).fileName()), false); });
    dialog.exec();
}

void MainWindow::exportChart() {
    QWidget* chart = m_page->objectiveChart();
    auto render = [chart](const ui::ExportOptions& o, ui::FigureTheme) { return ui::renderWidgetImage(chart, o); };
    auto write = [chart](const QString& path, const ui::ExportOptions& o, ui::FigureTheme) { ui::exportWidget(chart, path, o); };
    ui::ExportDialog dialog(tr("Export chart"), m_page->algorithm() + QStringLiteral("-chart"), m_page->figureCaption(),
                            render, write, this);
    dialog.setThemeEnabled(false);
    dialog.setPreset(1); // 4:3: charts are wide enough
    connect(&dialog, &ui::ExportDialog::exported, this,
            [this](const QString& path) { log(tr("Exported %1").arg(QFileInfo(path).fileName()), false); });
    dialog.exec();
}

} // namespace latentlab::app
