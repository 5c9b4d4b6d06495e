#include "widgets/em_bound_panel.h"

#include "widgets/em_bound_scene.h"

#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>
#include <exception>

namespace latentlab::ui {

namespace {
constexpr double kDefaultTheta0 = 0.5;
constexpr double kConvergedTol = 1e-4; ///< Play stops when θ moves less (data units)
constexpr double kLiveCaptionPt = 12.0; ///< the tab is smaller than a slide (export: 14 pt × dpi/96)
} // namespace

EmBoundPanel::EmBoundPanel(RenderBackend renderer, QWidget* parent)
    : QWidget(parent), m_demo(core::EmBoundProblem::classroomExample(), kDefaultTheta0) {
    m_view = new SceneView(renderer);
    m_step = new QPushButton;
    m_step->setToolTip(tr("One half-step: the E-step builds the bound at θₜ, the M-step jumps to its maximum"));
    m_play = new QPushButton(tr("Play"));
    m_play->setCheckable(true);
    m_play->setToolTip(tr("One half-step a second until θ stops moving"));
    auto* resetButton = new QPushButton(tr("Reset"));
    resetButton->setToolTip(tr("Start again from θ₀"));
    m_theta0 = new QDoubleSpinBox;
    m_theta0->setRange(-8.0, 8.0);
    m_theta0->setSingleStep(0.5);
    m_theta0->setDecimals(2);
    m_theta0->setValue(kDefaultTheta0);
    m_theta0->setToolTip(tr("Where EM starts; θ₀ = 0.5 climbs to the global maximum, θ₀ = −1 to the local one"));
    auto* exportButton = new QPushButton(tr("Export figure…"));
    auto* hint = new QLabel(tr("Click the plot to start from the θ under the mouse."));
    hint->setEnabled(false);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_step);
    bar->addWidget(m_play);
    bar->addWidget(resetButton);
    bar->addWidget(new QLabel(tr("θ₀")));
    bar->addWidget(m_theta0);
    bar->addWidget(hint, 1);
    bar->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    connect(m_step, &QPushButton::clicked, this, &EmBoundPanel::step);
    connect(m_play, &QPushButton::toggled, this, &EmBoundPanel::setPlaying);
    connect(resetButton, &QPushButton::clicked, this, [this] { reset(m_theta0->value()); });
    connect(m_theta0, &QDoubleSpinBox::editingFinished, this, [this] { reset(m_theta0->value()); });
    connect(exportButton, &QPushButton::clicked, this, &EmBoundPanel::exportFigure);
    connect(m_view, &SceneView::pointAddRequested, this, [this](QPointF data) { reset(data.x()); });
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        step();
        if (m_demo.phase() == core::EmBoundDemo::Phase::MStep && m_demo.converged(kConvergedTol)) setPlaying(false);
    });
    refresh();
}

void EmBoundPanel::step() {
    m_demo.step();
    refresh();
}

void EmBoundPanel::reset(double theta0) {
    if (!std::isfinite(theta0)) return;
    theta0 = std::clamp(theta0, m_theta0->minimum(), m_theta0->maximum());
    {
        const QSignalBlocker block(m_theta0);
        m_theta0->setValue(theta0);
    }
    m_demo.reset(theta0);
    m_view->resetView(); // the θ range may shrink back
    refresh();
}

void EmBoundPanel::setPlaying(bool playing) {
    if (playing) m_timer.start();
    else m_timer.stop();
    const QSignalBlocker block(m_play);
    m_play->setChecked(playing);
    m_play->setText(playing ? tr("Pause") : tr("Play"));
}

void EmBoundPanel::refresh() {
    m_step->setText(m_demo.phase() == core::EmBoundDemo::Phase::EStep ? tr("M-step ▸") : tr("E-step ▸"));
    m_view->setScene(buildEmBoundScene(m_demo, kLiveCaptionPt));
    emit statusChanged(emBoundCaption(m_demo).section(QLatin1Char('\n'), 0, 0));
}

void EmBoundPanel::exportTo(const QString& path, const ExportOptions& options) const {
    exportScene(buildEmBoundScene(m_demo), path, options);
}

void EmBoundPanel::exportFigure() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the EM lower-bound figure"),
                                                      QStringLiteral("em-lower-bound.png"),
                                                      tr("PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"));
    if (path.isEmpty()) return;
    try {
        exportTo(path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export failed"), QString::fromStdString(e.what()));
    }
}

} // namespace latentlab::ui
