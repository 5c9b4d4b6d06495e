#pragma once
// The lecture's general-EM figure as a Scene (000:680-797, LECTURES.md "General EM as
// coordinate ascent on the lower bound"): the log-likelihood l(θ) of the one-free-mean mixture
// (core/em_bound.h), the lower bound J(q_t, θ) of the last E-step touching it at θ_t, the
// M-step's move to the bound's maximum θ_{t+1}, the earlier θ_s and bounds faded, the data as a
// rug coloured by q_n(z), and a caption with the formulas and the numbers of the last half-step.
// Drawn by the same renderers as every scene, so the live view and the export agree.
#include "core/em_bound.h"
#include "widgets/scene.h"

#include <utility>

namespace latentlab::ui {

/// θ range (lo, hi) of the figure: the data ± 2σ₁, widened to hold every θ_s of the demo.
std::pair<double, double> emBoundThetaRange(const core::EmBoundDemo& demo);

/// The figure for the demo's current state. Items: lines[0] = l(θ) on ≥ 400 samples; after an
/// E-step lines[1] = J(q_t, θ) of the last posterior on the same samples (q_t = posteriors().back());
/// then up to three earlier bounds (faded, dashed), the vertical θ_s lines and, after an
/// M-step, the arrow from (θ_{t−1}, l(θ_{t−1})) to (θ_t, J(q_{t−1}, θ_t)). markers: (θ_s, l(θ_s))
/// for every s, the current one last but for the M-step's "max J" diamond; texts: θ_s labels
/// and the caption; points: the data rug; a legend. `captionPointSize` sizes the caption
/// (the live view in a short tab may want it smaller than a slide).
Scene buildEmBoundScene(const core::EmBoundDemo& demo, double captionPointSize = 14.0);

/// The caption's two or three lines for the demo's state (also the panel's status text).
QString emBoundCaption(const core::EmBoundDemo& demo);

} // namespace latentlab::ui
