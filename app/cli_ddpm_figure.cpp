#include "app/cli_ddpm_figure.h"

#include "widgets/ddpm_scene.h"

namespace latentlab::app::cli {

void checkDdpmFigureOptions(const RunSetup& s) {
    if (!s.animation.isEmpty() || !s.series.isEmpty())
        throw UsageError("--animation and --figure-series are not available for DDPM; --figure FILE draws the forward "
                         "process and the reverse chain");
}

void writeDdpmFigure(core::Ddpm& ddpm, int points, RunSetup s, bool sizeGiven) {
    if (s.figure.isEmpty()) return;
    ddpm.startSampling(points);
    while (!ddpm.finished()) {
        checkCancelled();
        ddpm.step();
    }
    const auto snap = std::static_pointer_cast<const core::DdpmSnapshot>(ddpm.snapshot());
    ui::DdpmSceneBuilder builder;
    ui::DdpmViewOptions options;
    options.equalAspect = equalAspect(s);
    const bool images = snap->data && snap->data->imageShape && snap->data->d() > 3;
    if (!sizeGiven) s.size = images ? QSize(1100, 1000) : QSize(1800, 700); // 8 × 9 tiles, or 2 × 9 panels
    writeFigure(builder.strip(*snap, options), s);
}

} // namespace latentlab::app::cli
