// MainWindow's presentation mode (full screen, larger text, projector-sized charts) and the
// high-contrast look. Kept apart from main_window.cpp, which builds the window.
#include "app/algorithm_page.h"
#include "app/kmeans_page.h"
#include "app/main_window.h"
#include "widgets/chart_style.h"
#include "widgets/painter_renderer.h"
#include "widgets/scene_view.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QSplitter>
#include <QTimer>

namespace latentlab::app {

void MainWindow::setPresentationMode(bool on) {
    if (on == m_presenting) return;
    m_presenting = on;
    if (m_present->isChecked() != on) m_present->setChecked(on);
    if (on) {
        m_normalFont = QApplication::font();
        m_wasMaximized = isMaximized();
        QFont big = m_normalFont;
        big.setPointSizeF(m_normalFont.pointSizeF() * 1.5);
        QApplication::setFont(big);
        ui::setLiveStyleScale(1.6);
        ui::setChartScaleIn(this, 1.6, 2.0);
        // Again once the window is full screen: a chart laid out while small keeps elided labels.
        QTimer::singleShot(0, this, [this] {
            if (m_presenting) ui::setChartScaleIn(this, 1.6, 2.0);
        });
        // Charts with 1.6× text need room: about 40 % of the page's height instead of 25 %.
        m_pageSplits.clear();
        for (AlgorithmPage* page : m_pages) {
            auto* split = page->findChild<QSplitter*>(QString(), Qt::FindDirectChildrenOnly);
            m_pageSplits << (split ? split->sizes() : QList<int>());
            if (split && split->count() == 2) {
                const int total = split->sizes().value(0) + split->sizes().value(1);
                split->setSizes({total * 60 / 100, total - total * 60 / 100});
            }
        }
        if (m_contrastWhenPresenting->isChecked() && !m_highContrast->isChecked()) {
            m_highContrast->setChecked(true);
            m_contrastByPresentation = true; // after setChecked, whose slot clears it
        }
        m_hiddenDocks.clear();
        for (QDockWidget* dock : findChildren<QDockWidget*>())
            if (dock->isVisible() && dock->objectName() == QLatin1String("left-dock")) {
                dock->hide();
                m_hiddenDocks << dock;
            }
        for (QAction* a : m_fullOnly) a->setVisible(false);
        m_elbow->setVisible(false);
        menuBar()->hide();
        showFullScreen();
    } else {
        QApplication::setFont(m_normalFont);
        ui::setLiveStyleScale(1.0);
        ui::setChartScaleIn(this, 1.0, 1.0);
        for (int i = 0; i < static_cast<int>(m_pages.size()) && i < m_pageSplits.size(); ++i)
            if (auto* split = m_pages[static_cast<size_t>(i)]->findChild<QSplitter*>(QString(), Qt::FindDirectChildrenOnly);
                split && !m_pageSplits[i].isEmpty())
                split->setSizes(m_pageSplits[i]);
        if (m_contrastByPresentation) m_highContrast->setChecked(false);
        for (QDockWidget* dock : m_hiddenDocks) dock->show();
        for (QAction* a : m_fullOnly) a->setVisible(true);
        m_elbow->setVisible(qobject_cast<KMeansPage*>(m_page) != nullptr);
        menuBar()->show();
        m_wasMaximized ? showMaximized() : showNormal();
    }
    for (ui::SceneView* v : findChildren<ui::SceneView*>()) v->resetView(); // margins follow the text size
}

void MainWindow::setHighContrast(bool on) { m_highContrast->setChecked(on); }
bool MainWindow::isHighContrast() const { return m_highContrast->isChecked(); }

} // namespace latentlab::app
