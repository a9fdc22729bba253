// The Inside tab: a window of docks (data batch, filters and gradients,
// feature maps, score evolution, confusion matrix, worst images) fed by the
// TrainingController. It tells the worker which views to refresh by
// themselves while training: those that are visible and set to Live.
#pragma once

#include <QMainWindow>
#include <QPointer>

#include "training/training_types.h"

namespace crema::ui {

class BatchView;
class ConfusionView;
class FeatureMapView;
class FilterView;
class ScoreEvolutionView;
class TrainingController;
class WorstView;

class InsideTab : public QMainWindow {
  Q_OBJECT

 public:
  InsideTab(TrainingController* controller, QWidget* parent = nullptr);

  BatchView* batchView() const { return m_batch; }
  FilterView* filterView() const { return m_filters; }
  FeatureMapView* featureMapView() const { return m_maps; }
  ScoreEvolutionView* scoreView() const { return m_scores; }
  ConfusionView* confusionView() const { return m_confusion; }
  WorstView* worstView() const { return m_worst; }
  /// The dock holding `view` (for screenshots and tests).
  QDockWidget* dockOf(QWidget* view) const;
  QList<QDockWidget*> docks() const;

  /// Sends the current live-view choice to the worker (also called on visibility changes).
  void updateLiveViews();
  /// Clears views that belong to the previous run (a new run starts).
  void clearForNewRun();
  /// Asks for a fresh copy of every visible view that is not Live (after Step, Pause, Stop).
  void refreshVisible();

 protected:
  void showEvent(QShowEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  QDockWidget* addView(const QString& title, const QString& objectName, QWidget* view, Qt::DockWidgetArea area);

  QPointer<TrainingController> m_controller;  ///< may go first while the window is torn down
  BatchView* m_batch = nullptr;
  FilterView* m_filters = nullptr;
  FeatureMapView* m_maps = nullptr;
  ScoreEvolutionView* m_scores = nullptr;
  ConfusionView* m_confusion = nullptr;
  WorstView* m_worst = nullptr;
  bool m_tabVisible = false;
};

}  // namespace crema::ui
