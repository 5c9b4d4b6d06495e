#include "widgets/export_dialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

#include <stdexcept>

namespace latentlab::ui {

ExportDialog::ExportDialog(const QString& title, const QString& baseName, const QString& caption, Render render,
                           Write write, QWidget* parent)
    : QDialog(parent), m_render(std::move(render)), m_write(std::move(write)), m_baseName(baseName) {
    setWindowTitle(title);
    auto* form = new QFormLayout;
    m_preset = new QComboBox;
    for (const FigurePreset& p : figurePresets()) m_preset->addItem(p.name);
    m_preset->addItem(tr("Custom"));
    form->addRow(tr("Preset"), m_preset);

    auto* size = new QHBoxLayout;
    m_width = new QSpinBox;
    m_height = new QSpinBox;
    for (QSpinBox* s : {m_width, m_height}) {
        s->setRange(16, 20000);
        s->setSuffix(tr(" px"));
    }
    size->addWidget(m_width);
    size->addWidget(new QLabel(QStringLiteral("×")));
    size->addWidget(m_height);
    form->addRow(tr("Size"), size);
    m_dpi = new QSpinBox;
    m_dpi->setRange(36, 1200);
    m_dpi->setSuffix(tr(" dpi"));
    m_physical = new QLabel;
    auto* res = new QHBoxLayout;
    res->addWidget(m_dpi);
    res->addWidget(m_physical, 1);
    form->addRow(tr("Resolution"), res);
    m_fontScale = new QDoubleSpinBox;
    m_fontScale->setRange(0.0, 8.0);
    m_fontScale->setSingleStep(0.25);
    m_fontScale->setSpecialValueText(tr("auto (dpi / 96)"));
    m_fontScale->setToolTip(tr("Multiplies text and marker sizes; auto keeps them the size they have on screen "
                               "when the figure is shown at its physical size"));
    form->addRow(tr("Font scale"), m_fontScale);
    m_theme = new QComboBox;
    m_theme->addItem(tr("Light"));
    m_theme->addItem(tr("Dark"));
    form->addRow(tr("Theme"), m_theme);
    m_transparent = new QCheckBox(tr("Transparent background (PNG)"));
    form->addRow(m_transparent);
    m_withTitle = new QCheckBox(tr("Title"));
    m_withAxes = new QCheckBox(tr("Axes"));
    m_withAxes->setToolTip(tr("Axis lines, ticks, tick labels and axis titles"));
    m_withLegend = new QCheckBox(tr("Legend"));
    auto* show = new QHBoxLayout;
    for (QCheckBox* c : {m_withTitle, m_withAxes, m_withLegend}) show->addWidget(c);
    show->addStretch(1);
    form->addRow(tr("Show"), show);
    m_withCaption = new QCheckBox(tr("Caption"));
    {
        const QSettings settings;
        m_withTitle->setChecked(settings.value(QStringLiteral("export/showTitle"), true).toBool());
        m_withAxes->setChecked(settings.value(QStringLiteral("export/showAxes"), true).toBool());
        m_withLegend->setChecked(settings.value(QStringLiteral("export/showLegend"), true).toBool());
        m_withCaption->setChecked(settings.value(QStringLiteral("export/showCaption"), true).toBool());
    }
    m_caption = new QLineEdit(caption);
    m_caption->setToolTip(tr("Algorithm, data, parameters, seed and iteration: how to make this figure again"));
    auto* cap = new QHBoxLayout;
    cap->addWidget(m_withCaption);
    cap->addWidget(m_caption, 1);
    form->addRow(cap);

    m_preview = new QLabel;
    m_preview->setMinimumSize(420, 260);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setStyleSheet(QStringLiteral("QLabel { background: #8a8a8a; }")); // shows the figure's edges

    auto* buttons = new QDialogButtonBox;
    auto* save = buttons->addButton(tr("Save…"), QDialogButtonBox::AcceptRole);
    auto* copy = buttons->addButton(tr("Copy to clipboard"), QDialogButtonBox::ActionRole);
    buttons->addButton(QDialogButtonBox::Close);
    connect(save, &QPushButton::clicked, this, &ExportDialog::saveWithDialog);
    connect(copy, &QPushButton::clicked, this, &ExportDialog::copyToClipboard);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* top = new QHBoxLayout;
    top->addLayout(form);
    top->addWidget(m_preview, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this](int i) { setPreset(i); });
    for (QSpinBox* s : {m_width, m_height, m_dpi})
        connect(s, &QSpinBox::valueChanged, this, [this] {
            if (!m_applyingPreset) {
                const QSignalBlocker block(m_preset);
                m_preset->setCurrentIndex(m_preset->count() - 1); // Custom
            }
            updatePreview();
        });
    connect(m_fontScale, &QDoubleSpinBox::valueChanged, this, &ExportDialog::updatePreview);
    connect(m_theme, &QComboBox::currentIndexChanged, this, &ExportDialog::updatePreview);
    connect(m_transparent, &QCheckBox::toggled, this, &ExportDialog::updatePreview);
    connect(m_withCaption, &QCheckBox::toggled, this, &ExportDialog::updatePreview);
    connect(m_withCaption, &QCheckBox::toggled, m_caption, &QLineEdit::setEnabled);
    m_caption->setEnabled(m_withCaption->isChecked());
    for (QCheckBox* c : {m_withTitle, m_withAxes, m_withLegend, m_withCaption}) {
        if (c != m_withCaption) connect(c, &QCheckBox::toggled, this, &ExportDialog::updatePreview);
        connect(c, &QCheckBox::toggled, this, &ExportDialog::rememberElements);
    }
    connect(m_caption, &QLineEdit::editingFinished, this, &ExportDialog::updatePreview);
    setPreset(0);
}

