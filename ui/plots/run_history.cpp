#include "plots/run_history.h"

#include <QFile>
#include <QMap>
#include <QTextStream>

#include <cmath>

namespace crema::ui {
namespace {

const QColor kPalette[] = {QColor(31, 119, 180), QColor(214, 39, 40), QColor(44, 160, 44),
                           QColor(148, 103, 189), QColor(255, 127, 14), QColor(140, 86, 75),
                           QColor(227, 119, 194), QColor(23, 190, 207)};

QString num(double v) { return std::isnan(v) ? QString() : QString::number(v, 'g', 8); }

}  // namespace

RunHistory::RunHistory(QObject* parent) : QObject(parent) {}

int RunHistory::startRun(const QString& name, int maxIter) {
  RunSeries r;
  r.id = m_nextId++;
  r.name = name;
  r.maxIter = maxIter;
  r.color = kPalette[(r.id - 1) % (sizeof(kPalette) / sizeof(kPalette[0]))];
  m_runs << r;
  ++m_revision;
  emit runsChanged();
  return r.id;
}

const RunSeries* RunHistory::run(int id) const {
  for (const auto& r : m_runs) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

void RunHistory::addIteration(const IterationPoint& p) {
  RunSeries* r = mutableCurrent();
  if (!r) return;
  // A resumed solver may report an iteration again; keep the series increasing.
  if (!r->iters.isEmpty() && p.iter <= r->iters.last()) return;
  r->iters << p.iter;
  r->loss << p.loss;
  r->smoothed << p.smoothedLoss;
  r->lr << p.lr;
  r->lastRate = p.itersPerSecond;
  ++m_revision;
}

void RunHistory::addTest(const TestPoint& p) {
  RunSeries* r = mutableCurrent();
  if (!r || p.testNet != 0) return;
  if (!r->testIters.isEmpty() && p.iter == r->testIters.last()) {
    r->testAccuracy.last() = p.accuracy;  // "Test now" at the same iteration: keep the latest
    r->testLoss.last() = p.loss;
  } else {
    r->testIters << p.iter;
    r->testAccuracy << p.accuracy;
    r->testLoss << p.loss;
  }
  updateBest(r);
  ++m_revision;
}

void RunHistory::setTestAccuracyIfMissing(int iter, double accuracy) {
  RunSeries* r = mutableCurrent();
  if (!r) return;
  for (int i = r->testIters.size() - 1; i >= 0; --i) {
    if (static_cast<int>(r->testIters[i]) != iter) continue;
    if (std::isnan(r->testAccuracy[i])) {
      r->testAccuracy[i] = accuracy;
      updateBest(r);
      ++m_revision;
    }
    return;
  }
}

void RunHistory::updateBest(RunSeries* r) {
  r->bestTest = -1;
  for (int i = 0; i < r->testIters.size(); ++i) {
    const double a = r->testAccuracy[i];
    if (!std::isnan(a)) {
      if (r->bestTest < 0 || a > r->testAccuracy[r->bestTest]) r->bestTest = i;
    }
  }
  if (r->bestTest >= 0) return;
  for (int i = 0; i < r->testIters.size(); ++i) {
    const double l = r->testLoss[i];
    if (!std::isnan(l) && (r->bestTest < 0 || l < r->testLoss[r->bestTest])) r->bestTest = i;
  }
}

void RunHistory::addChange(const HyperChange& c) {
  RunSeries* r = mutableCurrent();
  if (!r) return;
  r->changes << c;
  ++m_revision;
}

void RunHistory::setOverlay(int id, bool on) {
  for (auto& r : m_runs) {
    if (r.id == id && r.overlay != on) {
      r.overlay = on;
      ++m_revision;
      emit runsChanged();
    }
  }
}

void RunHistory::removeRun(int id) {
  for (int i = 0; i < m_runs.size(); ++i) {
    if (m_runs[i].id == id) {
      m_runs.removeAt(i);
      ++m_revision;
      emit runsChanged();
      return;
    }
  }
}

QString RunHistory::csv(int id) const {
  const RunSeries* r = run(id);
  if (!r) return QString();
  QMap<int, int> testAt;
  for (int i = 0; i < r->testIters.size(); ++i) testAt.insert(static_cast<int>(r->testIters[i]), i);
  QString out;
  QTextStream s(&out);
  s << "iter,loss,smoothed_loss,lr,test_accuracy,test_loss\n";
  auto testCols = [&](int iter) {
    const int t = testAt.value(iter, -1);
    return t < 0 ? QStringLiteral(",") : num(r->testAccuracy[t]) + QLatin1Char(',') + num(r->testLoss[t]);
  };
  for (int i = 0; i < r->iters.size(); ++i) {
    const int iter = static_cast<int>(r->iters[i]);
    s << iter << ',' << num(r->loss[i]) << ',' << num(r->smoothed[i]) << ',' << num(r->lr[i]) << ','
      << testCols(iter) << '\n';
    testAt.remove(iter);
  }
  // Test passes at iterations without a training row (iteration 0, Test now).
  for (auto it = testAt.begin(); it != testAt.end(); ++it) s << it.key() << ",,,," << testCols(it.key()) << '\n';
  return out;
}

bool RunHistory::writeCsv(int id, const QString& path, QString* error) const {
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, f.errorString());
    return false;
  }
  f.write(csv(id).toUtf8());
  return true;
}

}  // namespace crema::ui
