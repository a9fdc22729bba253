#include "plots/training_plots.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "plots/run_history.h"

namespace crema::ui {
namespace {

const QColor kRaw(120, 160, 210, 110);
const QColor kSmooth(31, 90, 180);
const QColor kTestLoss(230, 120, 20);
const QColor kAccuracy(200, 30, 40);
const QColor kChange(130, 60, 170);

QColor faded(QColor c, int alpha = 150) {
  c.setAlpha(alpha);
  return c;
}

/// Finite values of `v` at positions [from, to) with their keys.
void finitePoints(const QVector<double>& keys, const QVector<double>& v, int from, QVector<double>* k,
                  QVector<double>* out) {
  for (int i = from; i < v.size(); ++i) {
    if (std::isfinite(v[i])) {
      *k << keys[i];
      *out << v[i];
    }
  }
}

void rangeOf(const QCPGraph* g, bool* any, double* lo, double* hi, bool positiveOnly) {
  for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
    const double v = it->value;
    if (!std::isfinite(v) || (positiveOnly && v <= 0)) continue;
    if (!*any) {
      *lo = *hi = v;
      *any = true;
    } else {
      *lo = std::min(*lo, v);
      *hi = std::max(*hi, v);
    }
  }
}

}  // namespace

PlotPanel::PlotPanel(RunHistory* history, QWidget* parent) : QWidget(parent), m_history(history) {
  m_plot = new QCustomPlot(this);
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_plot->setNoAntialiasingOnDrag(true);
  m_plot->legend->setVisible(true);
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.85);
  m_plot->legend->setFont(small);
  m_plot->legend->setBrush(QColor(255, 255, 255, 200));
  // Right middle: loss falls to the bottom and accuracy rises to the top, leaving it free.
  m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignVCenter | Qt::AlignRight);
  connect(m_plot, &QCustomPlot::mousePress, this, [this] { m_follow = false; });
  connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_follow = false; });

  auto* reset = new QPushButton(tr("Reset view"), this);
  reset->setToolTip(tr("Follow the data again after zooming (wheel) or panning (drag)"));
  connect(reset, &QPushButton::clicked, this, &PlotPanel::resetView);
  auto* exportButton = new QToolButton(this);
  exportButton->setText(tr("Export"));
  exportButton->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(exportButton);
  menu->addAction(tr("PNG image…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export plot"), QString(), tr("PNG (*.png)"));
    if (!path.isEmpty() && !exportPng(path)) QMessageBox::warning(this, tr("Export"), tr("Could not write %1").arg(path));
  });
  menu->addAction(tr("PDF document…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export plot"), QString(), tr("PDF (*.pdf)"));
    if (!path.isEmpty() && !exportPdf(path)) QMessageBox::warning(this, tr("Export"), tr("Could not write %1").arg(path));
  });
  menu->addAction(tr("CSV data…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export data"), QString(), tr("CSV (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error)) QMessageBox::warning(this, tr("Export"), error);
  });
  exportButton->setMenu(menu);

  m_bar = new QHBoxLayout;
  m_bar->setContentsMargins(4, 0, 4, 0);
  m_bar->addStretch(1);
  m_bar->addWidget(reset);
  m_bar->addWidget(exportButton);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addLayout(m_bar);
  layout->addWidget(m_plot, 1);
}

void PlotPanel::addLogToggle(const QString& text, QCPAxis* axis) {
  auto* box = new QCheckBox(text, this);
  box->setToolTip(tr("Logarithmic scale"));
  connect(box, &QCheckBox::toggled, this, [this, axis](bool on) {
    setAxisLog(axis, on);
    if (m_follow) rescale();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
  });
  m_bar->insertWidget(m_bar->count() - 3, box);
}

void PlotPanel::setAxisLog(QCPAxis* axis, bool log) {
  if (log) {
    axis->setScaleType(QCPAxis::stLogarithmic);
    axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    axis->setNumberFormat(QStringLiteral("eb"));
    axis->setNumberPrecision(0);
  } else {
    axis->setScaleType(QCPAxis::stLinear);
    axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    axis->setNumberFormat(QStringLiteral("gb"));
    axis->setNumberPrecision(6);
  }
}

