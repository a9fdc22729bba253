// The Inside tab's views of a net while it learns. Each shows the values the
// training worker sends (training_types.h) and asks for fresh ones through
// its signals; none touches an engine object.
//
//  BatchView      first N images of the current train and test batch, with labels
//  FilterView     a layer's weights or gradients as image grids, one per input
//                 channel, with one colour scale shared by all channels
//  FeatureMapView every blob's activations for one chosen test image
//  ConfusionView  the confusion matrix of each test pass (browse earlier passes)
//  WorstView      the test images with the highest loss / lowest confidence
#pragma once

#include <QVector>
#include <QWidget>

#include "training/training_types.h"

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSlider;
class QSpinBox;
class QTableWidget;
class QVBoxLayout;

namespace crema::ui {

class PixelImage;

class BatchView : public QWidget {
  Q_OBJECT

 public:
  explicit BatchView(QWidget* parent = nullptr);
  void showBatch(const BatchImages& batch);
  int count() const;
  bool live() const;
  const BatchImages& last() const { return m_last; }

 signals:
  void refreshRequested(int count);
  void liveChanged();

 private:
  void fill(QGridLayout* grid, const QVector<QImage>& images, const QVector<int>& labels);
  QSpinBox* m_count = nullptr;
  QCheckBox* m_live = nullptr;
  QLabel* m_info = nullptr;
  QGridLayout* m_train = nullptr;
  QGridLayout* m_test = nullptr;
  BatchImages m_last;
};

class FilterView : public QWidget {
  Q_OBJECT

 public:
  explicit FilterView(QWidget* parent = nullptr);
  /// Layers with weights: Convolution layers first (default: the first).
  void setLayers(const QStringList& conv, const QStringList& other);
  void showFilters(const FilterImages& filters);
  QString layer() const;
  void setLayer(const QString& layer);
  bool diff() const;
  void setDiff(bool diff);
  bool live() const;
  const FilterImages& last() const { return m_last; }

 signals:
  void refreshRequested(const QString& layer, bool diff);
  void liveChanged();

 private:
  QComboBox* m_layer = nullptr;
  QRadioButton* m_data = nullptr;
  QRadioButton* m_diff = nullptr;
  QCheckBox* m_live = nullptr;
  QLabel* m_info = nullptr;
  QGridLayout* m_grids = nullptr;
  QVector<PixelImage*> m_images;
  QVector<QLabel*> m_titles;
  FilterImages m_last;
};

class FeatureMapView : public QWidget {
  Q_OBJECT

 public:
  explicit FeatureMapView(QWidget* parent = nullptr);
  void showMaps(const FeatureMaps& maps);
  int imageIndex() const;
  void setImageIndex(int index);
  bool live() const;
  const FeatureMaps& last() const { return m_last; }

 signals:
  void refreshRequested(int imageIndex);
  void liveChanged();

 private:
  QSpinBox* m_index = nullptr;
  QCheckBox* m_live = nullptr;
  QLabel* m_info = nullptr;
  PixelImage* m_input = nullptr;
  QVBoxLayout* m_blobs = nullptr;
  FeatureMaps m_last;
};

class ConfusionView : public QWidget {
  Q_OBJECT

 public:
  explicit ConfusionView(QWidget* parent = nullptr);
  void addResult(const EvalResult& result);
  void clear();
  QTableWidget* table() const { return m_table; }
  const QVector<EvalResult>& results() const { return m_results; }

 signals:
  /// Whether test passes also judge up to `maxImages` test images one by one.
  void evaluationChanged(bool enabled, int maxImages);

 private:
  void showPass(int index);
  QCheckBox* m_enabled = nullptr;
  QSpinBox* m_max = nullptr;
  QSlider* m_pass = nullptr;
  QLabel* m_info = nullptr;
  QTableWidget* m_table = nullptr;
  QVector<EvalResult> m_results;
};

class WorstView : public QWidget {
  Q_OBJECT

 public:
  explicit WorstView(QWidget* parent = nullptr);
  void showResult(const EvalResult& result);
  void clear();
  QListWidget* list() const { return m_list; }

 signals:
  /// The user picked an image (its position in the test set): show its feature maps.
  void imageChosen(int index);

 private:
  void refill();
  QComboBox* m_mode = nullptr;
  QLabel* m_info = nullptr;
  QListWidget* m_list = nullptr;
  EvalResult m_last;
};

}  // namespace crema::ui
