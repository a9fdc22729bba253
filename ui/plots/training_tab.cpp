#include "plots/training_tab.h"

#include <QDockWidget>

#include "plots/run_history.h"
#include "plots/runs_panel.h"
#include "plots/training_plots.h"

namespace crema::ui {

TrainingTab::TrainingTab(RunHistory* history, QWidget* parent) : QMainWindow(parent), m_history(history) {
  setWindowFlags(Qt::Widget);
  setDockNestingEnabled(true);
  m_loss = new LossPlot(history);
  m_lr = new LrPlot(history);
  m_runs = new RunsPanel(history);

  auto dock = [this](const QString& title, const QString& name, QWidget* w) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(w);
    addDockWidget(Qt::TopDockWidgetArea, d);
    return d;
  };
  auto* loss = dock(tr("Loss and accuracy"), QStringLiteral("dockLoss"), m_loss);
  auto* lr = dock(tr("Learning rate"), QStringLiteral("dockLr"), m_lr);
  auto* runs = dock(tr("Runs"), QStringLiteral("dockRuns"), m_runs);
  splitDockWidget(loss, lr, Qt::Vertical);
  splitDockWidget(lr, runs, Qt::Horizontal);
  resizeDocks({loss, lr}, {70, 30}, Qt::Vertical);
  resizeDocks({lr, runs}, {60, 40}, Qt::Horizontal);

  connect(history, &RunHistory::runsChanged, this, [this] {
    m_loss->invalidate();
    m_lr->invalidate();
  });
  m_timer.setInterval(33);  // ~30 Hz; sync() is a no-op when nothing arrived
  connect(&m_timer, &QTimer::timeout, this, &TrainingTab::syncPlots);
  m_timer.start();
}

void TrainingTab::syncPlots() {
  // Hidden plots wait: they catch up in one step when shown again.
  if (m_loss->isVisible()) m_loss->sync();
  if (m_lr->isVisible()) m_lr->sync();
}

}  // namespace crema::ui
