#include "app/batch_export.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <set>

namespace latentlab::app {

QString slugify(const QString& title) {
    QString out;
    bool gap = false;
    for (const QChar c : title) {
        if (c.isLetterOrNumber()) {
            if (gap && !out.isEmpty()) out += QLatin1Char('_');
            out += c.toLower();
            gap = false;
        } else {
            gap = true;
        }
    }
    return out.isEmpty() ? QStringLiteral("panel") : out;
}

QString panelFileName(const QString& algorithm, int64_t iteration, const QString& title, const QString& format) {
    return QStringLiteral("%1_iter%2_%3.%4")
        .arg(slugify(algorithm))
        .arg(static_cast<qlonglong>(std::max<int64_t>(0, iteration)), 3, 10, QLatin1Char('0'))
        .arg(slugify(title), format);
}

std::vector<int> parseIterationList(const QString& text) {
    const QStringList items = text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts);
    if (items.isEmpty()) throw std::invalid_argument("iteration list: empty (write e.g. 0, 1, 2, 5)");
    std::set<int> out;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString item = items[i].trimmed();
        bool ok = false;
        const int v = item.toInt(&ok);
        if (item.compare(QStringLiteral("last"), Qt::CaseInsensitive) == 0) {
            out.insert(-1);
        } else if (!ok || v < 0) {
            throw std::invalid_argument(QStringLiteral("iteration list: item %1 '%2' is not a whole number >= 0 (or 'last')")
                                            .arg(i + 1)
                                            .arg(item)
                                            .toStdString());
        } else {
            out.insert(v);
        }
    }
    return {out.begin(), out.end()};
}

std::vector<int> everyNthIteration(int n, int lastIteration) {
    n = std::max(1, n);
    std::vector<int> out;
    for (int i = 0; i <= lastIteration; i += n) out.push_back(i);
    if (out.empty() || out.back() != lastIteration) out.push_back(std::max(0, lastIteration));
    return out;
}

std::vector<int> historyEntriesFor(const std::vector<int>& iterations, int size,
                                   const std::function<core::SnapshotPtr(int)>& at) {
    std::set<int> entries;
    if (size <= 0) return {};
    for (const int want : iterations) {
        int found = size - 1;
        if (want >= 0)
            for (int i = 0; i < size; ++i) {
                const core::SnapshotPtr snap = at(i);
                if (snap && snap->iteration >= want) {
                    found = i;
                    break;
                }
            }
        entries.insert(found);
    }
    return {entries.begin(), entries.end()};
}

QString seriesPanelTitle(const core::Snapshot& snap) {
    const QString title = QCoreApplication::translate("BatchExport", "iteration %1").arg(snap.iteration);
    return snap.converged ? QCoreApplication::translate("BatchExport", "%1 (converged)").arg(title) : title;
}

ui::Scene seriesPanelScene(ui::Scene scene, const core::Snapshot& snap) {
    scene.title = seriesPanelTitle(snap);
    std::erase_if(scene.texts, [](const ui::TextItem& t) { return t.anchoredToPlot; });
    return scene;
}

} // namespace latentlab::app
