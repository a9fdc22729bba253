// The undo commands of the net editor. Each edit of a NetDocument is one of
// these; redo() and undo() call the document's apply* functions, which emit
// the signals the views redraw from. Structural edits (add, remove, connect,
// reorder, rename with its readers, text edits) store the net before and
// after, so undo restores the previous NetParameter exactly; single-layer
// field edits and moves store only what changed and merge while the user is
// still typing into one field or dragging (mergeWith, as Tiled does).
#pragma once

#include <QHash>
#include <QPointF>
#include <QString>
#include <QUndoCommand>
#include <vector>

#include "caffe.pb.h"
#include "editor/net_document.h"

namespace crema::ui {

/// Whole-net change: layers, their order, net-level fields and node ids.
class NetStructureCommand : public QUndoCommand {
 public:
  NetStructureCommand(NetDocument* doc, caffe::NetParameter before, std::vector<NodeId> beforeIds,
                      caffe::NetParameter after, std::vector<NodeId> afterIds,
                      QHash<NodeId, QPointF> newPositions, const QString& text);
  void redo() override;
  void undo() override;

 private:
  NetDocument* m_doc;
  caffe::NetParameter m_before, m_after;
  std::vector<NodeId> m_beforeIds, m_afterIds;
  QHash<NodeId, QPointF> m_newPositions;
};

/// One layer's parameter replaced (a field edit, phase, rename without readers).
class LayerEditCommand : public QUndoCommand {
 public:
  enum { Id = 0x4c45 };
  LayerEditCommand(NetDocument* doc, NodeId id, caffe::LayerParameter before, caffe::LayerParameter after,
                   const QString& text, const QString& mergeKey);
  void redo() override;
  void undo() override;
  int id() const override { return m_mergeKey.isEmpty() ? -1 : Id; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  NetDocument* m_doc;
  NodeId m_node;
  caffe::LayerParameter m_before, m_after;
  QString m_mergeKey;
};

/// Node positions changed; moves of one drag (same session) merge.
class MoveNodesCommand : public QUndoCommand {
 public:
  enum { Id = 0x4d4e };
  MoveNodesCommand(NetDocument* doc, QHash<NodeId, QPointF> before, QHash<NodeId, QPointF> after, int session,
                   const QString& text);
  void redo() override;
  void undo() override;
  int id() const override { return m_session ? Id : -1; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  NetDocument* m_doc;
  QHash<NodeId, QPointF> m_before, m_after;
  int m_session;
};

/// Solver settings replaced; edits of one field merge.
class SolverEditCommand : public QUndoCommand {
 public:
  enum { Id = 0x5345 };
  SolverEditCommand(NetDocument* doc, caffe::SolverParameter before, caffe::SolverParameter after,
                    const QString& text, const QString& mergeKey);
  void redo() override;
  void undo() override;
  int id() const override { return m_mergeKey.isEmpty() ? -1 : Id; }
  bool mergeWith(const QUndoCommand* other) override;

 private:
  NetDocument* m_doc;
  caffe::SolverParameter m_before, m_after;
  QString m_mergeKey;
};

}  // namespace crema::ui
