#pragma once
// The RBM as formulas: the energy, the two factorised conditionals, the free energy and the
// CD-k (or PCD) weight update, with the step on display highlighted (lecture 000:1120-1312,
// 001:330-420; Hinton 2002; Tieleman 2008).
#include "widgets/rich_text_panel.h"

#include <string>

namespace latentlab::ui {

class RbmFormulaPanel : public RichTextPanel {
    Q_OBJECT
public:
    explicit RbmFormulaPanel(QWidget* parent = nullptr);
    /// k Gibbs steps in the negative phase; persistent: PCD.
    void setMethod(int k, bool persistent);
    /// The snapshot's phase: "init", "cd-update" or "pcd-update" (others: nothing highlighted).
    void setPhase(const std::string& phase);

private:
    void render();
    int m_k = 1;
    bool m_persistent = false;
    std::string m_phase = "init";
};

} // namespace latentlab::ui
