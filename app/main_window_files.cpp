// MainWindow's file work: sessions (save, open, recent, autosave) and animation export. Kept
// apart from main_window.cpp, which builds the window and runs the experiment.
#include "app/algorithm_page.h"
#include "app/data_panel.h"
#include "app/main_window.h"
#include "app/run_controller.h"
#include "core/datasets.h"
#include "widgets/exporter.h"
#include "widgets/gif_writer.h"
#include "widgets/scene_view.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

namespace latentlab::app {

Session MainWindow::currentSession() const {
    Session s;
    s.algorithm = m_page->algorithm();
    s.dataset = m_data->sourcePath().isEmpty() ? m_data->datasetName() : m_data->sourcePath();
    if (!m_data->sourcePath().isEmpty()) s.fileSha256 = fileSha256(m_data->sourcePath());
    const core::Params generator = m_data->generatorParams();
    for (const auto& [name, value] : generator.values())
        s.generator[QString::fromStdString(name)] = QString::fromStdString(generator.toString(name));
    s.standardize = m_data->standardized();
    s.dataSeed = m_data->dataSeed();
    s.featureX = m_data->featureX();
    s.featureY = m_data->featureY();
    const core::Params params = m_page->params();
    for (const auto& [name, value] : params.values())
        s.params[QString::fromStdString(name)] = QString::fromStdString(params.toString(name));
    s.startModel = m_page->startModel();
    if (!s.startModel.isEmpty() && s.startModel != QLatin1String("pretrained")) s.startModelSha256 = fileSha256(s.startModel);
    s.seed = m_page->seed();
    // The model steps of the state on display (the replay takes as many); the history also
    // holds states made by hand (edits), which do not count.
    const core::SnapshotPtr shown = m_controller->current();
    const auto clampInt = [](int64_t v) { return static_cast<int>(std::min<int64_t>(v, std::numeric_limits<int>::max())); };
    s.step = shown ? clampInt(shown->stepCount) : 0;
    const History& history = m_controller->history();
    for (int i = 1; i <= m_controller->shownIndex(); ++i) {
        const core::SnapshotPtr before = history.at(static_cast<size_t>(i - 1)), made = history.at(static_cast<size_t>(i));
        if (before && made && !made->edit.empty())
            s.edits.append({clampInt(before->stepCount), QString::fromStdString(made->edit)});
    }
    s.viewTab = m_page->currentViewTab();
    s.chartTab = m_page->currentChartTab();
    return s;
}

void MainWindow::openSession(const Session& s) {
    AlgorithmPage* page = nullptr;
    for (AlgorithmPage* p : m_pages)
        if (p->algorithm() == s.algorithm) page = p;
    if (!page) throw SessionError(tr("unknown algorithm “%1”").arg(s.algorithm).toStdString());
    core::Params params = page->params();
    try {
        for (auto it = s.params.begin(); it != s.params.end(); ++it)
            params.setFromString(it.key().toStdString(), it.value().toStdString());
    } catch (const std::exception& e) {
        throw SessionError(e.what());
    }
    if (!core::findDataset(s.dataset.toStdString()) && !QFile::exists(s.dataset))
        throw SessionError(tr("the data file %1 is not there any more").arg(s.dataset).toStdString());
    if (!s.fileSha256.isEmpty() && fileSha256(s.dataset) != s.fileSha256)
        log(tr("%1 has changed since the session was saved: the run may differ.").arg(s.dataset), true);
    const bool modelFile = !s.startModel.isEmpty() && s.startModel != QLatin1String("pretrained");
    if (modelFile && !QFile::exists(s.startModel))
        throw SessionError(tr("the model file %1 is not there any more").arg(s.startModel).toStdString());
    if (modelFile && !s.startModelSha256.isEmpty() && fileSha256(s.startModel) != s.startModelSha256)
        log(tr("%1 has changed since the session was saved: the run may differ.").arg(s.startModel), true);

    m_controller->pause();
    showPage(page, false);
    page->setParams(params);
    page->setSeed(s.seed);
    m_data->setStandardize(s.standardize);
    m_data->setDataSeed(s.dataSeed);
    m_pendingStep = -1;
    if (!m_data->select(s.dataset)) {
        throw SessionError(tr("cannot load the data set “%1”").arg(s.dataset).toStdString());
    }
    if (!s.generator.isEmpty()) {
        try {
            for (auto it = s.generator.begin(); it != s.generator.end(); ++it) m_data->setGeneratorParam(it.key(), it.value());
        } catch (const std::exception& e) {
            throw SessionError(e.what());
        }
        m_data->reload();
    }
    m_data->setFeatures(s.featureX, s.featureY);
    if (!s.startModel.isEmpty()) {
        try {
            page->startFromModel(s.startModel, s.dataset); // restarts, paused
        } catch (const std::exception& e) {
            throw SessionError(e.what());
        }
    }
    // The last restart above made the session's run; step it once its first state is in.
    m_pendingStep = s.step;
    m_pendingRun = m_data->isLoading() ? 0 : m_controller->runId(); // 0: set when the data are in
    if (m_data->isLoading()) { // the run starts when the data are in (startPage runs first)
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(m_data, &DataPanel::datasetChanged, this, [this, once] {
            disconnect(*once);
            m_pendingRun = m_controller->runId();
        });
    }
    // The history's size need not change when the new run's first state replaces the old run's,
    // so watch the state on display rather than historyChanged. Step to each named edit's step,
    // apply it and wait for its state, then step to the session's step.
    struct Replay {
        QList<Session::Edit> edits;  ///< still to apply
        int64_t requested = -1;      ///< the step count last asked of the controller
        core::SnapshotPtr editedFrom; ///< an edit was sent on this state: wait for a newer one
    };
    auto replay = std::make_shared<Replay>(Replay{s.edits, -1, nullptr});
    auto* watch = new QTimer(this);
    watch->setInterval(15);
    connect(watch, &QTimer::timeout, this, [this, watch, page, replay] {
        const auto shown = m_controller->current();
        if (m_pendingRun == 0 || !shown || shown->runId != m_pendingRun) return;
        if (replay->editedFrom) {
            if (shown == replay->editedFrom || shown->edit.empty()) return;
            replay->editedFrom.reset();
        }
        const int64_t target = replay->edits.isEmpty() ? m_pendingStep : replay->edits.front().step;
        if (target > shown->stepCount && !shown->finished) {
            if (replay->requested != target) m_controller->step(static_cast<int>(target - shown->stepCount));
            replay->requested = target;
            return;
        }
        if (!replay->edits.isEmpty()) {
            const Session::Edit e = replay->edits.takeFirst();
            if (shown->stepCount == e.step && page->replayEdit(e.name)) replay->editedFrom = shown;
            else log(tr("The session's edit “%1” at step %2 could not be replayed.").arg(e.name).arg(e.step), true);
            return;
        }
        m_pendingStep = -1;
        watch->deleteLater();
    });
    watch->start();
    if (!s.viewTab.isEmpty()) page->selectTab(s.viewTab);
    if (!s.chartTab.isEmpty()) page->selectTab(s.chartTab);
}

bool MainWindow::shownRunHasEdits() const {
    // Each step adds a state with one more step to the history, an edit by hand one with the
    // same count; named edits (Snapshot::edit) are replayed.
    const History& history = m_controller->history();
    for (int i = 1; i <= m_controller->shownIndex(); ++i) {
        const core::SnapshotPtr a = history.at(static_cast<size_t>(i - 1)), b = history.at(static_cast<size_t>(i));
        if (a && b && b->stepCount <= a->stepCount && b->edit.empty()) return true;
    }
    return false;
}

QString MainWindow::autosavePath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/last-session.latentlab.json");
}

