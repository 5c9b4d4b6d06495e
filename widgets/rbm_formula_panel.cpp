#include "widgets/rbm_formula_panel.h"

namespace latentlab::ui {

RbmFormulaPanel::RbmFormulaPanel(QWidget* parent) : RichTextPanel(parent) { render(); }

void RbmFormulaPanel::setMethod(int k, bool persistent) {
    if (k == m_k && persistent == m_persistent) return;
    m_k = k;
    m_persistent = persistent;
    render();
}

void RbmFormulaPanel::setPhase(const std::string& phase) {
    if (phase == m_phase) return;
    m_phase = phase;
    render();
}

void RbmFormulaPanel::render() {
    const bool init = m_phase == "init";
    const bool update = m_phase == "cd-update" || m_phase == "pcd-update";
    QString html = QStringLiteral("<p><b>%1</b></p>").arg(tr("Restricted Boltzmann machine"));
    html += block(tr("<u>Energy</u> of visible v and hidden h (binary):") + QStringLiteral("<br>") +
                      nb(QStringLiteral("E(v, h) = −aᵀv − bᵀh − vᵀWh")) + QStringLiteral("<br>") +
                      nb(QStringLiteral("p(v, h) = e<sup>−E(v, h)</sup> / Z")) + QStringLiteral("<br>") +
                      tr("start: W ~ N(0, 0.01²), b = 0"),
                  init);
    html += block(tr("<u>Conditionals</u> (no links within a layer, so they factorise):") + QStringLiteral("<br>") +
                      nb(QStringLiteral("p(h<sub>j</sub>=1 | v) = σ(b<sub>j</sub> + Σ<sub>i</sub> W<sub>ij</sub> v<sub>i</sub>)")) +
                      QStringLiteral("<br>") +
                      nb(QStringLiteral("p(v<sub>i</sub>=1 | h) = σ(a<sub>i</sub> + Σ<sub>j</sub> W<sub>ij</sub> h<sub>j</sub>)")),
                  false);
    html += block(tr("<u>Free energy</u>:") + QStringLiteral("<br>") +
                      nb(QStringLiteral("F(v) = −aᵀv − Σ<sub>j</sub> log(1 + e<sup>b<sub>j</sub> + (vᵀW)<sub>j</sub></sup>)")),
                  false);
    const QString negative = m_persistent
                                 ? tr("negative phase: the persistent chains, %1 Gibbs step(s) further per batch (PCD)").arg(m_k)
                                 : tr("negative phase: %1 Gibbs step(s) v → h → v from the data (CD-%1)").arg(m_k);
    html += block(tr("<u>Update</u> per mini-batch:") + QStringLiteral("<br>") +
                      nb(QStringLiteral("ΔW = η(⟨v hᵀ⟩<sub>data</sub> − ⟨v hᵀ⟩<sub>recon</sub>)")) +
                      QStringLiteral("<br>") + nb(QStringLiteral("Δa = η(⟨v⟩<sub>data</sub> − ⟨v⟩<sub>recon</sub>)")) +
                      QStringLiteral("<br>") + nb(QStringLiteral("Δb = η(⟨h⟩<sub>data</sub> − ⟨h⟩<sub>recon</sub>)")) +
                      QStringLiteral("<br>") + negative + QStringLiteral("<br>") + tr("(plus momentum and weight decay)"),
                  update);
    html += QStringLiteral("<p><font color=\"#777\">%1</font></p>")
                .arg(tr("lecture 000:1120-1312, 001:330-420; Hinton 2002, Tieleman 2008"));
    setHtml(html);
}

} // namespace latentlab::ui
