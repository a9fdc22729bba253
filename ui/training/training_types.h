// Values that cross from the training worker thread to the GUI thread.
//
// The worker (training_worker.h) runs the engine's Solver and turns what it
// sees into these plain, copyable structs; they travel through queued
// signals, so the GUI never touches an engine object. Images are QImage
// (safe to build off the GUI thread), scores are QVector<float>.
#pragma once

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include <string>

#include "caffe.pb.h"

namespace crema::ui {

/// What the training worker is doing. Paused and Halted keep the solver (and
/// its weights) alive; Halted means the solver returned early (a non-finite
/// value) and can be resumed from where it stopped.
enum class TrainingState {
  Idle,      ///< no solver yet
  Starting,  ///< building nets / first test pass
  Running,
  Paused,    ///< between two iterations, waiting for Resume / Step / Stop
  Halted,    ///< the solver stopped itself (non-finite value); Resume continues
  Stopped,   ///< user pressed Stop; weights kept for inspection and snapshot
  Finished,  ///< reached max_iter
  Failed,    ///< building or training threw; message sent through failed()
};

/// Human-readable name of a state ("Running", ...).
QString stateName(TrainingState state);
/// True while a solver exists whose weights can be inspected or snapshotted.
bool stateHasSolver(TrainingState state);

/// One training iteration as reported by the solver (IterationStats).
struct IterationPoint {
  int iter = 0;  ///< completed updates
  double loss = 0;
  double smoothedLoss = 0;
  double lr = 0;
  double itersPerSecond = 0;
};

/// A test pass: mean of each output over test_iter batches.
struct TestPoint {
  int iter = 0;
  int testNet = 0;
  QStringList names;
  QVector<double> values;
  double accuracy = qQNaN();  ///< the first output named like "accuracy", NaN if none
  double loss = qQNaN();      ///< sum of loss-weighted outputs, NaN if none
};

/// A hyperparameter changed while training (marked on the plots).
struct HyperChange {
  int iter = 0;
  QString name;  ///< "base_lr" or "momentum"
  double value = 0;
};

/// Everything needed to start a run; built by Project::makeRunRequest on the GUI thread.
struct RunRequest {
  caffe::SolverParameter solver;  ///< nets inline, data sources absolute, snapshot_prefix absolute
  std::string baseDir;            ///< for anything still relative
  QString name;                   ///< shown in the runs list
};

/// First images of the current train and test batches.
struct BatchImages {
  int iter = 0;
  QVector<QImage> train;
  QVector<int> trainLabels;
  QVector<QImage> test;
  QVector<int> testLabels;
  QString note;  ///< why something is missing, e.g. "no test pass yet"
};

/// Weights (data) or gradients (diff) of one layer as image grids with one shared colour scale.
struct FilterImages {
  int iter = 0;
  QString layer;
  QString layerType;
  bool diff = false;
  QVector<int> shape;    ///< the param blob's shape, e.g. 20 1 5 5
  float lo = 0, hi = 0;  ///< value mapped to black / white
  /// One grid per input channel (Convolution: out filters of kh x kw for that channel);
  /// for InnerProduct one grid of rows reshaped to the input (C <= 3), or the matrix itself.
  QVector<QImage> grids;
  QStringList gridTitles;
  int tileRows = 0, tileCols = 0;  ///< layout of tiles inside each grid
  QString note;
};

/// Activation of one blob for the chosen image.
struct BlobMap {
  QString name;
  QVector<int> shape;    ///< full blob shape (batch 1)
  QImage image;          ///< channels tiled in a grid (or a strip for vectors)
  float lo = 0, hi = 0;  ///< shared scale of this blob
  QVector<float> values; ///< raw values when the blob is small (<= 64), else empty
};

struct FeatureMaps {
  int iter = 0;
  int imageIndex = 0;
  int label = -1;
  QImage input;
  QVector<BlobMap> blobs;
  QString note;
};

/// The images whose scores are recorded (score evolution).
struct ScoreSetup {
  QVector<int> indices;  ///< positions in the test set
  QVector<QImage> thumbs;
  QVector<int> labels;
  QString blob;  ///< recorded output blob
  int classes = 0;
  int every = 1;  ///< recorded every k iterations
  QString note;
};

/// One recorded column block: for each image, `classes` values of the output blob.
struct ScoreRecord {
  int iter = 0;
  QVector<float> values;  ///< images x classes, row-major
};

/// One test image judged by the net.
struct EvalSample {
  int index = 0;  ///< position in the evaluated test set
  int label = 0;
  int predicted = 0;
  float predictedProb = 0;
  float trueProb = 0;
  float loss = 0;  ///< -log(p_true)
  QImage image;
};

/// Evaluation of the test images at a test pass: confusion and the worst images.
struct EvalResult {
  int iter = 0;
  int classes = 0;
  int count = 0;
  double accuracy = 0;
  double meanLoss = 0;
  QVector<int> confusion;         ///< classes x classes, row = true label, column = prediction
  QVector<EvalSample> byLoss;     ///< highest loss first
  QVector<EvalSample> leastSure;  ///< lowest top probability first
  QString note;
};

/// Which inside views the worker refreshes by itself while training (a few times a second).
struct LiveViews {
  bool batch = false;
  int batchCount = 8;
  bool filters = false;
  QString filterLayer;
  bool filterDiff = false;
  bool featureMaps = false;
  int featureImage = 0;
  int intervalMs = 500;
};

/// Registers the types above for queued connections (call once, before connecting).
void registerTrainingTypes();

}  // namespace crema::ui

Q_DECLARE_METATYPE(crema::ui::TrainingState)
Q_DECLARE_METATYPE(crema::ui::IterationPoint)
Q_DECLARE_METATYPE(crema::ui::TestPoint)
Q_DECLARE_METATYPE(crema::ui::HyperChange)
Q_DECLARE_METATYPE(crema::ui::RunRequest)
Q_DECLARE_METATYPE(crema::ui::BatchImages)
Q_DECLARE_METATYPE(crema::ui::FilterImages)
Q_DECLARE_METATYPE(crema::ui::FeatureMaps)
Q_DECLARE_METATYPE(crema::ui::ScoreSetup)
Q_DECLARE_METATYPE(crema::ui::ScoreRecord)
Q_DECLARE_METATYPE(crema::ui::EvalResult)
Q_DECLARE_METATYPE(crema::ui::LiveViews)