void ExportDialog::setPreset(int index) {
    const auto& presets = figurePresets();
    if (index < 0 || index >= static_cast<int>(presets.size())) {
        updatePreview();
        return;
    }
    m_applyingPreset = true;
    {
        const QSignalBlocker block(m_preset);
        m_preset->setCurrentIndex(index);
    }
    m_width->setValue(presets[static_cast<size_t>(index)].sizePx.width());
    m_height->setValue(presets[static_cast<size_t>(index)].sizePx.height());
    m_dpi->setValue(presets[static_cast<size_t>(index)].dpi);
    m_applyingPreset = false;
    updatePreview();
}

void ExportDialog::setElements(bool title, bool axes, bool legend, bool caption) {
    m_withTitle->setChecked(title);
    m_withAxes->setChecked(axes);
    m_withLegend->setChecked(legend);
    m_withCaption->setChecked(caption);
}

void ExportDialog::rememberElements() const {
    QSettings settings;
    settings.setValue(QStringLiteral("export/showTitle"), m_withTitle->isChecked());
    settings.setValue(QStringLiteral("export/showAxes"), m_withAxes->isChecked());
    settings.setValue(QStringLiteral("export/showLegend"), m_withLegend->isChecked());
    settings.setValue(QStringLiteral("export/showCaption"), m_withCaption->isChecked());
}

void ExportDialog::setTheme(FigureTheme theme) { m_theme->setCurrentIndex(theme == FigureTheme::Dark ? 1 : 0); }

void ExportDialog::setThemeEnabled(bool on) {
    if (!on) setTheme(FigureTheme::Light);
    m_theme->setEnabled(on);
}

FigureTheme ExportDialog::theme() const { return m_theme->currentIndex() == 1 ? FigureTheme::Dark : FigureTheme::Light; }

ExportOptions ExportDialog::options() const {
    ExportOptions o;
    o.sizePx = QSize(m_width->value(), m_height->value());
    o.dpi = m_dpi->value();
    if (m_fontScale->value() > 0) o.fontScale = m_fontScale->value();
    o.transparent = m_transparent->isChecked();
    if (m_withCaption->isChecked()) o.caption = m_caption->text();
    o.showTitle = m_withTitle->isChecked();
    o.showAxes = m_withAxes->isChecked();
    o.showLegend = m_withLegend->isChecked();
    return o;
}

void ExportDialog::updatePreview() {
    const ExportOptions o = options();
    m_physical->setText(tr("= %1 × %2 in").arg(o.sizePx.width() / double(o.dpi), 0, 'f', 2).arg(o.sizePx.height() / double(o.dpi), 0, 'f', 2));
    if (!m_render) return;
    // The preview is the real figure scaled down (so text and markers keep their proportions).
    const QImage image = m_render(o, theme());
    m_preview->setPixmap(QPixmap::fromImage(image).scaled(m_preview->size() - QSize(8, 8), Qt::KeepAspectRatio,
                                                          Qt::SmoothTransformation));
}

void ExportDialog::saveTo(const QString& path) {
    const QString format = exportFormat(path); // throws for an unknown suffix
    const QString tmp = path + QStringLiteral(".part.") + format;
    try {
        m_write(tmp, options(), theme());
    } catch (...) {
        QFile::remove(tmp);
        throw;
    }
    QFile::remove(path);
    if (!QFile::rename(tmp, path)) {
        QFile::remove(tmp);
        throw std::runtime_error(tr("%1: cannot write the file").arg(QFileInfo(path).fileName()).toStdString());
    }
    emit exported(path);
}

void ExportDialog::saveWithDialog() {
    const QString path = QFileDialog::getSaveFileName(this, windowTitle(), m_baseName + QStringLiteral(".svg"),
                                                      tr("SVG (*.svg);;PDF (*.pdf);;PNG (*.png)"));
    if (path.isEmpty()) return;
    try {
        saveTo(path);
        accept();
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

void ExportDialog::copyToClipboard() {
    if (m_render) QApplication::clipboard()->setImage(m_render(options(), theme()));
}

} // namespace latentlab::ui
