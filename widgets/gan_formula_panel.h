#pragma once
// The GAN as formulas: the value J(G, D), the discriminator step and the generator step for the
// chosen loss, with the step on display highlighted (lecture 000:961-978, 000:1010-1026;
// Goodfellow et al. 2014; Mao et al. 2017). Losses beyond the lecture are marked so.
#include "core/gan.h"
#include "widgets/rich_text_panel.h"

#include <string>

namespace latentlab::ui {

class GanFormulaPanel : public RichTextPanel {
    Q_OBJECT
public:
    explicit GanFormulaPanel(QWidget* parent = nullptr);
    /// The generator loss and k, the discriminator steps per generator step.
    void setSettings(core::GanLoss loss, int k);
    /// The snapshot's phase: "init", "discriminator" or "generator".
    void setPhase(const std::string& phase);

private:
    void render();
    core::GanLoss m_loss = core::GanLoss::NonSaturating;
    int m_k = 1;
    std::string m_phase = "init";
};

} // namespace latentlab::ui
