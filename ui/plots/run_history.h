// The runs of this session: per run, the series the Training tab plots
// (train loss raw and smoothed, learning rate, test accuracy and loss) and
// the hyperparameter changes made while it ran. The newest run is the
// current one; earlier runs can be overlaid on the plots for comparison.
#pragma once

#include <QColor>
#include <QObject>
#include <QVector>

#include "training/training_types.h"

namespace crema::ui {

struct RunSeries {
  int id = 0;
  QString name;
  QColor color;
  int maxIter = 0;
  bool overlay = false;  ///< drawn on the plots while another run is current
  QVector<double> iters, loss, smoothed, lr;
  QVector<double> testIters, testAccuracy, testLoss;
  QVector<HyperChange> changes;
  /// Index into testIters of the highest accuracy (or lowest test loss when
  /// there is no accuracy), -1 if none.
  int bestTest = -1;
  double lastRate = 0;
};

class RunHistory : public QObject {
  Q_OBJECT

 public:
  explicit RunHistory(QObject* parent = nullptr);

  /// Starts a run and makes it current; returns its id.
  int startRun(const QString& name, int maxIter);
  const QVector<RunSeries>& runs() const { return m_runs; }
  /// The current run, or null before the first.
  const RunSeries* current() const { return m_runs.isEmpty() ? nullptr : &m_runs.last(); }
  const RunSeries* run(int id) const;
  /// Monotonic counter bumped by every change (the plots' "dirty" check).
  quint64 revision() const { return m_revision; }

  void addIteration(const IterationPoint& point);
  /// Test net 0's accuracy and loss; fills accuracy from `fallbackAccuracy`
  /// (the app's own evaluation) when the net reports none.
  void addTest(const TestPoint& point);
  void setTestAccuracyIfMissing(int iter, double accuracy);
  void addChange(const HyperChange& change);
  void setOverlay(int id, bool on);
  void removeRun(int id);

  /// CSV of one run: iter,loss,smoothed_loss,lr,test_accuracy,test_loss (test
  /// columns empty except at test iterations).
  QString csv(int id) const;
  bool writeCsv(int id, const QString& path, QString* error) const;

 signals:
  void runsChanged();

 private:
  RunSeries* mutableCurrent() { return m_runs.isEmpty() ? nullptr : &m_runs.last(); }
  void updateBest(RunSeries* run);

  QVector<RunSeries> m_runs;
  int m_nextId = 1;
  quint64 m_revision = 0;
};

}  // namespace crema::ui
