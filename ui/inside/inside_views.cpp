#include "inside/inside_views.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "inside/pixel_image.h"

namespace crema::ui {
namespace {

void clearLayout(QLayout* layout) {
  while (QLayoutItem* item = layout->takeAt(0)) {
    if (QWidget* w = item->widget()) w->deleteLater();
    if (QLayout* l = item->layout()) clearLayout(l);
    delete item;
  }
}

QString shapeText(const QVector<int>& shape) {
  QStringList parts;
  for (int d : shape) parts << QString::number(d);
  return parts.join(QStringLiteral("×"));
}

QScrollArea* scrollFor(QWidget* content, QWidget* parent) {
  auto* scroll = new QScrollArea(parent);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setWidget(content);
  return scroll;
}

QCheckBox* liveBox(QWidget* parent) {
  auto* box = new QCheckBox(QObject::tr("Live"), parent);
  box->setToolTip(QObject::tr("Refresh a few times a second while training"));
  box->setChecked(true);
  return box;
}

}  // namespace

// --- BatchView -------------------------------------------------------------------

BatchView::BatchView(QWidget* parent) : QWidget(parent) {
  m_count = new QSpinBox(this);
  m_count->setRange(1, 64);
  m_count->setValue(8);
  m_count->setPrefix(tr("first "));
  m_count->setSuffix(tr(" images"));
  m_live = liveBox(this);
  auto* refresh = new QPushButton(tr("Refresh"), this);
  m_info = new QLabel(this);
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_count);
  bar->addWidget(m_live);
  bar->addWidget(refresh);
  bar->addStretch(1);

  auto* content = new QWidget(this);
  auto* cl = new QVBoxLayout(content);
  auto* trainBox = new QGroupBox(tr("Train batch"), content);
  m_train = new QGridLayout(trainBox);
  auto* testBox = new QGroupBox(tr("Test batch"), content);
  m_test = new QGridLayout(testBox);
  cl->addWidget(trainBox);
  cl->addWidget(testBox);
  cl->addStretch(1);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(bar);
  layout->addWidget(m_info);
  layout->addWidget(scrollFor(content, this), 1);

  connect(refresh, &QPushButton::clicked, this, [this] { emit refreshRequested(count()); });
  connect(m_count, &QSpinBox::valueChanged, this, [this] {
    emit liveChanged();
    emit refreshRequested(count());
  });
  connect(m_live, &QCheckBox::toggled, this, &BatchView::liveChanged);
}

int BatchView::count() const { return m_count->value(); }
bool BatchView::live() const { return m_live->isChecked(); }

void BatchView::fill(QGridLayout* grid, const QVector<QImage>& images, const QVector<int>& labels) {
  // Live refreshes keep the cells and only swap images and labels.
  if (grid->count() == images.size()) {
    for (int i = 0; i < images.size(); ++i) {
      QWidget* cell = grid->itemAt(i)->widget();
      cell->findChild<PixelImage*>()->setImage(images[i]);
      cell->findChild<QLabel*>()->setText(labels.value(i, -1) >= 0 ? QString::number(labels[i]) : QStringLiteral("?"));
    }
    return;
  }
  clearLayout(grid);
  const int cols = std::min(8, std::max(1, static_cast<int>(images.size())));
  for (int i = 0; i < images.size(); ++i) {
    auto* cell = new QWidget;
    auto* v = new QVBoxLayout(cell);
    v->setContentsMargins(1, 1, 1, 1);
    v->setSpacing(1);
    auto* img = new PixelImage(cell, 1);
    img->setImage(images[i]);
    img->setPreferredScale(2);
    img->setMaxScale(3);
    auto* label = new QLabel(labels.value(i, -1) >= 0 ? QString::number(labels[i]) : QStringLiteral("?"), cell);
    label->setAlignment(Qt::AlignCenter);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    v->addWidget(img, 1);
    v->addWidget(label);
    grid->addWidget(cell, i / cols, i % cols);
  }
}

