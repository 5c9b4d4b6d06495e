#pragma once
// The main window: run controls (play, pause, half-step, step, run to convergence, speed,
// reset), the timeline, the data panel, the algorithm page, the event log and the status bar.
#include "app/session.h"
#include "core/params.h"
#include "widgets/exporter.h"
#include "widgets/figure_style.h"
#include "widgets/scene_view.h"

#include <QMainWindow>
#include <QFont>
#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

class QAction;
class QCloseEvent;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QListWidget;
class QSlider;
class QStackedWidget;

namespace latentlab::app {

class AlgorithmPage;
class DataPanel;
class RunController;

/// What the command line asked the GUI to open.
struct LaunchOptions {
    QString algorithm = QStringLiteral("kmeans"); ///< "kmeans", "gmm" or "pca"
    QString dataset = QStringLiteral("old-faithful");
    bool standardize = true; ///< the default demo shows Old Faithful z-scored, as in PRML fig. 9.1
    uint64_t seed = 1;
    uint64_t dataSeed = 1;
    std::optional<core::Params> modelParams; ///< the algorithm's parameters, or the demo's
    bool pretrained = false; ///< --pretrained: the RBM or diffusion page starts from its shipped model
    std::vector<std::pair<QString, QString>> generatorParams;
    ui::RenderBackend renderer = ui::RenderBackend::Auto; ///< --gl / --no-gl
    double stepsPerSecond = 2.0;
    bool autoplay = true; ///< start playing at once (--paused: wait for Play)
    bool present = false; ///< open in presentation mode (--present)
    bool highContrast = false; ///< live views in the high-contrast look (--high-contrast)
    QStringList tabs;     ///< view or chart tabs to bring to the front once data arrive (--tab)
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(const LaunchOptions& options, QWidget* parent = nullptr);
    ~MainWindow() override;

    RunController* controller() const { return m_controller; }
    /// The algorithm page on display.
    AlgorithmPage* page() const { return m_page; }
    /// True when the scatter view draws with OpenGL (false: the QPainter fallback).
    bool usesOpenGL() const;

    bool isPresenting() const { return m_presenting; }