void PlotPanel::resetView() {
  m_follow = true;
  rescale();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotPanel::sync() {
  const RunSeries* cur = m_history->current();
  QSet<int> overlays;
  for (const auto& r : m_history->runs()) {
    if (r.overlay && cur && r.id != cur->id) overlays.insert(r.id);
  }
  const int curId = cur ? cur->id : -1;
  if (m_revision == m_history->revision() && !m_rebuild) return;
  m_revision = m_history->revision();
  if (m_rebuild || curId != m_runId || overlays != m_overlays) {
    m_runId = curId;
    m_overlays = overlays;
    m_rebuild = false;
    rebuild();
  } else {
    append();
  }
  if (cur && cur->changes.size() != m_changeCount) drawChangeMarkers();
  if (m_follow) rescale();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotPanel::drawChangeMarkers() {
  for (int i = m_plot->itemCount() - 1; i >= 0; --i) {
    if (m_plot->item(i)->property("changeMarker").toBool()) m_plot->removeItem(i);
  }
  const RunSeries* cur = m_history->current();
  m_changeCount = cur ? cur->changes.size() : 0;
  if (!cur) return;
  for (const auto& c : cur->changes) {
    auto* line = new QCPItemStraightLine(m_plot);
    line->setProperty("changeMarker", true);
    line->setPen(QPen(kChange, 1, Qt::DashLine));
    line->point1->setCoords(c.iter, 1);
    line->point2->setCoords(c.iter, 2);
    auto* label = new QCPItemText(m_plot);
    label->setProperty("changeMarker", true);
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(c.iter, 0.0);
    label->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
    label->setColor(kChange);
    label->setPadding(QMargins(3, 2, 3, 2));
    label->setText(QStringLiteral("%1 → %2").arg(c.name).arg(c.value, 0, 'g', 4));
  }
}

bool PlotPanel::exportPng(const QString& path) { return m_plot->savePng(path, 0, 0, 2.0); }

bool PlotPanel::exportPdf(const QString& path) { return m_plot->savePdf(path); }

bool PlotPanel::exportCsv(const QString& path, QString* error) {
  const RunSeries* cur = m_history->current();
  if (!cur) {
    if (error) *error = tr("There is no run to export yet.");
    return false;
  }
  return m_history->writeCsv(cur->id, path, error);
}

void PlotPanel::clearPlot() {
  m_plot->clearGraphs();
  for (int i = m_plot->itemCount() - 1; i >= 0; --i) m_plot->removeItem(i);
  m_changeCount = 0;
  m_synced = 0;
}

QCPGraph* PlotPanel::addOverlayGraph(const RunSeries& run, const QString& name, QCPAxis* valueAxis,
                                     Qt::PenStyle style) {
  QCPGraph* g = m_plot->addGraph(m_plot->xAxis, valueAxis);
  g->setName(name);
  g->setPen(QPen(faded(run.color), 1.2, style));
  return g;
}

// --- LossPlot ------------------------------------------------------------------

LossPlot::LossPlot(RunHistory* history, QWidget* parent) : PlotPanel(history, parent) {
  m_plot->xAxis->setLabel(tr("iteration"));
  m_plot->yAxis->setLabel(tr("train loss"));
  m_plot->yAxis2->setLabel(tr("test accuracy"));
  m_plot->yAxis2->setVisible(true);
  m_plot->yAxis2->setTickLabelColor(kAccuracy);
  m_plot->yAxis2->setLabelColor(kAccuracy);
  m_plot->axisRect()->setRangeZoomAxes({m_plot->xAxis}, {m_plot->yAxis, m_plot->yAxis2});
  m_plot->axisRect()->setRangeDragAxes({m_plot->xAxis}, {m_plot->yAxis, m_plot->yAxis2});
  addLogToggle(tr("log loss"), m_plot->yAxis);
  addLogToggle(tr("log accuracy"), m_plot->yAxis2);
  addLogToggle(tr("log iteration"), m_plot->xAxis);
  rebuild();
}

void LossPlot::rebuild() {
  clearPlot();

  // Earlier runs first, so the current run draws on top.
  for (const auto& r : m_history->runs()) {
    if (!m_overlays.contains(r.id)) continue;
    addOverlayGraph(r, tr("#%1 smoothed loss").arg(r.id), m_plot->yAxis, Qt::DashLine)
        ->setData(r.iters, r.smoothed, true);
    auto* a = addOverlayGraph(r, tr("#%1 accuracy").arg(r.id), m_plot->yAxis2, Qt::DotLine);
    a->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, faded(r.color), 4));
    QVector<double> k, v;
    finitePoints(r.testIters, r.testAccuracy, 0, &k, &v);
    a->setData(k, v, true);
  }

  m_loss = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
  m_loss->setName(tr("train loss"));
  m_loss->setPen(QPen(kRaw, 1));
  m_smoothed = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
  m_smoothed->setName(tr("smoothed (average_loss)"));
  m_smoothed->setPen(QPen(kSmooth, 2));
  m_testLoss = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
  m_testLoss->setName(tr("test loss"));
  m_testLoss->setPen(QPen(kTestLoss, 1.5));
  m_testLoss->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, kTestLoss, 5));
  m_accuracy = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
  m_accuracy->setName(tr("test accuracy"));
  m_accuracy->setPen(QPen(kAccuracy, 2));
  m_accuracy->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kAccuracy, 6));

  auto* tracer = new QCPItemTracer(m_plot);
  tracer->setObjectName(QStringLiteral("best"));
  tracer->setStyle(QCPItemTracer::tsCircle);
  tracer->setSize(14);
  tracer->setPen(QPen(QColor(20, 140, 60), 2));
  tracer->setVisible(false);
  auto* label = new QCPItemText(m_plot);
  label->setObjectName(QStringLiteral("bestLabel"));
  label->position->setParentAnchor(tracer->position);
  label->position->setCoords(0, -12);
  label->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
  label->setColor(QColor(20, 120, 50));
  label->setVisible(false);
  append();
}

