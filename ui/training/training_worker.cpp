#include "training/training_worker.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common.h"
#include "dnnl/dnnl_context.h"
#include "net.h"
#include "solver/solver.h"
#include "training/probe.h"
#include "training/render.h"

namespace crema::ui {
namespace {

/// The net the probes are built from: the TEST net of the request (separate
/// test_net_param, else the shared net_param, else the train net).
const caffe::NetParameter& testNetParam(const caffe::SolverParameter& s) {
  if (s.test_net_param_size() > 0) return s.test_net_param(0);
  if (s.has_net_param()) return s.net_param();
  return s.train_net_param();
}

/// Index of the first layer without bottoms (the data layer), or -1.
int dataLayerIndex(const crema::Net& net) {
  const auto& bottoms = net.bottom_vecs();
  for (size_t i = 0; i < bottoms.size(); ++i) {
    if (bottoms[i].empty() && !net.top_vecs()[i].empty()) return static_cast<int>(i);
  }
  return -1;
}

bool allFinite(const float* v, int n) {
  for (int i = 0; i < n; ++i) {
    if (!std::isfinite(v[i])) return false;
  }
  return true;
}

bool isSplitBlob(const std::string& name) { return name.find("_split_") != std::string::npos; }

QVector<int> toQVector(const std::vector<int>& v) { return QVector<int>(v.begin(), v.end()); }

/// Images and labels of the first `count` items of a data layer's tops.
void batchImages(const crema::Net& net, int count, QVector<QImage>* images, QVector<int>* labels) {
  const int li = dataLayerIndex(net);
  if (li < 0) return;
  const auto& tops = net.top_vecs()[li];
  const crema::Blob& data = *tops[0];
  if (data.num_axes() < 2 || data.count() == 0) return;
  const int n = std::min(count, data.shape(0));
  const int c = data.channels(), h = data.height(), w = data.width();
  const int per = data.count(1);
  const auto range = render::finiteRange(data.cpu_data(), static_cast<size_t>(n) * per);
  for (int i = 0; i < n; ++i) {
    images->append(render::chwImage(data.cpu_data() + static_cast<size_t>(i) * per, c, h, w, range));
    labels->append(tops.size() > 1 && i < tops[1]->count() ? static_cast<int>(tops[1]->cpu_data()[i])
                                                           : -1);
  }
}

}  // namespace

TrainingWorker::TrainingWorker(QObject* parent) : QObject(parent) {}

TrainingWorker::~TrainingWorker() = default;

template <typename Fn>
bool TrainingWorker::guarded(const char* context, Fn&& fn) {
  try {
    fn();
    return true;
  } catch (const std::exception& e) {
    emit failed(QStringLiteral("%1: %2").arg(tr(context), QString::fromUtf8(e.what())));
  } catch (...) {
    emit failed(tr("%1: unknown error").arg(tr(context)));
  }
  return false;
}

void TrainingWorker::setState(TrainingState state) {
  m_state = state;
  emit stateChanged(state, m_solver ? m_solver->iter() : 0, m_request.solver.max_iter());
}

void TrainingWorker::resetProbes() {
  m_scoreProbe.reset();
  m_singleProbe.reset();
  m_evalProbe.reset();
  m_testSet.reset();
  m_scoreBlob.clear();
  m_scoreFailed = false;
  m_lastScoreIter = -1;
  m_tested = false;
}

void TrainingWorker::start(const RunRequest& request, int budget) {
  if (m_inSolve) {
    emit failed(tr("A run is already in progress; stop it first."));
    return;
  }
  resetProbes();
  {
    std::lock_guard<std::mutex> lock(m_solverMutex);
    m_solver.reset();
  }
  m_request = request;
  m_stopRequested = m_pauseRequested = m_resumeRequested = false;
  m_budget = budget > 0 ? budget : -1;
  m_nonFiniteIter = -1;
  setState(TrainingState::Starting);
  const bool ok = guarded(QT_TR_NOOP("Could not build the solver"), [&] {
    if (m_threads > 0) crema::SetNumThreads(m_threads);
    auto solver = crema::CreateSolver(request.solver, request.baseDir);
    solver->set_observer(this);
    std::lock_guard<std::mutex> lock(m_solverMutex);
    m_solver = std::move(solver);
  });
  if (!ok) {
    setState(TrainingState::Failed);
    return;
  }
  emitNetInfo();
  if (ensureScoreProbe()) recordScores(m_solver->iter());
  runSolver();
}

void TrainingWorker::requestStop() {
  std::lock_guard<std::mutex> lock(m_solverMutex);
  if (m_solver) m_solver->control().RequestStop();
}

void TrainingWorker::runSolver() {
  m_inSolve = true;
  setState(TrainingState::Running);
  bool ok = true;
  try {
    m_solver->Solve();
  } catch (const crema::NumericError& e) {
    // The solver stops before applying a non-finite update and has reported the
    // layer through OnNonFinite: keep it, halted, so the user can change base_lr
    // and resume, or stop.
    m_inSolve = false;
    if (m_nonFiniteIter < 0) OnNonFinite(m_solver->iter(), e.what());
    setState(TrainingState::Halted);
    pushLiveViews(true);
    return;
  } catch (const std::exception& e) {
    ok = false;
    emit failed(tr("Training failed: %1").arg(QString::fromUtf8(e.what())));
  } catch (...) {
    ok = false;
    emit failed(tr("Training failed: unknown error"));
  }
  m_inSolve = false;
  if (!ok) {
    setState(TrainingState::Failed);
    return;
  }
  const int iter = m_solver->iter();
  const int maxIter = m_request.solver.max_iter();
  if (m_abort || m_stopRequested) {
    setState(TrainingState::Stopped);
  } else if (m_nonFiniteIter >= 0 && iter < maxIter) {
    setState(TrainingState::Halted);
  } else if (iter >= maxIter) {
    setState(TrainingState::Finished);
  } else {
    setState(TrainingState::Stopped);
  }
  if (!m_abort) pushLiveViews(true);
}

void TrainingWorker::resume(int budget) {
  m_budget = budget > 0 ? budget : -1;
  m_pauseRequested = false;
  if (m_pauseLoop) {
    m_resumeRequested = true;
    m_pauseLoop->quit();
    return;
  }
  if (!m_inSolve && m_solver && m_state == TrainingState::Halted) {
    m_stopRequested = false;
    m_nonFiniteIter = -1;
    runSolver();
  }
}

void TrainingWorker::pause() {
  if (m_inSolve && !m_pauseLoop) m_pauseRequested = true;
}

void TrainingWorker::stop() {
  if (!m_solver) return;
  m_stopRequested = true;
  m_solver->control().RequestStop();
  if (m_pauseLoop) {
    m_pauseLoop->quit();
  } else if (!m_inSolve) {
    // Nothing is running: do not leave a stop request behind for a later Test now.
    m_solver->control().TakeStop();
    if (m_state == TrainingState::Halted) setState(TrainingState::Stopped);
  }
}

void TrainingWorker::pauseHere() {
  m_pauseRequested = false;
  m_resumeRequested = false;
  setState(TrainingState::Paused);
  pushLiveViews(true);
  QEventLoop loop;
  m_pauseLoop = &loop;
  while (!m_resumeRequested && !m_stopRequested && !m_abort) loop.exec();
  m_pauseLoop = nullptr;
  if (!m_stopRequested && !m_abort) setState(TrainingState::Running);
}

void TrainingWorker::deliverCommands() {
  // Queued invocations from the GUI thread (pause, stop, lr, views, ...) run here,
  // between two iterations, on this thread.
  QCoreApplication::processEvents(QEventLoop::AllEvents);
}

void TrainingWorker::OnIteration(const crema::IterationStats& stats) {
  IterationPoint p;
  p.iter = stats.iter;
  p.loss = stats.loss;
  p.smoothedLoss = stats.smoothed_loss;
  p.lr = stats.lr;
  p.itersPerSecond = stats.iters_per_second;
  emit iterationDone(p);

  if (!std::isfinite(stats.loss)) checkNonFinite(stats);
  if (m_scoreEvery > 0 && stats.iter % m_scoreEvery == 0) recordScores(stats.iter);
  pushLiveViews(false);
  deliverCommands();

  if (m_budget > 0 && --m_budget == 0) {
    m_budget = -1;
    m_pauseRequested = true;
  }
  if (m_pauseRequested && !m_stopRequested && !m_abort) pauseHere();
  if (m_abort || m_stopRequested) m_solver->control().RequestStop();
}

void TrainingWorker::OnTest(const crema::TestResult& result) {
  TestPoint t;
  t.iter = result.iter;
  t.testNet = result.test_net_id;
  double loss = 0;
  bool hasLoss = false;
  for (const auto& o : result.outputs) {
    const QString name = QString::fromStdString(o.name);
    t.names << name;
    t.values << o.value;
    if (std::isnan(t.accuracy) && name.contains(QLatin1String("acc"), Qt::CaseInsensitive)) {
      t.accuracy = o.value;
    }
    if (o.loss_weight != 0.f) {
      loss += static_cast<double>(o.value) * o.loss_weight;
      hasLoss = true;
    }
  }
  if (hasLoss) t.loss = loss;
  m_tested = true;
  emit testDone(t);
  if (result.test_net_id == 0) evaluate(result.iter);
}

void TrainingWorker::OnSnapshot(int iter, const std::string& model_path, const std::string& state_path) {
  emit snapshotWritten(iter, QString::fromStdString(model_path), QString::fromStdString(state_path));
}

void TrainingWorker::OnNonFinite(int iter, const std::string& message) {
  if (m_nonFiniteIter == iter) return;
  m_nonFiniteIter = iter;
  emit nonFinite(iter, QString::fromStdString(message));
}

void TrainingWorker::checkNonFinite(const crema::IterationStats& stats) {
  if (m_nonFiniteIter == stats.iter) return;
  m_nonFiniteIter = stats.iter;
  const crema::Net& net = m_solver->net();
  QString where;
  for (size_t i = 0; i < net.layers().size() && where.isEmpty(); ++i) {
    const auto& layer = *net.layers()[i];
    for (size_t t = 0; t < net.top_vecs()[i].size(); ++t) {
      const crema::Blob* top = net.top_vecs()[i][t];
      if (allFinite(top->cpu_data(), top->count())) continue;
      bool badWeights = false;
      for (const auto& b : layer.blobs()) badWeights |= !allFinite(b->cpu_data(), b->count());
      where = tr("layer '%1' (%2) produced non-finite values in '%3'%4")
                  .arg(QString::fromStdString(layer.name()), QString::fromUtf8(layer.type()),
                       QString::fromStdString(net.blob_names()[net.top_id_vecs()[i][t]]),
                       badWeights ? tr("; its weights are non-finite") : QString());
      break;
    }
  }
  if (where.isEmpty()) where = tr("every layer output is finite; the loss itself overflowed");
  emit nonFinite(stats.iter, tr("Loss is %1 at iteration %2: %3. Training paused; "
                                            "lower base_lr, then Resume, or Stop.")
                                 .arg(std::isnan(stats.loss) ? QStringLiteral("NaN") : tr("infinite"))
                                 .arg(stats.iter)
                                 .arg(where));
  m_pauseRequested = true;
}

void TrainingWorker::snapshot() {
  if (!m_solver) {
    emit failed(tr("Snapshot: there are no trained weights yet; run or step first."));
    return;
  }
  guarded(QT_TR_NOOP("Snapshot failed"), [&] { m_solver->Snapshot(); });
}

void TrainingWorker::testNow() {
  if (!m_solver) {
    emit failed(tr("Test: there is no net yet; run or step first."));
    return;
  }
  guarded(QT_TR_NOOP("Test failed"), [&] { m_solver->TestAll(); });
}

void TrainingWorker::setBaseLr(double value) {
  if (!m_solver) return;
  m_solver->control().SetBaseLr(static_cast<float>(value));
  emit hyperChanged({m_solver->iter(), QStringLiteral("base_lr"), value});
}

void TrainingWorker::setMomentum(double value) {
  if (!m_solver) return;
  m_solver->control().SetMomentum(static_cast<float>(value));
  emit hyperChanged({m_solver->iter(), QStringLiteral("momentum"), value});
}

void TrainingWorker::setThreads(int threads) {
  m_threads = threads;
  guarded(QT_TR_NOOP("Thread count"), [&] { crema::SetNumThreads(threads); });
}

void TrainingWorker::setLiveViews(const LiveViews& views) {
  m_live = views;
  if (m_solver && !m_inSolve) pushLiveViews(true);
}

void TrainingWorker::pushLiveViews(bool force) {
  if (!m_solver) return;
  if (!m_live.batch && !m_live.filters && !m_live.featureMaps) return;
  if (!force && m_liveClock.isValid() && m_liveClock.elapsed() < m_live.intervalMs) return;
  m_liveClock.restart();
  if (m_live.batch) requestBatch(m_live.batchCount);
  if (m_live.filters && !m_live.filterLayer.isEmpty()) requestFilters(m_live.filterLayer, m_live.filterDiff);
  if (m_live.featureMaps) requestFeatureMaps(m_live.featureImage);
}

void TrainingWorker::emitNetInfo() {
  QStringList conv, ip, blobs;
  const crema::Net& net = m_solver->net();
  for (const auto& l : net.layers()) {
    if (l->blobs().empty()) continue;
    const QString type = QString::fromUtf8(l->type());
    if (type == QLatin1String("Convolution") || type == QLatin1String("Deconvolution")) {
      conv << QString::fromStdString(l->name());
    } else {
      ip << QString::fromStdString(l->name());
    }
  }
  for (const auto& b : net.blob_names()) {
    if (!isSplitBlob(b)) blobs << QString::fromStdString(b);
  }
  emit netInfo(conv, ip, blobs, QString::fromStdString(defaultOutputBlob(net)));
}

void TrainingWorker::requestBatch(int count) {
  BatchImages b;
  if (!m_solver) {
    b.note = tr("No run yet: press Run or Step 1.");
    emit batchReady(b);
    return;
  }
  b.iter = m_solver->iter();
  try {
    batchImages(m_solver->net(), count, &b.train, &b.trainLabels);
    if (!m_solver->test_nets().empty() && m_tested) {
      batchImages(*m_solver->test_nets()[0], count, &b.test, &b.testLabels);
    } else {
      b.note = tr("The test batch appears after the first test pass.");
    }
  } catch (const std::exception& e) {
    b.note = QString::fromUtf8(e.what());
  }
  emit batchReady(b);
}

void TrainingWorker::requestFilters(const QString& layerName, bool diff) {
  FilterImages f;
  f.layer = layerName;
  f.diff = diff;
  if (!m_solver) {
    f.note = tr("No run yet: press Run or Step 1.");
    emit filtersReady(f);
    return;
  }
  f.iter = m_solver->iter();
  try {
    const crema::Net& net = m_solver->net();
    const std::string name = layerName.toStdString();
    if (!net.has_layer(name)) throw crema::ConfigError("no layer named '" + name + "'");
    const int li = net.layer_index(name);
    const auto& layer = *net.layers()[li];
    f.layerType = QString::fromUtf8(layer.type());
    if (layer.blobs().empty()) throw crema::ConfigError("layer '" + name + "' has no weights");
    const crema::Blob& w = *layer.blobs()[0];
    f.shape = toQVector(w.shape());
    const float* v = diff ? w.cpu_diff() : w.cpu_data();
    const auto range = render::finiteRange(v, w.count());
    f.lo = range.lo;
    f.hi = range.hi;
    if (w.num_axes() == 4) {
      // Convolution: one grid per input channel, each showing every output filter.
      const int out = w.shape(0), in = w.shape(1), kh = w.shape(2), kw = w.shape(3);
      const int shown = std::min(in, 64);
      f.tileCols = render::gridColumns(out);
      f.tileRows = (out + f.tileCols - 1) / f.tileCols;
      for (int c = 0; c < shown; ++c) {
        QVector<QImage> tiles;
        tiles.reserve(out);
        for (int o = 0; o < out; ++o) {
          tiles << render::grayTile(v + (static_cast<size_t>(o) * in + c) * kh * kw, kh, kw, range);
        }
        f.grids << render::tileGrid(tiles, f.tileCols);
        f.gridTitles << tr("input channel %1").arg(c);
      }
      if (shown < in) f.note = tr("showing %1 of %2 input channels").arg(shown).arg(in);
    } else if (w.num_axes() == 2) {
      const int out = w.shape(0), k = w.shape(1);
      const crema::Blob* bottom = net.bottom_vecs()[li].empty() ? nullptr : net.bottom_vecs()[li][0];
      const bool image = bottom && bottom->num_axes() == 4 && bottom->count(1) == k &&
                         bottom->channels() <= 3 && bottom->height() > 1 && bottom->width() > 1;
      if (image) {
        // Rows reshaped to the input image: the templates of a linear classifier.
        const int c = bottom->channels(), h = bottom->height(), wd = bottom->width();
        const int shown = std::min(out, 100);
        QVector<QImage> tiles;
        for (int o = 0; o < shown; ++o) tiles << render::chwImage(v + static_cast<size_t>(o) * k, c, h, wd, range);
        f.tileCols = render::gridColumns(shown);
        f.tileRows = (shown + f.tileCols - 1) / f.tileCols;
        f.grids << render::tileGrid(tiles, f.tileCols);
        f.gridTitles << tr("%1 rows as %2x%3x%4 images").arg(shown).arg(c).arg(h).arg(wd);
      } else {
        const int rows = std::min(out, 1024), cols = std::min(k, 2048);
        std::vector<float> m(static_cast<size_t>(rows) * cols);
        for (int r = 0; r < rows; ++r) {
          std::copy(v + static_cast<size_t>(r) * k, v + static_cast<size_t>(r) * k + cols,
                    m.begin() + static_cast<size_t>(r) * cols);
        }
        f.grids << render::grayTile(m.data(), rows, cols, range);
        f.gridTitles << tr("weight matrix %1 x %2 (rows = outputs)").arg(out).arg(k);
        f.tileRows = f.tileCols = 1;
      }
    } else {
      f.note = tr("%1-D weights are not shown").arg(w.num_axes());
    }
  } catch (const std::exception& e) {
    f.note = QString::fromUtf8(e.what());
  }
  emit filtersReady(f);
}

bool TrainingWorker::ensureTestSet(int count, QString* note) {
  if (m_testSet && m_testSet->size() >= count) return true;
  try {
    m_testSet = TestSet::load(testNetParam(m_request.solver), count, m_request.baseDir);
    // Probes hold no pointer into the set, but their batch may exceed a smaller set.
    return true;
  } catch (const std::exception& e) {
    m_testSet.reset();
    if (note) *note = tr("Test images unavailable: %1").arg(QString::fromUtf8(e.what()));
    return false;
  }
}

void TrainingWorker::requestFeatureMaps(int imageIndex) {
  FeatureMaps fm;
  fm.imageIndex = imageIndex;
  if (!m_solver) {
    fm.note = tr("No run yet: press Run or Step 1.");
    emit featureMapsReady(fm);
    return;
  }
  fm.iter = m_solver->iter();
  try {
    imageIndex = std::max(0, imageIndex);
    if (!ensureTestSet(std::max(imageIndex + 1, 8), &fm.note)) {
      emit featureMapsReady(fm);
      return;
    }
    imageIndex = std::min(imageIndex, m_testSet->size() - 1);
    fm.imageIndex = imageIndex;
    if (!m_singleProbe) {
      const crema::Net& shapes = m_solver->test_nets().empty() ? m_solver->net() : *m_solver->test_nets()[0];
      m_singleProbe = std::make_unique<ProbeNet>(testNetParam(m_request.solver), m_solver->net(), shapes, 1);
    }
    m_singleProbe->forward(*m_testSet, {imageIndex});
    fm.label = m_testSet->label(imageIndex);
    const float* img = m_testSet->image(imageIndex);
    fm.input = render::chwImage(img, m_testSet->channels(), m_testSet->height(), m_testSet->width(),
                                render::finiteRange(img, m_testSet->imageSize()));
    const crema::Net& net = m_singleProbe->net();
    for (size_t i = 0; i < net.blob_names().size(); ++i) {
      const std::string& name = net.blob_names()[i];
      // The input is shown on its own (fm.input); labels are not activations.
      if (isSplitBlob(name) || name == m_singleProbe->labelBlob() || name == m_singleProbe->dataBlob()) continue;
      const crema::Blob& b = *net.blobs()[i];
      BlobMap m;
      m.name = QString::fromStdString(name);
      m.shape = toQVector(b.shape());
      const int per = b.num_axes() > 1 ? b.count(1) : b.count();
      const float* v = b.cpu_data();
      const auto range = render::finiteRange(v, per);
      m.lo = range.lo;
      m.hi = range.hi;
      if (per <= 64) m.values = QVector<float>(v, v + per);
      if (b.num_axes() == 4 && b.height() * b.width() > 1) {
        const int c = std::min(b.channels(), 256), h = b.height(), w = b.width();
        QVector<QImage> tiles;
        for (int ch = 0; ch < c; ++ch) tiles << render::grayTile(v + static_cast<size_t>(ch) * h * w, h, w, range);
        m.image = render::tileGrid(tiles, render::gridColumns(c));
      } else if (per > 1) {
        const int cols = per <= 64 ? per : render::gridColumns(per);
        const int rows = (per + cols - 1) / cols;
        std::vector<float> padded(static_cast<size_t>(rows) * cols, range.lo);
        std::copy(v, v + per, padded.begin());
        m.image = render::grayTile(padded.data(), rows, cols, range);
      }
      fm.blobs << m;
    }
  } catch (const std::exception& e) {
    fm.note = QString::fromUtf8(e.what());
  }
  emit featureMapsReady(fm);
}

void TrainingWorker::configureScores(const QVector<int>& indices, const QString& blob, int every) {
  if (!indices.isEmpty()) m_scoreIndices = indices;
  m_scoreBlobChoice = blob;
  m_scoreEvery = std::max(1, every);
  m_scoreProbe.reset();
  m_scoreBlob.clear();
  m_scoreFailed = false;
  m_lastScoreIter = -1;
  if (m_solver && ensureScoreProbe()) recordScores(m_solver->iter());
}

bool TrainingWorker::ensureScoreProbe() {
  if (m_scoreProbe) return true;
  if (m_scoreFailed || !m_solver) return false;
  ScoreSetup setup;
  setup.indices = m_scoreIndices;
  setup.every = m_scoreEvery;
  try {
    const int maxIndex = *std::max_element(m_scoreIndices.begin(), m_scoreIndices.end());
    if (!ensureTestSet(std::max(maxIndex + 1, 8), &setup.note)) {
      m_scoreFailed = true;
      emit scoreSetupReady(setup);
      return false;
    }
    const crema::Net& shapes = m_solver->test_nets().empty() ? m_solver->net() : *m_solver->test_nets()[0];
    auto probe = std::make_unique<ProbeNet>(testNetParam(m_request.solver), m_solver->net(), shapes,
                                            m_scoreIndices.size());
    std::string blob = m_scoreBlobChoice.toStdString();
    if (blob.empty()) blob = defaultOutputBlob(m_solver->net());
    if (!probe->net().has_blob(blob)) throw crema::ConfigError("the test net has no blob '" + blob + "'");
    const crema::Blob& b = *probe->net().blob_by_name(blob);
    setup.blob = QString::fromStdString(blob);
    setup.classes = b.num_axes() > 1 ? b.count(1) : 1;
    for (int idx : m_scoreIndices) {
      const int i = std::clamp(idx, 0, m_testSet->size() - 1);
      const float* img = m_testSet->image(i);
      setup.thumbs << render::chwImage(img, m_testSet->channels(), m_testSet->height(), m_testSet->width(),
                                       render::finiteRange(img, m_testSet->imageSize()));
      setup.labels << m_testSet->label(i);
    }
    m_scoreProbe = std::move(probe);
    m_scoreBlob = blob;
    emit scoreSetupReady(setup);
    return true;
  } catch (const std::exception& e) {
    m_scoreFailed = true;
    setup.note = tr("Score evolution unavailable: %1").arg(QString::fromUtf8(e.what()));
    emit scoreSetupReady(setup);
    return false;
  }
}

void TrainingWorker::recordScores(int iter) {
  if (iter == m_lastScoreIter || !ensureScoreProbe()) return;
  try {
    std::vector<int> idx(m_scoreIndices.begin(), m_scoreIndices.end());
    m_scoreProbe->forward(*m_testSet, idx);
    const crema::Blob& b = *m_scoreProbe->net().blob_by_name(m_scoreBlob);
    const int per = b.num_axes() > 1 ? b.count(1) : 1;
    ScoreRecord r;
    r.iter = iter;
    r.values = QVector<float>(b.cpu_data(), b.cpu_data() + static_cast<size_t>(per) * idx.size());
    m_lastScoreIter = iter;
    emit scoreRecorded(r);
  } catch (const std::exception& e) {
    m_scoreFailed = true;
    m_scoreProbe.reset();
    ScoreSetup setup;
    setup.note = tr("Score evolution stopped: %1").arg(QString::fromUtf8(e.what()));
    emit scoreSetupReady(setup);
  }
}

void TrainingWorker::setEvaluation(bool enabled, int maxImages) {
  m_evalEnabled = enabled;
  m_evalMax = std::max(1, maxImages);
}

void TrainingWorker::evaluate(int iter) {
  if (!m_evalEnabled || !m_solver) return;
  EvalResult res;
  res.iter = iter;
  try {
    // As many images as the test pass reads (test_iter x batch), capped.
    int count = m_evalMax;
    if (!m_solver->test_nets().empty() && m_request.solver.test_iter_size() > 0) {
      const crema::Net& tn = *m_solver->test_nets()[0];
      const int li = dataLayerIndex(tn);
      if (li >= 0) count = std::min(count, m_request.solver.test_iter(0) * tn.top_vecs()[li][0]->shape(0));
    }
    if (!ensureTestSet(count, &res.note)) {
      emit evaluationReady(res);
      return;
    }
    count = std::min(count, m_testSet->size());
    if (!m_evalProbe) {
      const crema::Net& shapes = m_solver->test_nets().empty() ? m_solver->net() : *m_solver->test_nets()[0];
      m_evalProbe = std::make_unique<ProbeNet>(testNetParam(m_request.solver), m_solver->net(), shapes,
                                               std::min(count, 100));
    }
    std::string blob = m_scoreBlob.empty() ? defaultOutputBlob(m_solver->net()) : m_scoreBlob;
    if (!m_evalProbe->net().has_blob(blob)) throw crema::ConfigError("the test net has no blob '" + blob + "'");
    struct Judged {
      int index, label, pred;
      float predProb, trueProb, loss;
    };
    std::vector<Judged> all;
    all.reserve(count);
    const int batch = m_evalProbe->batch();
    int classes = 0;
    std::vector<float> probs;
    for (int start = 0; start < count; start += batch) {
      std::vector<int> idx;
      for (int i = start; i < std::min(count, start + batch); ++i) idx.push_back(i);
      m_evalProbe->forward(*m_testSet, idx);
      const crema::Blob& b = *m_evalProbe->net().blob_by_name(blob);
      classes = b.num_axes() > 1 ? b.count(1) : 1;
      probs.assign(b.cpu_data(), b.cpu_data() + static_cast<size_t>(classes) * batch);
      if (!render::rowsAreProbabilities(probs.data(), batch, classes)) render::softmaxRows(probs.data(), batch, classes);
      for (size_t k = 0; k < idx.size(); ++k) {
        const float* p = probs.data() + k * classes;
        const int pred = static_cast<int>(std::max_element(p, p + classes) - p);
        const int label = m_testSet->label(idx[k]);
        const float pt = label >= 0 && label < classes ? p[label] : 0.f;
        all.push_back({idx[k], label, pred, p[pred], pt, -std::log(std::max(pt, 1e-30f))});
      }
    }
    res.classes = classes;
    res.count = static_cast<int>(all.size());
    res.confusion.fill(0, classes * classes);
    int correct = 0;
    double lossSum = 0;
    for (const auto& j : all) {
      if (j.label >= 0 && j.label < classes) res.confusion[j.label * classes + j.pred]++;
      correct += j.label == j.pred;
      lossSum += j.loss;
    }
    res.accuracy = all.empty() ? 0 : static_cast<double>(correct) / all.size();
    res.meanLoss = all.empty() ? 0 : lossSum / all.size();
    auto toSample = [&](const Judged& j) {
      EvalSample s;
      s.index = j.index;
      s.label = j.label;
      s.predicted = j.pred;
      s.predictedProb = j.predProb;
      s.trueProb = j.trueProb;
      s.loss = j.loss;
      const float* img = m_testSet->image(j.index);
      s.image = render::chwImage(img, m_testSet->channels(), m_testSet->height(), m_testSet->width(),
                                 render::finiteRange(img, m_testSet->imageSize()));
      return s;
    };
    const size_t keep = std::min<size_t>(all.size(), 120);
    std::vector<Judged> sorted = all;
    std::partial_sort(sorted.begin(), sorted.begin() + keep, sorted.end(),
                      [](const Judged& a, const Judged& b) { return a.loss > b.loss; });
    for (size_t i = 0; i < keep; ++i) res.byLoss << toSample(sorted[i]);
    std::partial_sort(all.begin(), all.begin() + keep, all.end(),
                      [](const Judged& a, const Judged& b) { return a.predProb < b.predProb; });
    for (size_t i = 0; i < keep; ++i) res.leastSure << toSample(all[i]);
  } catch (const std::exception& e) {
    res.note = tr("Evaluation failed: %1").arg(QString::fromUtf8(e.what()));
  }
  emit evaluationReady(res);
}

}  // namespace crema::ui
