#include "widgets/palette.h"

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

std::vector<QColor> categoricalPalette(int n) {
    static const QColor okabeIto[] = {
        QColor(0x00, 0x72, 0xB2), // blue
        QColor(0xE6, 0x9F, 0x00), // orange
        QColor(0x00, 0x9E, 0x73), // bluish green
        QColor(0xD5, 0x5E, 0x00), // vermillion
        QColor(0x56, 0xB4, 0xE9), // sky blue
        QColor(0xCC, 0x79, 0xA7), // reddish purple
        QColor(0xF0, 0xE4, 0x42), // yellow
        QColor(0x33, 0x33, 0x33), // near black
    };
    std::vector<QColor> out;
    out.reserve(static_cast<size_t>(std::max(0, n)));
    for (int i = 0; i < n; ++i) {
        if (i < 8) {
            out.push_back(okabeIto[i]);
        } else {
            // Golden-angle hue steps keep neighbours apart for any n.
            const double hue = std::fmod(0.13 + (i - 8) * 0.381966, 1.0);
            out.push_back(QColor::fromHslF(static_cast<float>(hue), 0.65f, i % 2 ? 0.42f : 0.55f));
        }
    }
    return out;
}

QColor viridis(double t) {
    // Nine samples of matplotlib's viridis, linearly interpolated.
    static const double table[9][3] = {{0.267, 0.005, 0.329}, {0.279, 0.175, 0.483}, {0.230, 0.322, 0.546},
                                       {0.173, 0.449, 0.558}, {0.128, 0.567, 0.551}, {0.153, 0.680, 0.504},
                                       {0.362, 0.786, 0.388}, {0.678, 0.864, 0.190}, {0.993, 0.906, 0.144}};
    const double u = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0) * 8.0;
    const int i = std::min(7, static_cast<int>(u));
    const double f = u - i;
    auto mix = [&](int c) { return static_cast<float>(table[i][c] * (1 - f) + table[i + 1][c] * f); };
    return QColor::fromRgbF(mix(0), mix(1), mix(2));
}

QColor unassignedColor() { return QColor(0x9A, 0x9A, 0x9A); }

QColor darker(const QColor& c, double factor) {
    return QColor::fromRgbF(static_cast<float>(c.redF() * factor),
                            static_cast<float>(c.greenF() * factor),
                            static_cast<float>(c.blueF() * factor), c.alphaF());
}

} // namespace latentlab::ui