void LossPlot::append() {
  const RunSeries* cur = m_history->current();
  if (!cur) return;
  const int n = cur->iters.size();
  if (n > m_synced) {
    QVector<double> k, v, ks, vs;
    finitePoints(cur->iters, cur->loss, m_synced, &k, &v);
    finitePoints(cur->iters, cur->smoothed, m_synced, &ks, &vs);
    m_loss->addData(k, v, true);
    m_smoothed->addData(ks, vs, true);
    m_synced = n;
  }
  updateTests();
}

void LossPlot::updateTests() {
  const RunSeries* cur = m_history->current();
  QVector<double> k, v, kl, vl;
  finitePoints(cur->testIters, cur->testAccuracy, 0, &k, &v);
  finitePoints(cur->testIters, cur->testLoss, 0, &kl, &vl);
  m_accuracy->setData(k, v, true);
  m_testLoss->setData(kl, vl, true);
  auto* tracer = m_plot->findChild<QCPItemTracer*>(QStringLiteral("best"));
  auto* label = m_plot->findChild<QCPItemText*>(QStringLiteral("bestLabel"));
  if (!tracer || !label) return;
  const int b = cur->bestTest;
  if (b < 0) {
    tracer->setVisible(false);
    label->setVisible(false);
    return;
  }
  const bool byAccuracy = std::isfinite(cur->testAccuracy[b]);
  tracer->setGraph(byAccuracy ? m_accuracy : m_testLoss);
  tracer->setGraphKey(cur->testIters[b]);
  tracer->setInterpolating(false);
  tracer->setVisible(true);
  // Keep the label inside the plot: right of the point in the first half, left of it after.
  const double xmax = cur->iters.isEmpty() ? cur->testIters[b] : std::max(cur->iters.last(), cur->testIters.last());
  const bool leftHalf = cur->testIters[b] <= xmax / 2;
  // Accuracy peaks near the top of its axis: write below the point; a loss minimum: above it.
  label->setPositionAlignment((byAccuracy ? Qt::AlignTop : Qt::AlignBottom) | (leftHalf ? Qt::AlignLeft : Qt::AlignRight));
  label->position->setCoords(leftHalf ? 8 : -8, byAccuracy ? 8 : -8);
  label->setText(byAccuracy ? tr("best %1 @ %2").arg(cur->testAccuracy[b], 0, 'f', 4).arg(cur->testIters[b])
                            : tr("best loss %1 @ %2").arg(cur->testLoss[b], 0, 'g', 4).arg(cur->testIters[b]));
  label->setVisible(true);
}

