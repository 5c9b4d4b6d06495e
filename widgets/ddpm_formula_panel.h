#pragma once
// DDPM as formulas (lecture 003:5897-6375; Ho, Jain & Abbeel 2020): the forward closed form
// q(x_t | x_0) (003:6128-6134), the posterior q(x_{t−1} | x_t, x_0) with μ̃_t and β̃_t
// (003:6178-6206), Algorithm 1 (training, 003:6346) and Algorithm 2 (sampling, 003:6362-6370),
// with the phase on display highlighted. Errata followed: the reverse step adds √β̃_t·z, not
// β̃_t·z (003:6033/6059/6064); the loss is minimised (003:6330). What the lecture does not
// cover is marked so: the linear and cosine schedules, σ_t² = β_t, the λ_t-weighted loss and DDIM
// (Song, Meng & Ermon 2021).
#include "core/ddpm.h"
#include "widgets/rich_text_panel.h"

namespace latentlab::ui {

class DdpmFormulaPanel : public RichTextPanel {
    Q_OBJECT
public:
    /// What the page shows: the forward process (closed form and posterior), training
    /// (Algorithm 1) or the reverse chain (Algorithm 2, or the DDIM step).
    enum class Phase { Forward, Training, Sampling };

    explicit DdpmFormulaPanel(QWidget* parent = nullptr);
    /// The run's settings: the β schedule (and constant β), T, the loss (simple or λ_t), the
    /// sampler (DDPM or DDIM with its steps and η) and the reverse variance σ_t².
    void setSettings(const core::DdpmSettings& settings);
    void setPhase(Phase phase);
    Phase phase() const { return m_phase; }
    /// The panel's current rich text (for tests).
    const QString& html() const { return m_html; }

private:
    void render();
    core::DdpmSettings m_settings;
    Phase m_phase = Phase::Training;
    QString m_html;
};

} // namespace latentlab::ui
