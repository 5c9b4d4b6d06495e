#include "app/translation.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

#include <stdexcept>

namespace latentlab::app {

namespace {

const char* kKey = "language";

QTranslator* g_own = nullptr;
QTranslator* g_qt = nullptr;

void removeInstalled() {
    for (QTranslator** t : {&g_own, &g_qt}) {
        if (!*t) continue;
        QCoreApplication::removeTranslator(*t);
        delete *t;
        *t = nullptr;
    }
}

} // namespace

QString savedLanguage() {
    const QString language = QSettings().value(QLatin1String(kKey), QStringLiteral("system")).toString();
    return language == QLatin1String("en") || language == QLatin1String("zh_CN") ? language
                                                                                  : QStringLiteral("system");
}

void saveLanguage(const QString& language) { QSettings().setValue(QLatin1String(kKey), language); }

QString installTranslation(const QString& language) {
    QString effective = language;
    if (language == QLatin1String("system"))
        effective = QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
    else if (language != QLatin1String("en") && language != QLatin1String("zh_CN"))
        throw std::invalid_argument("--language must be zh_CN, en or system, got '" + language.toStdString() + "'");
    removeInstalled();
    if (effective == QLatin1String("en")) return effective;
    auto* own = new QTranslator(QCoreApplication::instance());
    if (!own->load(QStringLiteral(":/i18n/latentlab_") + effective + QStringLiteral(".qm"))) {
        delete own; // the resource is built in: only a broken build gets here
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(own);
    g_own = own;
    // Qt's own strings (OK/Cancel, file dialogs) from the qt6-translations-l10n package, if installed.
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QStringLiteral("qtbase_") + effective, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        g_qt = qt;
    } else {
        delete qt;
    }
    return effective;
}

void addLanguageMenu(QMenu* menu, QWidget* window) {
    QMenu* languages = menu->addMenu(QCoreApplication::translate("Language", "Language"));
    auto* group = new QActionGroup(languages);
    const QString saved = savedLanguage();
    // The language names stay in their own language, so anyone can find theirs.
    const std::pair<QString, QString> choices[] = {
        {QStringLiteral("system"), QCoreApplication::translate("Language", "System")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("简体中文")},
    };
    for (const auto& [code, name] : choices) {
        QAction* action = languages->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == saved);
        action->setData(code);
        group->addAction(action);
    }
    QObject::connect(group, &QActionGroup::triggered, window, [window](QAction* action) {
        saveLanguage(action->data().toString());
        QMessageBox::information(window, QCoreApplication::translate("Language", "Language"),
                                 QCoreApplication::translate("Language", "The new language is used from the next start of LatentLab."));
    });
}

} // namespace latentlab::app
