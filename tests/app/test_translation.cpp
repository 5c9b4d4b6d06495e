// The Simplified Chinese GUI: the .ts file is complete (nothing unfinished or empty, the same
// %n placeholders as the English), holds every string lupdate finds in app/ and widgets/ today,
// covers the texts core/ shows (parameters, data sets, phase labels, events), and the window
// built in zh_CN shows Chinese. Needs lupdate (qt6-l10n-tools) and a display (xvfb-run).
#include "app/kmeans_page.h"
#include "app/main_window.h"
#include "app/translation.h"
#include "core/dataset.h"
#include "core/datasets.h"
#include "core/ddpm.h"
#include "core/gan.h"
#include "core/gmm.h"
#include "core/kmeans.h"
#include "core/pca.h"
#include "core/rbm.h"
#include "widgets/core_text.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include <memory>

using namespace latentlab;

namespace {

struct TsMessage {
    QString context, source;
    QStringList translations; ///< one, or the numerus forms
    QString type;             ///< the translation's type attribute ("unfinished", "vanished", …)
};

/// Every message of a .ts file; fails the test (empty result) on XML errors.
QList<TsMessage> readTs(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("cannot read %s", qPrintable(path));
        return {};
    }
    QList<TsMessage> out;
    QXmlStreamReader xml(&file);
    QString context;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) continue;
        if (xml.name() == QLatin1String("name")) context = xml.readElementText();
        else if (xml.name() == QLatin1String("message")) out.append({context, {}, {}, {}});
        else if (xml.name() == QLatin1String("source") && !out.isEmpty()) out.last().source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation") && !out.isEmpty()) {
            out.last().type = xml.attributes().value(QLatin1String("type")).toString();
            // The text, or the numerus forms' texts run together (enough to see emptiness and %n).
            out.last().translations << xml.readElementText(QXmlStreamReader::IncludeChildElements);
        }
    }
    if (xml.hasError()) {
        qWarning("%s:%lld: %s", qPrintable(path), xml.lineNumber(), qPrintable(xml.errorString()));
        return {};
    }
    return out;
}

QString tsPath() {
    return qEnvironmentVariable("LATENTLAB_SOURCE_DIR") + QStringLiteral("/resources/translations/latentlab_zh_CN.ts");
}

QSet<QString> placeholders(const QString& text) {
    QSet<QString> out;
    for (auto it = QRegularExpression(QStringLiteral("%(\\d+|n)")).globalMatch(text); it.hasNext();)
        out.insert(it.next().captured());
    return out;
}

bool hasChinese(const QString& text) {
    for (QChar c : text)
        if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) return true;
    return false;
}

} // namespace

