// TrainingController: the GUI thread's handle on training.
//
// Owns the worker QThread and the TrainingWorker living on it (Qt's
// worker-object pattern, see QThread's documentation). Every command is a
// queued invocation on the worker; every result comes back as a value through
// a queued signal, re-emitted here on the GUI thread. The controller keeps a
// small mirror of the worker's state (state, iteration, rate) for the
// toolbar and status line. The GUI never waits for the worker except when the
// controller is destroyed.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QThread>

#include "training/training_types.h"

namespace crema::ui {

class TrainingWorker;

class TrainingController : public QObject {
  Q_OBJECT

 public:
  explicit TrainingController(QObject* parent = nullptr);
  /// Stops any run (at the next iteration) and joins the worker thread.
  ~TrainingController() override;

  TrainingState state() const { return m_state; }
  int iteration() const { return m_iter; }
  int maxIter() const { return m_maxIter; }
  /// Iterations per second (the solver's figure, else measured here).
  double itersPerSecond() const { return m_rate; }
  /// True while Run would continue the current run rather than start a new one.
  bool canResume() const { return m_state == TrainingState::Paused || m_state == TrainingState::Halted; }
  bool hasWeights() const { return stateHasSolver(m_state); }
  /// The thread the worker runs on (for tests).
  QThread* workerThread() { return &m_thread; }

  /// Starts a new run (a fresh solver); pauses after `budget` iterations if > 0.
  void start(const RunRequest& request, int budget = -1);
  void pause();
  void resume();
  /// Runs `n` more iterations then pauses (starting a new run from `request`
  /// when there is nothing to continue).
  void step(int n, const RunRequest& request);
  void stop();
  void snapshot();
  void testNow();
  /// Applied by the solver at its next iteration (TrainingControl).
  void setBaseLr(double value);
  void setMomentum(double value);
  void setThreads(int threads);

  void setLiveViews(const LiveViews& views);
  void requestBatch(int count);
  void requestFilters(const QString& layer, bool diff);
  void requestFeatureMaps(int imageIndex);
  void configureScores(const QVector<int>& indices, const QString& blob, int every);
  void setEvaluation(bool enabled, int maxImages);

 signals:
  void stateChanged(crema::ui::TrainingState state);
  void runStarted(const QString& name, int maxIter);
  void iterationDone(const crema::ui::IterationPoint& point);
  void testDone(const crema::ui::TestPoint& point);
  void hyperChanged(const crema::ui::HyperChange& change);
  void snapshotWritten(int iter, const QString& modelPath, const QString& statePath);
  void nonFinite(int iter, const QString& message);
  void failed(const QString& message);
  void netInfo(const QStringList& convLayers, const QStringList& ipLayers, const QStringList& blobs,
               const QString& defaultOutput);
  void batchReady(const crema::ui::BatchImages& batch);
  void filtersReady(const crema::ui::FilterImages& filters);
  void featureMapsReady(const crema::ui::FeatureMaps& maps);
  void scoreSetupReady(const crema::ui::ScoreSetup& setup);
  void scoreRecorded(const crema::ui::ScoreRecord& record);
  void evaluationReady(const crema::ui::EvalResult& result);

 private:
  void onWorkerState(TrainingState state, int iter, int maxIter);
  void onIteration(const IterationPoint& point);
  template <typename Fn>
  void post(Fn&& fn);

  QThread m_thread;
  TrainingWorker* m_worker = nullptr;
  TrainingState m_state = TrainingState::Idle;
  int m_iter = 0;
  int m_maxIter = 0;
  double m_rate = 0;
  QElapsedTimer m_rateClock;
  int m_rateIter = 0;
};

}  // namespace crema::ui