void BatchView::showBatch(const BatchImages& batch) {
  m_last = batch;
  fill(m_train, batch.train, batch.trainLabels);
  fill(m_test, batch.test, batch.testLabels);
  m_info->setText(batch.note.isEmpty() ? tr("Iteration %1 — labels under each image").arg(batch.iter)
                                       : tr("Iteration %1 — %2").arg(batch.iter).arg(batch.note));
}

// --- FilterView ------------------------------------------------------------------

FilterView::FilterView(QWidget* parent) : QWidget(parent) {
  m_layer = new QComboBox(this);
  m_layer->setMinimumContentsLength(10);
  m_data = new QRadioButton(tr("Weights"), this);
  m_diff = new QRadioButton(tr("Gradients"), this);
  m_data->setChecked(true);
  auto* group = new QButtonGroup(this);
  group->addButton(m_data);
  group->addButton(m_diff);
  m_live = liveBox(this);
  auto* refresh = new QPushButton(tr("Refresh"), this);
  m_info = new QLabel(this);
  m_info->setWordWrap(true);
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Layer"), this));
  bar->addWidget(m_layer);
  bar->addWidget(m_data);
  bar->addWidget(m_diff);
  bar->addWidget(m_live);
  bar->addWidget(refresh);
  bar->addStretch(1);

  auto* content = new QWidget(this);
  m_grids = new QGridLayout(content);
  m_grids->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(bar);
  layout->addWidget(m_info);
  layout->addWidget(scrollFor(content, this), 1);

  auto changed = [this] {
    emit liveChanged();
    if (!layer().isEmpty()) emit refreshRequested(layer(), diff());
  };
  connect(m_layer, &QComboBox::currentTextChanged, this, changed);
  connect(m_diff, &QRadioButton::toggled, this, changed);
  connect(m_live, &QCheckBox::toggled, this, &FilterView::liveChanged);
  connect(refresh, &QPushButton::clicked, this, [this] {
    if (!layer().isEmpty()) emit refreshRequested(layer(), diff());
  });
}

void FilterView::setLayers(const QStringList& conv, const QStringList& other) {
  const QString keep = layer();
  QSignalBlocker block(m_layer);
  m_layer->clear();
  m_layer->addItems(conv);
  if (!conv.isEmpty() && !other.isEmpty()) m_layer->insertSeparator(m_layer->count());
  m_layer->addItems(other);
  const int i = keep.isEmpty() ? -1 : m_layer->findText(keep);
  m_layer->setCurrentIndex(i >= 0 ? i : 0);
  emit liveChanged();
}

QString FilterView::layer() const { return m_layer->currentText(); }

void FilterView::setLayer(const QString& layer) {
  const int i = m_layer->findText(layer);
  if (i >= 0) m_layer->setCurrentIndex(i);
}

bool FilterView::diff() const { return m_diff->isChecked(); }

void FilterView::setDiff(bool diff) { (diff ? m_diff : m_data)->setChecked(true); }

bool FilterView::live() const { return m_live->isChecked(); }

void FilterView::showFilters(const FilterImages& f) {
  m_last = f;
  QString info = tr("<b>%1</b> %2 %3 %4 — iteration %5")
                     .arg(f.layer, f.layerType, shapeText(f.shape), f.diff ? tr("gradients (diff)") : tr("weights (data)"))
                     .arg(f.iter);
  if (!f.grids.isEmpty()) {
    info += tr("<br>Shared scale: black = %1, white = %2").arg(f.lo, 0, 'g', 3).arg(f.hi, 0, 'g', 3);
  }
  if (!f.note.isEmpty()) info += QStringLiteral("<br>") + f.note.toHtmlEscaped();
  m_info->setText(info);
  // Reuse widgets when the layout is unchanged (live refresh), rebuild otherwise.
  if (m_images.size() != f.grids.size()) {
    clearLayout(m_grids);
    m_images.clear();
    m_titles.clear();
    const int cols = f.grids.size() == 1 ? 1 : 4;
    for (int i = 0; i < f.grids.size(); ++i) {
      auto* title = new QLabel;
      auto* img = new PixelImage(nullptr, 2);
      img->setMaxScale(f.grids.size() == 1 ? 16 : 6);
      m_grids->addWidget(title, (i / cols) * 2, i % cols);
      m_grids->addWidget(img, (i / cols) * 2 + 1, i % cols);
      m_titles << title;
      m_images << img;
    }
  }
  for (int i = 0; i < f.grids.size(); ++i) {
    m_titles[i]->setText(f.gridTitles.value(i));
    m_images[i]->setImage(f.grids[i]);
    // About 300 px for a single grid (conv1's 4 x 5 filters), 120 px each when there are many.
    const int target = f.grids.size() == 1 ? 300 : 120;
    m_images[i]->setPreferredScale(std::clamp(target / std::max(1, f.grids[i].width()), 2, 16));
  }
}

