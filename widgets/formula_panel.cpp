#include "widgets/formula_panel.h"


namespace latentlab::ui {

namespace {

// Maths fragments (HTML with Unicode); prose goes through tr().
const QString kX = QStringLiteral("<i>x</i><sub>n</sub>");
const QString kMuK = QStringLiteral("μ<sub>k</sub>");
const QString kMuJ = QStringLiteral("μ<sub>j</sub>");
const QString kR = QStringLiteral("<i>r</i><sub>nk</sub>");
const QString kSumN = QStringLiteral("Σ<sub>n</sub>");
const QString kSqDist = QStringLiteral("‖%1 − %2‖²");

const QString kBreakIndent = QStringLiteral("<br>&nbsp;&nbsp;&nbsp;");


} // namespace

FormulaPanel::FormulaPanel(QWidget* parent) : RichTextPanel(parent) {
    render();
}

void FormulaPanel::setKMeansSettings(core::KMeansDistance distance, bool soft, double beta) {
    m_distance = distance;
    m_soft = soft;
    m_beta = beta;
    render();
}

void FormulaPanel::setPhase(core::KMeansPhase phase, bool converged) {
    if (phase == m_phase && converged == m_converged) return;
    m_phase = phase;
    m_converged = converged;
    render();
}

QString FormulaPanel::titleHtml() const {
    if (m_soft) return tr("Soft k-means (β = %1)").arg(m_beta, 0, 'g', 4);
    switch (m_distance) {
    case core::KMeansDistance::L1:
        return tr("k-medians (L1 distance)");
    case core::KMeansDistance::Cosine:
        return tr("Spherical k-means (cosine distance)");
    case core::KMeansDistance::L2:
        break;
    }
    return tr("k-means (squared L2 distance)");
}

QString FormulaPanel::objectiveHtml() const {
    QString dist;
    switch (m_distance) {
    case core::KMeansDistance::L2:
        dist = kSqDist.arg(kX, kMuK);
        break;
    case core::KMeansDistance::L1:
        dist = QStringLiteral("‖%1 − %2‖<sub>1</sub>").arg(kX, kMuK);
        break;
    case core::KMeansDistance::Cosine:
        dist = QStringLiteral("1 − cos(%1, %2)").arg(kX, kMuK);
        break;
    }
    QString html =
        tr("<u>Objective</u> (never increases):") + QStringLiteral("<br>") +
        nb(QStringLiteral("<i>J</i> = %1 Σ<sub>k</sub> %2 dist(%3, %4)").arg(kSumN, kR, kX, kMuK)) +
        QStringLiteral("<br>") + nb(QStringLiteral("dist(%1, %2) = %3").arg(kX, kMuK, dist));
    if (m_soft)
        html +=
            QStringLiteral("<br>") + tr("Soft mode records the free energy") +
            QStringLiteral("<br>") +
            nb(QStringLiteral("<i>F</i> = Σ<sub>n,k</sub> %1 %2").arg(kR, kSqDist.arg(kX, kMuK))) +
            kBreakIndent + nb(QStringLiteral("+ (1/β) Σ<sub>n,k</sub> %1 log %1").arg(kR));
    return html;
}

QString FormulaPanel::assignHtml() const {
    QString html = tr("<u>1. Assign</u> each point:") + QStringLiteral("<br>");
    if (m_soft) {
        html += nb(QStringLiteral("%1 = exp(−β %2)").arg(kR, kSqDist.arg(kX, kMuK))) +
                kBreakIndent +
                nb(QStringLiteral("/ Σ<sub>j</sub> exp(−β %1)").arg(kSqDist.arg(kX, kMuJ)));
        html +=
            QStringLiteral("<br>β = %1 · ").arg(m_beta, 0, 'g', 4) + tr("large β → hard k-means");
        if (m_distance != core::KMeansDistance::L2)
            html += QStringLiteral("<br><i>") + tr("soft k-means is defined for L2 only") +
                    QStringLiteral("</i>");
        return html;
    }
    html += nb(tr("%1 = 1 if <i>k</i> = argmin<sub>j</sub> dist(%2, %3),")
                   .arg(kR, kX, kMuJ)) +
            QStringLiteral(" ") + nb(tr("else 0"));
    html += QStringLiteral("<br>") + tr("(each point joins its nearest centre)");
    return html;
}

QString FormulaPanel::updateHtml() const {
    QString html = tr("<u>2. Update</u> each centre:") + QStringLiteral("<br>");
    const QString mean = nb(QStringLiteral("%1 = %2 %3 %4 / %2 %3").arg(kMuK, kSumN, kR, kX));
    if (m_soft) return html + mean + QStringLiteral("<br>") + tr("(responsibility-weighted mean)");
    switch (m_distance) {
    case core::KMeansDistance::L2:
        return html + mean + QStringLiteral("<br>") + tr("(the mean of cluster k)");
    case core::KMeansDistance::L1:
        return html + nb(QStringLiteral("%1 = median{ %2 : %3 = 1 }").arg(kMuK, kX, kR)) +
               QStringLiteral("<br>") +
               tr("per feature (k-medians): the mean is optimal only for squared L2; the median "
                  "minimises Σ|x − μ|");
    case core::KMeansDistance::Cosine:
        return html +
               nb(QStringLiteral("%1 = <i>m</i><sub>k</sub> / ‖<i>m</i><sub>k</sub>‖,").arg(kMuK)) +
               QStringLiteral("<br>") +
               nb(QStringLiteral("<i>m</i><sub>k</sub> = %1 %2 %3 / ‖%3‖").arg(kSumN, kR, kX)) +
               QStringLiteral("<br>") +
               tr("(normalised mean of the normalised points: spherical k-means)");
    }
    return html;
}

void FormulaPanel::render() {
    using core::KMeansPhase;
    const bool init = !m_converged && m_phase == KMeansPhase::Init;
    const bool assign = !m_converged && m_phase == KMeansPhase::Assign;
    const bool update = !m_converged && m_phase == KMeansPhase::Update;
    const QString converged = m_soft ? tr("converged: F changed by less than tol·|F|")
                                     : tr("converged: no point changed cluster");

    QString html = QStringLiteral("<p><b>%1</b></p>").arg(titleHtml());
    html += block(objectiveHtml(), false);
    html += block(tr("<u>0.</u> pick seeds") + QStringLiteral(" ") +
                      nb(QStringLiteral("μ<sub>1</sub> … μ<sub>K</sub>")),
                  init);
    html += block(assignHtml(), assign);
    html += block(updateHtml(), update);
    html += block(tr("Repeat 1–2 until"), false);
    html += block(converged, m_converged);
    html += QStringLiteral("<p><font color=\"#808080\">%1</font></p>")
                .arg(tr("lecture 000:230-242, 003:3605-3617, 003:3658-3675"));
    setHtml(html);
}

} // namespace latentlab::ui