class TestTranslation : public QObject {
    Q_OBJECT
private slots:
    void tsFileIsComplete() {
        const QList<TsMessage> messages = readTs(tsPath());
        QVERIFY2(messages.size() > 500, qPrintable(tsPath()));
        QStringList problems;
        for (const TsMessage& m : messages) {
            const QString where = m.context + QStringLiteral(" / ") + m.source;
            if (!m.type.isEmpty()) problems << m.type + QStringLiteral(": ") + where;
            else if (m.translations.isEmpty() || m.translations.join(QString()).trimmed().isEmpty())
                problems << QStringLiteral("empty: ") + where;
            else if (placeholders(m.translations.join(QString())) != placeholders(m.source))
                problems << QStringLiteral("placeholders differ: ") + where;
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void everySourceStringIsInTheTsFile() {
        // lupdate on today's code into a scratch file: each (context, source) must be in the .ts.
        QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
        if (!QFile::exists(lupdate)) lupdate = QLibraryInfo::path(QLibraryInfo::LibraryExecutablesPath) + QStringLiteral("/lupdate");
        QVERIFY2(QFile::exists(lupdate), "lupdate not found: install qt6-l10n-tools (scripts/install-deps.sh)");
        QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("fresh_zh_CN.ts"));
        const QString src = qEnvironmentVariable("LATENTLAB_SOURCE_DIR");
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        // -I: with the headers found, lupdate names contexts as tr() does ("latentlab::ui::SceneView").
        p.start(lupdate, {QStringLiteral("-I"), src, src + QStringLiteral("/app"), src + QStringLiteral("/widgets"), QStringLiteral("-locations"),
                          QStringLiteral("none"), QStringLiteral("-ts"), fresh});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QSet<QString> known;
        for (const TsMessage& m : readTs(tsPath())) known.insert(m.context + QChar(0) + m.source);
        QStringList missing;
        const QList<TsMessage> found = readTs(fresh);
        QVERIFY(found.size() > 500);
        for (const TsMessage& m : found)
            if (!known.contains(m.context + QChar(0) + m.source)) missing << m.context + QStringLiteral(" / ") + m.source;
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in the .ts (run `ninja update_translations`, then translate):\n") +
                                               missing.join(QLatin1Char('\n'))));
    }

    // Files whose free functions translate through a local helper, tr(s) =
    // QCoreApplication::translate("Context", s), must name the context lupdate files those
    // strings under (the class whose methods call tr): another name finds no translation.
    void localTranslateHelpersUseTheTsContexts() {
        QSet<QString> contexts;
        for (const TsMessage& m : readTs(tsPath())) contexts.insert(m.context);
        const QString src = qEnvironmentVariable("LATENTLAB_SOURCE_DIR");
        const QRegularExpression helper(QStringLiteral("QCoreApplication::translate\\(\"([^\"]+)\",\\s*s\\)"));
        QStringList wrong;
        int helpers = 0;
        for (const QString& folder : {QStringLiteral("/widgets"), QStringLiteral("/app")}) {
            QDirIterator it(src + folder, {QStringLiteral("*.cpp")}, QDir::Files);
            while (it.hasNext()) {
                QFile f(it.next());
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QString text = QString::fromUtf8(f.readAll());
                for (auto m = helper.globalMatch(text); m.hasNext();) {
                    const QString context = m.next().captured(1);
                    ++helpers;
                    if (!contexts.contains(context)) wrong << QFileInfo(f.fileName()).fileName() + QStringLiteral(": ") + context;
                }
            }
        }
        QVERIFY(helpers >= 3); // ddpm_scene, gan_scene, gan_scene_1d
        QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
    }

    void coreTextsAreTranslated() {
        QTranslator qm;
        QVERIFY(qm.load(QStringLiteral(":/i18n/latentlab_zh_CN.qm")));
        QSet<QString> listed;
        for (const auto& [context, text] : ui::coreTextsForTranslation()) {
            listed.insert(QLatin1String(context) + QChar(0) + QString::fromUtf8(text));
            QVERIFY2(!qm.translate(context, text).isEmpty(), text);
        }
        // What core/ offers today must be listed in widgets/core_text_strings.cpp.
        QStringList missing;
        auto check = [&](const char* context, const std::string& text) {
            if (!text.empty() && !listed.contains(QLatin1String(context) + QChar(0) + QString::fromStdString(text)))
                missing << QString::fromStdString(text);
        };
        auto specs = [&](const std::vector<core::ParamSpec>& list) {
            for (const auto& s : list) {
                check("ParamSpec", s.label);
                check("ParamSpec", s.doc);
                for (const auto& c : s.choices) check("ParamSpec", c);
            }
        };
        for (const auto& info : core::listDatasets()) {
            check("Dataset", info.description);
            specs(info.params);
        }
        specs(core::KMeans::specs());
        specs(core::GaussianMixture::specs());
        specs(core::Pca::specs());
        specs(core::Rbm::specs());
        specs(core::Gan::specs());
        specs(core::Ddpm::specs());
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
    }

    void phaseLabelsAndEventsShowInChinese() {
        QCOMPARE(app::installTranslation(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QCOMPARE(ui::coreTextTemplate(QStringLiteral("CD-1 update on mini-batch 3 of 10, epoch -2.5e-3")),
                 QStringLiteral("CD-%1 update on mini-batch %2 of %3, epoch %4"));
        QCOMPARE(ui::coreText("epoch 3: reconstruction error 0.06525, pseudo-log-likelihood -1.38 per sample"),
                 QStringLiteral("第 3 轮：重构误差 0.06525，每样本伪对数似然 -1.38"));
        core::Dataset data = core::loadDataset("old-faithful", core::datasetParams("old-faithful"), 1);
        core::standardize(data);
        std::unique_ptr<core::Model> models[] = {std::make_unique<core::KMeans>(), std::make_unique<core::GaussianMixture>(),
                                                 std::make_unique<core::Pca>()};
        QStringList english;
        for (auto& model : models) {
            core::Params params(model->paramSpecs());
            if (params.spec("k")) params.set("k", int64_t{2});
            model->reset(data, params, 1);
            for (int i = 0; i < 12 && !model->finished(); ++i, model->step()) {
                const auto snap = model->snapshot();
                std::vector<std::string> texts{snap->phaseLabel};
                for (const auto& e : snap->events) texts.push_back(e.message);
                for (const auto& t : texts)
                    if (!t.empty() && !hasChinese(ui::coreText(t))) english << QString::fromStdString(t);
            }
        }
        // Divergence messages (core/gan.cpp Gan::diverge, core/ddpm.cpp trainStep) as they read.
        for (const char* t : {"the generator's loss or gradients are not finite at iteration 12: the run is paused with the "
                              "last good networks. Try a smaller learning rate.",
                              "the denoiser's loss is not finite at training step 345: training stopped with the last good "
                              "network. Try a smaller learning rate."})
            QVERIFY2(hasChinese(ui::coreText(t)) && ui::coreText(t).contains(QLatin1String(t[4] == 'g' ? "12" : "345")), t);
        // The GAN and the diffusion model: their phases (training, then the reverse chain).
        core::Dataset ring = core::loadDataset("ring", core::datasetParams("ring"), 1);
        core::Gan gan;
        core::Params gp(core::Gan::specs());
        gp.set("batch", int64_t{32});
        gan.reset(ring, gp, 1);
        core::Ddpm ddpm;
        core::Params dp(core::Ddpm::specs());
        dp.set("T", int64_t{10});
        dp.set("train-steps", int64_t{3});
        dp.set("sample-points", int64_t{20});
        dp.set("width", int64_t{8});
        ddpm.reset(ring, dp, 1);
        for (core::Model* model : {static_cast<core::Model*>(&gan), static_cast<core::Model*>(&ddpm)})
            for (int i = 0; i < 8 && !model->finished(); ++i, model->step()) {
                const auto snap = model->snapshot();
                std::vector<std::string> texts{snap->phaseLabel};
                for (const auto& e : snap->events) texts.push_back(e.message);
                for (const auto& t : texts)
                    if (!t.empty() && !hasChinese(ui::coreText(t))) english << QString::fromStdString(t);
            }
        app::installTranslation(QStringLiteral("en"));
        QCOMPARE(ui::coreText("converged!"), QStringLiteral("converged!"));
        QVERIFY2(english.isEmpty(), qPrintable(english.join(QLatin1Char('\n'))));
    }

    void windowShowsChinese() {
        QCOMPARE(app::installTranslation(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        app::LaunchOptions options;
        options.autoplay = false;
        {
            app::MainWindow window(options);
            window.show();
            QStringList menus;
            for (QAction* a : window.menuBar()->actions()) menus << a->text();
            QVERIFY2(menus.value(0).startsWith(QStringLiteral("文件")), qPrintable(menus.join(' ')));
            QVERIFY(hasChinese(window.windowTitle()) || hasChinese(menus.join(' ')));
            // View → Language offers System / English / 简体中文, the saved one ticked.
            QMenu* view = window.menuBar()->actions().value(2)->menu();
            QVERIFY(view);
            QMenu* language = nullptr;
            for (QAction* a : view->actions())
                if (a->menu() && a->text() == QStringLiteral("语言")) language = a->menu();
            QVERIFY(language);
            QStringList names;
            int checked = 0;
            for (QAction* a : language->actions()) {
                names << a->text();
                checked += a->isChecked();
            }
            QCOMPARE(names, (QStringList{QStringLiteral("跟随系统"), QStringLiteral("English"), QStringLiteral("简体中文")}));
            QCOMPARE(checked, 1);
            // --tab and sessions may name a tab in English.
            auto* page = window.findChild<app::KMeansPage*>();
            QVERIFY(page);
            QVERIFY(page->selectTab(QStringLiteral("Elbow (choose K)")));
            QCOMPARE(page->currentChartTab(), QStringLiteral("肘部法（选择 K）"));
            int chineseLabels = 0;
            for (auto* label : window.findChildren<QLabel*>())
                if (hasChinese(label->text())) ++chineseLabels;
            QVERIFY2(chineseLabels >= 5, qPrintable(QString::number(chineseLabels)));
            for (auto* dock : window.findChildren<QDockWidget*>())
                QVERIFY2(hasChinese(dock->windowTitle()), qPrintable(dock->windowTitle()));
        }
        app::installTranslation(QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("Language", "Language"), QStringLiteral("Language"));
    }

    void languageOptionIsChecked() {
        QProcess p;
        p.start(qEnvironmentVariable("LATENTLAB_EXE"), {QStringLiteral("--language"), QStringLiteral("klingon")});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(p.readAllStandardError().contains("--language must be zh_CN, en or system"), "no clear message");
    }
};

QTEST_MAIN(TestTranslation)
#include "test_translation.moc"