// --- FeatureMapView ---------------------------------------------------------------

FeatureMapView::FeatureMapView(QWidget* parent) : QWidget(parent) {
  m_index = new QSpinBox(this);
  m_index->setRange(0, 99999);
  m_index->setPrefix(tr("test image #"));
  m_live = liveBox(this);
  auto* refresh = new QPushButton(tr("Refresh"), this);
  m_info = new QLabel(this);
  m_input = new PixelImage(this, 3);
  m_input->setMaxScale(4);
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_index);
  bar->addWidget(m_live);
  bar->addWidget(refresh);
  bar->addStretch(1);
  auto* top = new QHBoxLayout;
  top->addWidget(m_input);
  top->addWidget(m_info, 1);

  auto* content = new QWidget(this);
  m_blobs = new QVBoxLayout(content);
  m_blobs->setAlignment(Qt::AlignTop);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(bar);
  layout->addLayout(top);
  layout->addWidget(scrollFor(content, this), 1);

  connect(m_index, &QSpinBox::valueChanged, this, [this](int v) {
    emit liveChanged();
    emit refreshRequested(v);
  });
  connect(m_live, &QCheckBox::toggled, this, &FeatureMapView::liveChanged);
  connect(refresh, &QPushButton::clicked, this, [this] { emit refreshRequested(imageIndex()); });
}

int FeatureMapView::imageIndex() const { return m_index->value(); }
void FeatureMapView::setImageIndex(int index) { m_index->setValue(index); }
bool FeatureMapView::live() const { return m_live->isChecked(); }

void FeatureMapView::showMaps(const FeatureMaps& maps) {
  m_last = maps;
  m_input->setImage(maps.input);
  m_info->setText(maps.note.isEmpty()
                      ? tr("Test image #%1, label %2 — iteration %3").arg(maps.imageIndex).arg(maps.label).arg(maps.iter)
                      : maps.note);
  const bool reuse = m_blobs->count() == 2 * maps.blobs.size();
  if (!reuse) clearLayout(m_blobs);
  int slot = 0;
  for (const auto& b : maps.blobs) {
    QString text = tr("<b>%1</b>  %2  range [%3, %4]")
                       .arg(b.name.toHtmlEscaped(), shapeText(b.shape))
                       .arg(b.lo, 0, 'g', 3)
                       .arg(b.hi, 0, 'g', 3);
    if (!b.values.isEmpty() && b.values.size() <= 20) {
      QStringList vals;
      int best = 0;
      for (int i = 0; i < b.values.size(); ++i) {
        if (b.values[i] > b.values[best]) best = i;
      }
      for (int i = 0; i < b.values.size(); ++i) {
        const QString v = QString::number(b.values[i], 'f', 2);
        vals << (i == best && b.values.size() > 1 ? QStringLiteral("<b>%1:%2</b>").arg(i).arg(v)
                                                  : QStringLiteral("%1:%2").arg(i).arg(v));
      }
      text += QStringLiteral("<br>") + vals.join(QStringLiteral("  "));
    }
    // One label and one image per blob (the image stays empty for scalars).
    QLabel* label = reuse ? qobject_cast<QLabel*>(m_blobs->itemAt(slot)->widget()) : new QLabel;
    PixelImage* img = reuse ? qobject_cast<PixelImage*>(m_blobs->itemAt(slot + 1)->widget()) : new PixelImage(nullptr, 1);
    slot += 2;
    label->setText(text);
    label->setWordWrap(true);
    img->setImage(b.image);
    img->setVisible(!b.image.isNull());
    if (!b.image.isNull()) {
      img->setMaxScale(8);
      img->setPreferredScale(std::clamp(300 / std::max(1, b.image.width()), 1, 8));
    }
    if (!reuse) {
      m_blobs->addWidget(label);
      m_blobs->addWidget(img);
    }
  }
}

