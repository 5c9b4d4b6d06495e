#pragma once
// The EM algorithm for a Gaussian mixture as formulas — E-step responsibilities, M-step
// updates, the log-likelihood that never falls — with the half-step on display highlighted.
// Sources: lecture 000:588-596 (E and M steps), 000:618-621 and 003:5780 (monotone
// likelihood), 000:543-548 (hard EM ↔ k-means); Bishop, PRML §9.2.2.
#include "core/gmm.h"
#include "widgets/rich_text_panel.h"

namespace latentlab::ui {

class GmmFormulaPanel : public RichTextPanel {
    Q_OBJECT
public:
    explicit GmmFormulaPanel(QWidget* parent = nullptr);
    /// Covariance type (shapes the Σ_k update), hard EM (one-hot γ) and the regulariser added
    /// to every diagonal (shown with its value).
    void setSettings(core::CovarianceType type, bool hardEm, double regCovar);
    void setPhase(core::GmmPhase phase, bool converged);

private:
    void render();
    core::CovarianceType m_type = core::CovarianceType::Full;
    bool m_hard = false;
    double m_reg = 1e-6;
    core::GmmPhase m_phase = core::GmmPhase::Init;
    bool m_converged = false;
};

} // namespace latentlab::ui
