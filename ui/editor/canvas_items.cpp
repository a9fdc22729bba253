#include "editor/canvas_items.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

#include "editor/layer_catalog.h"
#include "editor/net_graph.h"

namespace crema::ui {

namespace {

constexpr double kPortRadius = 5.0;
constexpr double kPortHitRadius = 11.0;
constexpr double kBand = 13.0;     // port-label band at the top and bottom of a node
constexpr double kHeader = 22.0;
constexpr double kLine = 15.0;

QFont nameFont() {
  QFont f;
  f.setPointSizeF(9.5);
  f.setBold(true);
  return f;
}
QFont smallFont() {
  QFont f;
  f.setPointSizeF(8.0);
  return f;
}
QFont tinyFont() {
  QFont f;
  f.setPointSizeF(7.0);
  return f;
}

const QColor kErrorColor(0xc6, 0x28, 0x28);
const QColor kSelectColor(0x1e, 0x6f, 0xe8);
const QColor kTrainColor(0x1e, 0x6f, 0xe8);
const QColor kTestColor(0xe0, 0x7b, 0x00);

QStringList bodyLines(const NodeContent& c) {
  QStringList lines;
  if (!c.summary.isEmpty()) lines << c.summary;
  if (!c.inPlaceOn.isEmpty()) lines << QCoreApplication::translate("crema::ui::NodeItem", "in place on %1").arg(c.inPlaceOn);
  if (!c.stats.isEmpty()) lines << c.stats;
  for (const QString& e : c.errors) lines << e;
  for (const QString& n : c.notes) lines << n;
  return lines;
}

}  // namespace

QColor groupColor(const QString& type) {
  switch (layerTypeInfo(type).group) {
    case LayerGroup::Data: return QColor(0x4c, 0xaf, 0x50);
    case LayerGroup::Vision: return QColor(0x21, 0x96, 0xf3);
    case LayerGroup::Neuron: return QColor(0x9c, 0x27, 0xb0);
    case LayerGroup::Common: return QColor(0x00, 0x96, 0x88);
    case LayerGroup::Normalization: return QColor(0x79, 0x55, 0x48);
    case LayerGroup::Loss: return QColor(0xf4, 0x43, 0x36);
    case LayerGroup::Utility: return QColor(0x60, 0x7d, 0x8b);
  }
  return Qt::gray;
}

// ---------------------------------------------------------------------------
// NodeItem

NodeItem::NodeItem(NodeId id) : m_id(id) {
  setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
  setAcceptHoverEvents(true);
  setZValue(1);
  relayout();
}

void NodeItem::setContent(const NodeContent& content) {
  prepareGeometryChange();
  m_content = content;
  relayout();
  QStringList tip;
  tip << QStringLiteral("<b>%1</b> (%2)").arg(content.name.toHtmlEscaped(), content.type.toHtmlEscaped());
  if (!content.engineSupported) tip << QObject::tr("<i>Not implemented by Crema's engine (exported for Caffe)</i>");
  for (const QString& e : content.errors) tip << QStringLiteral("<span style='color:#c62828'>%1</span>").arg(e.toHtmlEscaped());
  for (const QString& n : content.notes) tip << n.toHtmlEscaped();
  setToolTip(tip.join(QStringLiteral("<br>")));
  update();
}

void NodeItem::relayout() {
  const QFontMetricsF nameFm(nameFont()), smallFm(smallFont());
  double w = 176;
  w = std::max(w, nameFm.horizontalAdvance(m_content.name) + smallFm.horizontalAdvance(m_content.type) + 44 +
                      (m_content.phase.isEmpty() ? 0 : 44));
  for (const QString& line : bodyLines(m_content)) w = std::max(w, smallFm.horizontalAdvance(line) + 16);
  const int ports = std::max(bottomSlotCount(), int(m_content.tops.size()));
  w = std::max(w, ports * 62.0);
  w = std::min(w, 300.0);
  const int lines = int(bodyLines(m_content).size());
  const double h = kBand + kHeader + lines * kLine + 6 + kBand;
  m_rect = QRectF(-w / 2, -h / 2, w, h);
}

int NodeItem::bottomSlotCount() const {
  const int extra = m_content.variadic && m_content.emptySlots.isEmpty() ? 1 : 0;
  return int(m_content.bottoms.size() + m_content.emptySlots.size()) + extra;
}

QPointF NodeItem::bottomPortPos(int slot) const {
  const int n = std::max(1, bottomSlotCount());
  return {m_rect.left() + m_rect.width() * (slot + 1) / (n + 1), m_rect.top()};
}

QPointF NodeItem::topPortPos(int top) const {
  const int n = std::max(1, int(m_content.tops.size()));
  return {m_rect.left() + m_rect.width() * (top + 1) / (n + 1), m_rect.bottom()};
}

PortHit NodeItem::hitTest(const QPointF& p) const {
  PortHit best;
  double bestDist = kPortHitRadius;
  for (int i = 0; i < bottomSlotCount(); ++i) {
    const double d = QLineF(p, bottomPortPos(i)).length();
    if (d <= bestDist) {
      bestDist = d;
      best = {PortHit::Bottom, i};
    }
  }
  for (int i = 0; i < m_content.tops.size(); ++i) {
    const double d = QLineF(p, topPortPos(i)).length();
    if (d <= bestDist) {
      bestDist = d;
      best = {PortHit::Top, i};
    }
  }
  if (best.kind == PortHit::None && m_rect.contains(p)) best = {PortHit::Body, -1};
  return best;
}

void NodeItem::setHoverPort(const PortHit& hit) {
  if (hit.kind == m_hover.kind && hit.index == m_hover.index) return;
  m_hover = hit;
  update();
}

QRectF NodeItem::boundingRect() const {
  return m_rect.adjusted(-kPortHitRadius, -kPortHitRadius, kPortHitRadius, kPortHitRadius);
}

QPainterPath NodeItem::shape() const {
  QPainterPath p;
  p.addRoundedRect(m_rect, 6, 6);
  for (int i = 0; i < bottomSlotCount(); ++i) p.addEllipse(bottomPortPos(i), kPortHitRadius, kPortHitRadius);
  for (int i = 0; i < m_content.tops.size(); ++i) p.addEllipse(topPortPos(i), kPortHitRadius, kPortHitRadius);
  return p;
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  painter->setRenderHint(QPainter::Antialiasing);
  const bool selected = option->state & QStyle::State_Selected;
  const bool hasError = !m_content.errors.isEmpty();
  const QColor base = m_content.color.isValid() ? m_content.color : QColor(Qt::gray);

  // Body.
  QPen border(selected ? kSelectColor : hasError ? kErrorColor : QColor(0x70, 0x70, 0x70), selected || hasError ? 2.2 : 1.1);
  if (!m_content.inPlaceOn.isEmpty()) border.setStyle(Qt::DashLine);
  painter->setPen(border);
  painter->setBrush(hasError ? QColor(0xff, 0xf4, 0xf4) : QColor(0xfc, 0xfc, 0xfc));
  painter->drawRoundedRect(m_rect, 6, 6);

  // Header band.
  const QRectF header(m_rect.left() + 1, m_rect.top() + kBand, m_rect.width() - 2, kHeader);
  QColor fill = base;
  fill.setAlpha(m_content.engineSupported ? 60 : 25);
  painter->setPen(Qt::NoPen);
  painter->setBrush(fill);
  painter->drawRect(header);
  painter->setPen(base.darker(170));
  painter->setFont(nameFont());
  const QFontMetricsF nameFm(nameFont());
  const QString name = nameFm.elidedText(m_content.name, Qt::ElideRight, header.width() * 0.6);
  painter->drawText(header.adjusted(7, 0, -7, 0), Qt::AlignLeft | Qt::AlignVCenter, name);
  QFont typeFont = smallFont();
  typeFont.setItalic(!m_content.engineSupported);
  painter->setFont(typeFont);
  painter->setPen(QColor(0x40, 0x40, 0x40));
  painter->drawText(header.adjusted(7, 0, -7, 0), Qt::AlignRight | Qt::AlignVCenter, m_content.type);
  if (!m_content.phase.isEmpty()) {
    const QColor pc = m_content.phase == QLatin1String("TRAIN") ? kTrainColor : kTestColor;
    const double x = header.left() + 10 + nameFm.horizontalAdvance(name);
    const QRectF chip(x, header.top() + 4, 38, header.height() - 8);
    painter->setPen(Qt::NoPen);
    painter->setBrush(pc);
    painter->drawRoundedRect(chip, 4, 4);
    painter->setPen(Qt::white);
    painter->setFont(tinyFont());
    painter->drawText(chip, Qt::AlignCenter, m_content.phase);
  }

  // Body lines.
  painter->setFont(smallFont());
  const QFontMetricsF fm(smallFont());
  double y = header.bottom() + 2;
  auto line = [&](const QString& text, const QColor& color, bool italic = false) {
    QFont f = smallFont();
    f.setItalic(italic);
    painter->setFont(f);
    painter->setPen(color);
    const QRectF r(m_rect.left() + 8, y, m_rect.width() - 16, kLine);
    painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(text, Qt::ElideRight, r.width()));
    y += kLine;
  };
  if (!m_content.summary.isEmpty()) line(m_content.summary, QColor(0x20, 0x20, 0x20));
  if (!m_content.inPlaceOn.isEmpty())
    line(QStringLiteral("\u21BB ") + QCoreApplication::translate("crema::ui::NodeItem", "in place on %1").arg(m_content.inPlaceOn),
         QColor(0x7b, 0x1f, 0xa2));
  if (!m_content.stats.isEmpty()) line(m_content.stats, QColor(0x55, 0x55, 0x55));
  for (const QString& e : m_content.errors) line(QStringLiteral("\u26A0 ") + e, kErrorColor);
  for (const QString& n : m_content.notes) line(n, QColor(0x80, 0x80, 0x80), true);

