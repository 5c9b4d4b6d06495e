#include "widgets/gan_formula_panel.h"

namespace latentlab::ui {

GanFormulaPanel::GanFormulaPanel(QWidget* parent) : RichTextPanel(parent) { render(); }

void GanFormulaPanel::setSettings(core::GanLoss loss, int k) {
    if (loss == m_loss && k == m_k) return;
    m_loss = loss;
    m_k = k;
    render();
}

void GanFormulaPanel::setPhase(const std::string& phase) {
    if (phase == m_phase) return;
    m_phase = phase;
    render();
}

void GanFormulaPanel::render() {
    const QString br = QStringLiteral("<br>");
    QString html = QStringLiteral("<p><b>%1</b></p>").arg(tr("Generative adversarial network"));
    html += block(tr("<u>Value</u> of the two-player game:") + br +
                      nb(QStringLiteral("J(G, D) = E<sub>x~data</sub>[log D(x)]")) + br +
                      nb(QStringLiteral("          + E<sub>z</sub>[log(1 − D(G(z)))]")) + br +
                      nb(QStringLiteral("min<sub>G</sub> max<sub>D</sub> J(G, D)")) + br +
                      tr("optimum: D*(x) = p<sub>data</sub> / (p<sub>data</sub> + p<sub>G</sub>); at equilibrium "
                         "D = ½ and J = −log 4"),
                  m_phase == "init");
    QString d = tr("<u>Discriminator step</u> (%1 per iteration): ascend J, i.e. minimise the cross-entropy with "
                   "real → 1, generated → 0:").arg(m_k) + br;
    d += m_loss == core::GanLoss::LeastSquares
             ? nb(QStringLiteral("½E[(D(x) − 1)²] + ½E[D(G(z))²]")) + tr(" (on D's raw output; beyond the lecture)")
             : nb(QStringLiteral("−E[log D(x)] − E[log(1 − D(G(z)))]"));
    html += block(d, m_phase == "discriminator");
    QString g = tr("<u>Generator step</u> (then the next iteration): the gradient flows through D into x = G(z):") + br;
    switch (m_loss) {
    case core::GanLoss::Minimax:
        g += nb(QStringLiteral("min E[log(1 − D(G(z)))]")) + tr(" — the lecture's J; saturates while D wins");
        break;
    case core::GanLoss::NonSaturating:
        g += nb(QStringLiteral("min −E[log D(G(z))]")) + tr(" — non-saturating (beyond the lecture)");
        break;
    case core::GanLoss::LeastSquares:
        g += nb(QStringLiteral("min ½E[(D(G(z)) − 1)²]")) + tr(" — least squares (beyond the lecture)");
        break;
    }
    html += block(g, m_phase == "generator");
    html += QStringLiteral("<p><font color=\"#777\">%1</font></p>")
                .arg(tr("lecture 000:811-1079, 004:1869-2127; Goodfellow et al. 2014; Mao et al. 2017"));
    setHtml(html);
}

} // namespace latentlab::ui
