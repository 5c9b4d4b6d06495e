#pragma once
// Helpers for batch figure export (issue 7, "Batch export"): file names for every panel of a
// page, and the iterations of a multi-panel iteration series. No widgets: the CLI uses them too.
#include "core/model.h"
#include "widgets/scene.h"

#include <QString>

#include <functional>
#include <stdexcept>
#include <vector>

namespace latentlab::app {

/// `title` as a file-name part: letters and digits lower-cased, every other run of characters
/// one '_', none at either end ("AIC / BIC (choose K)" → "aic_bic_choose_k"); "panel" if
/// nothing is left.
QString slugify(const QString& title);

/// "<algorithm>_iter<NNN>_<slug>.<format>", e.g. gmm_iter012_responsibilities.svg (iteration
/// zero-padded to 3 digits, more when larger).
QString panelFileName(const QString& algorithm, int64_t iteration, const QString& title, const QString& format);

/// Parses a list of iterations such as "0, 1, 2, 5, 10, 20" (commas or spaces between whole
/// numbers >= 0; "last" for the final state, written as -1). Sorted, duplicates dropped.
/// Throws std::invalid_argument naming the bad item and its position (1-based) in the list.
std::vector<int> parseIterationList(const QString& text);

/// 0, n, 2n, … up to `lastIteration`, and `lastIteration` itself. n >= 1.
std::vector<int> everyNthIteration(int n, int lastIteration);

/// For each asked iteration (-1: the last state), the history entry that shows it: the first
/// entry whose snapshot has completed that many iterations (iteration 0 = the initial state);
/// an iteration the run has not reached maps to the last entry. `at(i)` gives entry i of
/// `size` entries. Entries in order, each once.
std::vector<int> historyEntriesFor(const std::vector<int>& iterations, int size,
                                   const std::function<core::SnapshotPtr(int)>& at);

/// The title of an iteration-series panel: "iteration N", "iteration N (converged)".
QString seriesPanelTitle(const core::Snapshot& snap);
/// `scene` as a panel of an iteration series: titled seriesPanelTitle(snap), without the texts
/// pinned to the plot's corners (the live view's step caption, too long for a small panel and
/// said by the title).
ui::Scene seriesPanelScene(ui::Scene scene, const core::Snapshot& snap);

} // namespace latentlab::app
