#include "widgets/ddpm_scene.h"

#include "core/rng.h"
#include "widgets/palette.h"
#include "widgets/rbm_views.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace latentlab::ui {

namespace {

QString tr(const char* s) { return QCoreApplication::translate("latentlab::ui::DdpmSceneBuilder", s); }

constexpr int kStripRows = 8;        ///< images per column of the image strip
constexpr int kPanelPoints = 1500;   ///< points per panel of the 2-D strip
constexpr int kForwardImages = 32;   ///< data images in the forward view

QRectF grown(const QRectF& r, double f) {
    return r.adjusted(-f * r.width(), -f * r.height(), f * r.width(), f * r.height());
}

std::shared_ptr<std::vector<float>> column(const core::Matrix& x, int j, Eigen::Index rows) {
    auto v = std::make_shared<std::vector<float>>(static_cast<size_t>(rows));
    for (Eigen::Index i = 0; i < rows; ++i) (*v)[static_cast<size_t>(i)] = j >= 0 ? x(i, j) : 0.0f;
    return v;
}

/// A light grey tile for a frame the chain has not reached yet.
QImage blankImage(const core::ImageShape& shape) {
    QImage img(shape.width, shape.height, QImage::Format_RGB32);
    img.fill(QColor(236, 236, 236));
    return img;
}

core::ImageShape shapeOf(const core::DdpmSnapshot& snap) { return *snap.data->imageShape; }

bool isImages(const core::DdpmSnapshot& snap) {
    return snap.data && snap.data->imageShape && snap.data->d() > 3 &&
           snap.data->imageShape->height * snap.data->imageShape->width * snap.data->imageShape->channels == snap.data->d();
}

} // namespace

QColor DdpmSceneBuilder::chainColor() { return QColor(0xD5, 0x5E, 0x00); }
QColor DdpmSceneBuilder::dataColor() { return QColor(0x00, 0x72, 0xB2); }

int DdpmSceneBuilder::fieldTimestep(const core::DdpmSnapshot& snap) { return std::max(1, snap.settings.T / 20); }

std::vector<int> DdpmSceneBuilder::stripTimesteps(const core::DdpmSnapshot& snap) {
    if (snap.sampling && snap.settings.sampler == core::DdpmSampler::Ddim) {
        // The DDIM chain's timesteps at the frame positions (the ones the frames will have).
        std::vector<int> chain;
        const std::vector<int> tau = core::ddimTimesteps(snap.settings.T, snap.settings.ddimSteps);
        chain.assign(tau.rbegin(), tau.rend());
        chain.push_back(0);
        std::vector<int> ts;
        for (int i : core::Ddpm::chainFrameIndices(static_cast<int>(chain.size()))) ts.push_back(chain[static_cast<size_t>(i)]);
        return ts;
    }
    std::vector<int> ts;
    for (int i : core::Ddpm::chainFrameIndices(snap.settings.T + 1)) ts.push_back(snap.settings.T - i);
    return ts;
}

core::Matrix DdpmSceneBuilder::fixedNoise(Eigen::Index rows, Eigen::Index d) {
    core::Rng rng(0x6E6F697365ULL); // "noise": the same ε for every snapshot
    core::Matrix eps(rows, d);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < d; ++j) eps(i, j) = static_cast<float>(rng.normal());
    return eps;
}

core::Matrix DdpmSceneBuilder::noised(const core::DdpmSnapshot& snap, const core::Matrix& x0, const core::Matrix& eps,
                                      int t) {
    if (!snap.schedule || t < 0 || t > snap.settings.T) throw std::out_of_range("DDPM view: t outside [0, T]");
    if (t == 0) return x0;
    const core::DdpmSchedule& s = *snap.schedule;
    const float a = static_cast<float>(s.sqrt_alphas_cumprod[t - 1]);
    const float b = static_cast<float>(s.sqrt_one_minus_alphas_cumprod[t - 1]);
    const core::Matrix model = snap.scaling.toModel(x0);
    return snap.scaling.toData(a * model + b * eps.topRows(x0.rows()));
}

QString DdpmSceneBuilder::caption(const core::DdpmSnapshot& snap) {
    if (snap.sampling) {
        const QString sampler = snap.settings.sampler == core::DdpmSampler::Ddim ? tr("DDIM chain") : tr("Reverse chain");
        return snap.t > 0 ? tr("%1 · t = %2 of %3").arg(sampler).arg(snap.t).arg(snap.settings.T)
                          : tr("%1 · x₀: the samples").arg(sampler);
    }
    QString c = tr("Training step %1 of %2").arg(snap.trainStep).arg(snap.settings.trainSteps);
    if (snap.loss && !snap.loss->empty()) c += tr(" · loss %1").arg(snap.loss->back(), 0, 'f', 3);
    return c;
}

