#include "widgets/ddpm_formula_panel.h"

namespace latentlab::ui {

namespace {
const QString kBr = QStringLiteral("<br>");
/// "<font color=grey>text</font>": the marks "beyond the lecture" and the erratum notes.
QString aside(const QString& text) { return QStringLiteral("<font color=\"#6a6a6a\">%1</font>").arg(text); }
} // namespace

DdpmFormulaPanel::DdpmFormulaPanel(QWidget* parent) : RichTextPanel(parent) { render(); }

void DdpmFormulaPanel::setSettings(const core::DdpmSettings& settings) {
    m_settings = settings;
    render();
}

void DdpmFormulaPanel::setPhase(Phase phase) {
    if (phase == m_phase) return;
    m_phase = phase;
    render();
}

void DdpmFormulaPanel::render() {
    const core::DdpmSettings& s = m_settings;
    QString html = QStringLiteral("<p><b>%1</b></p>").arg(tr("Denoising diffusion probabilistic model"));

    // Forward process: one step, the closed form, the schedule in use.
    QString schedule;
    switch (s.schedule) {
    case core::BetaSchedule::Constant:
        schedule = tr("schedule: β<sub>t</sub> = %1 constant, T = %2 (lecture: 0.01, T = 1000)")
                       .arg(s.constantBeta)
                       .arg(s.T);
        break;
    case core::BetaSchedule::Linear:
        schedule = tr("schedule: β<sub>t</sub> linear from 10<sup>−4</sup> to 0.02 (for T = 1000), T = %1 ").arg(s.T) +
                   aside(tr("— Ho et al. 2020; beyond the lecture"));
        break;
    case core::BetaSchedule::Cosine:
        schedule = tr("schedule: cosine ᾱ<sub>t</sub>, T = %1 ").arg(s.T) +
                   aside(tr("— Nichol &amp; Dhariwal 2021; beyond the lecture"));
        break;
    }
    html += block(tr("<u>Forward process</u> (fixed noising, no parameters):") + kBr +
                      nb(QStringLiteral("x<sub>t</sub> = √(1 − β<sub>t</sub>) x<sub>t−1</sub> + √β<sub>t</sub> ε")) + kBr +
                      tr("closed form, any t in one jump:") + kBr +
                      nb(QStringLiteral("q(x<sub>t</sub> | x<sub>0</sub>) = N(√ᾱ<sub>t</sub> x<sub>0</sub>, (1 − ᾱ<sub>t</sub>) I)")) +
                      kBr + nb(QStringLiteral("ᾱ<sub>t</sub> = Π<sub>s≤t</sub> (1 − β<sub>s</sub>)")) + kBr + schedule,
                  m_phase == Phase::Forward);

    // The posterior the reverse step imitates.
    html += block(tr("<u>Posterior</u> of one step back, given x<sub>0</sub>:") + kBr +
                      nb(QStringLiteral("q(x<sub>t−1</sub> | x<sub>t</sub>, x<sub>0</sub>) = N(μ̃<sub>t</sub>, β̃<sub>t</sub> I)")) + kBr +
                      nb(QStringLiteral("μ̃<sub>t</sub> = √ᾱ<sub>t−1</sub> β<sub>t</sub> / (1 − ᾱ<sub>t</sub>) · x<sub>0</sub>")) + kBr +
                      nb(QStringLiteral("    + √α<sub>t</sub> (1 − ᾱ<sub>t−1</sub>) / (1 − ᾱ<sub>t</sub>) · x<sub>t</sub>")) + kBr +
                      nb(QStringLiteral("β̃<sub>t</sub> = (1 − ᾱ<sub>t−1</sub>) / (1 − ᾱ<sub>t</sub>) · β<sub>t</sub>")) + kBr +
                      tr("for t ≥ 20 the mean is mostly x<sub>t</sub> (β = 0.01, 003:6195)"),
                  m_phase == Phase::Forward);

    // Algorithm 1.
    QString train = tr("<u>Algorithm 1</u>, training (one step = one mini-batch):") + kBr +
                    nb(QStringLiteral("x<sub>0</sub> ~ data,  ε ~ N(0, I),")) + kBr +
                    nb(QStringLiteral("t ~ U{1, …, T}")) + kBr +
                    tr("gradient step to <i>minimise</i>") + kBr +
                    nb(QStringLiteral("‖ε − ε<sub>θ</sub>(x<sub>t</sub>, t)‖²,")) + kBr +
                    nb(QStringLiteral("x<sub>t</sub> = √ᾱ<sub>t</sub> x<sub>0</sub> + √(1 − ᾱ<sub>t</sub>) ε"));
    if (s.loss == core::DdpmLoss::Weighted)
        train += kBr + tr("weighted by the bound's own") + kBr +
                 nb(QStringLiteral("λ<sub>t</sub> = β<sub>t</sub> / (2 α<sub>t</sub> (1 − ᾱ<sub>t−1</sub>))")) + QStringLiteral(" ") +
                 aside(tr("(Ho et al. eq. 12; the lecture's 003:6321 lacks the ½)"));
    train += kBr + aside(tr("erratum: 003:6330 says “maximise”"));
    html += block(train, m_phase == Phase::Training);

    // Algorithm 2 (and DDIM when chosen).
    const bool ddim = s.sampler == core::DdpmSampler::Ddim;
    const QString sigma = s.variance == core::ReverseVariance::PosteriorVariance
                              ? nb(QStringLiteral("σ<sub>t</sub> = √β̃<sub>t</sub>")) + QStringLiteral(" ") +
                                    aside(tr("(erratum: 003:6033 adds β̃<sub>t</sub> z, its own Algorithm 2 √β̃<sub>t</sub> z)"))
                              : nb(QStringLiteral("σ<sub>t</sub> = √β<sub>t</sub>")) + QStringLiteral(" ") +
                                    aside(tr("— Ho et al. §3.2; beyond the lecture"));
    html += block(tr("<u>Algorithm 2</u>, sampling (one step = t → t − 1):") + kBr +
                      nb(QStringLiteral("x<sub>T</sub> ~ N(0, I);  for t = T, …, 1:")) + kBr +
                      nb(QStringLiteral("  z ~ N(0, I) if t > 1, else z = 0")) + kBr +
                      nb(QStringLiteral("  x<sub>t−1</sub> = 1/√α<sub>t</sub> · (x<sub>t</sub>")) + kBr +
                      nb(QStringLiteral("      − β<sub>t</sub> / √(1 − ᾱ<sub>t</sub>) · ε<sub>θ</sub>(x<sub>t</sub>, t))")) + kBr +
                      nb(QStringLiteral("      + σ<sub>t</sub> z")) + kBr + sigma,
                  m_phase == Phase::Sampling && !ddim);
    if (ddim)
        html += block(tr("<u>DDIM</u>, %1 of the T steps ").arg(s.ddimSteps) +
                          aside(tr("— Song et al. 2021; beyond the lecture")) + kBr +
                          nb(QStringLiteral("x̂<sub>0</sub> = (x<sub>t</sub> − √(1 − ᾱ<sub>t</sub>) ε<sub>θ</sub>) / √ᾱ<sub>t</sub>")) + kBr +
                          nb(QStringLiteral("x<sub>s</sub> = √ᾱ<sub>s</sub> x̂<sub>0</sub> + σ z")) + kBr +
                          nb(QStringLiteral("      + √(1 − ᾱ<sub>s</sub> − σ²) ε<sub>θ</sub>")) +
                          kBr + tr("s: the next of the chosen steps below t; η = %1 (0: deterministic)").arg(s.ddimEta),
                      m_phase == Phase::Sampling);

    html += QStringLiteral("<p><font color=\"#777\">%1</font></p>")
                .arg(tr("lecture 003:5897-6375 (forward 5955, 6128-6134; posterior 6178-6206; Algorithm 1 6346; "
                        "Algorithm 2 6362-6370); Ho, Jain &amp; Abbeel 2020"));
    if (html == m_html) return;
    m_html = html;
    setHtml(html);
}

} // namespace latentlab::ui
