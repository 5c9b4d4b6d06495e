#include "widgets/ddpm_charts.h"

#include "widgets/ddpm_chart_parts.h"
#include "widgets/palette.h"

#include <QChart>
#include <QChartView>
#include <QContextMenuEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMenu>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

using namespace ddpm_parts;

// ---------------------------------------------------------------- DdpmScheduleChart

DdpmScheduleChart::DdpmScheduleChart(QWidget* parent) : QWidget(parent) {
    const std::vector<QColor> c = categoricalPalette(8); // blue, orange, green, vermillion, sky, purple, yellow, black
    const QFont base = font();
    m_panels[0].chart = makeChart(QStringLiteral("x<sub>t</sub> = √ᾱ<sub>t</sub> x<sub>0</sub> + √(1 − ᾱ<sub>t</sub>) ε"), base);
    m_panels[1].chart = makeChart(tr("Noise of one step"), base);
    m_panels[2].chart = makeChart(tr("Posterior mean μ̃<sub>t</sub> = c<sub>1</sub>x<sub>0</sub> + c<sub>2</sub>x<sub>t</sub>"), base);
    m_curves[SqrtAlphaBar] = addLine(m_panels[0].chart, tr("signal √ᾱ<sub>t</sub>"), c[0]);
    m_curves[SqrtOneMinusAlphaBar] = addLine(m_panels[0].chart, tr("noise √(1 − ᾱ<sub>t</sub>)"), c[3]);
    m_curves[AlphaBar] = addLine(m_panels[0].chart, QStringLiteral("ᾱ<sub>t</sub>"), c[4], Qt::DashLine, 2.0);
    m_curves[Beta] = addLine(m_panels[1].chart, tr("β<sub>t</sub> forward"), c[1]);
    m_curves[PosteriorVariance] = addLine(m_panels[1].chart, tr("β̃<sub>t</sub> posterior"), c[2], Qt::DashLine);
    m_curves[Coef1] = addLine(m_panels[2].chart, tr("c<sub>1</sub> (x<sub>0</sub>)"), c[0]);
    m_curves[Coef2] = addLine(m_panels[2].chart, tr("c<sub>2</sub> (x<sub>t</sub>)"), c[3]);
    m_threshold = addLine(m_panels[2].chart, QString(), QColor(0x77, 0x77, 0x77), Qt::DotLine, 1.8);
    for (Panel& p : m_panels) {
        p.marker = addLine(p.chart, tr("current t"), c[7], Qt::SolidLine, 1.6);
        hideFromLegend(p.chart, p.marker);
        p.view = makeView(p.chart);
    }
    for (int i = 0; i < kPanels; ++i) makeAxes(i, i == 2 && m_logTime, false);

    m_caption = new QLabel;
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setWordWrap(true);
    m_caption->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_caption->setMargin(6);
    m_caption->setFont(readable(base, 11));
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(2);
    setMinimumHeight(200);
    arrange(kPanels);
    fill();
}

QChart* DdpmScheduleChart::chart(int panel) const {
    return panel >= 0 && panel < kPanels ? m_panels[panel].chart : nullptr;
}

void DdpmScheduleChart::makeAxes(int i, bool logX, bool logY) {
    Panel& p = m_panels[i];
    const QFont base = font();
    QAbstractAxis* const old[2] = {p.x, p.y};
    auto make = [&](bool log) -> QAbstractAxis* {
        if (log) {
            auto* a = new QLogValueAxis;
            a->setBase(10);
            a->setLabelFormat(QStringLiteral("%g"));
            a->setMinorTickCount(-1); // 2, 3, … 9 × 10^n
            a->setMinorGridLineVisible(false);
            return a;
        }
        auto* a = new QValueAxis;
        a->setTickType(QValueAxis::TicksDynamic);
        a->setTickAnchor(0);
        return a;
    };
    p.x = make(logX);
    p.y = make(logY);
    styleAxis(p.x, logX ? tr("timestep t (log scale)") : tr("timestep t"), base);
    styleAxis(p.y, QString(), base);
    // A replaced axis hands on its fonts and what setChartScale remembered (presentation mode).
    QAbstractAxis* const made[2] = {p.x, p.y};
    for (int k = 0; k < 2; ++k) {
        if (!old[k]) continue;
        made[k]->setLabelsFont(old[k]->labelsFont());
        made[k]->setTitleFont(old[k]->titleFont());
        made[k]->setLinePen(old[k]->linePen());
        for (const QByteArray& name : old[k]->dynamicPropertyNames()) made[k]->setProperty(name, old[k]->property(name));
        p.chart->removeAxis(old[k]);
        delete old[k];
    }
    if (auto* v = qobject_cast<QValueAxis*>(p.x)) v->setLabelFormat(QStringLiteral("%d"));
    if (auto* v = qobject_cast<QValueAxis*>(p.y)) v->setLabelFormat(QStringLiteral("%.3g"));
    p.chart->addAxis(p.x, Qt::AlignBottom);
    p.chart->addAxis(p.y, Qt::AlignLeft);
    for (QAbstractSeries* s : p.chart->series()) {
        s->attachAxis(p.x);
        s->attachAxis(p.y);
    }
}

