#include "widgets/gif_writer.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <gif_lib.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace latentlab::ui {

/// The translation context of this file's messages (the command line shows them untranslated).
struct GifExport {
    Q_DECLARE_TR_FUNCTIONS(GifExport)
};

GifWriter::GifWriter(const QString& path, QSize size, double fps) : m_path(path), m_size(size) {
    if (!size.isValid() || size.width() < 1 || size.height() < 1 || size.width() > 65535 || size.height() > 65535)
        throw std::runtime_error(GifExport::tr("%1: bad animation size").arg(QFileInfo(path).fileName()).toStdString());
    if (!(fps >= 1 && fps <= 50))
        throw std::runtime_error(GifExport::tr("%1: the frame rate must be 1 to 50 per second").arg(QFileInfo(path).fileName()).toStdString());
    m_delayCs = std::max(2, static_cast<int>(std::lround(100.0 / fps)));
    int error = 0;
    m_gif = EGifOpenFileName(path.toLocal8Bit().constData(), false, &error);
    if (!m_gif) fail(GifExport::tr("cannot write the file"), error);
    EGifSetGifVersion(m_gif, true); // GIF89a: needed for delays and looping
    if (EGifPutScreenDesc(m_gif, size.width(), size.height(), 8, 0, nullptr) == GIF_ERROR) fail({}, m_gif->Error);
    // NETSCAPE2.0 application extension: loop for ever.
    const unsigned char app[] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
    const unsigned char loop[] = {1, 0, 0};
    if (EGifPutExtensionLeader(m_gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(m_gif, sizeof app, app) == GIF_ERROR ||
        EGifPutExtensionBlock(m_gif, sizeof loop, loop) == GIF_ERROR || EGifPutExtensionTrailer(m_gif) == GIF_ERROR)
        fail({}, m_gif->Error);
}

GifWriter::~GifWriter() {
    if (m_gif) {
        int error = 0;
        EGifCloseFile(m_gif, &error);
    }
}

void GifWriter::fail(const QString& what, int code) {
    const QString reason = what.isEmpty() ? QString::fromUtf8(GifErrorString(code)) : what;
    throw std::runtime_error(QStringLiteral("%1: %2").arg(QFileInfo(m_path).fileName(), reason).toStdString());
}

void GifWriter::addFrame(const QImage& frame) {
    if (!m_gif) fail(GifExport::tr("the file is closed"), 0);
    QImage img = frame.size() == m_size ? frame : frame.scaled(m_size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    img = img.convertToFormat(QImage::Format_RGB888);
    const int w = m_size.width(), h = m_size.height();
    const size_t n = static_cast<size_t>(w) * h;
    std::vector<GifByteType> r(n), g(n), b(n), out(n);
    for (int y = 0; y < h; ++y) {
        const uchar* line = img.constScanLine(y);
        for (int x = 0; x < w; ++x) {
            const size_t i = static_cast<size_t>(y) * w + x;
            r[i] = line[3 * x];
            g[i] = line[3 * x + 1];
            b[i] = line[3 * x + 2];
        }
    }
    int colours = 256;
    std::vector<GifColorType> palette(256);
    if (GifQuantizeBuffer(static_cast<unsigned>(w), static_cast<unsigned>(h), &colours, r.data(), g.data(), b.data(),
                          out.data(), palette.data()) == GIF_ERROR)
        fail(GifExport::tr("cannot reduce the frame to 256 colours"), 0);
    // A colour map's size must be a power of two.
    int mapSize = 2;
    while (mapSize < colours) mapSize *= 2;
    ColorMapObject* map = GifMakeMapObject(mapSize, nullptr);
    if (!map) fail(GifExport::tr("out of memory"), 0);
    std::copy(palette.begin(), palette.begin() + colours, map->Colors);
    for (int i = colours; i < mapSize; ++i) map->Colors[i] = GifColorType{0, 0, 0};

    GraphicsControlBlock gcb{};
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.DelayTime = m_delayCs;
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType ext[4];
    const size_t len = EGifGCBToExtension(&gcb, ext);
    const bool ok = EGifPutExtension(m_gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(len), ext) != GIF_ERROR &&
                    EGifPutImageDesc(m_gif, 0, 0, w, h, false, map) != GIF_ERROR;
    GifFreeMapObject(map);
    if (!ok) fail({}, m_gif->Error);
    for (int y = 0; y < h; ++y)
        if (EGifPutLine(m_gif, out.data() + static_cast<size_t>(y) * w, w) == GIF_ERROR) fail({}, m_gif->Error);
    ++m_frames;
}

void GifWriter::close() {
    if (!m_gif) return;
    int error = 0;
    GifFileType* gif = m_gif;
    m_gif = nullptr;
    if (EGifCloseFile(gif, &error) == GIF_ERROR) fail({}, error);
    // giflib creates the file for its owner only; a figure is for sharing.
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                      QFileDevice::ReadOther);
}

} // namespace latentlab::ui
