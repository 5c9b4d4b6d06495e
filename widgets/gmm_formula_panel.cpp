#include "widgets/gmm_formula_panel.h"

namespace latentlab::ui {

GmmFormulaPanel::GmmFormulaPanel(QWidget* parent) : RichTextPanel(parent) { render(); }

void GmmFormulaPanel::setSettings(core::CovarianceType type, bool hardEm, double regCovar) {
    m_type = type;
    m_hard = hardEm;
    m_reg = regCovar;
    render();
}

void GmmFormulaPanel::setPhase(core::GmmPhase phase, bool converged) {
    m_phase = phase;
    m_converged = converged;
    render();
}

void GmmFormulaPanel::render() {
    const QString g = QStringLiteral("γ<sub>nk</sub>");
    const QString N = QStringLiteral("𝒩(<i>x</i><sub>n</sub> | μ<sub>k</sub>, Σ<sub>k</sub>)");
    QString html = QStringLiteral("<p><b>%1</b></p>").arg(tr("Gaussian mixture, EM"));
    html += block(tr("<u>Log-likelihood</u> (never decreases):") + QStringLiteral("<br>") +
                      nb(QStringLiteral("ℓ(θ) = Σ<sub>n</sub> log Σ<sub>k</sub> π<sub>k</sub> %1").arg(N)),
                  false);
    html += block(tr("<u>0.</u> initialise π, μ, Σ"), m_phase == core::GmmPhase::Init && !m_converged);
    QString e = tr("<u>E-step</u> responsibilities:") + QStringLiteral("<br>");
    if (m_hard)
        e += nb(tr("%1 = 1 if k = argmax<sub>j</sub> π<sub>j</sub> 𝒩(<i>x</i><sub>n</sub> | μ<sub>j</sub>, Σ<sub>j</sub>)").arg(g)) +
             QStringLiteral("<br>") + tr("(hard EM: one-hot, as k-means' assignment)");
    else
        e += nb(QStringLiteral("%1 = π<sub>k</sub> %2 / Σ<sub>j</sub> π<sub>j</sub> 𝒩(<i>x</i><sub>n</sub> | μ<sub>j</sub>, Σ<sub>j</sub>)").arg(g, N));
    html += block(e, m_phase == core::GmmPhase::EStep && !m_converged);
    QString m = tr("<u>M-step</u> with N<sub>k</sub> = Σ<sub>n</sub> γ<sub>nk</sub>:") + QStringLiteral("<br>") +
                nb(QStringLiteral("π<sub>k</sub> = N<sub>k</sub> / N")) + QStringLiteral("<br>") +
                nb(QStringLiteral("μ<sub>k</sub> = Σ<sub>n</sub> %1 <i>x</i><sub>n</sub> / N<sub>k</sub>").arg(g)) +
                QStringLiteral("<br>");
    const QString outer = QStringLiteral("(<i>x</i><sub>n</sub> − μ<sub>k</sub>)(<i>x</i><sub>n</sub> − μ<sub>k</sub>)ᵀ");
    switch (m_type) {
    case core::CovarianceType::Full:
        m += nb(QStringLiteral("Σ<sub>k</sub> = Σ<sub>n</sub> %1 %2 / N<sub>k</sub>").arg(g, outer));
        break;
    case core::CovarianceType::Diagonal:
        m += nb(tr("Σ<sub>k</sub> = diag of Σ<sub>n</sub> %1 %2 / N<sub>k</sub>").arg(g, outer));
        break;
    case core::CovarianceType::Spherical:
        m += nb(tr("Σ<sub>k</sub> = σ<sub>k</sub>² I, σ<sub>k</sub>² = mean of that diagonal"));
        break;
    case core::CovarianceType::Tied:
        m += nb(tr("Σ = Σ<sub>k</sub> Σ<sub>n</sub> %1 %2 / N (one for all)").arg(g, outer));
        break;
    }
    m += QStringLiteral("<br>") + nb(tr("+ %1 · I (regulariser)").arg(m_reg, 0, 'g', 3));
    html += block(m, m_phase == core::GmmPhase::MStep && !m_converged);
    html += block(tr("Repeat until the mean log-likelihood gains less than tol"), false);
    html += block(tr("converged"), m_converged);
    html += QStringLiteral("<p><font color=\"#777\">%1</font></p>").arg(tr("lecture 000:588-621, 003:5504-5836"));
    setHtml(html);
}

} // namespace latentlab::ui
