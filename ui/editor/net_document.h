// NetDocument: the one model of the net being edited — a caffe::NetParameter,
// the canvas position of every layer node, the solver settings, and a
// QUndoStack. Every edit is one QUndoCommand (net_commands.h) pushed by the
// editing functions below; views never change the document any other way and
// redraw from its signals. Undo restores the previous NetParameter exactly.
//
// Layers are identified by a NodeId that stays stable while layers are added,
// removed, renamed or reordered (Caffe allows two layers of one name, e.g. the
// TRAIN and TEST data layers).
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QUndoStack>
#include <QVariant>
#include <QVector>
#include <vector>

#include "caffe.pb.h"

namespace crema::ui {

using NodeId = quint64;

class NetDocument : public QObject {
  Q_OBJECT

 public:
  explicit NetDocument(QObject* parent = nullptr);
  ~NetDocument() override;

  // --- Reading -------------------------------------------------------------
  const caffe::NetParameter& net() const { return m_net; }
  const caffe::SolverParameter& solver() const { return m_solver; }
  int layerCount() const { return m_net.layer_size(); }
  const caffe::LayerParameter& layer(int index) const { return m_net.layer(index); }
  NodeId idAt(int index) const { return m_ids.at(index); }
  const std::vector<NodeId>& ids() const { return m_ids; }
  /// Index of a node, or -1.
  int indexOf(NodeId id) const;
  /// Index of the first layer with this name, or -1.
  int indexOfName(const QString& name) const;
  QPointF position(NodeId id) const { return m_positions.value(id); }
  bool hasPosition(NodeId id) const { return m_positions.contains(id); }
  const QHash<NodeId, QPointF>& positions() const { return m_positions; }
  QUndoStack* undoStack() { return &m_undo; }

  /// Assumed C,H,W of a data layer's first top for analysis (no database is
  /// opened); empty when not set by the user (then it is guessed).
  QVector<int> dataShape(NodeId id) const { return m_dataShapes.value(id); }
  const QHash<NodeId, QVector<int>>& dataShapes() const { return m_dataShapes; }
  /// Not an undoable edit (it does not change the prototxt); emits analysisInputsChanged.
  void setDataShape(NodeId id, const QVector<int>& chw);

  // --- Editing: each call pushes exactly one undo command ------------------
  /// Adds a layer of `type` with catalog defaults and a unique name at `pos`.
  NodeId addLayer(const QString& type, const QPointF& pos);
  /// Adds given layers (names made unique; bottoms referring to renamed tops
  /// of the same batch follow) at the given positions. `text` names the command.
  QList<NodeId> addLayers(const std::vector<caffe::LayerParameter>& layers, const QList<QPointF>& positions,
                          const QString& text);
  /// Removes the layers; wires into them become dangling bottoms of their consumers.
  void removeLayers(const QList<NodeId>& ids);
  /// Wires top `top` of `from` into bottom `bottom` of `to` (-1 appends a bottom).
  /// A neuron layer (ReLU, Dropout, ...) whose own top is still unused becomes
  /// in place. Layers are reordered so producers precede consumers. Fails (with
  /// a message) for a self-loop or a cycle.
  bool connectBlob(NodeId from, int top, NodeId to, int bottom, QString* error = nullptr);
  /// Removes bottom `bottom` of `to`.
  void disconnectBottom(NodeId to, int bottom);
  /// Replaces a layer's parameter. `mergeKey` (non-empty) lets consecutive edits
  /// of the same thing (typing into one field) merge into one undo step.
  bool setLayer(NodeId id, const caffe::LayerParameter& after, const QString& text, const QString& mergeKey = {});
  /// Sets one field by path (proto_path.h), e.g. "convolution_param.num_output".
  bool setField(NodeId id, const QString& path, const QVariant& value, QString* error = nullptr);
  /// Clears one field by path (back to its default).
  bool clearField(NodeId id, const QString& path, QString* error = nullptr);
  /// Renames a layer; tops named after it are renamed too, with their readers.
  bool renameLayer(NodeId id, const QString& name, QString* error = nullptr);
  /// Renames top `top` of a layer and every bottom reading it.
  bool renameTop(NodeId id, int top, const QString& name, QString* error = nullptr);
  /// Makes a one-bottom layer work in place (top = bottom) or not (top = own name).
  bool setInPlace(NodeId id, bool inPlace);
  /// Restricts a layer to a phase: -1 both, caffe::TRAIN or caffe::TEST (include rule).
  bool setLayerPhase(NodeId id, int phase);
  /// Moves nodes. Calls with the same non-zero `dragSession` merge into one undo step.
  void moveNodes(const QHash<NodeId, QPointF>& newPositions, int dragSession = 0, const QString& text = {});
  /// Replaces the whole net (text view edits, templates within a session).
  /// Layers matched by name and type keep their node and position.
  void replaceNet(const caffe::NetParameter& net, const QString& text);
  /// Replaces the solver settings.
  void setSolver(const caffe::SolverParameter& solver, const QString& text = {}, const QString& mergeKey = {});
  /// Copies of the layers (in net order) for the clipboard.
  std::vector<caffe::LayerParameter> layersOf(const QList<NodeId>& ids) const;
  /// Duplicates layers next to the originals (one command); returns the new ids.
  QList<NodeId> duplicate(const QList<NodeId>& ids);
  /// For a Data-like layer without phase rules: restricts it to TRAIN and adds a
  /// TEST twin (same name and tops, "train" -> "test" in the source, batch 100).
  NodeId addTestPhaseTwin(NodeId id);

