#pragma once
// The three pieces of k-means as formulas (objective, assignment, update) for the chosen
// distance, with the step on display highlighted. Sources: lecture 000:230-242 (the step
// frames), 003:3605-3617 (objective J), 003:3658-3675 (soft k-means, stiffness β).
#include "core/kmeans.h"

#include "widgets/rich_text_panel.h"

namespace latentlab::ui {

/// Rich-text formulas in a word-wrapped label (≥ 11 pt, fits a ~300 px dock, scrolls if
/// short). Highlights "pick seeds" after initialisation, the assignment or update block
/// after that half-step, and the "converged" line once converged.
class FormulaPanel : public RichTextPanel {
    Q_OBJECT
public:
    explicit FormulaPanel(QWidget* parent = nullptr);

    /// Distance and soft mode select the formulas; beta (> 0, in 1/(data unit)²) is shown in
    /// the soft assignment. Soft k-means is defined for L2 only; other distances get a note.
    void setKMeansSettings(core::KMeansDistance distance, bool soft, double beta);
    /// The phase of the last step taken (Init right after seeding) and whether the run has
    /// converged (the converged line then takes the highlight).
    void setPhase(core::KMeansPhase phase, bool converged);

private:
    void render();
    QString titleHtml() const;
    QString objectiveHtml() const;
    QString assignHtml() const;
    QString updateHtml() const;

    core::KMeansDistance m_distance = core::KMeansDistance::L2;
    bool m_soft = false;
    double m_beta = 1.0;
    core::KMeansPhase m_phase = core::KMeansPhase::Init;
    bool m_converged = false;
};

} // namespace latentlab::ui
