// MainWindow's batch figure export (issue 7): every panel of the page at once, and the main view
// over chosen iterations as one multi-panel figure. Kept apart from main_window_files.cpp.
#include "app/algorithm_page.h"
#include "app/batch_export.h"
#include "app/main_window.h"
#include "app/run_controller.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>

#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

namespace latentlab::app {

namespace {

/// Renames every (temporary, final) pair, or removes every temporary when `keep` is false.
/// Throws std::runtime_error naming the first file that cannot be put in place.
void finishFiles(const std::vector<std::pair<QString, QString>>& files, bool keep) {
    if (!keep) {
        for (const auto& [tmp, final] : files) QFile::remove(tmp);
        return;
    }
    for (const auto& [tmp, final] : files) {
        QFile::remove(final);
        if (!QFile::rename(tmp, final)) {
            for (const auto& [t, f] : files) QFile::remove(t);
            throw std::runtime_error(QCoreApplication::translate("BatchExport", "%1: cannot write the file")
                                         .arg(QFileInfo(final).fileName())
                                         .toStdString());
        }
    }
}

/// The element toggles the Export dialog remembers (ExportDialog: "export/…").
void applyRememberedElements(ui::ExportOptions& o) {
    const QSettings s;
    o.showTitle = s.value(QStringLiteral("export/showTitle"), true).toBool();
    o.showAxes = s.value(QStringLiteral("export/showAxes"), true).toBool();
    o.showLegend = s.value(QStringLiteral("export/showLegend"), true).toBool();
}

/// A progress callback on `bar` that says how long is left.
std::function<bool(int, int)> progressOn(QProgressDialog& bar, QElapsedTimer& clock, const QString& unit) {
    return [&bar, &clock, unit](int done, int total) {
        bar.setMaximum(total);
        bar.setValue(done);
        if (done > 0)
            bar.setLabelText(MainWindow::tr("%1 %2 of %3, about %4 s left")
                                 .arg(unit)
                                 .arg(done + 1)
                                 .arg(total)
                                 .arg(clock.elapsed() / 1000.0 * (total - done) / done, 0, 'f', 1));
        QCoreApplication::processEvents();
        return !bar.wasCanceled();
    };
}

QComboBox* presetCombo(int index) {
    auto* c = new QComboBox;
    for (const ui::FigurePreset& p : ui::figurePresets()) c->addItem(p.name);
    c->setCurrentIndex(std::clamp(index, 0, c->count() - 1));
    return c;
}

QComboBox* themeCombo(int index) {
    auto* c = new QComboBox;
    c->addItems({MainWindow::tr("Light"), MainWindow::tr("Dark")});
    c->setCurrentIndex(std::clamp(index, 0, 1));
    return c;
}

ui::ExportOptions presetOptions(int preset) {
    const ui::FigurePreset& p = ui::figurePresets()[static_cast<size_t>(std::clamp(preset, 0, 3))];
    ui::ExportOptions o;
    o.sizePx = p.sizePx;
    o.dpi = p.dpi;
    return o;
}

} // namespace

QStringList MainWindow::exportAllViews(const QString& folder, const QString& format, const ui::ExportOptions& options,
                                       ui::FigureTheme theme, const std::function<bool(int, int)>& progress) {
    if (format != QLatin1String("png") && format != QLatin1String("svg") && format != QLatin1String("pdf"))
        throw std::runtime_error(tr("unknown figure format '%1' (use png, svg or pdf)").arg(format).toStdString());
    if (!QDir(folder).exists() && !QDir().mkpath(folder))
        throw std::runtime_error(tr("%1: cannot create the folder").arg(folder).toStdString());
    const std::vector<AlgorithmPage::Panel> panels = m_page->panels();
    const auto snap = m_controller->current();
    const int64_t iteration = snap ? snap->iteration : 0;
    const QString viewTab = m_page->currentViewTab(), chartTab = m_page->currentChartTab();
    std::vector<std::pair<QString, QString>> files; // temporary, final
    std::set<QString> names;
    bool complete = true;
    try {
        for (size_t k = 0; k < panels.size(); ++k) {
            if (progress && !progress(static_cast<int>(k), static_cast<int>(panels.size()))) {
                complete = false;
                break;
            }
            const AlgorithmPage::Panel& panel = panels[k];
            QString name = panelFileName(m_page->algorithm(), iteration, panel.title, format);
            for (int n = 2; names.count(name); ++n)
                name = panelFileName(m_page->algorithm(), iteration, panel.title + QStringLiteral(" %1").arg(n), format);
            names.insert(name);
            const QString final = QDir(folder).filePath(name);
            const QString tmp = final + QStringLiteral(".part.") + format;
            files.emplace_back(tmp, final);
            ui::ExportOptions o = options;
            // Pages draw a view tab only when it is shown, and charts lay out only when shown.
            if (m_page->selectTab(panel.title)) QCoreApplication::processEvents();
            if (panel.view) {
                o.visibleData = panel.view->transform().visibleData();
                ui::exportScene(ui::themed(m_page->sceneOf(panel.view), theme), tmp, o);
            } else {
                ui::exportWidget(panel.widget, tmp, o);
            }
        }
    } catch (...) {
        finishFiles(files, false);
        if (!viewTab.isEmpty()) m_page->selectTab(viewTab);
        m_page->selectTab(chartTab);
        throw;
    }
    if (!viewTab.isEmpty()) m_page->selectTab(viewTab);
    m_page->selectTab(chartTab);
    finishFiles(files, complete);
    QStringList out;
    if (complete)
        for (const auto& f : files) out << f.second;
    return out;
}

int MainWindow::exportIterationSeries(const QString& path, const std::vector<int>& iterations, const ui::ExportOptions& options,
                                      ui::FigureTheme theme, const std::function<bool(int, int)>& progress) {
    const QString format = ui::exportFormat(path); // throws for a bad suffix
    const History& history = m_controller->history();
    const std::vector<int> entries =
        historyEntriesFor(iterations, m_controller->historySize(), [&](int i) { return history.at(static_cast<size_t>(i)); });
    if (entries.empty()) throw std::runtime_error(tr("%1: run a few steps first").arg(QFileInfo(path).fileName()).toStdString());
    std::vector<ui::Scene> scenes;
    ui::ExportOptions o = options;
    o.visibleData = m_page->view()->transform().visibleData(); // one frame for every panel
    const bool complete = scrubHistory(entries, [&](size_t k) {
        if (progress && !progress(static_cast<int>(k), static_cast<int>(entries.size()))) return false;
        ui::Scene scene = ui::themed(m_page->sceneOf(m_page->view()), theme);
        if (const auto snap = m_controller->current()) scene = seriesPanelScene(std::move(scene), *snap);
        scenes.push_back(std::move(scene));
        return true;
    });
    if (!complete) return 0;
    const QString tmp = path + QStringLiteral(".part.") + format;
    try {
        ui::exportSceneGrid(scenes, tmp, o);
    } catch (...) {
        QFile::remove(tmp);
        throw;
    }
    finishFiles({{tmp, path}}, true);
    return static_cast<int>(scenes.size());
}

void MainWindow::exportAllViewsDialog() {
    QSettings settings;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Export all views"));
    auto* form = new QFormLayout(&dialog);
    auto* folder = new QLineEdit(settings.value(QStringLiteral("batchExport/folder"), QDir::homePath()).toString());
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, &dialog, [&dialog, folder] {
        const QString dir = QFileDialog::getExistingDirectory(&dialog, tr("Export all views"), folder->text());
        if (!dir.isEmpty()) folder->setText(dir);
    });
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(folder, 1);
    folderRow->addWidget(browse);
    form->addRow(tr("Folder"), folderRow);
    QComboBox* preset = presetCombo(settings.value(QStringLiteral("batchExport/preset"), 0).toInt());
    form->addRow(tr("Size"), preset);
    auto* format = new QComboBox;
    format->addItems({QStringLiteral("svg"), QStringLiteral("pdf"), QStringLiteral("png")});
    format->setCurrentText(settings.value(QStringLiteral("batchExport/format"), QStringLiteral("svg")).toString());
    form->addRow(tr("Format"), format);
    QComboBox* theme = themeCombo(settings.value(QStringLiteral("batchExport/theme"), 0).toInt());
    form->addRow(tr("Theme"), theme);
    const auto snap = m_controller->current();
    const QString pattern = panelFileName(m_page->algorithm(), snap ? snap->iteration : 0, QStringLiteral("x"), QStringLiteral("f"));
    form->addRow(new QLabel(tr("Files: %1, one per view and chart tab")
                                .arg(pattern.left(pattern.size() - 3) + tr("<tab>.<format>")).toHtmlEscaped()));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted) return;
    settings.setValue(QStringLiteral("batchExport/folder"), folder->text());
    settings.setValue(QStringLiteral("batchExport/preset"), preset->currentIndex());
    settings.setValue(QStringLiteral("batchExport/format"), format->currentText());
    settings.setValue(QStringLiteral("batchExport/theme"), theme->currentIndex());
    ui::ExportOptions o = presetOptions(preset->currentIndex());
    applyRememberedElements(o);
    o.caption = m_page->figureCaption();
    QProgressDialog bar(tr("Drawing panels…"), tr("Cancel"), 0, 100, this);
    bar.setWindowModality(Qt::WindowModal);
    bar.setMinimumDuration(300);
    QElapsedTimer clock;
    clock.start();
    try {
        const QStringList files = exportAllViews(folder->text(), format->currentText(), o,
                                                 theme->currentIndex() == 1 ? ui::FigureTheme::Dark : ui::FigureTheme::Light,
                                                 progressOn(bar, clock, tr("Panel")));
        log(files.isEmpty() ? tr("Export all views cancelled: no file written")
                            : tr("Exported %1 files to %2").arg(files.size()).arg(folder->text()),
            false);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::exportIterationSeriesDialog() {
    const auto last = m_controller->history().latest();
    if (!last) {
        log(tr("Run a few steps first: the series shows states of the run so far."), true);
        return;
    }
    const int lastIteration = static_cast<int>(last->iteration);
    QSettings settings;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Export iteration series"));
    auto* form = new QFormLayout(&dialog);
    auto* byList = new QRadioButton(tr("Iterations"));
    auto* byStep = new QRadioButton(tr("Every n-th iteration"));
    auto* list = new QLineEdit(settings.value(QStringLiteral("series/list"), QStringLiteral("0, 1, 2, 5, 10, 20")).toString());
    list->setToolTip(tr("Whole numbers separated by commas; 'last' for the final state. Iterations the run has not "
                        "reached show its last state."));
    auto* every = new QSpinBox;
    every->setRange(1, 100000);
    every->setValue(std::max(1, lastIteration / 5));
    auto* group = new QButtonGroup(&dialog);
    group->addButton(byList);
    group->addButton(byStep);
    byList->setChecked(true);
    form->addRow(byList, list);
    form->addRow(byStep, every);
    form->addRow(new QLabel(tr("The run has %1 iterations so far.").arg(lastIteration)));
    QComboBox* preset = presetCombo(settings.value(QStringLiteral("series/preset"), 0).toInt());
    form->addRow(tr("Size"), preset);
    QComboBox* theme = themeCombo(settings.value(QStringLiteral("series/theme"), 0).toInt());
    form->addRow(tr("Theme"), theme);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    std::vector<int> iterations;
    for (;;) {
        if (dialog.exec() != QDialog::Accepted) return;
        try {
            iterations = byList->isChecked() ? parseIterationList(list->text()) : everyNthIteration(every->value(), lastIteration);
            break;
        } catch (const std::exception& e) {
            QMessageBox::warning(this, tr("Export iteration series"), QString::fromStdString(e.what()));
        }
    }
    settings.setValue(QStringLiteral("series/list"), list->text());
    settings.setValue(QStringLiteral("series/preset"), preset->currentIndex());
    settings.setValue(QStringLiteral("series/theme"), theme->currentIndex());
    const QString path = QFileDialog::getSaveFileName(this, tr("Export iteration series"),
                                                      m_page->algorithm() + QStringLiteral("_series.svg"),
                                                      tr("SVG (*.svg);;PDF (*.pdf);;PNG (*.png)"));
    if (path.isEmpty()) return;
    ui::ExportOptions o = presetOptions(preset->currentIndex());
    applyRememberedElements(o);
    o.showTitle = true; // each panel says its iteration
    o.caption = m_page->figureCaption();
    QProgressDialog bar(tr("Collecting panels…"), tr("Cancel"), 0, 100, this);
    bar.setWindowModality(Qt::WindowModal);
    bar.setMinimumDuration(300);
    QElapsedTimer clock;
    clock.start();
    try {
        const int n = exportIterationSeries(path, iterations, o,
                                            theme->currentIndex() == 1 ? ui::FigureTheme::Dark : ui::FigureTheme::Light,
                                            progressOn(bar, clock, tr("Panel")));
        log(n == 0 ? tr("Iteration series cancelled: no file written")
                   : tr("Exported %1 (%2 panels)").arg(QFileInfo(path).fileName()).arg(n),
            false);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

} // namespace latentlab::app