  // --- Document lifecycle (not undoable) ------------------------------------
  /// Loads a net: clears the undo history; positions given by layer index
  /// (missing ones are left unset for the caller to lay out).
  void reset(const caffe::NetParameter& net, const QHash<int, QPointF>& positionsByIndex = {},
             const caffe::SolverParameter* solver = nullptr);
  QString filePath() const { return m_filePath; }
  void setFilePath(const QString& path);
  bool isModified() const { return !m_undo.isClean(); }
  /// Marks the current state as saved.
  void setClean() { m_undo.setClean(); }

  // --- Used by the undo commands only --------------------------------------
  void applyNet(const caffe::NetParameter& net, const std::vector<NodeId>& ids);
  void applyLayer(NodeId id, const caffe::LayerParameter& layer);
  void applyPositions(const QHash<NodeId, QPointF>& positions);
  void applySolver(const caffe::SolverParameter& solver);
  NodeId newId() { return ++m_lastId; }

 signals:
  /// The net changed (any layer, wiring, order or net-level field).
  void netChanged();
  /// Nodes moved (layout, drag, undo of a move).
  void positionsChanged(const QList<NodeId>& ids);
  void solverChanged();
  /// A new document was loaded (reset); views rebuild completely.
  void documentReset();
  void modifiedChanged(bool modified);
  void filePathChanged(const QString& path);
  /// Data-layer shape assumptions changed (re-run analysis).
  void analysisInputsChanged();
  /// A message for the status bar (e.g. why a connection was refused).
  void message(const QString& text);

 private:
  bool pushStructure(const caffe::NetParameter& after, const std::vector<NodeId>& afterIds,
                     const QHash<NodeId, QPointF>& newPositions, const QString& text);
  /// pushStructure after putting the layers (and their ids, given in `after`'s order) in a
  /// stable topological order; left as they are when the wiring has a cycle.
  bool pushSorted(caffe::NetParameter after, std::vector<NodeId> afterIds,
                  const QHash<NodeId, QPointF>& newPositions, const QString& text);

  caffe::NetParameter m_net;
  std::vector<NodeId> m_ids;
  QHash<NodeId, QPointF> m_positions;
  QHash<NodeId, QVector<int>> m_dataShapes;
  caffe::SolverParameter m_solver;
  QUndoStack m_undo;
  QString m_filePath;
  NodeId m_lastId = 0;
};

/// The solver settings a new document starts with: the seed's LeNet solver
/// (SGD, base_lr 0.01, momentum 0.9, weight_decay 5e-4, inv policy with gamma
/// 1e-4 and power 0.75, 10000 iterations, test every 500 for 100 batches, CPU).
caffe::SolverParameter defaultSolver();

}  // namespace crema::ui
