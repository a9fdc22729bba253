// Files of the net editor.
//
// A net is saved as plain BVLC Caffe prototxt (nothing Crema-specific in it)
// plus a small layout file beside it, "<net>.prototxt.layout.json", holding the
// node positions and the analysis input shapes:
//   {"format": "crema-net-layout", "version": 1,
//    "nodes": [{"name": "conv1", "type": "Convolution", "x": 0, "y": 120}, ...],
//    "dataShapes": [{"name": "mnist", "index": 0, "chw": [1, 28, 28]}]}
// Nodes are matched by index when name and type agree there, else by name and
// type; a missing or stale layout file just means an automatic layout.
//
// Also: legacy (V0/V1) nets upgraded on open with a notice, solver files,
// the deploy net derived from a train/test net, and the built-in templates.
#pragma once

#include <QHash>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

#include "caffe.pb.h"

namespace crema::ui {

class NetDocument;

struct LoadedNet {
  caffe::NetParameter net;
  QHash<int, QPointF> positions;          ///< by layer index
  QHash<int, QVector<int>> dataShapes;    ///< by layer index
  bool upgraded = false;
  QString notice;  ///< e.g. "Upgraded from the legacy V1 format"
};

/// Path of the layout file of a prototxt.
QString layoutFilePath(const QString& prototxtPath);

/// Reads a net prototxt (upgrading legacy formats) and its layout file if any.
/// Throws crema::Error (IoError, ParseError with file:line:column, ConfigError).
LoadedNet loadNetFile(const QString& path);

/// Writes the document's net as prototxt (atomically) and its layout file.
/// Throws crema::IoError.
void saveNetFile(const QString& path, const NetDocument& doc);

/// Layout JSON of a document (what saveNetFile writes beside the prototxt).
QByteArray layoutJson(const NetDocument& doc);
/// Applies a layout JSON to a net: positions and data shapes by layer index.
void parseLayoutJson(const QByteArray& json, const caffe::NetParameter& net, QHash<int, QPointF>* positions,
                     QHash<int, QVector<int>>* dataShapes);

/// A deploy net from a train/test net (Caffe's convention): the TEST-phase
/// layers without phase rules; data layers become an Input layer named after
/// their first top, of shape batch × C×H×W (other tops such as labels are
/// dropped); SoftmaxWithLoss becomes Softmax "prob", SigmoidCrossEntropyLoss
/// becomes Sigmoid "prob"; layers left reading a dropped blob (Accuracy, other
/// losses) are removed. `chw` gives data shapes by layer index (guessed if absent).
caffe::NetParameter deriveDeployNet(const caffe::NetParameter& net, int batch = 1,
                                    const QHash<int, QVector<int>>& chw = {}, const QString& baseDir = {});

/// Reads a solver prototxt (legacy solver_type upgraded). Throws crema::Error.
caffe::SolverParameter loadSolverFile(const QString& path);
/// Writes a solver prototxt; when `netPath` is non-empty it becomes `net:` (relative to the solver's folder
/// when inside it) and inline or other net fields are dropped. Throws crema::IoError.
void saveSolverFile(const QString& path, const caffe::SolverParameter& solver, const QString& netPath = {});

/// Registers the app's embedded resources (resources/crema.qrc, compiled into the static
/// crema_ui library) once; call before reading a ":/..." path. Cheap after the first call.
void initCremaResources();

/// The templates: "LeNet (seed)", "Linear classifier (seed baseline)", "MLP", "CIFAR-10 quick".
QStringList templateNames();
/// A template's net; throws crema::ConfigError for an unknown name.
caffe::NetParameter templateNet(const QString& name);
/// The solver that goes with a template.
caffe::SolverParameter templateSolver(const QString& name);

}  // namespace crema::ui
