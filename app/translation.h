#pragma once
// The GUI's language: English (the source text) or Simplified Chinese (resources/translations/
// latentlab_zh_CN.ts, compiled to :/i18n/latentlab_zh_CN.qm by CMake). The command line stays English.

#include <QString>

class QMenu;
class QWidget;

namespace latentlab::app {

/// The saved choice (QSettings key "language"): "system" (default), "en" or "zh_CN".
QString savedLanguage();
/// Stores `language` ("system", "en" or "zh_CN") for the next start.
void saveLanguage(const QString& language);

/// Installs the translators for `language` ("system" follows QLocale::system()) on the running
/// QCoreApplication: LatentLab's own and Qt's (standard buttons and dialogs) when present.
/// Returns the language in effect, "en" or "zh_CN". Unknown names throw std::invalid_argument.
QString installTranslation(const QString& language);

/// Adds "Language" (System / English / 简体中文) to `menu`; a choice is saved and, since the
/// widgets are built once, applied at the next start (a message box says so).
void addLanguageMenu(QMenu* menu, QWidget* window);

} // namespace latentlab::app
