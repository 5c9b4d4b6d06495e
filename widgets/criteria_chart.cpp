#include "widgets/criteria_chart.h"

#include "widgets/palette.h"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

CriteriaChart::CriteriaChart(QWidget* parent) : QWidget(parent) {
    m_chart = new QChart;
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->setBackgroundRoundness(0);
    QFont title = font();
    title.setPointSizeF(std::max(11.0, title.pointSizeF()));
    title.setBold(true);
    m_chart->setTitleFont(title);
    const auto colors = categoricalPalette(2);
    m_aic = new QLineSeries;
    m_aic->setName(QStringLiteral("AIC"));
    m_aic->setPen(QPen(colors[0], 2));
    m_aic->setPointsVisible(true);
    m_bic = new QLineSeries;
    m_bic->setName(QStringLiteral("BIC"));
    m_bic->setPen(QPen(colors[1], 2));
    m_bic->setPointsVisible(true);
    m_best = new QScatterSeries;
    m_best->setName(tr("minimum"));
    m_best->setMarkerSize(14);
    m_best->setColor(Qt::transparent);
    m_best->setBorderColor(QColor(30, 30, 30));
    for (auto* s : {static_cast<QXYSeries*>(m_aic), static_cast<QXYSeries*>(m_bic), static_cast<QXYSeries*>(m_best)})
        m_chart->addSeries(s);
    m_x = new QValueAxis;
    m_x->setTitleText(tr("K"));
    m_x->setLabelFormat(QStringLiteral("%d"));
    m_y = new QValueAxis;
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setTickCount(3);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (auto* s : m_chart->series()) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_chart->legend()->setAlignment(Qt::AlignRight); // the short chart keeps its height for the plot
    auto* view = new QChartView(m_chart);
    view->setRenderHint(QPainter::Antialiasing);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
    setValues({});
}

void CriteriaChart::setBusy(bool busy) {
    m_chart->setTitle(busy ? tr("AIC and BIC: computing…") : tr("AIC and BIC for K = 1..8: lower is better"));
}

void CriteriaChart::setValues(const std::vector<std::pair<double, double>>& values) {
    QList<QPointF> aic, bic, best;
    double lo = 0, hi = 1;
    size_t bestAic = 0, bestBic = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        const auto [a, b] = values[i];
        aic.append(QPointF(static_cast<double>(i + 1), a));
        bic.append(QPointF(static_cast<double>(i + 1), b));
        lo = i == 0 ? std::min(a, b) : std::min({lo, a, b});
        hi = i == 0 ? std::max(a, b) : std::max({hi, a, b});
        if (a < values[bestAic].first) bestAic = i;
        if (b < values[bestBic].second) bestBic = i;
    }
    if (!values.empty()) {
        best = {QPointF(static_cast<double>(bestAic + 1), values[bestAic].first),
                QPointF(static_cast<double>(bestBic + 1), values[bestBic].second)};
    }
    m_aic->replace(aic);
    m_bic->replace(bic);
    m_best->replace(best);
    const double pad = std::max(1e-9, 0.08 * (hi - lo));
    m_y->setRange(lo - pad, hi + pad);
    m_x->setRange(0.5, std::max<double>(2, static_cast<double>(values.size())) + 0.5);
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setTickAnchor(1);
    m_x->setTickInterval(1);
    setBusy(false);
}

} // namespace latentlab::ui
