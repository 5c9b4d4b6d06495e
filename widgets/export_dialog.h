#pragma once
// The Export dialog for any view or chart (issue 7): size by preset, pixels or inches at a
// resolution, font scale, light or dark theme, transparent PNG, a reproducibility caption, a live
// preview, toggles for title, axes, legend and caption (remembered in QSettings under
// "export/…"), Save (PNG, SVG, PDF — written to a temporary name first, so a failure leaves no
// half-written file) and Copy to clipboard. What is drawn comes from two callbacks, so scenes and
// chart widgets share the dialog.
#include "widgets/exporter.h"
#include "widgets/figure_style.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace latentlab::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    /// Renders the figure as an image (preview, clipboard).
    using Render = std::function<QImage(const ExportOptions&, FigureTheme)>;
    /// Writes the figure to a path whose suffix is png, svg or pdf; throws std::runtime_error.
    using Write = std::function<void(const QString&, const ExportOptions&, FigureTheme)>;

    /// `baseName`: suggested file name without suffix; `caption`: the reproducibility line.
    ExportDialog(const QString& title, const QString& baseName, const QString& caption, Render render, Write write,
                 QWidget* parent = nullptr);

    ExportOptions options() const;
    FigureTheme theme() const;
    void setPreset(int index);
    void setTheme(FigureTheme theme);
    /// Title, axes (ticks and labels), legend and caption on or off (ExportOptions::show*).
    void setElements(bool title, bool axes, bool legend, bool caption);
    /// Charts draw in their own colours: no theme choice for them.
    void setThemeEnabled(bool on);

    /// Writes the figure to `path` atomically. Throws std::runtime_error naming the file.
    void saveTo(const QString& path);
    /// The figure on the clipboard as an image.
    void copyToClipboard();

signals:
    void exported(const QString& path);

private:
    void updatePreview();
    void saveWithDialog();
    void rememberElements() const;

    Render m_render;
    Write m_write;
    QString m_baseName;
    QComboBox* m_preset = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QSpinBox* m_dpi = nullptr;
    QLabel* m_physical = nullptr;
    QDoubleSpinBox* m_fontScale = nullptr;
    QComboBox* m_theme = nullptr;
    QCheckBox* m_transparent = nullptr;
    QCheckBox* m_withCaption = nullptr;
    QCheckBox* m_withTitle = nullptr;
    QCheckBox* m_withAxes = nullptr;
    QCheckBox* m_withLegend = nullptr;
    QLineEdit* m_caption = nullptr;
    QLabel* m_preview = nullptr;
    bool m_applyingPreset = false;
};

} // namespace latentlab::ui
