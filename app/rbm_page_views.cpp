// The RBM page's image views: filters, the triptych with painting, and dreams.
#include "app/rbm_page.h"

#include "widgets/image_grid.h"
#include "widgets/rbm_views.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>

namespace latentlab::app {

namespace {
constexpr int kFiltersShown = 100;
constexpr int kTriptychRows = 6;
constexpr int kDreamsKept = 24;

QString sampleName(const core::Dataset& data, int i) {
    QString name = QStringLiteral("#%1").arg(i);
    if (i < static_cast<int>(data.labels.size())) {
        const int label = data.labels[static_cast<size_t>(i)];
        name += label >= 0 && label < static_cast<int>(data.labelNames.size())
                    ? QStringLiteral(" “%1”").arg(QString::fromStdString(data.labelNames[static_cast<size_t>(label)]))
                    : QStringLiteral(" (%1)").arg(label);
    }
    return name;
}
} // namespace

void RbmPage::redrawSideView() {
    if (!m_shown) return;
    m_filtersTimer.stop();
    m_filtersDrawn.start();
    QWidget* tab = viewTabs()->currentWidget();
    if (tab == m_filtersTab) redrawFilters();
    else if (tab == m_reconTab) redrawReconstructions();
    else if (tab == m_dreamTab && !m_dreamTimer.isActive()) {
        if (m_dreamStep == 0) dreamSteps(11 * m_dreamEvery->value()); // a strip to look at right away
        else redrawDreams();
    }
}

void RbmPage::redrawFilters() {
    const core::RbmWeights& theta = *m_shown->weights;
    const int H = theta.hidden();
    ui::ImageGridLayout layout;
    layout.gap = 0.1;
    if (!(m_scaled && m_scaled->imageShape)) layout.columns = 8; // 1 × V strips
    layout.title = (H > kFiltersShown ? tr("Filters W[:, j], units 0–%1 of %2").arg(kFiltersShown - 1).arg(H)
                                      : tr("Filters W[:, j] of the %1 hidden units").arg(H)) +
                   tr(" · blue −, red +, each on its own symmetric range");
    std::vector<ui::ImageTile> tiles = ui::filterTiles(theta, shape(), kFiltersShown);
    const bool refit = m_filters->tiles().size() != tiles.size(); // keep the user's zoom otherwise
    m_filters->setTiles(std::move(tiles), layout);
    if (refit) m_filters->resetView();
}

void RbmPage::setPaintMode(bool on) {
    if (m_paint->isChecked() != on) {
        m_paint->setChecked(on); // comes back here through toggled
        return;
    }
    m_canvas->setVisible(on);
    if (on && m_scaled && m_scaled->n() > 0) {
        const int i = std::min(m_reconFirst->value(), m_scaled->n() - 1);
        const Eigen::VectorXf row = m_scaled->X.row(i).transpose();
        const core::ImageShape s = ui::rbmImageShape(m_scaled->imageShape, m_scaled->d());
        m_canvas->setBrush(s.width >= 20 ? 2 : 1);
        m_canvas->setImage(std::vector<float>(row.data(), row.data() + row.size()), s);
    }
    redrawReconstructions();
}

void RbmPage::redrawReconstructions() {
    if (!m_shown || !m_scaled || m_scaled->n() == 0) return;
    const core::RbmWeights& theta = *m_shown->weights;
    if (m_scaled->d() != theta.visible()) return;
    const int first = std::min(m_reconFirst->value(), m_scaled->n() - 1);
    const int rows = std::min(kTriptychRows, m_scaled->n() - first);
    core::Matrix inputs = m_scaled->X.middleRows(first, rows);
    std::vector<QString> names;
    for (int r = 0; r < rows; ++r) names.push_back(sampleName(*m_scaled, first + r));
    if (m_paint->isChecked() && static_cast<int>(m_canvas->values().size()) == theta.visible()) {
        inputs.row(0) = Eigen::Map<const Eigen::RowVectorXf>(m_canvas->values().data(), theta.visible());
        names[0] = tr("painted");
    }
    const int k = m_reconK->value();
    auto tiles = ui::triptychTiles(theta, inputs, shape(), k, seed(), names);
    const bool refit = m_recon->tiles().size() != tiles.size();
    m_recon->setTiles(std::move(tiles), ui::triptychLayout(k));
    if (refit) m_recon->resetView();
}

void RbmPage::setDreaming(bool on) {
    if (m_dreamRun->isChecked() != on) {
        m_dreamRun->setChecked(on);
        return;
    }
    m_dreamRun->setText(on ? tr("Stop") : tr("Run"));
    if (on) m_dreamTimer.start();
    else m_dreamTimer.stop();
}

void RbmPage::resetDream() {
    m_dreamKept.clear();
    m_dreamStep = 0;
    m_dreamState.resize(0, 0);
    if (!m_shown) return;
    const int V = m_shown->weights->visible();
    m_dreamRng.reseed(seed());
    m_dreamState.resize(1, V);
    if (m_dreamStart->currentIndex() == 1 && m_scaled && m_scaled->n() > 0 && m_scaled->d() == V) {
        m_dreamState = m_scaled->X.row(std::min(m_reconFirst->value(), m_scaled->n() - 1));
    } else {
        for (int i = 0; i < V; ++i) m_dreamState(0, i) = m_dreamRng.uniform() < 0.5 ? 1.0f : 0.0f;
    }
    m_dreamProbs = m_dreamState;
    m_dreamKept.push_back(m_dreamProbs.row(0).transpose());
}

void RbmPage::dreamSteps(int steps) {
    if (!m_shown) return;
    const core::RbmWeights& theta = *m_shown->weights;
    if (m_dreamState.cols() != theta.visible()) resetDream();
    const int every = m_dreamEvery->value();
    while (steps > 0) {
        const int take = std::min<int>(steps, every - static_cast<int>(m_dreamStep % every));
        m_dreamState = core::gibbsStep(theta, m_dreamState, take, m_dreamRng, &m_dreamProbs);
        m_dreamStep += take;
        steps -= take;
        if (m_dreamStep % every == 0) {
            m_dreamKept.push_back(m_dreamProbs.row(0).transpose());
            if (static_cast<int>(m_dreamKept.size()) > kDreamsKept) m_dreamKept.erase(m_dreamKept.begin());
        }
    }
    redrawDreams();
}

void RbmPage::redrawDreams() {
    if (!m_shown) return;
    if (m_dreamState.cols() != m_shown->weights->visible()) resetDream();
    const core::ImageShape s = shape();
    ui::ImageGridLayout live;
    live.captionLines = 1;
    live.title = tr("p(v|h), current weights");
    m_dreamLive->setTiles({{ui::unitImage(m_dreamProbs.data(), s), tr("step %1").arg(m_dreamStep),
                            tr("p(v | h) after %1 Gibbs steps from %2").arg(m_dreamStep).arg(m_dreamStart->currentText()),
                            QColor()}},
                          live);
    std::vector<ui::ImageTile> tiles;
    const int every = m_dreamEvery->value();
    const int64_t firstStep = m_dreamStep - m_dreamStep % every - every * (static_cast<int64_t>(m_dreamKept.size()) - 1);
    for (size_t i = 0; i < m_dreamKept.size(); ++i) {
        const int64_t t = std::max<int64_t>(0, firstStep + every * static_cast<int64_t>(i));
        tiles.push_back({ui::unitImage(m_dreamKept[i].data(), s), tr("t = %1").arg(t), tr("the chain at step %1").arg(t), QColor()});
    }
    ui::ImageGridLayout strip;
    strip.columns = 6;
    strip.gap = 0.15;
    strip.captionLines = 1;
    strip.captionPointSize = 9.0;
    strip.title = tr("every %1th state (the last %2)").arg(every).arg(tiles.size());
    const bool refit = m_dreamStrip->tiles().size() != tiles.size(); // the strip grows to its full length
    m_dreamStrip->setTiles(std::move(tiles), strip);
    if (refit) {
        m_dreamStrip->resetView();
        m_dreamLive->resetView();
    }
}

} // namespace latentlab::app
