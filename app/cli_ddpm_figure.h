#pragma once
// `run ddpm --figure FILE`: the forward process and the reverse chain at the same timesteps
// (widgets/ddpm_scene.h strip()) — the lecture's picture of diffusion (003:5897-6000) — drawn
// from a chain of the trained model.
#include "app/cli.h"
#include "core/ddpm.h"

namespace latentlab::app::cli {

/// Runs a reverse chain of `points` points on `ddpm` (trained; its own chain restarts) and
/// writes the strip to s.figure; nothing when s.figure is empty. Without --size the figure is
/// 1800 × 700 px (the strip is wide), 1100 × 1000 for image data. Throws UsageError when the
/// file cannot be written.
/// Refuses the figure options DDPM does not have (--animation, --figure-series): UsageError.
void checkDdpmFigureOptions(const RunSetup& s);
void writeDdpmFigure(core::Ddpm& ddpm, int points, RunSetup s, bool sizeGiven);

} // namespace latentlab::app::cli
