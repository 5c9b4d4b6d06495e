#include "widgets/binned_layer.h"

#include <QPainter>
#include <QtConcurrent>

#ifdef __linux__
#include <sys/resource.h>
#endif

namespace latentlab::ui {

BinnedLayer::BinnedLayer(QObject* parent) : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<Frame>::finished, this, [this] {
        m_frame = m_watcher.result();
        m_done = m_running;
        m_running.reset();
        if (m_pending && !(m_done && *m_pending == *m_done)) launch(*m_pending);
        m_pending.reset();
        emit ready();
    });
}

BinnedLayer::~BinnedLayer() { m_watcher.waitForFinished(); }

bool BinnedLayer::Job::operator==(const Job& o) const {
    return batch.x == o.batch.x && batch.y == o.batch.y && batch.colorIndex == o.batch.colorIndex &&
           batch.rgba == o.batch.rgba &&
           batch.positionsVersion == o.batch.positionsVersion && batch.colorsVersion == o.batch.colorsVersion &&
           batch.palette == o.batch.palette && transform.visibleData() == o.transform.visibleData() &&
           device == o.device;
}

const BinnedLayer::Frame& BinnedLayer::request(const PointBatch& batch, const ViewTransform& t, QSize device) {
    Job job{batch, t, device};
    if (m_running) {
        if (job == *m_running) m_pending.reset(); // back to what is being binned
        else m_pending = job;
    } else if (!m_done || !(job == *m_done)) {
        launch(job);
    }
    return m_frame;
}

void BinnedLayer::launch(const Job& job) {
    m_running = job;
    m_watcher.setFuture(QtConcurrent::run([job] {
#ifdef __linux__
        // Below the GUI thread (nice is per thread on Linux): drawing must win the CPU.
        setpriority(PRIO_PROCESS, 0, 5);
#endif
        Frame f;
        f.image = binPoints(job.batch, job.transform, job.device, &f.visible);
        f.dataRect = job.transform.visibleData();
        return f;
    }));
}

void BinnedLayer::draw(QPainter& p, const Frame& f, const ViewTransform& t) {
    if (f.image.isNull()) return;
    const QRectF d = f.dataRect;
    const QRectF target = QRectF(t.toPixel({d.left(), d.bottom()}), t.toPixel({d.right(), d.top()})).normalized();
    p.save();
    p.setClipRect(t.plotRect());
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    p.drawImage(target, f.image);
    p.restore();
}

} // namespace latentlab::ui