std::vector<ImageTile> DdpmSceneBuilder::imageTiles(const core::Matrix& x, const core::ImageShape& shape,
                                                    float imageMax, int count, const QString& hover) {
    std::vector<ImageTile> tiles;
    const int n = std::min<int>(count, static_cast<int>(x.rows()));
    std::vector<float> row(static_cast<size_t>(x.cols()));
    const float inv = imageMax > 0 ? 1.0f / imageMax : 1.0f;
    for (int i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < x.cols(); ++j) row[static_cast<size_t>(j)] = std::clamp(x(i, j) * inv, 0.0f, 1.0f);
        tiles.push_back({unitImage(row.data(), shape), QString(), hover.arg(i), QColor()});
    }
    return tiles;
}

QRectF DdpmSceneBuilder::viewBounds(const core::DdpmSnapshot& snap, int fx, int fy) {
    m_columns.update(snap.data, fx, fy);
    QRectF b = m_columns.bounds();
    // N(0, I) in model units is the data's mean ± 3/scale: where x_T starts.
    const double r = 3.0 / std::max(1e-12f, snap.scaling.scale);
    const double cx = snap.scaling.shift.size() > fx ? snap.scaling.shift(fx) : 0.0;
    const double cy = fy >= 0 && snap.scaling.shift.size() > fy ? snap.scaling.shift(fy) : 0.0;
    b = b.united(QRectF(cx - r, cy - r, 2 * r, 2 * r));
    return grown(b, 0.04);
}