  // Ports and their labels.
  painter->setFont(tinyFont());
  const QFontMetricsF tfm(tinyFont());
  const int nb = bottomSlotCount();
  const double slotW = m_rect.width() / (nb + 1);
  for (int i = 0; i < nb; ++i) {
    const QPointF p = bottomPortPos(i);
    const bool connected = i < m_content.bottoms.size();
    const bool isEmptySlot = !connected && i < m_content.bottoms.size() + m_content.emptySlots.size();
    const bool hover = m_hover.kind == PortHit::Bottom && m_hover.index == i;
    QString label = connected ? m_content.bottoms[i]
                              : isEmptySlot ? m_content.emptySlots[i - m_content.bottoms.size()] : QStringLiteral("+");
    painter->setPen(QPen(hover ? kSelectColor : base.darker(140), hover ? 2.5 : 1.3));
    if (!connected) {
      QPen pen = painter->pen();
      pen.setStyle(Qt::DotLine);
      painter->setPen(pen);
    }
    painter->setBrush(connected ? base : QColor(Qt::white));
    painter->drawEllipse(p, hover ? kPortRadius + 2 : kPortRadius, hover ? kPortRadius + 2 : kPortRadius);
    if (connected && nb == 1) continue;  // the wire's label names it
    painter->setPen(connected ? QColor(0x50, 0x50, 0x50) : QColor(0x99, 0x99, 0x99));
    const QRectF lr(p.x() - slotW / 2, m_rect.top() + 1, slotW, kBand - 1);
    painter->drawText(lr, Qt::AlignHCenter | Qt::AlignBottom, tfm.elidedText(label, Qt::ElideRight, slotW - 4));
  }
  const int nt = int(m_content.tops.size());
  const double topW = m_rect.width() / (nt + 1);
  for (int i = 0; i < nt; ++i) {
    const QPointF p = topPortPos(i);
    const bool hover = m_hover.kind == PortHit::Top && m_hover.index == i;
    painter->setPen(QPen(hover ? kSelectColor : base.darker(160), hover ? 2.5 : 1.3));
    painter->setBrush(base.lighter(110));
    painter->drawEllipse(p, hover ? kPortRadius + 2 : kPortRadius, hover ? kPortRadius + 2 : kPortRadius);
    if (nt == 1 && m_content.topsConnected.value(0)) continue;  // the wire's label names it
    painter->setPen(QColor(0x50, 0x50, 0x50));
    const QRectF lr(p.x() - topW / 2, m_rect.bottom() - kBand, topW, kBand - 1);
    painter->drawText(lr, Qt::AlignHCenter | Qt::AlignTop, tfm.elidedText(m_content.tops[i], Qt::ElideRight, topW - 4));
  }
}