void DdpmScheduleChart::setSchedule(const core::DdpmSchedule& schedule) {
    if (schedule.T == m_schedule.T && schedule.kind == m_schedule.kind && schedule.betas.size() == m_schedule.betas.size() &&
        schedule.betas == m_schedule.betas)
        return;
    m_schedule = schedule;
    fill();
}

void DdpmScheduleChart::clear() { setSchedule(core::DdpmSchedule{}); }

void DdpmScheduleChart::setCurrentT(int t) {
    t = std::max(0, t);
    if (t == m_t) return;
    m_t = t;
    updateMarkers();
    updateCaption();
}

void DdpmScheduleChart::setLogBeta(bool on) {
    if (on == m_logBeta) return;
    m_logBeta = on;
    fill();
}

void DdpmScheduleChart::setLogTime(bool on) {
    if (on == m_logTime) return;
    m_logTime = on;
    makeAxes(2, on, false);
    fill();
}

int DdpmScheduleChart::pointCount(Curve curve) const {
    return curve >= 0 && curve < kCurves ? static_cast<int>(m_curves[curve]->count()) : 0;
}

std::optional<double> DdpmScheduleChart::markerT(int panel) const {
    if (panel < 0 || panel >= kPanels || m_panels[panel].marker->count() == 0) return std::nullopt;
    return m_panels[panel].marker->at(0).x();
}

QString DdpmScheduleChart::caption() const { return m_caption->text(); }

void DdpmScheduleChart::fill() {
    const core::DdpmSchedule& s = m_schedule;
    const int T = s.T;
    auto curve = [&](const Eigen::VectorXd& v, bool positiveOnly) {
        QList<QPointF> pts;
        pts.reserve(static_cast<qsizetype>(v.size()));
        for (Eigen::Index i = 0; i < v.size(); ++i)
            if (std::isfinite(v[i]) && (!positiveOnly || v[i] > 0)) pts.append(QPointF(double(i + 1), v[i]));
        return pts;
    };
    // β on a log axis only where it spans two decades or more (not the lecture's constant β).
    double bMin = INFINITY, bMax = 0;
    for (Eigen::Index i = 0; i < s.betas.size(); ++i)
        for (double b : {s.betas[i], s.posterior_variance[i]})
            if (b > 0 && std::isfinite(b)) {
                bMin = std::min(bMin, b);
                bMax = std::max(bMax, b);
            }
    if (!(bMin <= bMax)) bMin = 1e-4, bMax = 0.02;
    const bool logBeta = m_logBeta && bMax >= 100 * bMin;
    if (logBeta != m_betaAxisLog) {
        m_betaAxisLog = logBeta;
        makeAxes(1, false, logBeta);
    }
    m_curves[AlphaBar]->replace(curve(s.alphas_cumprod, false));
    m_curves[SqrtAlphaBar]->replace(curve(s.sqrt_alphas_cumprod, false));
    m_curves[SqrtOneMinusAlphaBar]->replace(curve(s.sqrt_one_minus_alphas_cumprod, false));
    m_curves[Beta]->replace(curve(s.betas, logBeta));
    m_curves[PosteriorVariance]->replace(curve(s.posterior_variance, logBeta));
    m_curves[Coef1]->replace(curve(s.posterior_mean_coef1, false));
    m_curves[Coef2]->replace(curve(s.posterior_mean_coef2, false));

    // From which t on x_0's weight stays small (scanning back from T).
    m_mostlyXtFrom = 0;
    if (T > 0) {
        int from = T + 1;
        while (from > 1 && s.posterior_mean_coef1[from - 2] < kMostlyXt) --from;
        m_mostlyXtFrom = from <= T ? from : 0;
    }

    // Axis ranges: probabilities and weights on [0, 1]; β on its own (log) scale.
    const double tMax = std::max(T, 10);
    m_panels[0].yLo = 0;
    m_panels[0].yHi = 1;
    m_panels[2].yLo = 0;
    m_panels[2].yHi = 1.05;
    if (logBeta) {
        m_panels[1].yLo = std::pow(10.0, std::floor(std::log10(bMin)));
        m_panels[1].yHi = std::min(1.0, std::pow(10.0, std::ceil(std::log10(bMax * 1.2))));
        if (m_panels[1].yHi <= m_panels[1].yLo) m_panels[1].yHi = 10 * m_panels[1].yLo;
    } else {
        const double tick = niceStep(bMax / 4);
        m_panels[1].yLo = 0;
        m_panels[1].yHi = std::ceil(bMax * 1.05 / tick) * tick;
        if (auto* y = qobject_cast<QValueAxis*>(m_panels[1].y)) y->setTickInterval(tick);
    }
    m_panels[1].y->setRange(m_panels[1].yLo, m_panels[1].yHi); // QValueAxis or QLogValueAxis
    for (int i : {0, 2}) {
        auto* y = static_cast<QValueAxis*>(m_panels[i].y);
        y->setRange(m_panels[i].yLo, m_panels[i].yHi);
        y->setTickInterval(0.25);
    }
    for (int i = 0; i < kPanels; ++i) {
        Panel& p = m_panels[i];
        p.xLo = i == 2 && m_logTime ? 1 : 0;
        p.xHi = tMax;
        if (auto* x = qobject_cast<QValueAxis*>(p.x)) {
            x->setRange(p.xLo, p.xHi);
            x->setTickInterval(niceStep(tMax / 5));
        } else {
            p.x->setRange(p.xLo, p.xHi);
        }
    }
    // The lecture's "for t ≥ 20 the mean is mostly x_t" as a dotted line.
    if (m_mostlyXtFrom > 0) {
        m_threshold->setName(QStringLiteral("c<sub>1</sub> &lt; %1").arg(kMostlyXt));
        m_threshold->replace(QList<QPointF>{{double(m_mostlyXtFrom), 0.0}, {double(m_mostlyXtFrom), 1.05}});
    } else {
        m_threshold->setName(QString());
        m_threshold->clear();
    }
    for (QLegendMarker* m : m_panels[2].chart->legend()->markers(m_threshold)) m->setVisible(m_mostlyXtFrom > 0);
    updateMarkers();
    updateCaption();
}