Scene DdpmSceneBuilder::chain(const core::DdpmSnapshot& snap, const DdpmViewOptions& o) {
    Scene scene;
    if (!snap.data || snap.data->n() == 0 || !snap.schedule || !snap.emaNetwork) return scene;
    if (isImages(snap)) return imageChain(snap, o);
    const core::Dataset& data = *snap.data;
    const int d = data.d();
    const int fx = std::clamp(o.featureX, 0, d - 1), fy = d > 1 ? std::clamp(o.featureY, 0, d - 1) : -1;
    const QRectF bounds = viewBounds(snap, fx, fy);
    scene.dataBounds = bounds;
    scene.dataBounds.setRight(bounds.right() + 0.45 * bounds.width()); // room for the legend
    scene.equalAspect = o.equalAspect;
    scene.xLabel = DataColumns::featureName(data, fx);
    scene.yLabel = fy >= 0 ? DataColumns::featureName(data, fy) : QString();

    const int fieldT = snap.sampling ? std::max(1, snap.t) : fieldTimestep(snap);
    if (o.showArrows && d == 2) {
        const int g = std::max(4, o.arrowGrid);
        core::Matrix grid(static_cast<Eigen::Index>(g) * g, 2);
        const double cw = bounds.width() / g, ch = bounds.height() / g;
        for (int r = 0; r < g; ++r)
            for (int c = 0; c < g; ++c) {
                grid(r * g + c, 0) = static_cast<float>(bounds.left() + (c + 0.5) * cw);
                grid(r * g + c, 1) = static_cast<float>(bounds.top() + (r + 0.5) * ch);
            }
        const core::Matrix eps =
            core::Ddpm::predictNoise(*snap.emaNetwork, snap.settings.timeEmbedding, snap.scaling.toModel(grid), fieldT);
        std::vector<double> norms(static_cast<size_t>(grid.rows()));
        for (Eigen::Index i = 0; i < grid.rows(); ++i) norms[static_cast<size_t>(i)] = eps.row(i).norm();
        std::vector<double> sorted = norms;
        std::sort(sorted.begin(), sorted.end());
        const double top = sorted[static_cast<size_t>(0.95 * double(sorted.size() - 1))];
        const double cell = std::min(cw, ch), scale = top > 0 && std::isfinite(top) ? 0.85 * cell / top : 0.0;
        for (Eigen::Index i = 0; i < grid.rows() && scale > 0; ++i) {
            const double len = std::min(norms[static_cast<size_t>(i)] * scale, 1.1 * cell);
            if (!(len > 0.06 * cell)) continue;
            const double f = len / norms[static_cast<size_t>(i)];
            const QPointF a(grid(i, 0), grid(i, 1));
            Polyline l;
            l.points = {a, a - QPointF(f * eps(i, 0), f * eps(i, 1))}; // −ε: the noise taken away
            l.color = QColor(40, 40, 40, 150);
            l.widthPx = 1.2f;
            l.arrowHead = true;
            scene.lines.push_back(std::move(l));
        }
        scene.legend.push_back({tr("−ε_θ(x, t = %1) ∝ score ∇log p_t").arg(fieldT), QColor(40, 40, 40),
                                LegendEntry::Kind::Line, 1.3f});
    }

    if (o.showData) {
        PointBatch real;
        real.x = m_columns.x();
        real.y = m_columns.y();
        real.positionsVersion = m_columns.version();
        real.colorsVersion = 1;
        real.palette = {dataColor()};
        real.sizePx = data.n() > 5000 ? 3.0f : 4.5f;
        real.opacity = 0.3f;
        real.outline = false;
        scene.points.push_back(real);
        scene.legend.push_back({tr("training data x₀"), dataColor(), LegendEntry::Kind::Point});
    }

    const core::Matrix* pts = snap.sampling ? &snap.points : snap.preview.get();
    if (o.showTrails && snap.sampling && snap.trails && !snap.trails->empty()) {
        const auto& trails = *snap.trails;
        const Eigen::Index n = std::min<Eigen::Index>(o.trailCount, trails.front().rows());
        for (Eigen::Index i = 0; i < n; ++i) {
            Polyline l;
            l.points.reserve(trails.size());
            for (const core::Matrix& m : trails) l.points.emplace_back(m(i, fx), fy >= 0 ? m(i, fy) : 0.0f);
            l.color = QColor(60, 60, 60, 95);
            l.widthPx = 1.0f;
            scene.lines.push_back(std::move(l));
        }
        scene.legend.push_back({tr("paths of %1 points from x_T").arg(n), QColor(90, 90, 90), LegendEntry::Kind::Line, 1.0f});
    }
    if (pts && pts->rows() > 0 && pts->cols() == d) {
        PointBatch b;
        b.x = column(*pts, fx, pts->rows());
        b.y = column(*pts, fy, pts->rows());
        b.positionsVersion = ++m_version;
        b.colorsVersion = 1;
        b.palette = {chainColor()};
        b.sizePx = pts->rows() > 5000 ? 3.5f : 5.0f;
        b.opacity = 0.85f;
        scene.points.push_back(std::move(b));
        scene.legend.push_back({snap.sampling ? tr("chain points x_t") : tr("preview samples (step %1)").arg(snap.previewStep),
                                chainColor(), LegendEntry::Kind::Point});
    }
    if (snap.sampling && o.showTrails && snap.trails && !snap.trails->empty())
        for (Eigen::Index i = 0; i < std::min<Eigen::Index>(o.trailCount, snap.trails->back().rows()); ++i) {
            Marker m;
            m.pos = QPointF(snap.trails->back()(i, fx), fy >= 0 ? snap.trails->back()(i, fy) : 0.0f);
            m.sizePx = 7.0f;
            m.fill = chainColor();
            m.outline = QColor(30, 30, 30);
            m.outlineWidthPx = 1.2f;
            scene.markers.push_back(m);
        }
    if (o.showCaption) scene.addCaption(caption(snap));
    return scene;
}

Scene DdpmSceneBuilder::forward(const core::DdpmSnapshot& snap, int t, const DdpmViewOptions& o) {
    Scene scene;
    if (!snap.data || snap.data->n() == 0 || !snap.schedule) return scene;
    t = std::clamp(t, 0, snap.settings.T);
    const core::Dataset& data = *snap.data;
    const double abar = t > 0 ? snap.schedule->alphas_cumprod[t - 1] : 1.0;
    const QString title = tr("q(x_t | x₀) at t = %1:  √ᾱ_t = %2 signal, √(1 − ᾱ_t) = %3 noise")
                              .arg(t)
                              .arg(std::sqrt(abar), 0, 'f', 3)
                              .arg(std::sqrt(1 - abar), 0, 'f', 3);
    if (isImages(snap)) {
        const Eigen::Index n = std::min<Eigen::Index>(kForwardImages, data.n());
        const core::Matrix x = noised(snap, data.X.topRows(n), fixedNoise(n, data.d()), t);
        ImageGridLayout layout;
        layout.columns = 8;
        layout.gap = 0.08;
        layout.title = title;
        return imageGridScene(imageTiles(x, shapeOf(snap), snap.scaling.imageMax, int(n), tr("data image %1, noised")), layout);
    }
    const int d = data.d();
    const int fx = std::clamp(o.featureX, 0, d - 1), fy = d > 1 ? std::clamp(o.featureY, 0, d - 1) : -1;
    const QRectF bounds = viewBounds(snap, fx, fy);
    scene.dataBounds = bounds;
    scene.equalAspect = o.equalAspect;
    scene.xLabel = DataColumns::featureName(data, fx);
    scene.yLabel = fy >= 0 ? DataColumns::featureName(data, fy) : QString();
    const core::Matrix x = noised(snap, data.X, fixedNoise(data.n(), d), t);
    PointBatch b;
    b.x = column(x, fx, x.rows());
    b.y = column(x, fy, x.rows());
    b.positionsVersion = ++m_version;
    b.sizePx = data.n() > 5000 ? 3.5f : 5.0f;
    if (data.hasLabels()) {
        int k = 1;
        auto idx = std::make_shared<std::vector<uint8_t>>(static_cast<size_t>(data.n()));
        for (int i = 0; i < data.n(); ++i) {
            const int l = std::clamp(data.labels[static_cast<size_t>(i)], 0, 254);
            (*idx)[static_cast<size_t>(i)] = static_cast<uint8_t>(l);
            k = std::max(k, l + 1);
        }
        b.colorIndex = idx;
        b.palette = categoricalPalette(k);
    } else {
        b.palette = {dataColor()};
    }
    b.colorsVersion = 1;
    scene.points.push_back(std::move(b));
    if (o.showCaption) {
        TextItem c;
        c.text = title;
        c.pos = QPointF(0.015, 0.985);
        c.anchoredToPlot = true;
        c.pointSize = 13.0f;
        scene.texts.push_back(c);
    }
    return scene;
}

