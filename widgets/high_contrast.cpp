#include "widgets/high_contrast.h"

#include "widgets/palette.h"

#include <algorithm>
#include <atomic>

namespace latentlab::ui {

namespace {
std::atomic<bool> g_liveHighContrast{false};

/// Colour of a datum: an Okabe–Ito class colour maps to its high-contrast twin; other hues are
/// saturated and moved to a lightness readable on the background; greys stay.
QColor dataColor(const QColor& c, bool dark) {
    const std::vector<QColor> base = categoricalPalette(8);
    for (size_t i = 0; i < base.size(); ++i)
        if (base[i].rgb() == c.rgb()) {
            QColor out = highContrastPalette(dark)[i];
            out.setAlphaF(c.alphaF());
            return out;
        }
    if (c.hslSaturationF() < 0.2f) return c;
    const float l = dark ? std::clamp(c.lightnessF(), 0.55f, 0.75f) : std::clamp(c.lightnessF(), 0.28f, 0.5f);
    QColor out = QColor::fromHslF(std::max(0.0f, c.hslHueF()), std::max(0.85f, c.hslSaturationF()), l);
    out.setAlphaF(c.alphaF());
    return out;
}

/// Colour of text, lines and outlines: greys become the foreground, hues as dataColor.
QColor inkColor(const QColor& c, const QColor& foreground, bool dark) {
    if (c.alpha() == 0) return c;
    if (c.hslSaturationF() < 0.2f) {
        QColor out = foreground;
        out.setAlphaF(c.alphaF());
        return out;
    }
    return dataColor(c, dark);
}
} // namespace

const std::vector<QColor>& highContrastPalette(bool dark) {
    static const std::vector<QColor> light = {
        QColor(0x00, 0x5F, 0x9E), // blue, deeper
        QColor(0xC7, 0x7F, 0x00), // orange, darkened for white
        QColor(0x00, 0x87, 0x62), // bluish green, deeper
        QColor(0xD5, 0x5E, 0x00), // vermillion
        QColor(0x1F, 0x8F, 0xD6), // sky blue, darkened for white
        QColor(0xB8, 0x4F, 0x8E), // reddish purple, deeper
        QColor(0x9C, 0x8C, 0x00), // yellow, darkened to olive for white
        QColor(0x00, 0x00, 0x00), // black
    };
    static const std::vector<QColor> darkPalette = {
        QColor(0x3A, 0x9B, 0xE6), // blue, lifted for black
        QColor(0xF5, 0xAB, 0x00), // orange
        QColor(0x00, 0xC4, 0x8F), // bluish green, lifted
        QColor(0xFF, 0x73, 0x1A), // vermillion, lifted
        QColor(0x7F, 0xCB, 0xF5), // sky blue
        QColor(0xE8, 0x96, 0xC4), // reddish purple, lifted
        QColor(0xF0, 0xE4, 0x42), // yellow
        QColor(0xFF, 0xFF, 0xFF), // white
    };
    return dark ? darkPalette : light;
}

Scene highContrast(Scene scene) {
    const bool dark = scene.background.lightnessF() < 0.5f;
    scene.background = dark ? QColor(0, 0, 0) : QColor(255, 255, 255);
    scene.foreground = dark ? QColor(255, 255, 255) : QColor(0, 0, 0);
    const QColor fg = scene.foreground;
    for (RegionField& f : scene.regionFields) {
        for (QColor& c : f.colors) c = dataColor(c, dark);
        f.opacity *= 0.8f; // faint cells: the points carry the message
    }
    for (FilledArea& a : scene.areas) {
        a.fill = dataColor(a.fill, dark);
        a.outline = inkColor(a.outline, fg, dark);
        a.outlineWidthPx *= 1.5f;
    }
    constexpr uint64_t kStyleBit = uint64_t{1} << 63; // a version space of its own
    for (PointBatch& b : scene.points) {
        for (QColor& c : b.palette) c = dataColor(c, dark);
        b.sizePx *= 1.35f;
        b.opacity = 1.0f;
        b.outline = true;
        b.colorsVersion ^= kStyleBit;
    }
    for (Polyline& l : scene.lines) {
        l.color = inkColor(l.color, fg, dark);
        l.widthPx = std::max(2.5f, l.widthPx * 1.8f);
    }
    for (Marker& m : scene.markers) {
        m.fill = dataColor(m.fill, dark);
        // A light rim sets a centroid off from its own cluster: make it pure white, not ink.
        const bool lightRim = m.outline.hslSaturationF() < 0.2f && m.outline.lightnessF() > 0.6f;
        m.outline = lightRim ? QColor(255, 255, 255, m.outline.alpha()) : inkColor(m.outline, fg, dark);
        m.sizePx *= 1.3f;
        m.outlineWidthPx = std::max(2.5f, m.outlineWidthPx * 1.6f);
    }
    for (TextItem& t : scene.texts) t.color = inkColor(t.color, fg, dark);
    for (LegendEntry& e : scene.legend) {
        e.color = inkColor(e.color, fg, dark);
        e.widthPx = std::max(2.5f, e.widthPx * 1.8f);
    }
    return scene;
}

void setLiveHighContrast(bool on) { g_liveHighContrast = on; }
bool liveHighContrast() { return g_liveHighContrast; }

} // namespace latentlab::ui
