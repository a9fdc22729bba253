#include "editor/net_commands.h"

#include <google/protobuf/util/message_differencer.h>

namespace crema::ui {

using google::protobuf::util::MessageDifferencer;

NetStructureCommand::NetStructureCommand(NetDocument* doc, caffe::NetParameter before, std::vector<NodeId> beforeIds,
                                         caffe::NetParameter after, std::vector<NodeId> afterIds,
                                         QHash<NodeId, QPointF> newPositions, const QString& text)
    : QUndoCommand(text),
      m_doc(doc),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_beforeIds(std::move(beforeIds)),
      m_afterIds(std::move(afterIds)),
      m_newPositions(std::move(newPositions)) {}

void NetStructureCommand::redo() {
  // Positions of new nodes first, so views creating the nodes place them right away.
  if (!m_newPositions.isEmpty()) m_doc->applyPositions(m_newPositions);
  m_doc->applyNet(m_after, m_afterIds);
}

void NetStructureCommand::undo() { m_doc->applyNet(m_before, m_beforeIds); }

LayerEditCommand::LayerEditCommand(NetDocument* doc, NodeId id, caffe::LayerParameter before,
                                   caffe::LayerParameter after, const QString& text, const QString& mergeKey)
    : QUndoCommand(text),
      m_doc(doc),
      m_node(id),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_mergeKey(mergeKey) {}

void LayerEditCommand::redo() { m_doc->applyLayer(m_node, m_after); }
void LayerEditCommand::undo() { m_doc->applyLayer(m_node, m_before); }

bool LayerEditCommand::mergeWith(const QUndoCommand* other) {
  const auto* o = static_cast<const LayerEditCommand*>(other);
  if (o->m_node != m_node || o->m_mergeKey != m_mergeKey) return false;
  m_after = o->m_after;
  setObsolete(MessageDifferencer::Equals(m_before, m_after));
  return true;
}

MoveNodesCommand::MoveNodesCommand(NetDocument* doc, QHash<NodeId, QPointF> before, QHash<NodeId, QPointF> after,
                                   int session, const QString& text)
    : QUndoCommand(text),
      m_doc(doc),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_session(session) {}

void MoveNodesCommand::redo() { m_doc->applyPositions(m_after); }
void MoveNodesCommand::undo() { m_doc->applyPositions(m_before); }

bool MoveNodesCommand::mergeWith(const QUndoCommand* other) {
  const auto* o = static_cast<const MoveNodesCommand*>(other);
  if (o->m_session != m_session) return false;
  for (auto it = o->m_after.begin(); it != o->m_after.end(); ++it) {
    if (!m_before.contains(it.key())) m_before.insert(it.key(), o->m_before.value(it.key()));
    m_after.insert(it.key(), it.value());
  }
  return true;
}

SolverEditCommand::SolverEditCommand(NetDocument* doc, caffe::SolverParameter before, caffe::SolverParameter after,
                                     const QString& text, const QString& mergeKey)
    : QUndoCommand(text), m_doc(doc), m_before(std::move(before)), m_after(std::move(after)), m_mergeKey(mergeKey) {}

void SolverEditCommand::redo() { m_doc->applySolver(m_after); }
void SolverEditCommand::undo() { m_doc->applySolver(m_before); }

bool SolverEditCommand::mergeWith(const QUndoCommand* other) {
  const auto* o = static_cast<const SolverEditCommand*>(other);
  if (o->m_mergeKey != m_mergeKey) return false;
  m_after = o->m_after;
  setObsolete(MessageDifferencer::Equals(m_before, m_after));
  return true;
}

}  // namespace crema::ui
