#pragma once
// PCA as formulas: the variance along a unit direction u and its maximum at the top
// eigenvector (lecture 000:385-453), the step rule of the chosen method (power iteration,
// or Oja 1982), deflation for the next component, and the reconstruction error
// E(M) = Σ_{i>M} λ_i (003:3802-3834); the step on display highlighted.
#include "core/pca.h"
#include "widgets/rich_text_panel.h"

namespace latentlab::ui {

class PcaFormulaPanel : public RichTextPanel {
    Q_OBJECT
public:
    explicit PcaFormulaPanel(QWidget* parent = nullptr);
    void setMethod(core::PcaMethod method);
    void setPhase(core::PcaPhase phase);

private:
    void render();
    core::PcaMethod m_method = core::PcaMethod::PowerIteration;
    core::PcaPhase m_phase = core::PcaPhase::Init;
};

} // namespace latentlab::ui
