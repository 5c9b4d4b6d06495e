#pragma once
// Animated GIF files with giflib (Debian libgif-dev): each frame is reduced to its own 256-colour
// palette by giflib's median-cut quantiser, shown for 1/fps seconds, and the animation loops.
#include <QImage>
#include <QString>

struct GifFileType;

namespace latentlab::ui {

class GifWriter {
public:
    /// Opens `path` for frames of `size` pixels at `fps` frames per second (1..50; GIF delays are
    /// in hundredths of a second, so the rate is rounded to one of those). Throws
    /// std::runtime_error naming the file when it cannot be written or the arguments are bad.
    GifWriter(const QString& path, QSize size, double fps);
    /// Closes the file if close() was not called (errors are then ignored).
    ~GifWriter();
    GifWriter(const GifWriter&) = delete;
    GifWriter& operator=(const GifWriter&) = delete;

    /// Appends a frame; it is scaled to the size given at construction if it differs.
    /// Throws std::runtime_error on a write error.
    void addFrame(const QImage& frame);
    /// Writes the end of the file. Throws std::runtime_error on a write error.
    void close();
    int frames() const { return m_frames; }

private:
    [[noreturn]] void fail(const QString& what, int code);
    GifFileType* m_gif = nullptr;
    QString m_path;
    QSize m_size;
    int m_delayCs = 10;
    int m_frames = 0;
};

} // namespace latentlab::ui
