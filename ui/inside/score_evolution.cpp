#include "inside/score_evolution.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "inside/pixel_image.h"
#include "training/render.h"

namespace crema::ui {

QVector<int> parseIndexList(const QString& text) {
  QVector<int> out;
  const QStringList parts = text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
  static const QRegularExpression range(QStringLiteral(R"(^(\d+)\s*-\s*(\d+)$)"));
  for (const auto& p : parts) {
    const auto m = range.match(p);
    bool ok = false;
    if (m.hasMatch()) {
      const int a = m.captured(1).toInt(), b = m.captured(2).toInt();
      if (b < a || b - a > 63) return {};
      for (int i = a; i <= b; ++i) out << i;
    } else {
      const int v = p.toInt(&ok);
      if (!ok || v < 0) return {};
      out << v;
    }
  }
  if (out.size() > 64) return {};
  return out;
}

// --- ScoreHistory ------------------------------------------------------------------

void ScoreHistory::reset(const ScoreSetup& setup) {
  m_setup = setup;
  m_iters.clear();
  m_values.clear();
  m_min = m_max = 0;
}

bool ScoreHistory::add(const ScoreRecord& r) {
  const int per = images() * classes();
  if (per <= 0 || r.values.size() != per) return false;
  if (!m_iters.isEmpty() && r.iter <= m_iters.last()) return false;
  const auto range = render::finiteRange(r.values.constData(), r.values.size());
  if (m_iters.isEmpty()) {
    m_min = range.lo;
    m_max = range.hi;
  } else {
    m_min = std::min(m_min, range.lo);
    m_max = std::max(m_max, range.hi);
  }
  m_iters << r.iter;
  m_values << r.values;
  return true;
}

QVector<float> ScoreHistory::column(int image, int col, bool softmax) const {
  const int c = classes();
  const auto offset = (static_cast<qsizetype>(col) * images() + image) * c;
  QVector<float> v(m_values.constBegin() + offset, m_values.constBegin() + offset + c);
  if (softmax) render::softmaxRows(v.data(), 1, c);
  return v;
}

// --- ScoreEvolutionView ---------------------------------------------------------

ScoreEvolutionView::ScoreEvolutionView(QWidget* parent) : QWidget(parent) {
  m_indices = new QLineEdit(QStringLiteral("0-7"), this);
  m_indices->setToolTip(tr("Test images to follow: positions in the test set, e.g. 0-7 or 0,5,13"));
  m_indices->setMaximumWidth(120);
  m_blob = new QComboBox(this);
  m_blob->setToolTip(tr("Output blob to record (default: the blob feeding the loss)"));
  m_every = new QSpinBox(this);
  m_every->setRange(1, 10000);
  m_every->setValue(1);
  m_every->setPrefix(tr("every "));
  m_every->setSuffix(tr(" it"));
  auto* apply = new QPushButton(tr("Record"), this);
  apply->setToolTip(tr("Start recording the chosen images and blob (clears the heat maps)"));
  m_softmax = new QCheckBox(tr("softmax"), this);
  m_softmax->setToolTip(tr("Show probabilities (softmax over classes) instead of raw scores"));
  auto* all = new QPushButton(tr("Show all"), this);
  all->setToolTip(tr("Zoom out to the whole run (wheel zooms, drag scrolls back)"));
  m_info = new QLabel(tr("Scores appear when a run starts."), this);
  m_info->setWordWrap(true);

  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Images"), this));
  bar->addWidget(m_indices);
  bar->addWidget(m_blob);
  bar->addWidget(m_every);
  bar->addWidget(apply);
  bar->addWidget(m_softmax);
  bar->addWidget(all);
  bar->addStretch(1);

  auto* content = new QWidget(this);
  m_rows = new QVBoxLayout(content);
  m_rows->setAlignment(Qt::AlignTop);
  m_rows->setSpacing(2);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(content);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(bar);
  layout->addWidget(m_info);
  layout->addWidget(scroll, 1);

  connect(apply, &QPushButton::clicked, this, &ScoreEvolutionView::requestConfigure);
  connect(m_indices, &QLineEdit::returnPressed, this, &ScoreEvolutionView::requestConfigure);
  connect(m_softmax, &QCheckBox::toggled, this, [this] { redraw(); });
  connect(all, &QPushButton::clicked, this, [this] {
    m_follow = true;
    redraw();
  });
  // Heat maps redraw at most once a second while training (each is a plot of its own).
  m_redraw.setInterval(1000);
  connect(&m_redraw, &QTimer::timeout, this, [this] {
    if (m_dirty && isVisible()) redraw();
  });
  m_redraw.start();
}

void ScoreEvolutionView::setBlobs(const QStringList& blobs, const QString& defaultBlob) {
  const QString keep = m_blob->currentText();
  QSignalBlocker block(m_blob);
  m_blob->clear();
  m_blob->addItems(blobs);
  const int i = m_blob->findText(keep.isEmpty() ? defaultBlob : keep);
  m_blob->setCurrentIndex(i >= 0 ? i : m_blob->findText(defaultBlob));
}

bool ScoreEvolutionView::softmax() const { return m_softmax->isChecked(); }
void ScoreEvolutionView::setSoftmax(bool on) { m_softmax->setChecked(on); }

void ScoreEvolutionView::requestConfigure() {
  const QVector<int> indices = parseIndexList(m_indices->text());
  if (indices.isEmpty()) {
    m_info->setText(tr("Give up to 64 test-image positions, e.g. 0-7 or 0,5,13."));
    return;
  }
  emit configureRequested(indices, m_blob->currentText(), m_every->value());
}

void ScoreEvolutionView::setup(const ScoreSetup& setup) {
  m_history.reset(setup);
  m_follow = true;
  if (!setup.blob.isEmpty()) {
    const int i = m_blob->findText(setup.blob);
    if (i >= 0) {
      QSignalBlocker block(m_blob);
      m_blob->setCurrentIndex(i);
    }
  }
  if (setup.classes > 0) {
    m_info->setText(tr("Blob <b>%1</b> (%2 values) of %3 test images, recorded every %n iteration(s). "
                       "Drag to scroll back, wheel to zoom.", nullptr, setup.every)
                        .arg(setup.blob)
                        .arg(setup.classes)
                        .arg(setup.indices.size()));
  } else {
    m_info->setText(setup.note.isEmpty() ? tr("No scores.") : setup.note);
  }
  rebuildRows();
}

void ScoreEvolutionView::addRecord(const ScoreRecord& record) {
  if (m_history.add(record)) m_dirty = true;
}

void ScoreEvolutionView::rebuildRows() {
  while (QLayoutItem* item = m_rows->takeAt(0)) {
    if (item->widget()) item->widget()->deleteLater();
    delete item;
  }
  m_plots.clear();
  m_maps.clear();
  m_thumbs.clear();
  m_labels.clear();
  const ScoreSetup& s = m_history.setup();
  if (s.classes <= 0) return;
  QFont small = font();
  small.setPointSizeF(small.pointSizeF() * 0.8);
  for (int i = 0; i < s.indices.size(); ++i) {
    auto* row = new QWidget;
    auto* h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    auto* left = new QVBoxLayout;
    auto* thumb = new PixelImage(row, 2);
    thumb->setMaxScale(3);
    thumb->setImage(s.thumbs.value(i));
    auto* label = new QLabel(row);
    label->setFont(small);
    label->setMinimumWidth(70);
    left->addWidget(thumb);
    left->addWidget(label);
    left->addStretch(1);
    auto* plot = new QCustomPlot(row);
    plot->setMinimumHeight(std::max(110, s.classes * 11 + 30));
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeDrag(Qt::Horizontal);
    plot->axisRect()->setRangeZoom(Qt::Horizontal);
    plot->axisRect()->setMinimumMargins(QMargins(2, 2, 2, 2));
    plot->xAxis->setTickLabelFont(small);
    plot->yAxis->setTickLabelFont(small);
    plot->yAxis->setLabel(tr("class"));
    plot->yAxis->setLabelFont(small);
    if (s.classes <= 20) {
      QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
      ticker->setTickStep(s.classes > 10 ? 2 : 1);
      plot->yAxis->setTicker(ticker);
    }
    if (i == s.indices.size() - 1) {
      plot->xAxis->setLabel(tr("iteration"));
      plot->xAxis->setLabelFont(small);
    }
    auto* map = new QCPColorMap(plot->xAxis, plot->yAxis);
    map->setGradient(QCPColorGradient::gpThermal);
    map->setInterpolate(false);
    map->setTightBoundary(false);
    connect(plot, &QCustomPlot::mousePress, this, [this] { m_follow = false; });
    connect(plot, &QCustomPlot::mouseWheel, this, [this] { m_follow = false; });
    connect(plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, &ScoreEvolutionView::syncX);
    h->addLayout(left);
    h->addWidget(plot, 1);
    m_rows->addWidget(row);
    m_plots << plot;
    m_maps << map;
    m_thumbs << thumb;
    m_labels << label;
  }
  redraw();
}

void ScoreEvolutionView::syncX(const QCPRange& range) {
  if (m_syncing) return;
  m_syncing = true;
  for (auto* p : m_plots) {
    if (p->xAxis->range() != range) {
      p->xAxis->setRange(range);
      p->replot(QCustomPlot::rpQueuedReplot);
    }
  }
  m_syncing = false;
}

void ScoreEvolutionView::redraw() {
  m_dirty = false;
  const int cols = m_history.columns();
  const int classes = m_history.classes();
  if (classes <= 0 || m_maps.isEmpty()) return;
  const bool sm = softmax();
  const auto& iters = m_history.iterations();
  const double x0 = cols > 0 ? iters.first() : 0;
  const double x1 = cols > 1 ? iters.last() : x0 + 1;
  const QCPRange dataRange = sm ? QCPRange(0, 1)
                                : QCPRange(m_history.rawMin(), std::max(m_history.rawMax(), m_history.rawMin() + 1e-6f));
  for (int i = 0; i < m_maps.size(); ++i) {
    QCPColorMap* map = m_maps[i];
    auto* data = map->data();
    data->setSize(std::max(cols, 1), classes);
    data->setRange(QCPRange(x0, x1), QCPRange(0, classes - 1));
    for (int c = 0; c < cols; ++c) {
      const QVector<float> v = m_history.column(i, c, sm);
      for (int k = 0; k < classes; ++k) data->setCell(c, k, v[k]);
    }
    map->setDataRange(dataRange);
    if (cols > 0) {
      const QVector<float> last = m_history.column(i, cols - 1, true);
      const int pred = static_cast<int>(std::max_element(last.begin(), last.end()) - last.begin());
      const int label = m_history.setup().labels.value(i, -1);
      m_labels[i]->setText(tr("#%1 label %2\nnow %3 (%4)")
                               .arg(m_history.setup().indices.value(i))
                               .arg(label)
                               .arg(pred)
                               .arg(last[pred], 0, 'f', 2));
      m_labels[i]->setStyleSheet(pred == label ? QString() : QStringLiteral("color:#b00"));
    }
    QCustomPlot* plot = m_plots[i];
    plot->yAxis->setRange(-0.5, classes - 0.5);
    if (m_follow) {
      const double step = cols > 1 ? (x1 - x0) / (cols - 1) : 1;
      m_syncing = true;
      plot->xAxis->setRange(x0 - step / 2, x1 + step / 2);
      m_syncing = false;
    }
    // Rows scrolled out of view are drawn when they come back (QCustomPlot paints its buffer on show).
    if (!plot->visibleRegion().isEmpty()) plot->replot(QCustomPlot::rpQueuedReplot);
  }
}

}  // namespace crema::ui