// --- ConfusionView ---------------------------------------------------------------

ConfusionView::ConfusionView(QWidget* parent) : QWidget(parent) {
  m_enabled = new QCheckBox(tr("Judge each test image at every test pass, up to"), this);
  m_enabled->setChecked(true);
  m_enabled->setToolTip(tr("Feeds the confusion matrix and the worst-images browser; "
                           "costs about one more test pass"));
  m_max = new QSpinBox(this);
  m_max->setRange(100, 1000000);
  m_max->setSingleStep(1000);
  m_max->setValue(10000);
  m_max->setSuffix(tr(" images"));
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_enabled);
  bar->addWidget(m_max);
  bar->addStretch(1);
  auto emitChange = [this] { emit evaluationChanged(m_enabled->isChecked(), m_max->value()); };
  connect(m_enabled, &QCheckBox::toggled, this, emitChange);
  connect(m_max, &QSpinBox::editingFinished, this, emitChange);
  m_pass = new QSlider(Qt::Horizontal, this);
  m_pass->setRange(0, 0);
  m_pass->setToolTip(tr("Test pass"));
  m_info = new QLabel(tr("The matrix appears after the first test pass."), this);
  m_info->setWordWrap(true);
  m_table = new QTableWidget(this);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  m_table->horizontalHeader()->setMinimumSectionSize(16);
  m_table->verticalHeader()->setMinimumSectionSize(14);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(bar);
  layout->addWidget(m_info);
  layout->addWidget(m_pass);
  layout->addWidget(m_table, 1);
  connect(m_pass, &QSlider::valueChanged, this, &ConfusionView::showPass);
}

void ConfusionView::clear() {
  m_results.clear();
  m_pass->setRange(0, 0);
  m_table->clear();
  m_table->setRowCount(0);
  m_table->setColumnCount(0);
  m_info->setText(tr("The matrix appears after the first test pass."));
}

void ConfusionView::addResult(const EvalResult& r) {
  if (r.classes <= 0) {
    if (!r.note.isEmpty()) m_info->setText(r.note);
    return;
  }
  const bool atEnd = m_results.isEmpty() || m_pass->value() == m_results.size() - 1;
  m_results << r;
  QSignalBlocker block(m_pass);
  m_pass->setRange(0, m_results.size() - 1);
  if (atEnd) m_pass->setValue(m_results.size() - 1);
  showPass(m_pass->value());
}

void ConfusionView::showPass(int index) {
  if (index < 0 || index >= m_results.size()) return;
  const EvalResult& r = m_results[index];
  const int n = r.classes;
  m_info->setText(tr("Test pass %1 of %2 at iteration %3: %4 images, accuracy %5, mean loss %6. "
                     "Rows: true label; columns: prediction.")
                      .arg(index + 1)
                      .arg(m_results.size())
                      .arg(r.iter)
                      .arg(r.count)
                      .arg(r.accuracy, 0, 'f', 4)
                      .arg(r.meanLoss, 0, 'f', 4));
  m_table->setRowCount(n);
  m_table->setColumnCount(n);
  QStringList headers;
  for (int i = 0; i < n; ++i) headers << QString::number(i);
  m_table->setHorizontalHeaderLabels(headers);
  m_table->setVerticalHeaderLabels(headers);
  for (int t = 0; t < n; ++t) {
    int rowSum = 0;
    for (int p = 0; p < n; ++p) rowSum += r.confusion.value(t * n + p);
    for (int p = 0; p < n; ++p) {
      const int c = r.confusion.value(t * n + p);
      auto* item = m_table->item(t, p);
      if (!item) {
        item = new QTableWidgetItem;
        item->setTextAlignment(Qt::AlignCenter);
        m_table->setItem(t, p, item);
      }
      item->setText(c ? QString::number(c) : QString());
      const double frac = rowSum ? static_cast<double>(c) / rowSum : 0.0;
      const int a = static_cast<int>(std::round(std::sqrt(frac) * 220));
      item->setBackground(t == p ? QColor(40, 150, 70, a) : QColor(210, 40, 40, c ? std::max(a, 40) : 0));
      item->setToolTip(tr("true %1, predicted %2: %3 (%4% of row)").arg(t).arg(p).arg(c).arg(frac * 100, 0, 'f', 1));
    }
  }
}

