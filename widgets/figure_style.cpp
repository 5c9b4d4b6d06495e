#include "widgets/figure_style.h"

#include <QCoreApplication>

namespace latentlab::ui {

namespace {
/// The translation context of the preset names (a struct, so lupdate files them under it too).
struct FigurePresets {
    Q_DECLARE_TR_FUNCTIONS(FigurePresets)
};

bool dark(const QColor& c) { return c.lightnessF() < 0.35; }
/// A dark colour made readable on a dark background: greys become `grey`, hues keep their hue
/// at 65 % lightness (a component's dark outline stays that component's colour).
QColor lift(const QColor& c, const QColor& grey) {
    QColor out = c.hslSaturationF() < 0.25 ? grey : QColor::fromHslF(c.hslHueF(), c.hslSaturationF(), 0.65f);
    out.setAlphaF(c.alphaF());
    return out;
}
} // namespace

Scene themed(Scene scene, FigureTheme theme) {
    if (theme == FigureTheme::Light) return scene;
    const QColor background(24, 24, 27), foreground(232, 232, 232);
    scene.background = background;
    scene.foreground = foreground;
    for (TextItem& t : scene.texts)
        if (dark(t.color)) t.color = lift(t.color, foreground);
    for (Polyline& l : scene.lines)
        if (dark(l.color)) l.color = lift(l.color, QColor(200, 200, 200));
    for (Marker& m : scene.markers) {
        if (dark(m.outline)) m.outline = lift(m.outline, foreground);
        if (dark(m.fill)) m.fill = lift(m.fill, foreground);
    }
    return scene;
}

const std::vector<FigurePreset>& figurePresets() {
    static const std::vector<FigurePreset> presets = {
        {FigurePresets::tr("16:9 slide (1920 × 1080)"), QSize(1920, 1080), 144},
        {FigurePresets::tr("4:3 slide (1600 × 1200)"), QSize(1600, 1200), 144},
        {FigurePresets::tr("Single column (3.5 in, 300 dpi)"), QSize(1050, 788), 300},
        {FigurePresets::tr("Double column (7 in, 300 dpi)"), QSize(2100, 1298), 300},
    };
    return presets;
}

} // namespace latentlab::ui
