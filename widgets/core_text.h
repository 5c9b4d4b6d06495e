#pragma once
// Translation of the texts core/ makes (core/ has no Qt): parameter labels, docs and choices,
// data set descriptions, phase labels and model events. The English originals are listed for
// lupdate in widgets/core_text_strings.cpp; this header is what the widgets call.

#include "core/params.h"

#include <QString>

#include <string>
#include <utility>
#include <vector>

namespace latentlab::ui {

/// A parameter's label (its name if it has none), in context "ParamSpec".
QString paramLabel(const core::ParamSpec& spec);
/// A parameter's one-line doc (tooltips), in context "ParamSpec".
QString paramDoc(const core::ParamSpec& spec);
/// One of a Choice parameter's values as the user reads it (the value itself stays the item data).
QString choiceName(const std::string& choice);
/// A data set's one-line description, in context "Dataset".
QString datasetDescription(const std::string& description);

/// A phase label or event message from core/, in context "CoreText": first the whole text; if
/// that has no translation, its numbers (with their sign) are replaced by %1, %2, … (left to
/// right; digits after a letter or '_' belong to a name such as x_1 or PC2 and stay) and that template is translated and
/// filled in again. A text with neither stays English.
QString coreText(const std::string& text);
/// The template coreText() looks up for `text`, with its numbers in `numbers` (for tests and
/// for listing new templates).
QString coreTextTemplate(const QString& text, QStringList* numbers = nullptr);

/// Every (context, English text) of core/ listed for translation (widgets/core_text_strings.cpp).
const std::vector<std::pair<const char*, const char*>>& coreTextsForTranslation();

} // namespace latentlab::ui