// --- WorstView ------------------------------------------------------------------

WorstView::WorstView(QWidget* parent) : QWidget(parent) {
  m_mode = new QComboBox(this);
  m_mode->addItem(tr("Highest loss first"));
  m_mode->addItem(tr("Least sure first"));
  m_info = new QLabel(tr("The images appear after the first test pass."), this);
  m_info->setWordWrap(true);
  m_list = new QListWidget(this);
  m_list->setViewMode(QListView::IconMode);
  m_list->setIconSize(QSize(56, 56));
  m_list->setGridSize(QSize(96, 100));
  m_list->setResizeMode(QListView::Adjust);
  m_list->setMovement(QListView::Static);
  m_list->setWordWrap(true);
  auto* bar = new QHBoxLayout;
  bar->addWidget(m_mode);
  bar->addWidget(m_info, 1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(bar);
  layout->addWidget(m_list, 1);
  connect(m_mode, &QComboBox::currentIndexChanged, this, &WorstView::refill);
  connect(m_list, &QListWidget::itemActivated, this,
          [this](QListWidgetItem* item) { emit imageChosen(item->data(Qt::UserRole).toInt()); });
  connect(m_list, &QListWidget::itemClicked, this,
          [this](QListWidgetItem* item) { emit imageChosen(item->data(Qt::UserRole).toInt()); });
}

void WorstView::clear() {
  m_last = EvalResult();
  m_list->clear();
}

void WorstView::showResult(const EvalResult& r) {
  if (r.classes <= 0) {
    if (!r.note.isEmpty()) m_info->setText(r.note);
    return;
  }
  m_last = r;
  refill();
}

void WorstView::refill() {
  m_list->clear();
  const bool byLoss = m_mode->currentIndex() == 0;
  const auto& samples = byLoss ? m_last.byLoss : m_last.leastSure;
  int wrong = 0;
  for (const auto& s : samples) {
    QPixmap pm = QPixmap::fromImage(s.image.scaled(s.image.size() * 2, Qt::KeepAspectRatio, Qt::FastTransformation));
    const bool ok = s.label == s.predicted;
    wrong += !ok;
    auto* item = new QListWidgetItem(QIcon(pm), tr("%1→%2 p%3\nloss %4")
                                                    .arg(s.label)
                                                    .arg(s.predicted)
                                                    .arg(s.predictedProb, 0, 'f', 2)
                                                    .arg(s.loss, 0, 'f', 2),
                                     m_list);
    item->setData(Qt::UserRole, s.index);
    item->setForeground(ok ? QColor(30, 110, 50) : QColor(190, 30, 30));
    item->setToolTip(tr("test image #%1: label %2, predicted %3 (p=%4), p(label)=%5, loss %6")
                         .arg(s.index)
                         .arg(s.label)
                         .arg(s.predicted)
                         .arg(s.predictedProb, 0, 'f', 3)
                         .arg(s.trueProb, 0, 'f', 3)
                         .arg(s.loss, 0, 'f', 3));
  }
  m_info->setText(tr("Iteration %1: %2 of %3 images shown (%4 misclassified among them). Click one to see its "
                     "feature maps.")
                      .arg(m_last.iter)
                      .arg(samples.size())
                      .arg(m_last.count)
                      .arg(wrong));
}

}  // namespace crema::ui
