#include "widgets/rich_text_panel.h"

#include <QEvent>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace latentlab::ui {

RichTextPanel::RichTextPanel(QWidget* parent) : QWidget(parent) {
    m_label = new QLabel;
    m_label->setTextFormat(Qt::RichText);
    m_label->setWordWrap(true);
    m_label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setMargin(6);
    applyFont();

    auto* scroll = new QScrollArea;
    scroll->setWidget(m_label);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

void RichTextPanel::applyFont() {
    QFont f = font();
    if (f.pointSizeF() < 11) f.setPointSizeF(11); // readable on a projector
    m_label->setFont(f);
}

void RichTextPanel::changeEvent(QEvent* e) {
    QWidget::changeEvent(e);
    if (e->type() == QEvent::FontChange && m_label) applyFont(); // e.g. presentation mode
}

void RichTextPanel::setHtml(const QString& html) { m_label->setText(html); }

QString RichTextPanel::block(const QString& html, bool current) {
    if (!current)
        return QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"5\" "
                              "border=\"0\"><tr><td>%1</td></tr></table>")
            .arg(html);
    return QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"5\" border=\"0\" "
                          "bgcolor=\"#ffe08a\"><tr><td><font color=\"#1a1a1a\"><b>%1</b></font>"
                          "</td></tr></table>")
        .arg(html);
}

QString RichTextPanel::nb(QString math) { return math.replace(QLatin1Char(' '), QStringLiteral("&nbsp;")); }

} // namespace latentlab::ui
