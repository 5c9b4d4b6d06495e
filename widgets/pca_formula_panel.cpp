#include "widgets/pca_formula_panel.h"

namespace latentlab::ui {

PcaFormulaPanel::PcaFormulaPanel(QWidget* parent) : RichTextPanel(parent) { render(); }

void PcaFormulaPanel::setMethod(core::PcaMethod method) {
    m_method = method;
    render();
}

void PcaFormulaPanel::setPhase(core::PcaPhase phase) {
    m_phase = phase;
    render();
}

void PcaFormulaPanel::render() {
    QString html = QStringLiteral("<p><b>%1</b></p>").arg(tr("Principal component analysis"));
    html += block(tr("<u>Covariance</u> of the centred data:") + QStringLiteral("<br>") +
                      nb(QStringLiteral("S = 1/(N−1) Σ<sub>n</sub> (<i>x</i><sub>n</sub> − x̄)(<i>x</i><sub>n</sub> − x̄)ᵀ")),
                  false);
    html += block(tr("<u>Variance along</u> a unit u: uᵀSu, largest at the top eigenvector of S") +
                      QStringLiteral("<br>") + nb(QStringLiteral("max<sub>‖u‖=1</sub> uᵀSu = λ<sub>1</sub>")),
                  m_phase == core::PcaPhase::Init);
    const QString step = m_method == core::PcaMethod::PowerIteration
                             ? tr("<u>Power iteration</u>:") + QStringLiteral("<br>") +
                                   nb(QStringLiteral("u ← S<sub>i</sub> u / ‖S<sub>i</sub> u‖")) +
                                   QStringLiteral("<br>") + tr("(error shrinks by λ<sub>i+1</sub>/λ<sub>i</sub> per step)")
                             : tr("<u>Oja's rule</u> on a mini-batch:") + QStringLiteral("<br>") +
                                   nb(QStringLiteral("u ← u + η y (z − y u), y = uᵀz")) + QStringLiteral("<br>") +
                                   tr("then u ← u / ‖u‖");
    html += block(step, m_phase == core::PcaPhase::Iterate);
    html += block(tr("<u>Deflate</u> for the next component:") + QStringLiteral("<br>") +
                      nb(QStringLiteral("S<sub>i+1</sub> = (I − P) S (I − P), P = Σ<sub>j≤i</sub> u<sub>j</sub>u<sub>j</sub>ᵀ")),
                  m_phase == core::PcaPhase::Deflate);
    html += block(tr("<u>Reconstruction error</u> with M components:") + QStringLiteral("<br>") +
                      nb(QStringLiteral("E(M) = Σ<sub>i>M</sub> λ<sub>i</sub> = tr S − Σ<sub>i≤M</sub> λ<sub>i</sub>")),
                  m_phase == core::PcaPhase::Done);
    html += QStringLiteral("<p><font color=\"#777\">%1</font></p>")
                .arg(tr("lecture 000:306-473, 003:3699-4050; Oja 1982"));
    setHtml(html);
}

} // namespace latentlab::ui
