// Score evolution: for a few chosen test images, the output blob's values
// (the class scores feeding the loss) recorded every k iterations, shown
// per image as a thumbnail beside a heat map with iterations on x and
// classes on y: raw scores or softmax probabilities. This is the seed's
// last figure, live and for the whole run.
#pragma once

#include <QTimer>
#include <QVector>
#include <QWidget>

#include "training/training_types.h"

class QCheckBox;
class QComboBox;
class QCPColorMap;
class QCPRange;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QSpinBox;
class QVBoxLayout;

namespace crema::ui {

class PixelImage;

/// The recorded columns: per recorded iteration, images x classes values.
class ScoreHistory {
 public:
  void reset(const ScoreSetup& setup);
  /// Appends a record (ignored if its size does not match images x classes, or
  /// if its iteration is not after the last one).
  bool add(const ScoreRecord& record);
  const ScoreSetup& setup() const { return m_setup; }
  int images() const { return m_setup.indices.size(); }
  int classes() const { return m_setup.classes; }
  /// Number of recorded iterations (columns of each heat map).
  int columns() const { return m_iters.size(); }
  const QVector<int>& iterations() const { return m_iters; }
  /// Values of image `image` at column `col`: raw, or softmax over classes.
  QVector<float> column(int image, int col, bool softmax) const;
  /// Range of the raw values over everything recorded.
  float rawMin() const { return m_min; }
  float rawMax() const { return m_max; }

 private:
  ScoreSetup m_setup;
  QVector<int> m_iters;
  QVector<float> m_values;  ///< columns x images x classes
  float m_min = 0, m_max = 0;
};

class ScoreEvolutionView : public QWidget {
  Q_OBJECT

 public:
  explicit ScoreEvolutionView(QWidget* parent = nullptr);

  void setBlobs(const QStringList& blobs, const QString& defaultBlob);
  void setup(const ScoreSetup& setup);
  void addRecord(const ScoreRecord& record);
  const ScoreHistory& history() const { return m_history; }
  bool softmax() const;
  void setSoftmax(bool on);
  /// The heat map of image row `i` (tests).
  QCPColorMap* map(int i) const { return m_maps.value(i); }
  /// Redraws the heat maps now (normally on a 5 Hz timer when data arrived).
  void redraw();

 signals:
  /// Record these test images / this blob every `every` iterations from now on.
  void configureRequested(const QVector<int>& indices, const QString& blob, int every);

 private:
  void rebuildRows();
  void requestConfigure();
  void syncX(const QCPRange& range);

  ScoreHistory m_history;
  QLineEdit* m_indices = nullptr;
  QComboBox* m_blob = nullptr;
  QSpinBox* m_every = nullptr;
  QCheckBox* m_softmax = nullptr;
  QLabel* m_info = nullptr;
  QVBoxLayout* m_rows = nullptr;
  QVector<QCustomPlot*> m_plots;
  QVector<QCPColorMap*> m_maps;
  QVector<PixelImage*> m_thumbs;
  QVector<QLabel*> m_labels;
  QTimer m_redraw;
  bool m_dirty = false;
  bool m_follow = true;
  bool m_syncing = false;
};

/// Parses "0-7" / "0,3,5" / "1 2 10-12" into test-set positions; empty on error.
QVector<int> parseIndexList(const QString& text);

}  // namespace crema::ui
