// The Training tab: docks with the loss/accuracy plot, the learning-rate
// plot and the session's runs. A ~30 Hz timer brings the plots up to date
// (only when something arrived); values come from RunHistory, which the
// main window fills from the TrainingController's signals.
#pragma once

#include <QMainWindow>
#include <QTimer>

namespace crema::ui {

class LossPlot;
class LrPlot;
class RunHistory;
class RunsPanel;

class TrainingTab : public QMainWindow {
  Q_OBJECT

 public:
  TrainingTab(RunHistory* history, QWidget* parent = nullptr);

  LossPlot* lossPlot() const { return m_loss; }
  LrPlot* lrPlot() const { return m_lr; }
  RunsPanel* runsPanel() const { return m_runs; }
  /// Brings every plot up to date now (the timer does this ~30 times a second).
  void syncPlots();

 private:
  RunHistory* m_history;
  LossPlot* m_loss = nullptr;
  LrPlot* m_lr = nullptr;
  RunsPanel* m_runs = nullptr;
  QTimer m_timer;
};

}  // namespace crema::ui