void DdpmScheduleChart::updateMarkers() {
    const int T = m_schedule.T;
    for (Panel& p : m_panels) {
        if (m_t <= 0 || T <= 0) {
            p.marker->clear();
            continue;
        }
        const double t = std::min(m_t, T);
        p.marker->replace(QList<QPointF>{{t, p.yLo}, {t, p.yHi}});
    }
}

void DdpmScheduleChart::updateCaption() {
    const core::DdpmSchedule& s = m_schedule;
    if (s.T <= 0) {
        m_caption->setText(QString());
        return;
    }
    auto g = [](double v) { return QString::number(v, 'g', 3); };
    QString text;
    if (m_t > 0) {
        const int t = std::min(m_t, s.T);
        const size_t i = static_cast<size_t>(t - 1);
        text = tr("<b>t = %1</b>: ᾱ<sub>t</sub> = %2 (signal %3, noise %4); β<sub>t</sub> = %5, β̃<sub>t</sub> = %6; "
                  "μ̃<sub>t</sub> = %7·x<sub>0</sub> + %8·x<sub>t</sub>.")
                   .arg(t)
                   .arg(g(s.alphas_cumprod[Eigen::Index(i)]), g(s.sqrt_alphas_cumprod[Eigen::Index(i)]),
                        g(s.sqrt_one_minus_alphas_cumprod[Eigen::Index(i)]), g(s.betas[Eigen::Index(i)]),
                        g(s.posterior_variance[Eigen::Index(i)]), g(s.posterior_mean_coef1[Eigen::Index(i)]),
                        g(s.posterior_mean_coef2[Eigen::Index(i)]))
               + QStringLiteral(" ");
    }
    if (m_mostlyXtFrom > 0)
        text += tr("From t = %1 on the weight of x<sub>0</sub> stays below %2: the posterior mean is mostly x<sub>t</sub> "
                   "(lecture 003:6195: t ≥ 20 for β = 0.01).")
                    .arg(m_mostlyXtFrom)
                    .arg(kMostlyXt);
    m_caption->setText(text);
}

void DdpmScheduleChart::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    arrange(arrangement(kPanels, width(), height(), kPanelAspect));
}

void DdpmScheduleChart::arrange(int cols) {
    if (cols == m_columns) return;
    m_columns = cols;
    for (Panel& p : m_panels) m_grid->removeWidget(p.view);
    m_grid->removeWidget(m_caption);
    for (int r = 0; r < 4; ++r) m_grid->setRowStretch(r, 0);
    for (int i = 0; i < kPanels; ++i) {
        m_grid->addWidget(m_panels[i].view, i / cols, i % cols);
        m_grid->setRowStretch(i / cols, 1);
    }
    if (cols == 2) m_grid->addWidget(m_caption, 1, 1); // the empty fourth cell
    else m_grid->addWidget(m_caption, (kPanels + cols - 1) / cols, 0, 1, cols);
}

void DdpmScheduleChart::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && m_caption) m_caption->setFont(readable(font(), 11)); // presentation mode
}

void DdpmScheduleChart::contextMenuEvent(QContextMenuEvent* event) {
    QMenu menu(this);
    QAction* logBeta = menu.addAction(tr("Logarithmic β axis"));
    logBeta->setCheckable(true);
    logBeta->setChecked(m_logBeta);
    QAction* logTime = menu.addAction(tr("Logarithmic t axis for the coefficients"));
    logTime->setCheckable(true);
    logTime->setChecked(m_logTime);
    QAction* chosen = menu.exec(event->globalPos());
    if (chosen == logBeta) setLogBeta(!m_logBeta);
    else if (chosen == logTime) setLogTime(!m_logTime);
}

} // namespace latentlab::ui