void MainWindow::saveSessionDialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save session"), m_page->algorithm() + QStringLiteral(".latentlab.json"),
                                                      tr("LatentLab sessions (*.json)"));
    if (path.isEmpty()) return;
    try {
        const Session session = currentSession();
        writeSession(path, session);
        addRecent(path);
        log(tr("Saved %1").arg(QFileInfo(path).fileName()), false);
        if (shownRunHasEdits())
            log(tr("This run has changes made by hand (points or centroids dragged, added or removed): "
                   "the session replays its %1 steps from the seed without them.")
                    .arg(session.step),
                true);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Save failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::openSessionDialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), QString(), tr("LatentLab sessions (*.json);;All files (*)"));
    if (!path.isEmpty()) openSessionFile(path);
}

bool MainWindow::openSessionFile(const QString& path) {
    Session session;
    try {
        session = readSession(path); // its errors name the file
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Cannot open the session"), QString::fromStdString(e.what()));
        return false;
    }
    try {
        openSession(session);
        addRecent(path);
        log(tr("Opened %1").arg(QFileInfo(path).fileName()), false);
        return true;
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Cannot open the session"),
                             QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), QString::fromStdString(e.what())));
        return false;
    }
}

void MainWindow::addRecent(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentSessions")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 8) recent.removeLast();
    settings.setValue(QStringLiteral("recentSessions"), recent);
    rebuildRecent();
}

void MainWindow::rebuildRecent() {
    m_recent->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentSessions")).toStringList();
    for (const QString& path : recent)
        m_recent->addAction(QFileInfo(path).fileName(), this, [this, path] { openSessionFile(path); })->setToolTip(path);
    m_recent->setEnabled(!recent.isEmpty());
}

