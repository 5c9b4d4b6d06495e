#pragma once
// A word-wrapped rich-text panel for formulas (≥ 11 pt, fits a ~300 px dock, scrolls when
// short), with the block style the formula panels share: the current step tinted and bold.
#include <QWidget>

class QLabel;

namespace latentlab::ui {

class RichTextPanel : public QWidget {
    Q_OBJECT
public:
    explicit RichTextPanel(QWidget* parent = nullptr);

    /// One full-width block; `current` tints it (fixed dark text, so it reads in light and
    /// dark palettes alike) and makes it bold.
    static QString block(const QString& html, bool current);
    /// A formula that must not wrap inside: spaces become non-breaking.
    static QString nb(QString math);

protected:
    void setHtml(const QString& html);
    void changeEvent(QEvent* e) override;

private:
    void applyFont();
    QLabel* m_label = nullptr;
};

} // namespace latentlab::ui
