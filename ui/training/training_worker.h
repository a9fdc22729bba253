// The object that runs the engine's Solver on the training thread.
//
// Qt's worker-object pattern: TrainingController moves a TrainingWorker to
// its QThread and calls it only through queued invocations; the worker
// answers only through signals carrying values (training_types.h). The
// solver calls OnIteration synchronously on this thread after every update;
// there the worker reports the iteration, records scores, refreshes live
// views at most a few times a second, and delivers the queued commands
// (QCoreApplication::processEvents for this thread). Pause is a nested event
// loop inside OnIteration, so the solver's loop (and its smoothed loss)
// simply waits between two iterations. Nothing thrown by the engine leaves
// this class: every slot catches and emits failed(message).
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "solver/training_observer.h"
#include "training/training_types.h"

class QEventLoop;

namespace crema {
class Solver;
class Net;
}  // namespace crema

namespace crema::ui {

class ProbeNet;
class TestSet;

class TrainingWorker : public QObject, public crema::TrainingObserver {
  Q_OBJECT

 public:
  explicit TrainingWorker(QObject* parent = nullptr);
  ~TrainingWorker() override;

  /// Thread-safe: asks the solver to stop at its next check (between two
  /// iterations or two test batches), even while this thread is busy inside a
  /// test pass and cannot receive queued calls.
  void requestStop();
  /// Thread-safe: stops for good (the controller is shutting down).
  void abort() {
    m_abort = true;
    requestStop();
  }

  // --- commands (call through QMetaObject::invokeMethod from the GUI thread) ---
  /// Builds a new solver from `request` (discarding the previous one) and trains
  /// until max_iter, or pauses after `budget` iterations when budget > 0.
  void start(const crema::ui::RunRequest& request, int budget);
  /// Leaves a pause (or restarts a halted solver); pauses again after `budget`
  /// iterations when budget > 0.
  void resume(int budget);
  void pause();
  /// Stops at the next iteration; the solver and its weights are kept.
  void stop();
  void snapshot();
  void testNow();
  void setBaseLr(double value);
  void setMomentum(double value);
  void setThreads(int threads);
  void setLiveViews(const crema::ui::LiveViews& views);
  void requestBatch(int count);
  void requestFilters(const QString& layer, bool diff);
  void requestFeatureMaps(int imageIndex);
  /// Chooses the images (test-set positions) and output blob (empty: the blob
  /// feeding the loss) of the score evolution, recorded every `every` iterations.
  void configureScores(const QVector<int>& indices, const QString& blob, int every);
  /// Whether each test pass also evaluates up to `maxImages` test images one by
  /// one (confusion matrix, worst images).
  void setEvaluation(bool enabled, int maxImages);

  // --- crema::TrainingObserver (called by the solver on this thread) ---
  void OnIteration(const crema::IterationStats& stats) override;
  void OnTest(const crema::TestResult& result) override;
  void OnSnapshot(int iter, const std::string& model_path, const std::string& state_path) override;
  void OnNonFinite(int iter, const std::string& message) override;

 signals:
  void stateChanged(crema::ui::TrainingState state, int iter, int maxIter);
  void iterationDone(const crema::ui::IterationPoint& point);
  void testDone(const crema::ui::TestPoint& point);
  void hyperChanged(const crema::ui::HyperChange& change);
  void snapshotWritten(int iter, const QString& modelPath, const QString& statePath);
  /// Training stopped on a non-finite value; message names the layer.
  void nonFinite(int iter, const QString& message);
  void failed(const QString& message);
  /// Net description of the current run: layers (name, type) and blob names.
  void netInfo(const QStringList& convLayers, const QStringList& ipLayers, const QStringList& blobs,
               const QString& defaultOutput);
  void batchReady(const crema::ui::BatchImages& batch);
  void filtersReady(const crema::ui::FilterImages& filters);
  void featureMapsReady(const crema::ui::FeatureMaps& maps);
  void scoreSetupReady(const crema::ui::ScoreSetup& setup);
  void scoreRecorded(const crema::ui::ScoreRecord& record);
  void evaluationReady(const crema::ui::EvalResult& result);

 private:
  void runSolver();
  void setState(TrainingState state);
  void pauseHere();
  void deliverCommands();
  void checkNonFinite(const crema::IterationStats& stats);
  void pushLiveViews(bool force);
  bool ensureTestSet(int count, QString* note);
  bool ensureScoreProbe();
  void recordScores(int iter);
  void evaluate(int iter);
  void emitNetInfo();
  void resetProbes();
  /// Runs `fn`, turning any exception into failed(context: what).
  template <typename Fn>
  bool guarded(const char* context, Fn&& fn);

  std::unique_ptr<crema::Solver> m_solver;
  std::mutex m_solverMutex;  ///< guards m_solver's replacement against requestStop()
  RunRequest m_request;
  TrainingState m_state = TrainingState::Idle;
  std::atomic<bool> m_abort{false};
  bool m_inSolve = false;
  bool m_stopRequested = false;
  bool m_pauseRequested = false;
  bool m_resumeRequested = false;
  bool m_tested = false;  ///< a test pass has filled the test net's blobs
  int m_budget = -1;  ///< iterations left before pausing; -1 = none
  QEventLoop* m_pauseLoop = nullptr;
  int m_threads = 0;
  int m_nonFiniteIter = -1;

  LiveViews m_live;
  QElapsedTimer m_liveClock;

  // Inside views (built lazily, rebuilt per run).
  std::unique_ptr<TestSet> m_testSet;
  std::unique_ptr<ProbeNet> m_scoreProbe;
  std::unique_ptr<ProbeNet> m_singleProbe;
  std::unique_ptr<ProbeNet> m_evalProbe;
  QVector<int> m_scoreIndices{0, 1, 2, 3, 4, 5, 6, 7};
  QString m_scoreBlobChoice;
  std::string m_scoreBlob;
  int m_scoreEvery = 1;
  bool m_scoreFailed = false;
  int m_lastScoreIter = -1;
  bool m_evalEnabled = true;
  int m_evalMax = 10000;
};

}  // namespace crema::ui