    /// The experiment on display, for a session file (app/session.h).
    Session currentSession() const;
    /// True when the history up to the state on display holds edits made by hand that a
    /// session does not replay (dragged points or centroids; not the named Sample now and
    /// Train D/G once).
    bool shownRunHasEdits() const;
    /// Replays a session: algorithm, data, parameters and seed, then steps to its step.
    /// Throws SessionError (unknown algorithm or data set, bad parameter) and leaves the
    /// current experiment running when it does.
    void openSession(const Session& session);
    /// Where the last session is saved on close ("Open last session").
    static QString autosavePath();

public slots:
    /// Presentation mode: full screen, text and markers 1.5-1.6× larger (Qt Charts too: fonts
    /// 1.6×, series lines 2×), high contrast when View → "High contrast in presentation mode"
    /// is checked, the data dock, menu bar, speed, timeline, Reset and Converge hidden; Space / arrows / Page Up/Down (what a
    /// presentation clicker sends) still step. Off restores the window as it was.
    void setPresentationMode(bool on);
    /// The high-contrast look (widgets/high_contrast.h) in every live view.
    void setHighContrast(bool on);
    bool isHighContrast() const;
    void exportFigure();
    void exportChart();
    /// Writes history entries first..last (every `frameStep`-th) of the run as an animated GIF
    /// (path ends in .gif) or a numbered PNG sequence (path ends in .png: name-0000.png, …),
    /// each frame the scene on display redrawn at `size` within the region the view shows now.
    /// `progress(done, total)` may return false to cancel (a GIF is then not written). Returns
    /// the frames drawn. Throws
    /// std::runtime_error naming the file; a GIF is written to a temporary name first.
    int exportAnimation(const QString& path, int first, int last, int frameStep, double fps, QSize size,
                        const std::function<bool(int, int)>& progress = {});
    /// File → Export animation… (dialog, progress with time left, Cancel).
    void exportAnimationDialog();
    /// Writes every panel of the page on display — view tabs drawn from their scenes within the
    /// region each view shows, chart tabs rendered as widgets — into `folder` as `format` ("png",
    /// "svg" or "pdf") files named panelFileName(algorithm, iteration shown, tab title) (a
    /// repeated name gets "_2", …). `theme` recolours scenes only. `progress(done, total)` may
    /// return false to cancel. Every file is written to a temporary name and renamed only when
    /// all are done, so a cancel or a failure leaves no file. Returns the paths written (empty
    /// when cancelled). Throws std::runtime_error naming the file.
    QStringList exportAllViews(const QString& folder, const QString& format, const ui::ExportOptions& options,
                               ui::FigureTheme theme, const std::function<bool(int, int)>& progress = {});
    /// File → Export all views… (folder, size preset, format, theme; progress with Cancel).
    void exportAllViewsDialog();
    /// The main view at the given iterations (-1: the last state; see historyEntriesFor) as one
    /// figure at `path` (.png, .svg, .pdf), panels in a grid titled "iteration N", all within
    /// the region the view shows now. Scrubs the history as exportAnimation does and puts the
    /// shown step back. `progress` may return false to cancel: nothing is written. Returns the
    /// panels drawn (0 when cancelled); the file is written atomically. Throws
    /// std::runtime_error naming the file (also when the run has no history yet).
    int exportIterationSeries(const QString& path, const std::vector<int>& iterations, const ui::ExportOptions& options,
                              ui::FigureTheme theme, const std::function<bool(int, int)>& progress = {});
    /// File → Export iteration series… (iterations as a list or every n-th, preset, theme).
    void exportIterationSeriesDialog();
    /// File → Save session… / Open session… (with dialogs and messages).
    void saveSessionDialog();
    void openSessionDialog();
    /// Opens a session file, showing any error in a message box; false on error.
    bool openSessionFile(const QString& path);

protected:
    /// Saves the session to autosavePath() (a failure is only logged: closing never blocks).
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    /// Shows each history entry of `entries` in turn (the page redraws it at once) and calls
    /// `visit(k)` for the k-th; stops early when it returns false. Puts the entry shown before
    /// back, also when `visit` throws. Returns false when stopped early.
    bool scrubHistory(const std::vector<int>& entries, const std::function<bool(size_t)>& visit);
    void buildDocks();
    /// Shows `page` (its form, formulas and view); `start`: run it on the current data.
    void showPage(AlgorithmPage* page, bool start);
    /// Runs the page on display on the data panel's data.
    void startPage();
    void onPlayingChanged(bool playing, bool finished);
    void onHistoryChanged(int size);
    void log(const QString& text, bool warning);
    void setSpeedFromCombo();

    RunController* m_controller = nullptr;
    std::vector<AlgorithmPage*> m_pages;
    AlgorithmPage* m_page = nullptr;
    QStackedWidget* m_pageStack = nullptr;
    QStackedWidget* m_paramStack = nullptr;
    QStackedWidget* m_formulaStack = nullptr;
    QComboBox* m_algorithm = nullptr;
    QAction* m_elbow = nullptr;
    DataPanel* m_data = nullptr;
    QListWidget* m_log = nullptr;
    QSlider* m_timeline = nullptr;
    QLabel* m_timelineLabel = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_renderer = nullptr;
    QComboBox* m_speed = nullptr;
    QAction* m_play = nullptr;
    QAction* m_halfStep = nullptr;
    QAction* m_step = nullptr;
    QAction* m_converge = nullptr;
    QAction* m_reset = nullptr;
    QAction* m_back = nullptr;
    QAction* m_present = nullptr;
    QAction* m_highContrast = nullptr;        ///< View → High contrast
    QAction* m_contrastWhenPresenting = nullptr; ///< turn it on in presentation mode (QSettings)
    bool m_contrastByPresentation = false;    ///< presentation mode turned it on: off again on leaving
    QList<QAction*> m_fullOnly;      ///< toolbar entries presentation mode hides
    QList<QDockWidget*> m_hiddenDocks; ///< docks presentation mode hid
    QList<QList<int>> m_pageSplits;    ///< each page's view/chart split before presentation mode
    QFont m_normalFont;
    bool m_presenting = false;
    int m_pendingStep = -1; ///< a session's step, reached once its run has started
    uint64_t m_pendingRun = 0; ///< the run that session step belongs to
    QMenu* m_recent = nullptr;
    void addRecent(const QString& path);
    void rebuildRecent();
    bool m_wasMaximized = false;
    bool m_finished = false;
};

} // namespace latentlab::app
