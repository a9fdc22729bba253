#include "training/training_controller.h"

#include "training/training_worker.h"

namespace crema::ui {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
  registerTrainingTypes();
  m_thread.setObjectName(QStringLiteral("crema-training"));
  m_worker = new TrainingWorker;
  m_worker->moveToThread(&m_thread);

  // Worker -> GUI: queued, values only.
  const auto q = Qt::QueuedConnection;
  connect(m_worker, &TrainingWorker::stateChanged, this, &TrainingController::onWorkerState, q);
  connect(m_worker, &TrainingWorker::iterationDone, this, &TrainingController::onIteration, q);
  connect(m_worker, &TrainingWorker::testDone, this, &TrainingController::testDone, q);
  connect(m_worker, &TrainingWorker::hyperChanged, this, &TrainingController::hyperChanged, q);
  connect(m_worker, &TrainingWorker::snapshotWritten, this, &TrainingController::snapshotWritten, q);
  connect(m_worker, &TrainingWorker::nonFinite, this, &TrainingController::nonFinite, q);
  connect(m_worker, &TrainingWorker::failed, this, &TrainingController::failed, q);
  connect(m_worker, &TrainingWorker::netInfo, this, &TrainingController::netInfo, q);
  connect(m_worker, &TrainingWorker::batchReady, this, &TrainingController::batchReady, q);
  connect(m_worker, &TrainingWorker::filtersReady, this, &TrainingController::filtersReady, q);
  connect(m_worker, &TrainingWorker::featureMapsReady, this, &TrainingController::featureMapsReady, q);
  connect(m_worker, &TrainingWorker::scoreSetupReady, this, &TrainingController::scoreSetupReady, q);
  connect(m_worker, &TrainingWorker::scoreRecorded, this, &TrainingController::scoreRecorded, q);
  connect(m_worker, &TrainingWorker::evaluationReady, this, &TrainingController::evaluationReady, q);
  m_thread.start();
}

TrainingController::~TrainingController() {
  m_worker->abort();
  post([w = m_worker] { w->stop(); });
  m_thread.quit();
  m_thread.wait();
  delete m_worker;  // the thread has finished: safe to destroy here
}

template <typename Fn>
void TrainingController::post(Fn&& fn) {
  QMetaObject::invokeMethod(m_worker, std::forward<Fn>(fn), Qt::QueuedConnection);
}

void TrainingController::onWorkerState(TrainingState state, int iter, int maxIter) {
  m_state = state;
  m_iter = iter;
  m_maxIter = maxIter;
  if (state != TrainingState::Running) m_rateClock.invalidate();  // pauses are not slow iterations
  emit stateChanged(state);
}

void TrainingController::onIteration(const IterationPoint& point) {
  m_iter = point.iter;
  // Wall-clock rate over windows of >= 1 s (everything included: tests, views),
  // smoothed; the solver's own figure times single iterations.
  if (!m_rateClock.isValid() || point.iter < m_rateIter) {
    m_rateClock.start();
    m_rateIter = point.iter;
    if (m_rate <= 0) m_rate = point.itersPerSecond;
  } else if (m_rateClock.elapsed() >= 1000) {
    const double windowRate = (point.iter - m_rateIter) * 1000.0 / m_rateClock.elapsed();
    m_rate = m_rate > 0 ? 0.6 * m_rate + 0.4 * windowRate : windowRate;
    m_rateClock.restart();
    m_rateIter = point.iter;
  }
  emit iterationDone(point);
}

void TrainingController::start(const RunRequest& request, int budget) {
  m_iter = 0;
  m_maxIter = request.solver.max_iter();
  m_rate = 0;
  m_rateClock.invalidate();
  m_state = TrainingState::Starting;
  emit runStarted(request.name, m_maxIter);
  emit stateChanged(m_state);
  post([w = m_worker, request, budget] { w->start(request, budget); });
}

void TrainingController::pause() {
  post([w = m_worker] { w->pause(); });
}

void TrainingController::resume() {
  post([w = m_worker] { w->resume(-1); });
}

void TrainingController::step(int n, const RunRequest& request) {
  n = std::max(1, n);
  if (m_state == TrainingState::Running || m_state == TrainingState::Starting || canResume()) {
    post([w = m_worker, n] { w->resume(n); });
  } else {
    start(request, n);
  }
}

void TrainingController::stop() {
  m_worker->requestStop();  // honoured even during a test pass
  post([w = m_worker] { w->stop(); });
}

void TrainingController::snapshot() {
  post([w = m_worker] { w->snapshot(); });
}

void TrainingController::testNow() {
  post([w = m_worker] { w->testNow(); });
}

void TrainingController::setBaseLr(double value) {
  post([w = m_worker, value] { w->setBaseLr(value); });
}

void TrainingController::setMomentum(double value) {
  post([w = m_worker, value] { w->setMomentum(value); });
}

void TrainingController::setThreads(int threads) {
  post([w = m_worker, threads] { w->setThreads(threads); });
}

void TrainingController::setLiveViews(const LiveViews& views) {
  post([w = m_worker, views] { w->setLiveViews(views); });
}

void TrainingController::requestBatch(int count) {
  post([w = m_worker, count] { w->requestBatch(count); });
}

void TrainingController::requestFilters(const QString& layer, bool diff) {
  post([w = m_worker, layer, diff] { w->requestFilters(layer, diff); });
}

void TrainingController::requestFeatureMaps(int imageIndex) {
  post([w = m_worker, imageIndex] { w->requestFeatureMaps(imageIndex); });
}

void TrainingController::configureScores(const QVector<int>& indices, const QString& blob, int every) {
  post([w = m_worker, indices, blob, every] { w->configureScores(indices, blob, every); });
}

void TrainingController::setEvaluation(bool enabled, int maxImages) {
  post([w = m_worker, enabled, maxImages] { w->setEvaluation(enabled, maxImages); });
}

}  // namespace crema::ui