// ---------------------------------------------------------------------------
// EdgeItem

EdgeItem::EdgeItem(NodeId from, int top, NodeId to, int bottom)
    : m_from(from), m_to(to), m_top(top), m_bottom(bottom) {
  setFlags(ItemIsSelectable);
  setZValue(0);
  setAcceptHoverEvents(true);
}

void EdgeItem::setEnds(const QPointF& start, const QPointF& end, std::optional<double> detourX) {
  prepareGeometryChange();
  m_start = start;
  m_end = end;
  m_detourX = detourX;
  QPainterPath path(start);
  if (detourX) {
    const double x = *detourX;
    const double bend = std::min(60.0, std::max(20.0, (end.y() - start.y()) / 4));
    const QPointF a(x, start.y() + bend), b(x, end.y() - bend);
    path.cubicTo(start + QPointF(0, bend * 0.8), QPointF(x, start.y() + bend * 0.2), a);
    path.lineTo(b);
    path.cubicTo(QPointF(x, end.y() - bend * 0.2), end - QPointF(0, bend * 0.8), end);
  } else {
    const double dy = std::max(40.0, std::abs(end.y() - start.y()) / 2);
    path.cubicTo(start + QPointF(0, dy), end - QPointF(0, dy), end);
  }
  setPath(path);
}

