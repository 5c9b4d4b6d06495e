#pragma once
// A tab that runs the lecture's general-EM picture by itself (widgets/em_bound_scene.h): Step
// alternates E and M, Play steps once a second until θ stops moving, Reset (or a click in the
// plot) starts again from θ₀, Export writes the figure as PNG, SVG or PDF.
#include "core/em_bound.h"
#include "widgets/exporter.h"
#include "widgets/scene_view.h"

#include <QTimer>
#include <QWidget>

class QDoubleSpinBox;
class QPushButton;

namespace latentlab::ui {

class EmBoundPanel : public QWidget {
    Q_OBJECT
public:
    /// The classroom example of core::EmBoundProblem, starting at θ₀ = 0.5 (EM climbs to the
    /// global maximum in about four visible steps; θ₀ = −1 ends in the local one).
    explicit EmBoundPanel(RenderBackend renderer = RenderBackend::Auto, QWidget* parent = nullptr);

    const core::EmBoundDemo& demo() const { return m_demo; }
    SceneView* view() const { return m_view; }
    /// The scene on display.
    const Scene& scene() const { return m_view->scene(); }
    /// Writes the figure to `path` (.png, .svg, .pdf); throws std::runtime_error like exportScene.
    void exportTo(const QString& path, const ExportOptions& options = {}) const;
    bool isPlaying() const { return m_timer.isActive(); }

public slots:
    /// One half-step: the E-step after the start or an M-step, else the M-step.
    void step();
    /// Starts again from θ₀ (shown in the θ₀ box); a non-finite θ₀ is ignored.
    void reset(double theta0);
    void setPlaying(bool playing);
    /// Asks for a file and exports the figure.
    void exportFigure();

signals:
    /// One line for the status bar after each half-step (the caption's first line).
    void statusChanged(const QString& text);

private:
    void refresh();

    core::EmBoundDemo m_demo;
    SceneView* m_view = nullptr;
    QPushButton* m_step = nullptr;
    QPushButton* m_play = nullptr;
    QDoubleSpinBox* m_theta0 = nullptr;
    QTimer m_timer;
};

} // namespace latentlab::ui
