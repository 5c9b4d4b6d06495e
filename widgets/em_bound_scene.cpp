#include "widgets/em_bound_scene.h"

#include "widgets/math_text.h"
#include "widgets/palette.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace latentlab::ui {

namespace {

/// The translation context of this file's texts (a struct, so lupdate files them under it too).
struct EmBoundScene {
    Q_DECLARE_TR_FUNCTIONS(EmBoundScene)
};

using Phase = core::EmBoundDemo::Phase;

const QColor kLikelihood(30, 30, 30);
const QColor kBound(0xD5, 0x5E, 0x00); // vermillion (Okabe–Ito)
const QColor kMStep(0x00, 0x9E, 0x73); // bluish green
constexpr int kSamples = 480;
constexpr double kConvergedTol = 1e-4;

QString theta(int s) { return QStringLiteral("θ") + subscriptDigits(s); }
QString num(double v, int decimals = 2) { return QString::number(v, 'f', decimals).replace(u'-', QChar(0x2212)); }

/// "½ 𝒩(x | θ, 1²) + ½ 𝒩(x | 0, 1²)" for the problem's fixed parameters.
QString modelText(const core::EmBoundProblem& p) {
    auto weight = [](double w) { return std::abs(w - 0.5) < 1e-12 ? QStringLiteral("½") : QString::number(w, 'g', 3); };
    return QStringLiteral("%1 𝒩(x | θ, %2²) + %3 𝒩(x | %4, %5²)")
        .arg(weight(p.weight1), QString::number(p.sigma1, 'g', 3), weight(1 - p.weight1),
             QString::number(p.mean2, 'g', 3).replace(u'-', QChar(0x2212)),
             QString::number(p.sigma2, 'g', 3));
}

} // namespace

std::pair<double, double> emBoundThetaRange(const core::EmBoundDemo& demo) {
    const auto& x = demo.problem().x;
    const auto [mn, mx] = std::minmax_element(x.begin(), x.end());
    double lo = *mn - 2 * demo.problem().sigma1, hi = *mx + 2 * demo.problem().sigma1;
    for (double t : demo.thetas()) {
        lo = std::min(lo, t - 0.5);
        hi = std::max(hi, t + 0.5);
    }
    return {lo, hi};
}

QString emBoundCaption(const core::EmBoundDemo& demo) {
    const int t = demo.iteration();
    const auto& l = demo.logLikelihoods();
    const QString bound = EmBoundScene::tr("J(q, θ) = Σₙ Σ_z qₙ(z) log[ p(xₙ, z; θ) / qₙ(z) ]  ≤  l(θ) = Σₙ log p(xₙ; θ)");
    switch (demo.phase()) {
    case Phase::Init:
        return EmBoundScene::tr("Start at %1 = %2:  l(%1) = %3.  Next, the E-step builds the bound.").arg(theta(0), num(demo.theta()), num(l[0])) +
               QStringLiteral("\n") + bound;
    case Phase::EStep: {
        const QString q = QStringLiteral("q") + subscriptDigits(t);
        return EmBoundScene::tr("E-step: %1(z) = p(z | xₙ; %2), so the bound touches l at %2:  J(%1, %2) = l(%2) = %3")
                   .arg(q, theta(t), num(l[static_cast<size_t>(t)])) +
               QStringLiteral("\n") + bound;
    }
    case Phase::MStep: {
        const QString q = QStringLiteral("q") + subscriptDigits(t - 1);
        const double jNew = core::emLowerBound(demo.problem(), demo.posteriors().back(), demo.theta());
        QString text = EmBoundScene::tr("M-step: %1 = argmax_θ J(%2, θ) = Σₙ qₙ(1) xₙ / Σₙ qₙ(1) = %3")
                           .arg(theta(t), q, num(demo.theta(), 3));
        text += QStringLiteral("\n") + EmBoundScene::tr("l(%1) = %2  ≥  J(%3, %1) = %4  ≥  J(%3, %5) = l(%5) = %6")
                                           .arg(theta(t), num(l[static_cast<size_t>(t)]), q, num(jNew), theta(t - 1),
                                                num(l[static_cast<size_t>(t - 1)]));
        if (demo.converged(kConvergedTol))
            text += QStringLiteral("\n") + EmBoundScene::tr("Converged: θ stopped moving, at a maximum of l — perhaps only a local one.");
        return text;
    }
    }
    return {};
}