QPointF EdgeItem::labelAnchor() const {
  if (m_detourX) return QPointF(*m_detourX, (m_start.y() + m_end.y()) / 2);
  return path().pointAtPercent(0.5);
}

void EdgeItem::setLabel(const QString& blob, const QString& shape) {
  prepareGeometryChange();
  m_blob = blob;
  m_shape = shape;
  setToolTip(shape.isEmpty() ? blob : blob + QStringLiteral(": ") + shape);
  update();
}

void EdgeItem::setPhases(int phases) {
  m_phases = phases;
  update();
}

QRectF EdgeItem::labelRect() const {
  const QFontMetricsF fm(tinyFont());
  QFont bold = tinyFont();
  bold.setBold(true);
  const QFontMetricsF bfm(bold);
  const double w = bfm.horizontalAdvance(m_blob) + (m_shape.isEmpty() ? 0 : fm.horizontalAdvance(m_shape) + 6) + 8;
  const QPointF mid = labelAnchor();
  return QRectF(mid.x() - w / 2, mid.y() - 7, w, 14);
}

QRectF EdgeItem::boundingRect() const {
  return path().boundingRect().adjusted(-8, -8, 8, 8).united(labelRect().adjusted(-2, -2, 2, 2));
}

QPainterPath EdgeItem::shape() const {
  QPainterPathStroker stroker;
  stroker.setWidth(9);
  QPainterPath p = stroker.createStroke(path());
  p.addRect(labelRect());
  return p;
}

void EdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
  painter->setRenderHint(QPainter::Antialiasing);
  const bool selected = option->state & QStyle::State_Selected;
  QColor color = selected ? kSelectColor : QColor(0x55, 0x55, 0x55);
  QPen pen(color, selected ? 2.4 : 1.4);
  if (m_phases == kPhaseTrain || m_phases == kPhaseTest) {
    if (!selected) color = m_phases == kPhaseTrain ? kTrainColor : kTestColor;
    pen.setColor(color);
    pen.setStyle(Qt::DashLine);
  }
  painter->setPen(pen);
  painter->setBrush(Qt::NoBrush);
  painter->drawPath(path());
  // Arrow head into the bottom port.
  const double a = 4.5;
  QPolygonF head;
  head << m_end + QPointF(0, -kPortRadius) << m_end + QPointF(-a, -kPortRadius - 2 * a)
       << m_end + QPointF(a, -kPortRadius - 2 * a);
  painter->setBrush(color);
  painter->setPen(Qt::NoPen);
  painter->drawPolygon(head);
  // Label: blob name and shape.
  const QRectF r = labelRect();
  painter->setBrush(QColor(255, 255, 255, 235));
  painter->setPen(QPen(QColor(0xcc, 0xcc, 0xcc), 0.8));
  painter->drawRoundedRect(r, 3, 3);
  QFont bold = tinyFont();
  bold.setBold(true);
  painter->setFont(bold);
  painter->setPen(color.darker(120));
  const QFontMetricsF bfm(bold);
  painter->drawText(QRectF(r.left() + 4, r.top(), r.width(), r.height()), Qt::AlignLeft | Qt::AlignVCenter, m_blob);
  if (!m_shape.isEmpty()) {
    painter->setFont(tinyFont());
    painter->setPen(QColor(0x33, 0x66, 0x99));
    painter->drawText(QRectF(r.left() + 4 + bfm.horizontalAdvance(m_blob) + 6, r.top(), r.width(), r.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, m_shape);
  }
}

}  // namespace crema::ui
