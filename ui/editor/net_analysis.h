// Live analysis of the edited net: builds it with crema::Net in the TRAIN and
// TEST phases and reads back the shape of every top, the parameter count and
// the multiply-adds of every layer. Data layers are replaced by Input layers of
// their batch shape (C,H,W from the user's setting, the first record of the
// LMDB when it exists, or a guess from the source name), so no database is
// needed; fillers become constant so building is cheap. A layer that fails
// setup gets the engine's message; it and the layers depending on it are left
// out and the rest is built again, so one error does not hide all shapes.
//
// Large nets are first built with batch 1; when the activations at the real
// batch would exceed a memory budget, shapes and multiply-adds are scaled
// along the batch axis instead of rebuilding (marked `approximate`).
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <QVector>
#include <vector>

#include "caffe.pb.h"

namespace crema::ui {

class NetDocument;

/// Results for one layer (index as in the document's net).
struct LayerAnalysis {
  /// Per phase (0 = TRAIN, 1 = TEST), whether the layer is built in that phase.
  bool active[2] = {false, false};
  /// Per phase and top: the shape (empty for a scalar such as a loss) and whether it is known.
  std::vector<std::vector<int>> topShapes[2];
  std::vector<bool> topKnown[2];
  long long params = -1;  ///< learnable values in the layer's blobs; -1 unknown
  long long macs = -1;    ///< multiply-adds of one forward pass (TRAIN batch when built there); -1 unknown
  QStringList errors;     ///< shown on the node (red)
  QStringList notes;      ///< shown on the node (grey): e.g. assumed data shape, skipped because of an upstream error
};

struct NetAnalysisResult {
  std::vector<LayerAnalysis> layers;
  long long totalParams = 0;
  long long totalMacs[2] = {0, 0};  ///< per phase
  bool built[2] = {false, false};   ///< the phase's net was built without errors
  bool approximate = false;
  QStringList netErrors;    ///< problems not tied to one layer (a cycle, unattributed engine errors)
  QStringList netWarnings;  ///< e.g. no loss layer (fine for a deploy net, not for training)
  /// analysisSignature() of the analysed net: views apply per-layer results only when it matches.
  std::vector<std::string> signature;
  /// Shape of a top as text "N×C×H×W" ("scalar" for 0-D) for a phase, or "" if unknown.
  QString shapeText(int layer, int top, int phaseIndex) const;
  /// Text for the edge of a top: TRAIN shape, with the TEST shape added when it differs.
  QString edgeShapeText(int layer, int top) const;
};

/// Inputs beside the net: assumed C,H,W per data layer (by index; empty = guess)
/// and the folder relative data sources are resolved against.
struct AnalysisInputs {
  QHash<int, QVector<int>> dataShapes;
  QString baseDir;
  /// Budget for activations at the real batch (bytes, data + diff). Address space more
  /// than RAM: the analysis never writes activations, and large blobs are zero-page maps
  /// (crema::Buffer) that cost RAM only when written. Above it, shapes come from a
  /// batch-1 build scaled to the real batch.
  double memoryBudget = 4.0 * 1024 * 1024 * 1024;
};

/// One string per layer (name, type, bottoms, tops, phase rules) identifying what was analysed.
std::vector<std::string> analysisSignature(const caffe::NetParameter& net);

/// Runs the analysis synchronously (call from any thread).
NetAnalysisResult analyzeNet(const caffe::NetParameter& net, const AnalysisInputs& inputs);

/// Whether a layer reads a database (Data, ImageData, HDF5Data, WindowData,
/// MemoryData): analysis and the deploy net replace it by an Input layer.
bool isDataLayer(const caffe::LayerParameter& layer);
/// Batch size of a data layer: its *_param's batch_size, else Caffe's default
/// (1 for ImageData, 0 otherwise).
int dataLayerBatchSize(const caffe::LayerParameter& layer);

/// C,H,W assumed for a data layer, and how it was found ("LMDB", "source name", ...).
QVector<int> guessDataShape(const caffe::LayerParameter& layer, const QString& baseDir, QString* how = nullptr);

/// "1,234", "12.3k", "4.56M", "7.8G".
QString formatCount(long long n);

/// Re-runs analyzeNet on a worker thread after every document change
/// (debounced; stale results are dropped) and emits the newest result.
class NetAnalyzer : public QObject {
  Q_OBJECT

 public:
  explicit NetAnalyzer(NetDocument* doc, QObject* parent = nullptr);
  ~NetAnalyzer() override;
  const NetAnalysisResult& result() const { return m_result; }
  /// Waits for pending work and returns; for tests.
  void flush();
  void setDelay(int ms) { m_timer.setInterval(ms); }

 signals:
  void finished(const crema::ui::NetAnalysisResult& result);

 private:
  void schedule();
  void start();

  NetDocument* m_doc;
  QTimer m_timer;
  QThreadPool m_pool;
  NetAnalysisResult m_result;
  int m_generation = 0;
  int m_running = 0;
  bool m_pending = false;
};

}  // namespace crema::ui

Q_DECLARE_METATYPE(crema::ui::NetAnalysisResult)