int MainWindow::exportAnimation(const QString& path, int first, int last, int frameStep, double fps, QSize size,
                                const std::function<bool(int, int)>& progress) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("gif") && suffix != QLatin1String("png"))
        throw std::runtime_error(tr("%1: an animation is a .gif file or a .png sequence").arg(QFileInfo(path).fileName()).toStdString());
    const int size0 = m_controller->historySize();
    first = std::clamp(first, 0, std::max(0, size0 - 1));
    last = std::clamp(last, first, std::max(0, size0 - 1));
    frameStep = std::max(1, frameStep);
    std::vector<int> frames;
    for (int i = first; i <= last; i += frameStep) frames.push_back(i);
    if (frames.back() != last) frames.push_back(last); // always end on the last state asked for
    ui::ExportOptions options;
    options.sizePx = size;
    options.dpi = 96;
    options.visibleData = m_page->currentView()->transform().visibleData(); // a fixed frame: no jumping
    const QString tmp = path + QStringLiteral(".part.gif");
    std::optional<ui::GifWriter> gif;
    if (suffix == QLatin1String("gif")) gif.emplace(tmp, size, fps);
    const QString stem = QFileInfo(path).absolutePath() + QLatin1Char('/') + QFileInfo(path).completeBaseName();
    int written = 0;
    try {
        const bool complete = scrubHistory(frames, [&](size_t k) {
            if (progress && !progress(static_cast<int>(k), static_cast<int>(frames.size()))) return false;
            const QImage image = ui::renderSceneImage(m_page->currentScene(), options);
            if (gif) {
                gif->addFrame(image);
            } else {
                const QString file = QStringLiteral("%1-%2.png").arg(stem).arg(written, 4, 10, QLatin1Char('0'));
                if (!image.save(file, "PNG"))
                    throw std::runtime_error(tr("%1: cannot write the file").arg(QFileInfo(file).fileName()).toStdString());
            }
            ++written;
            return true;
        });
        if (gif && !complete) { // a cancelled GIF leaves nothing behind
            gif.reset();
            QFile::remove(tmp);
        } else if (gif) {
            gif->close();
            QFile::remove(path);
            if (!QFile::rename(tmp, path)) throw std::runtime_error(tr("%1: cannot write the file").arg(QFileInfo(path).fileName()).toStdString());
        }
    } catch (...) {
        gif.reset();
        QFile::remove(tmp);
        throw;
    }
    return written;
}

bool MainWindow::scrubHistory(const std::vector<int>& entries, const std::function<bool(size_t)>& visit) {
    const int shownBefore = m_controller->shownIndex();
    struct Restore {
        RunController* c;
        int index;
        ~Restore() { c->showHistoryEntry(index); }
    } restore{m_controller, shownBefore};
    for (size_t k = 0; k < entries.size(); ++k) {
        m_controller->showHistoryEntry(entries[k]); // the page redraws it at once
        if (!visit(k)) return false;
    }
    return true;
}

void MainWindow::exportAnimationDialog() {
    const int entries = m_controller->historySize();
    if (entries < 2) {
        log(tr("Run a few steps first: the animation shows the run so far."), true);
        return;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Export animation"));
    auto* form = new QFormLayout(&dialog);
    auto* first = new QSpinBox;
    auto* last = new QSpinBox;
    first->setRange(0, entries - 1);
    last->setRange(0, entries - 1);
    last->setValue(entries - 1);
    auto* step = new QSpinBox;
    step->setRange(1, 1000);
    auto* fps = new QSpinBox;
    fps->setRange(1, 50);
    fps->setValue(4);
    fps->setSuffix(tr(" frames/s"));
    auto* width = new QSpinBox;
    auto* height = new QSpinBox;
    width->setRange(64, 4000);
    height->setRange(64, 4000);
    width->setValue(1280);
    height->setValue(800);
    form->addRow(tr("From step"), first);
    form->addRow(tr("To step"), last);
    form->addRow(tr("Every n-th step"), step);
    form->addRow(tr("Frame rate"), fps);
    form->addRow(tr("Width (px)"), width);
    form->addRow(tr("Height (px)"), height);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export animation"), m_page->algorithm() + QStringLiteral(".gif"),
                                                      tr("Animated GIF (*.gif);;PNG sequence (*.png)"));
    if (path.isEmpty()) return;
    QProgressDialog bar(tr("Drawing frames…"), tr("Cancel"), 0, 100, this);
    bar.setWindowModality(Qt::WindowModal);
    bar.setMinimumDuration(300);
    QElapsedTimer clock;
    clock.start();
    auto progress = [&](int done, int total) {
        bar.setMaximum(total);
        bar.setValue(done);
        if (done > 0)
            bar.setLabelText(tr("Frame %1 of %2, about %3 s left").arg(done + 1).arg(total).arg(clock.elapsed() / 1000.0 * (total - done) / done, 0, 'f', 1));
        QCoreApplication::processEvents();
        return !bar.wasCanceled();
    };
    try {
        const int n = exportAnimation(path, first->value(), last->value(), step->value(), fps->value(),
                                      QSize(width->value(), height->value()), progress);
        log(bar.wasCanceled() ? tr("Animation cancelled after %1 frames").arg(n) : tr("Exported %1 (%2 frames)").arg(QFileInfo(path).fileName()).arg(n), false);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

} // namespace latentlab::app