Scene DdpmSceneBuilder::strip(const core::DdpmSnapshot& snap, const DdpmViewOptions& o) {
    Scene scene;
    if (!snap.data || snap.data->n() == 0 || !snap.schedule) return scene;
    if (isImages(snap)) return imageStrip(snap);
    const core::Dataset& data = *snap.data;
    const int d = data.d();
    const int fx = std::clamp(o.featureX, 0, d - 1), fy = d > 1 ? std::clamp(o.featureY, 0, d - 1) : -1;
    const QRectF B = viewBounds(snap, fx, fy);
    const std::vector<int> ts = stripTimesteps(snap); // descending, as the chain runs
    const int cols = static_cast<int>(ts.size());
    const double h = std::clamp(B.height() / B.width(), 0.35, 2.5), gap = 0.12, rowGap = 0.42;
    const double reverseY = 0, forwardY = h + rowGap;
    auto map = [&](double x, double y, int col, double y0) {
        return QPointF(col * (1 + gap) + (x - B.left()) / B.width(), y0 + (y - B.top()) / B.height() * h);
    };
    auto panel = [&](const core::Matrix& x, int col, double y0, QColor color) {
        const Eigen::Index n = std::min<Eigen::Index>(kPanelPoints, x.rows());
        auto px = std::make_shared<std::vector<float>>(), py = std::make_shared<std::vector<float>>();
        for (Eigen::Index i = 0; i < n; ++i) {
            const QPointF p = map(x(i, fx), fy >= 0 ? x(i, fy) : 0.0f, col, y0);
            if (p.x() < col * (1 + gap) || p.x() > col * (1 + gap) + 1 || p.y() < y0 || p.y() > y0 + h) continue;
            px->push_back(float(p.x()));
            py->push_back(float(p.y()));
        }
        PointBatch b;
        b.x = px;
        b.y = py;
        b.positionsVersion = ++m_version;
        b.colorsVersion = 1;
        b.palette = {color};
        b.sizePx = 2.6f;
        b.opacity = 0.8f;
        b.outline = false;
        scene.points.push_back(std::move(b));
    };
    auto frame = [&](int col, double y0) {
        const double x0 = col * (1 + gap);
        Polyline l;
        l.points = {{x0, y0}, {x0 + 1, y0}, {x0 + 1, y0 + h}, {x0, y0 + h}, {x0, y0}};
        l.color = QColor(150, 150, 150);
        l.widthPx = 1.0f;
        scene.lines.push_back(std::move(l));
    };
    const core::Matrix eps = fixedNoise(std::min<Eigen::Index>(kPanelPoints, data.n()), d);
    const core::Matrix x0 = data.X.topRows(eps.rows());
    for (int k = 0; k < cols; ++k) {
        const int col = cols - 1 - k; // t rises to the right
        frame(col, forwardY);
        frame(col, reverseY);
        panel(noised(snap, x0, eps, ts[static_cast<size_t>(k)]), col, forwardY, dataColor());
        if (snap.sampling && snap.frames && static_cast<size_t>(k) < snap.frames->size())
            panel((*snap.frames)[static_cast<size_t>(k)], col, reverseY, chainColor());
        TextItem label;
        label.text = tr("t = %1").arg(ts[static_cast<size_t>(k)]);
        label.pos = QPointF(col * (1 + gap) + 0.5, forwardY + h + 0.04);
        label.align = Qt::AlignHCenter | Qt::AlignBottom;
        label.pointSize = 11.0f;
        scene.texts.push_back(label);
    }
    const double width = cols * (1 + gap) - gap;
    TextItem fwd;
    fwd.text = tr("noising q(x_t | x₀) →");
    fwd.pos = QPointF(0, forwardY - 0.06);
    fwd.align = Qt::AlignLeft | Qt::AlignTop;
    fwd.color = dataColor().darker(130);
    fwd.pointSize = 12.0f;
    scene.texts.push_back(fwd);
    TextItem rev;
    rev.text = snap.sampling ? tr("← denoising: the reverse chain p_θ(x_t−1 | x_t)")
                             : tr("← denoising: the reverse chain runs after training");
    rev.pos = QPointF(width, reverseY + h + 0.06);
    rev.align = Qt::AlignRight | Qt::AlignBottom;
    rev.color = chainColor().darker(130);
    rev.pointSize = 12.0f;
    scene.texts.push_back(rev);
    scene.showAxes = false;
    scene.equalAspect = true;
    scene.dataBounds = QRectF(-0.1, -0.1, width + 0.2, forwardY + h + 0.35);
    scene.title = tr("Forward process and reverse chain at the same timesteps");
    return scene;
}