void LossPlot::rescale() {
  const RunSeries* cur = m_history->current();
  double xmax = 10;
  for (int g = 0; g < m_plot->graphCount(); ++g) {
    const auto* d = m_plot->graph(g)->data().data();
    if (!d->isEmpty()) xmax = std::max(xmax, (d->constEnd() - 1)->key);
  }
  const bool logX = m_plot->xAxis->scaleType() == QCPAxis::stLogarithmic;
  m_plot->xAxis->setRange(logX ? 1 : 0, xmax * 1.02);
  const bool logY = m_plot->yAxis->scaleType() == QCPAxis::stLogarithmic;
  bool any = false;
  double lo = 0, hi = 1;
  for (int g = 0; g < m_plot->graphCount(); ++g) {
    if (m_plot->graph(g)->valueAxis() == m_plot->yAxis) rangeOf(m_plot->graph(g), &any, &lo, &hi, logY);
  }
  if (any) {
    if (logY) {
      m_plot->yAxis->setRange(lo / 1.3, hi * 1.3);
    } else {
      m_plot->yAxis->setRange(0, hi * 1.05 + 1e-9);
    }
  }
  const bool logY2 = m_plot->yAxis2->scaleType() == QCPAxis::stLogarithmic;
  bool anyA = false;
  double alo = 0, ahi = 1;
  for (int g = 0; g < m_plot->graphCount(); ++g) {
    if (m_plot->graph(g)->valueAxis() == m_plot->yAxis2) rangeOf(m_plot->graph(g), &anyA, &alo, &ahi, logY2);
  }
  if (logY2) {
    m_plot->yAxis2->setRange(anyA ? alo / 1.1 : 0.01, 1.05);
  } else {
    m_plot->yAxis2->setRange(anyA ? std::max(0.0, std::min(alo, 1.0) - 0.05) : 0.0, 1.02);
  }
  (void)cur;
}

// --- LrPlot ------------------------------------------------------------------

LrPlot::LrPlot(RunHistory* history, QWidget* parent) : PlotPanel(history, parent) {
  m_plot->xAxis->setLabel(tr("iteration"));
  m_plot->yAxis->setLabel(tr("learning rate"));
  addLogToggle(tr("log lr"), m_plot->yAxis);
  addLogToggle(tr("log iteration"), m_plot->xAxis);
  rebuild();
}

void LrPlot::rebuild() {
  clearPlot();
  for (const auto& r : m_history->runs()) {
    if (!m_overlays.contains(r.id)) continue;
    addOverlayGraph(r, tr("#%1 lr").arg(r.id), m_plot->yAxis, Qt::DashLine)->setData(r.iters, r.lr, true);
  }
  m_lr = m_plot->addGraph();
  m_lr->setName(tr("learning rate"));
  m_lr->setPen(QPen(QColor(30, 120, 60), 2));
  append();
}

void LrPlot::append() {
  const RunSeries* cur = m_history->current();
  if (!cur) return;
  if (cur->iters.size() > m_synced) {
    QVector<double> k, v;
    finitePoints(cur->iters, cur->lr, m_synced, &k, &v);
    m_lr->addData(k, v, true);
    m_synced = cur->iters.size();
  }
}

void LrPlot::rescale() {
  m_plot->rescaleAxes();
  const bool logX = m_plot->xAxis->scaleType() == QCPAxis::stLogarithmic;
  m_plot->xAxis->setRange(logX ? 1 : 0, std::max(10.0, m_plot->xAxis->range().upper * 1.02));
  const QCPRange r = m_plot->yAxis->range();
  if (m_plot->yAxis->scaleType() == QCPAxis::stLogarithmic) {
    m_plot->yAxis->setRange(r.lower / 1.3, r.upper * 1.3);
  } else {
    m_plot->yAxis->setRange(0, r.upper * 1.1 + 1e-12);
  }
}

}  // namespace crema::ui
