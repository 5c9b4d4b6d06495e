#pragma once
// Large point sets in the live views: binning 10^6 points into a density/colour image takes
// tens of milliseconds, too long for the GUI thread while a model runs flat out. BinnedLayer
// bins on a pool thread, latest request wins, and hands the view the newest finished image
// together with the data rectangle it covers, so a pan or zoom stretches the old image until
// the new one arrives (DESIGN.md "Large point sets").
#include "widgets/painter_renderer.h"

#include <QFutureWatcher>
#include <QObject>

#include <optional>

namespace latentlab::ui {

class BinnedLayer : public QObject {
    Q_OBJECT
public:
    struct Frame {
        QImage image;      ///< premultiplied ARGB, device pixels of the plot rect
        QRectF dataRect;   ///< the data it covers (y up)
        int visible = -1;  ///< points inside dataRect; -1 = nothing binned yet
    };

    explicit BinnedLayer(QObject* parent = nullptr);
    ~BinnedLayer() override;

    /// Asks for `batch` binned for the view `t` at `device` pixels; returns the newest
    /// finished frame (maybe for an older request). Emits ready() when a new frame is done.
    const Frame& request(const PointBatch& batch, const ViewTransform& t, QSize device);

    /// Draws `frame` at the place its data rect has under `t` (no smoothing).
    static void draw(QPainter& p, const Frame& frame, const ViewTransform& t);

signals:
    void ready();

private:
    struct Job {
        PointBatch batch;
        ViewTransform transform;
        QSize device;
        bool operator==(const Job& o) const;
    };
    void launch(const Job& job);

    Frame m_frame;
    QFutureWatcher<Frame> m_watcher;
    std::optional<Job> m_running, m_pending, m_done;
};

} // namespace latentlab::ui
