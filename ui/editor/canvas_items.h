// Graphics items of the net canvas: a layer node with bottom ports on its top
// edge and top ports on its bottom edge, and a wire (blob edge) labelled with
// the blob name and its N×C×H×W shape. Items only draw; every change goes
// through the NetDocument (NetCanvas turns mouse gestures into commands).
#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QGraphicsPathItem>
#include <QString>
#include <QStringList>
#include <optional>

#include "editor/net_document.h"

namespace crema::ui {

/// What a node shows; filled by NetCanvas from the layer and the analysis.
struct NodeContent {
  QString name;
  QString type;
  QString summary;        ///< key parameters, e.g. "20 × 5×5, stride 1"
  QString phase;          ///< "", "TRAIN", "TEST"
  QString stats;          ///< "520 params · 2.3M MAC"
  QStringList errors;
  QStringList notes;
  QStringList bottoms;    ///< connected bottoms (blob names)
  QStringList emptySlots; ///< expected but missing bottoms (slot names)
  bool variadic = false;  ///< shows a "+" port for one more bottom
  QStringList tops;
  QList<bool> topsConnected;  ///< per top: read by some layer
  QString inPlaceOn;      ///< blob name when the layer works in place
  QColor color;
  bool engineSupported = true;
};

/// Where on a node a point lies.
struct PortHit {
  enum Kind { None, Bottom, Top, Body } kind = None;
  int index = -1;  ///< bottom slot (connected, then empty, then "+") or top index
};

class NodeItem : public QGraphicsItem {
 public:
  enum { Type = UserType + 1 };
  explicit NodeItem(NodeId id);
  int type() const override { return Type; }
  NodeId id() const { return m_id; }

  void setContent(const NodeContent& content);
  const NodeContent& content() const { return m_content; }

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  int bottomSlotCount() const;
  /// Port centres in item coordinates.
  QPointF bottomPortPos(int slot) const;
  QPointF topPortPos(int top) const;
  /// What lies at `p` (item coordinates); ports have a generous hit radius.
  PortHit hitTest(const QPointF& p) const;
  QSizeF size() const { return m_rect.size(); }
  /// Highlights a port while a wire is dragged over it.
  void setHoverPort(const PortHit& hit);

 private:
  void relayout();

  NodeId m_id;
  NodeContent m_content;
  QRectF m_rect;
  PortHit m_hover;
};

class EdgeItem : public QGraphicsPathItem {
 public:
  enum { Type = UserType + 2 };
  EdgeItem(NodeId from, int top, NodeId to, int bottom);
  int type() const override { return Type; }
  NodeId from() const { return m_from; }
  int fromTop() const { return m_top; }
  NodeId to() const { return m_to; }
  int toBottom() const { return m_bottom; }

  /// Straight-ish S curve from start to end; with `detourX`, the wire runs down at
  /// that x (around nodes in the way) and joins its ports with curves.
  void setEnds(const QPointF& start, const QPointF& end, std::optional<double> detourX = std::nullopt);
  void setLabel(const QString& blob, const QString& shape);
  QString blob() const { return m_blob; }
  QString shapeText() const { return m_shape; }
  /// Phase mask (net_graph.h): wires of only one phase are dashed.
  void setPhases(int phases);

  QRectF boundingRect() const override;
  QPainterPath shape() const override;
  void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

 private:
  QRectF labelRect() const;
  QPointF labelAnchor() const;

  NodeId m_from, m_to;
  int m_top, m_bottom;
  QPointF m_start, m_end;
  std::optional<double> m_detourX;
  QString m_blob, m_shape;
  int m_phases = 3;
};

/// Colour of a palette group (also the node header colour).
QColor groupColor(const QString& type);

}  // namespace crema::ui
