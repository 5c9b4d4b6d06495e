// LatentLab: the window by default; `datasets`, `run`, `bench` work without one (app/cli.h).
#include "app/cli.h"
#include "app/kmeans_page.h"
#include "app/main_window.h"
#include "app/run_controller.h"
#include "app/translation.h"
#include "core/ddpm.h"
#include "core/gan.h"
#include "core/gmm.h"
#include "core/kmeans.h"
#include "core/pca.h"
#include "core/rbm.h"

#include <QApplication>
#include <QGuiApplication>
#include <QTimer>

#include <cstdio>
#include <exception>

using namespace latentlab;

namespace {

/// GUI options: --dataset, --seed, --data-seed, --standardize/--no-standardize, --gl, --no-gl,
/// --speed, --screenshot FILE --steps N, --tab TITLE (repeatable), --language zh_CN|en|system,
/// and any k-means parameter as --name value.
bool parseGuiOptions(const QStringList& args, app::LaunchOptions& launch, QString& screenshot,
                     int& steps, QString& language) {
    const app::ParsedOptions o = app::parseOptions(args);
    for (const auto& [name, value] : o.options)
        if (name == "algorithm") launch.algorithm = value;
    if (launch.algorithm != "kmeans" && launch.algorithm != "gmm" && launch.algorithm != "pca" &&
        launch.algorithm != "rbm" && launch.algorithm != "gan" && launch.algorithm != "ddpm") {
        std::fprintf(stderr, "latentlab: --algorithm must be kmeans, gmm, pca, rbm, gan or ddpm, got '%s'\n",
                     qPrintable(launch.algorithm));
        return false;
    }
    core::Params model(launch.algorithm == "gmm"   ? core::GaussianMixture::specs()
                       : launch.algorithm == "pca" ? core::Pca::specs()
                       : launch.algorithm == "rbm" ? core::Rbm::specs()
                       : launch.algorithm == "gan" ? core::Gan::specs()
                       : launch.algorithm == "ddpm" ? core::Ddpm::specs()
                                                   : core::KMeans::specs());
    if (launch.algorithm == "kmeans" || launch.algorithm == "gmm") model.set("k", int64_t{2});
    if (launch.algorithm == "gan") { // GAN Lab's ring of 8 Gaussians, in its own units
        launch.dataset = QStringLiteral("ring");
        launch.standardize = false;
    }
    if (launch.algorithm == "ddpm") launch.dataset = QStringLiteral("two-moons");
    bool modelGiven = false;
    for (const auto& [name, value] : o.options) {
        if (name == "algorithm") continue;
        else if (name == "dataset") launch.dataset = value;
        else if (name == "seed") launch.seed = value.toULongLong();
        else if (name == "data-seed") launch.dataSeed = value.toULongLong();
        else if (name == "standardize") launch.standardize = value != "false";
        else if (name == "no-standardize") launch.standardize = false;
        else if (name == "no-gl") launch.renderer = ui::RenderBackend::Painter;
        else if (name == "gl") launch.renderer = ui::RenderBackend::OpenGL;
        else if (name == "speed") launch.stepsPerSecond = value.toDouble();
        else if (name == "paused") launch.autoplay = false;
        else if (name == "present") launch.present = true;
        else if (name == "pretrained") launch.pretrained = true;
        else if (name == "high-contrast") launch.highContrast = true;
        else if (name == "screenshot") screenshot = value;
        else if (name == "steps") steps = value.toInt();
        else if (name == "tab") launch.tabs << value;
        else if (name == "language") language = value;
        else if (model.spec(name.toStdString())) {
            model.setFromString(name.toStdString(), value.toStdString());
            modelGiven = true;
        } else if (name == "n" || name == "noise" || name.startsWith("data-")) {
            launch.generatorParams.emplace_back(name.startsWith("data-") ? name.mid(5) : name, value);
        } else {
            std::fprintf(stderr, "latentlab: unknown option --%s (see latentlab --help)\n", qPrintable(name));
            return false;
        }
    }
    (void)modelGiven;
    launch.modelParams = model;
    return true;
}

} // namespace

int main(int argc, char** argv) {
    QStringList raw;
    for (int i = 1; i < argc; ++i) raw << QString::fromLocal8Bit(argv[i]);
    QCoreApplication::setApplicationName("LatentLab");
    QCoreApplication::setOrganizationName("LatentLab");
    QCoreApplication::setApplicationVersion(LATENTLAB_VERSION);
    if (!raw.isEmpty() && app::isCliCommand(raw.first())) {
        // No window: fonts and QPainter need a QGuiApplication, which needs no display.
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        // The command line promises one line per error on stderr: Qt's own chatter (e.g. about
        // XDG_RUNTIME_DIR on a headless machine) is not for the user unless asked for.
        if (!qEnvironmentVariableIsSet("LATENTLAB_QT_DEBUG"))
            qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& msg) {
                if (type == QtCriticalMsg || type == QtFatalMsg)
                    std::fprintf(stderr, "latentlab: %s\n", qPrintable(msg));
            });
        QGuiApplication application(argc, argv);
        return app::runCli(raw);
    }

    QApplication application(argc, argv);
    app::LaunchOptions launch;
    QString screenshot;
    int steps = 0;
    QString language = app::savedLanguage();
    try {
        if (!parseGuiOptions(raw, launch, screenshot, steps, language)) return 2;
        app::installTranslation(language);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "latentlab: %s\n", e.what());
        return 2;
    }
    if (!screenshot.isEmpty()) launch.autoplay = false; // --steps decides what is shown
    app::MainWindow window(launch);
    window.show();
    if (!screenshot.isEmpty()) {
        // Run the asked steps, wait until they are drawn, save the window, quit.
        auto* controller = window.controller();
        auto shoot = [&window, &application, screenshot] {
            QTimer::singleShot(400, &window, [&window, &application, screenshot] {
                const bool ok = window.grab().save(screenshot);
                if (!ok) std::fprintf(stderr, "latentlab: cannot write %s\n", qPrintable(screenshot));
                application.exit(ok ? 0 : 2);
            });
        };
        auto started = std::make_shared<bool>(false);
        QObject::connect(controller, &app::RunController::historyChanged, &window,
                         [controller, steps, started, shoot](int size) {
                             if (!*started && size >= 1) {
                                 *started = true;
                                 if (steps > 0) controller->step(steps);
                                 else shoot();
                             } else if (*started && steps > 0 && size >= steps + 1) {
                                 shoot();
                             }
                         });
        QObject::connect(controller, &app::RunController::playingChanged, &window,
                         [controller, steps, shoot, started](bool playing, bool finished) {
                             // Finished early, or done with big snapshots (a GAN on Fashion-MNIST) that
                             // thinned the history below steps + 1 entries.
                             const auto shown = controller->current();
                             if (*started && !playing &&
                                 ((finished && controller->historySize() < steps + 1) || (shown && shown->stepCount >= steps)))
                                 shoot();
                         });
        QTimer::singleShot(60000, &application, [&application] {
            std::fputs("latentlab: screenshot timed out\n", stderr);
            application.exit(3);
        });
    }
    return application.exec();
}