Scene DdpmSceneBuilder::imageChain(const core::DdpmSnapshot& snap, const DdpmViewOptions& o) const {
    const core::Matrix* x = snap.sampling ? &snap.points : snap.preview.get();
    ImageGridLayout layout;
    layout.gap = 0.08;
    layout.title = caption(snap);
    if (!x || x->rows() == 0) {
        layout.title += tr(" · preview samples appear every few hundred steps");
        return imageGridScene({}, layout);
    }
    if (!snap.sampling) layout.title += tr(" · preview samples (step %1)").arg(snap.previewStep);
    return imageGridScene(imageTiles(*x, shapeOf(snap), snap.scaling.imageMax, o.images,
                                     snap.sampling ? tr("chain image %1 at this t") : tr("preview sample %1")),
                          layout);
}

Scene DdpmSceneBuilder::imageStrip(const core::DdpmSnapshot& snap) const {
    const std::vector<int> ts = stripTimesteps(snap);
    const core::ImageShape shape = shapeOf(snap);
    const int cols = static_cast<int>(ts.size());
    const int rows = snap.sampling && snap.frames && !snap.frames->empty()
                         ? std::min<int>(kStripRows, static_cast<int>(snap.frames->front().rows()))
                         : kStripRows;
    std::vector<ImageTile> tiles;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            if (snap.sampling && snap.frames && static_cast<size_t>(c) < snap.frames->size()) {
                auto one = imageTiles((*snap.frames)[static_cast<size_t>(c)].middleRows(r, 1), shape,
                                      snap.scaling.imageMax, 1, QStringLiteral("%1"));
                one.front().hoverText = tr("chain %1 at t = %2").arg(r).arg(ts[static_cast<size_t>(c)]);
                tiles.push_back(one.front());
            } else {
                tiles.push_back({blankImage(shape), QString(), tr("not reached yet"), QColor()});
            }
        }
    ImageGridLayout layout;
    layout.columns = cols;
    layout.gap = 0.1;
    layout.title = snap.sampling ? tr("Denoising x_T → x₀, %1 chains").arg(rows)
                                 : tr("Denoising x_T → x₀: the reverse chain runs after training");
    Scene scene = imageGridScene(tiles, layout);
    const ImageGridGeometry g = imageGridGeometry(tiles, layout);
    for (int c = 0; c < cols; ++c) {
        const QRectF r = g.tileRect(c);
        TextItem label; // the number only: "t = 175" is wider than an 8-pixel tile
        label.text = c == 0 ? tr("t = %1").arg(ts[0]) : QString::number(ts[static_cast<size_t>(c)]);
        label.pos = QPointF(c == 0 ? r.right() : r.center().x(), std::max(r.top(), r.bottom()) + 0.05);
        label.align = (c == 0 ? Qt::AlignRight : Qt::AlignHCenter) | Qt::AlignBottom;
        label.pointSize = 11.0f;
        scene.texts.push_back(label);
    }
    scene.dataBounds = scene.dataBounds.adjusted(0, 0, 0, 0.4);
    return scene;
}

} // namespace latentlab::ui