Scene buildEmBoundScene(const core::EmBoundDemo& demo, double captionPointSize) {
    const core::EmBoundProblem& problem = demo.problem();
    const auto [lo, hi] = emBoundThetaRange(demo);
    const int t = demo.iteration();
    const auto& thetas = demo.thetas();
    const auto& ls = demo.logLikelihoods();
    Scene scene;
    scene.title = EmBoundScene::tr("General EM: coordinate ascent on the lower bound J(q, θ) ≤ l(θ)");
    scene.xLabel = EmBoundScene::tr("θ = μ₁, the one free mean of p(x; θ) = %1").arg(modelText(problem));
    scene.yLabel = EmBoundScene::tr("log-likelihood (nats)");

    std::vector<double> grid(kSamples + 1);
    for (int i = 0; i <= kSamples; ++i) grid[static_cast<size_t>(i)] = lo + (hi - lo) * i / kSamples;
    for (double s : thetas) grid.push_back(s); // the curves pass exactly through every θ_s
    std::sort(grid.begin(), grid.end());

    Polyline l;
    l.color = kLikelihood;
    l.widthPx = 3.5f;
    double lMin = ls.front(), lMax = ls.front();
    for (double g : grid) {
        const double v = core::emLogLikelihood(problem, g);
        l.points.emplace_back(g, v);
        lMin = std::min(lMin, v);
        lMax = std::max(lMax, v);
    }
    scene.lines.push_back(std::move(l));
    const double R = std::max(1e-9, lMax - lMin);

    // Bounds: the last E-step's in full colour, up to three earlier ones faded.
    const auto& posteriors = demo.posteriors();
    const int bounds = static_cast<int>(posteriors.size());
    for (int b = bounds - 1; b >= std::max(0, bounds - 4); --b) {
        Polyline j;
        const bool current = b == bounds - 1;
        j.color = kBound;
        if (!current) j.color.setAlphaF(0.4f);
        j.widthPx = current ? 3.0f : 1.6f;
        j.dashed = !current;
        for (double g : grid) j.points.emplace_back(g, core::emLowerBound(problem, posteriors[static_cast<size_t>(b)], g));
        scene.lines.push_back(std::move(j));
    }

    const double rugTop = lMin - 0.09 * R, rugBottom = lMin - 0.19 * R;
    for (int s = 0; s <= t; ++s) {
        Polyline v;
        const bool current = s == t;
        v.points = {{thetas[static_cast<size_t>(s)], rugTop}, {thetas[static_cast<size_t>(s)], ls[static_cast<size_t>(s)]}};
        v.color = current ? QColor(60, 60, 60) : QColor(150, 150, 150);
        v.widthPx = current ? 1.8f : 1.2f;
        v.dashed = true;
        scene.lines.push_back(std::move(v));
    }
    double jMax = 0;
    if (demo.phase() == Phase::MStep) {
        jMax = core::emLowerBound(problem, posteriors.back(), demo.theta());
        Polyline arrow;
        arrow.points = {{thetas[static_cast<size_t>(t - 1)], ls[static_cast<size_t>(t - 1)]}, {demo.theta(), jMax}};
        arrow.color = kMStep;
        arrow.widthPx = 3.0f;
        arrow.arrowHead = true;
        scene.lines.push_back(std::move(arrow));
    }

    for (int s = 0; s <= t; ++s) {
        Marker m;
        const bool current = s == t;
        m.pos = QPointF(thetas[static_cast<size_t>(s)], ls[static_cast<size_t>(s)]);
        m.sizePx = current ? 15.0f : 9.0f;
        m.fill = current ? QColor(255, 255, 255) : QColor(90, 90, 90);
        m.outline = kLikelihood;
        m.outlineWidthPx = current ? 3.0f : 1.5f;
        if (current) m.label = theta(t) + QStringLiteral(": l = ") + num(ls[static_cast<size_t>(t)]);
        scene.markers.push_back(m);
    }
    if (demo.phase() == Phase::MStep) {
        Marker m;
        m.pos = QPointF(demo.theta(), jMax);
        m.shape = Marker::Shape::Diamond;
        m.sizePx = 16.0f;
        m.fill = kMStep;
        m.outline = QColor(20, 60, 45);
        // Labelled while it stands apart from θ_t's marker on l (the labels would collide).
        if (ls.back() - jMax > 0.08 * R) m.label = EmBoundScene::tr("max of J");
        scene.markers.push_back(m);
    }

    // θ_s under the curves; a label that would crowd a later one is left out.
    const double minGap = 0.035 * (hi - lo);
    double lastLabelled = std::numeric_limits<double>::infinity();
    for (int s = t; s >= 0; --s) {
        const double x = thetas[static_cast<size_t>(s)];
        if (std::abs(x - lastLabelled) < minGap) continue;
        TextItem label;
        label.text = theta(s);
        label.pos = QPointF(x, rugTop + 0.005 * R);
        label.align = Qt::AlignHCenter | Qt::AlignBottom;
        label.pointSize = s == t ? 14.0f : 12.0f;
        label.color = s == t ? QColor(20, 20, 20) : QColor(110, 110, 110);
        scene.texts.push_back(label);
        lastLabelled = x;
    }
    TextItem caption;
    caption.text = emBoundCaption(demo);
    caption.pos = QPointF(0.012, 0.985);
    caption.anchoredToPlot = true;
    caption.pointSize = static_cast<float>(captionPointSize);
    scene.texts.push_back(caption);

    // The data along the θ axis, coloured by q_n(z) of the last E-step (blue: the free
    // component 1, orange: the fixed component 2), grey before the first E-step.
    const std::vector<QColor> comp = categoricalPalette(2);
    const size_t n = problem.x.size();
    auto xs = std::make_shared<std::vector<float>>(n), ys = std::make_shared<std::vector<float>>(n);
    auto rgba = std::make_shared<std::vector<QRgb>>(n);
    const std::vector<double> q1 = posteriors.empty() ? std::vector<double>() : posteriors.back().q1();
    for (size_t i = 0; i < n; ++i) {
        (*xs)[i] = static_cast<float>(problem.x[i]);
        (*ys)[i] = static_cast<float>(rugBottom + (rugTop - rugBottom) * (0.2 + 0.6 * std::fmod(0.618034 * i, 1.0)));
        const double w = q1.empty() ? -1 : q1[i];
        const QColor c = w < 0 ? unassignedColor()
                               : QColor::fromRgbF(static_cast<float>(w * comp[0].redF() + (1 - w) * comp[1].redF()),
                                                  static_cast<float>(w * comp[0].greenF() + (1 - w) * comp[1].greenF()),
                                                  static_cast<float>(w * comp[0].blueF() + (1 - w) * comp[1].blueF()));
        (*rgba)[i] = c.rgb();
    }
    PointBatch rug;
    rug.x = xs;
    rug.y = ys;
    rug.rgba = rgba;
    rug.palette = {unassignedColor()};
    rug.sizePx = 8.0f;
    // One scene per half-step: new buffers each time, versions tell the GL view.
    rug.positionsVersion = static_cast<uint64_t>(2 * t + (demo.phase() == Phase::EStep));
    rug.colorsVersion = rug.positionsVersion;
    scene.points.push_back(std::move(rug));

    scene.legend.push_back({EmBoundScene::tr("l(θ), the log-likelihood"), kLikelihood, LegendEntry::Kind::Line, 3.5f});
    scene.legend.push_back({EmBoundScene::tr("J(qₜ, θ), bound from the last E-step"), kBound, LegendEntry::Kind::Line, 3.0f});
    QColor faded = kBound;
    faded.setAlphaF(0.4f);
    if (bounds > 1) scene.legend.push_back({EmBoundScene::tr("earlier bounds"), faded, LegendEntry::Kind::Line, 1.6f, true});
    scene.legend.push_back({EmBoundScene::tr("M-step: to the bound's maximum"), kMStep, LegendEntry::Kind::Line, 3.0f});
    scene.legend.push_back({EmBoundScene::tr("data xₙ, blue q(1), orange q(2)"), comp[0], LegendEntry::Kind::Point});

    scene.dataBounds = QRectF(QPointF(lo, lMin - 0.2 * R), QPointF(hi, lMax + 0.95 * R));
    return scene;
}

} // namespace latentlab::ui
