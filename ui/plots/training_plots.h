// The Training tab's plots (QCustomPlot). They never redraw per iteration:
// a ~30 Hz timer calls sync(), which appends only the points that arrived
// since the last call and queues one replot (rpQueuedReplot).
//
// LossPlot: train loss raw and smoothed (left axis), test loss (left),
// test accuracy (right axis), the best test point, hyperparameter changes as
// vertical markers, and overlaid earlier runs. LrPlot: the learning rate.
// Both: per-axis log scale, drag to pan, wheel to zoom, Reset view, export
// as PNG, PDF or CSV.
#pragma once

#include <QSet>
#include <QWidget>

class QCheckBox;
class QCustomPlot;
class QCPGraph;
class QCPAxis;
class QHBoxLayout;

namespace crema::ui {

class RunHistory;
struct RunSeries;

class PlotPanel : public QWidget {
  Q_OBJECT

 public:
  PlotPanel(RunHistory* history, QWidget* parent = nullptr);

  QCustomPlot* plot() const { return m_plot; }
  /// Brings the plot up to date with the history (cheap when nothing changed).
  void sync();
  /// Forces a full rebuild at the next sync (a run was removed, overlays changed).
  void invalidate() { m_rebuild = true; }
  /// Back to following the data (after the user zoomed or panned).
  void resetView();
  bool following() const { return m_follow; }

  bool exportPng(const QString& path);
  bool exportPdf(const QString& path);
  bool exportCsv(const QString& path, QString* error);

 protected:
  /// Rebuilds every graph from scratch.
  virtual void rebuild() = 0;
  /// Appends what is new in the current run.
  virtual void append() = 0;
  virtual void rescale() = 0;
  /// Adds a "log" toggle for an axis to the panel's bar.
  void addLogToggle(const QString& text, QCPAxis* axis);
  void setAxisLog(QCPAxis* axis, bool log);
  /// Vertical markers with labels at each hyperparameter change of the current run.
  void drawChangeMarkers();
  /// Start of rebuild(): removes every graph and item and forgets what was synced.
  void clearPlot();
  /// Graph of an earlier run shown under the current one: the run's faded colour, width 1.2.
  QCPGraph* addOverlayGraph(const RunSeries& run, const QString& name, QCPAxis* valueAxis, Qt::PenStyle style);

  RunHistory* m_history;
  QCustomPlot* m_plot = nullptr;
  QHBoxLayout* m_bar = nullptr;
  bool m_follow = true;
  bool m_rebuild = true;
  int m_runId = -1;
  QSet<int> m_overlays;
  int m_changeCount = 0;
  int m_synced = 0;  ///< points of the current run already in the graphs
  quint64 m_revision = 0;
};

class LossPlot : public PlotPanel {
  Q_OBJECT

 public:
  explicit LossPlot(RunHistory* history, QWidget* parent = nullptr);
  QCPGraph* lossGraph() const { return m_loss; }
  QCPGraph* smoothedGraph() const { return m_smoothed; }
  QCPGraph* accuracyGraph() const { return m_accuracy; }
  QCPGraph* testLossGraph() const { return m_testLoss; }

 protected:
  void rebuild() override;
  void append() override;
  void rescale() override;

 private:
  void updateTests();
  QCPGraph* m_loss = nullptr;
  QCPGraph* m_smoothed = nullptr;
  QCPGraph* m_testLoss = nullptr;
  QCPGraph* m_accuracy = nullptr;
};

class LrPlot : public PlotPanel {
  Q_OBJECT

 public:
  explicit LrPlot(RunHistory* history, QWidget* parent = nullptr);
  QCPGraph* lrGraph() const { return m_lr; }

 protected:
  void rebuild() override;
  void append() override;
  void rescale() override;

 private:
  QCPGraph* m_lr = nullptr;
};

}  // namespace crema::ui
