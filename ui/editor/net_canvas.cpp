#include "editor/net_canvas.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDragEnterEvent>
#include <QGraphicsPathItem>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QScrollBar>
#include <QWheelEvent>
#include <cmath>

#include "common.h"
#include "editor/graph_layout.h"
#include "editor/layer_catalog.h"
#include "editor/net_graph.h"
#include "io/io.h"

namespace crema::ui {

const char* const NetCanvas::kLayerMimeType = "application/x-crema-layer-type";
const char* const NetCanvas::kLayersMimeType = "application/x-crema-layers";

namespace {

QString phaseText(const caffe::LayerParameter& l) {
  const int mask = layerPhaseMask(l);
  if (mask == kPhaseTrain) return QStringLiteral("TRAIN");
  if (mask == kPhaseTest) return QStringLiteral("TEST");
  return {};
}

}  // namespace

NetCanvas::NetCanvas(NetDocument* doc, QWidget* parent) : QGraphicsView(parent), m_doc(doc) {
  m_scene = new QGraphicsScene(this);
  m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);
  setScene(m_scene);
  setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
  setDragMode(QGraphicsView::RubberBandDrag);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
  setAcceptDrops(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(200, 200);

  connect(doc, &NetDocument::netChanged, this, &NetCanvas::sync);
  connect(doc, &NetDocument::documentReset, this, [this] {
    cancelWire();
    sync();
  });
  connect(doc, &NetDocument::positionsChanged, this, &NetCanvas::updatePositions);
  connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
    if (!m_syncing) emit selectedNodesChanged(selectedNodes());
  });
  sync();
}

NetCanvas::~NetCanvas() {
  // The scene deletes the items; nothing may react to the selection changes that causes.
  disconnect(m_scene, nullptr, this, nullptr);
  m_hoverNode = nullptr;
  m_tempWire = nullptr;
  m_edges.clear();
  m_nodes.clear();
}

// ---------------------------------------------------------------------------
// Redrawing from the document

bool NetCanvas::analysisMatches() const { return m_analysis.signature == analysisSignature(m_doc->net()); }

NodeContent NetCanvas::contentFor(int index, const NetGraph& graph) const {
  const caffe::LayerParameter& l = m_doc->layer(index);
  const QString type = QString::fromStdString(l.type());
  const LayerTypeInfo info = layerTypeInfo(type);
  NodeContent c;
  c.name = QString::fromStdString(l.name());
  c.type = type;
  c.summary = layerSummary(l);
  c.phase = phaseText(l);
  c.color = groupColor(type);
  static const QStringList registered = engineLayerTypes();
  c.engineSupported = registered.isEmpty() || registered.contains(type);
  for (const auto& b : l.bottom()) c.bottoms << QString::fromStdString(b);
  for (int s = l.bottom_size(); s < info.bottomSlots.size(); ++s) c.emptySlots << info.bottomSlots[s];
  c.variadic = info.variadicBottoms;
  for (const auto& t : l.top()) c.tops << QString::fromStdString(t);
  for (int t = 0; t < l.top_size(); ++t) c.topsConnected << graph.topConsumed[index][t];
  for (const auto& t : l.top()) {
    if (std::find(l.bottom().begin(), l.bottom().end(), t) != l.bottom().end()) c.inPlaceOn = QString::fromStdString(t);
  }
  if (analysisMatches() && index < int(m_analysis.layers.size())) {
    const LayerAnalysis& a = m_analysis.layers[index];
    QStringList stats;
    if (a.params > 0) stats << tr("%1 params").arg(formatCount(a.params));
    if (a.macs > 0) stats << tr("%1 MAC").arg(formatCount(a.macs));
    c.stats = stats.join(QStringLiteral(" \u00B7 "));
    c.errors = a.errors;
    c.notes = a.notes;
  } else {
    // Analysis pending: structural problems are known right away.
    for (const auto& issue : graph.issues) {
      if (issue.layer == index) c.errors << QString::fromStdString(issue.message);
    }
  }
  return c;
}

void NetCanvas::sync() {
  m_syncing = true;
  const caffe::NetParameter& net = m_doc->net();
  const NetGraph g = buildNetGraph(net);
  QSet<NodeId> present;
  for (int i = 0; i < net.layer_size(); ++i) {
    const NodeId id = m_doc->idAt(i);
    present.insert(id);
    NodeItem* item = m_nodes.value(id);
    if (!item) {
      item = new NodeItem(id);
      m_scene->addItem(item);
      m_nodes.insert(id, item);
      item->setPos(m_doc->hasPosition(id) ? m_doc->position(id) : QPointF(0, i * 110.0));
    }
    item->setContent(contentFor(i, g));
  }
  for (auto it = m_nodes.begin(); it != m_nodes.end();) {
    if (!present.contains(it.key())) {
      if (m_hoverNode == it.value()) m_hoverNode = nullptr;
      delete it.value();
      it = m_nodes.erase(it);
    } else {
      ++it;
    }
  }
  // Wires: rebuilt each time (cheap), keeping the selection.
  QSet<QString> selectedWires;
  for (EdgeItem* e : m_edges) {
    if (e->isSelected()) selectedWires.insert(QStringLiteral("%1/%2").arg(e->to()).arg(e->toBottom()));
  }
  qDeleteAll(m_edges);
  m_edges.clear();
  const bool analysed = analysisMatches();
  for (const auto& e : g.edges) {
    if (e.from < 0) continue;
    auto* item = new EdgeItem(m_doc->idAt(e.from), e.fromTop, m_doc->idAt(e.to), e.toBottom);
    item->setLabel(QString::fromStdString(e.blob), analysed ? m_analysis.edgeShapeText(e.from, e.fromTop) : QString());
    item->setPhases(e.phases);
    m_scene->addItem(item);
    m_edges << item;
    if (selectedWires.contains(QStringLiteral("%1/%2").arg(item->to()).arg(item->toBottom()))) item->setSelected(true);
  }
  updateEdgeEnds();
  m_syncing = false;
  emit selectedNodesChanged(selectedNodes());
}

void NetCanvas::updatePositions(const QList<NodeId>& ids) {
  m_syncing = true;
  for (NodeId id : ids) {
    if (NodeItem* item = m_nodes.value(id)) {
      if (item->pos() != m_doc->position(id)) item->setPos(m_doc->position(id));
    }
  }
  m_syncing = false;
  updateEdgeEnds();
}

void NetCanvas::updateEdgeEnds() {
  for (EdgeItem* e : m_edges) {
    NodeItem* a = m_nodes.value(e->from());
    NodeItem* b = m_nodes.value(e->to());
    if (!a || !b) continue;
    const QPointF start = a->mapToScene(a->topPortPos(e->fromTop()));
    const QPointF end = b->mapToScene(b->bottomPortPos(e->toBottom()));
    // Nodes between the two ends: route the wire down beside them instead of across.
    std::optional<double> detour;
    if (end.y() - start.y() > 60) {
      const QRectF corridor(QPointF(std::min(start.x(), end.x()) - 12, start.y() + 14),
                            QPointF(std::max(start.x(), end.x()) + 12, end.y() - 14));
      QRectF blocked;
      for (NodeItem* n : m_nodes) {
        if (n == a || n == b) continue;
        const QRectF r = n->mapRectToScene(QRectF(QPointF(-n->size().width() / 2, -n->size().height() / 2), n->size()));
        if (r.intersects(corridor)) blocked = blocked.united(r);
      }
      if (!blocked.isNull()) {
        const double mid = (start.x() + end.x()) / 2;
        const double right = blocked.right() + 24, left = blocked.left() - 24;
        detour = std::abs(right - mid) <= std::abs(mid - left) ? right : left;
      }
    }
    e->setEnds(start, end, detour);
  }
}

void NetCanvas::setAnalysis(const NetAnalysisResult& result) {
  m_analysis = result;
  sync();
}

QList<NodeId> NetCanvas::selectedNodes() const {
  QList<NodeId> ids;
  for (int i = 0; i < m_doc->layerCount(); ++i) {  // in net order
    NodeItem* item = m_nodes.value(m_doc->idAt(i));
    if (item && item->isSelected()) ids << item->id();
  }
  return ids;
}

void NetCanvas::selectNodes(const QList<NodeId>& ids) {
  m_syncing = true;
  m_scene->clearSelection();
  for (NodeId id : ids) {
    if (NodeItem* item = m_nodes.value(id)) item->setSelected(true);
  }
  m_syncing = false;
  emit selectedNodesChanged(selectedNodes());
  if (ids.size() == 1) {
    if (NodeItem* item = m_nodes.value(ids.first())) ensureVisible(item, 40, 40);
  }
}

QPointF NetCanvas::topPortScenePos(NodeId id, int top) const {
  NodeItem* item = m_nodes.value(id);
  return item ? item->mapToScene(item->topPortPos(top)) : QPointF();
}

QPointF NetCanvas::bottomPortScenePos(NodeId id, int slot) const {
  NodeItem* item = m_nodes.value(id);
  return item ? item->mapToScene(item->bottomPortPos(slot)) : QPointF();
}

QHash<NodeId, QSizeF> NetCanvas::nodeSizes() const {
  QHash<NodeId, QSizeF> s;
  for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) s.insert(it.key(), it.value()->size());
  return s;
}

// ---------------------------------------------------------------------------
// Mouse: wires, moves, panning

NodeItem* NetCanvas::nodeAt(const QPointF& scenePos) const {
  for (QGraphicsItem* item : m_scene->items(scenePos, Qt::IntersectsItemShape, Qt::DescendingOrder)) {
    if (item->type() == NodeItem::Type) return static_cast<NodeItem*>(item);
  }
  // Ports stick out of the node's outline a little: look in a small radius too.
  const QRectF around(scenePos - QPointF(10, 10), QSizeF(20, 20));
  for (QGraphicsItem* item : m_scene->items(around, Qt::IntersectsItemShape, Qt::DescendingOrder)) {
    if (item->type() == NodeItem::Type) {
      auto* node = static_cast<NodeItem*>(item);
      if (node->hitTest(node->mapFromScene(scenePos)).kind != PortHit::None) return node;
    }
  }
  return nullptr;
}

void NetCanvas::mousePressEvent(QMouseEvent* event) {
  setFocus();
  if (event->button() == Qt::MiddleButton) {
    m_panning = true;
    m_panLast = event->position().toPoint();
    viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
    return;
  }
  if (event->button() == Qt::LeftButton) {
    const QPointF sp = mapToScene(event->position().toPoint());
    if (NodeItem* node = nodeAt(sp)) {
      const PortHit hit = node->hitTest(node->mapFromScene(sp));
      if (hit.kind == PortHit::Top || hit.kind == PortHit::Bottom) {
        m_wireMode = hit.kind == PortHit::Top ? WireMode::FromTop : WireMode::FromBottom;
        m_wireNode = node->id();
        m_wireIndex = hit.index;
        m_wireWasConnected = hit.kind == PortHit::Bottom && hit.index < node->content().bottoms.size();
        m_tempWire = new QGraphicsPathItem;
        QPen pen(QColor(0x1e, 0x6f, 0xe8), 2, Qt::DashLine);
        m_tempWire->setPen(pen);
        m_tempWire->setZValue(5);
        m_scene->addItem(m_tempWire);
        mouseMoveEvent(event);
        event->accept();
        return;
      }
      m_movingNodes = true;
      static int session = 0;
      m_dragSession = ++session;
    }
  }
  QGraphicsView::mousePressEvent(event);
}

void NetCanvas::mouseMoveEvent(QMouseEvent* event) {
  if (m_panning) {
    const QPoint p = event->position().toPoint();
    const QPoint d = p - m_panLast;
    m_panLast = p;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
    event->accept();
    return;
  }
  if (m_wireMode != WireMode::None && m_tempWire) {
    const QPointF sp = mapToScene(event->position().toPoint());
    const QPointF anchor = m_wireMode == WireMode::FromTop ? topPortScenePos(m_wireNode, m_wireIndex)
                                                           : bottomPortScenePos(m_wireNode, m_wireIndex);
    const QPointF a = m_wireMode == WireMode::FromTop ? anchor : sp;
    const QPointF b = m_wireMode == WireMode::FromTop ? sp : anchor;
    QPainterPath path(a);
    const double dy = std::max(30.0, std::abs(b.y() - a.y()) / 2);
    path.cubicTo(a + QPointF(0, dy), b - QPointF(0, dy), b);
    m_tempWire->setPath(path);
    NodeItem* node = nodeAt(sp);
    if (node != m_hoverNode) clearHover();
    m_hoverNode = node;
    if (node && node->id() != m_wireNode) {
      PortHit hit = node->hitTest(node->mapFromScene(sp));
      const bool fits = (m_wireMode == WireMode::FromTop && hit.kind == PortHit::Bottom) ||
                        (m_wireMode == WireMode::FromBottom && hit.kind == PortHit::Top);
      node->setHoverPort(fits ? hit : PortHit());
    }
    event->accept();
    return;
  }
  QGraphicsView::mouseMoveEvent(event);
  if (m_movingNodes && (event->buttons() & Qt::LeftButton)) pushDragMove();
}

void NetCanvas::mouseReleaseEvent(QMouseEvent* event) {
  if (m_panning && event->button() == Qt::MiddleButton) {
    m_panning = false;
    viewport()->unsetCursor();
    event->accept();
    return;
  }
  if (m_wireMode != WireMode::None && event->button() == Qt::LeftButton) {
    finishWire(mapToScene(event->position().toPoint()));
    event->accept();
    return;
  }
  QGraphicsView::mouseReleaseEvent(event);
  if (m_movingNodes && event->button() == Qt::LeftButton) {
    pushDragMove();
    m_movingNodes = false;
  }
}

void NetCanvas::pushDragMove() {
  QHash<NodeId, QPointF> moved;
  for (auto it = m_nodes.begin(); it != m_nodes.end(); ++it) {
    if (!m_doc->hasPosition(it.key()) || it.value()->pos() != m_doc->position(it.key()))
      moved.insert(it.key(), it.value()->pos());
  }
  if (!moved.isEmpty()) m_doc->moveNodes(moved, m_dragSession);
}

void NetCanvas::finishWire(const QPointF& sp) {
  const WireMode mode = m_wireMode;
  const NodeId source = m_wireNode;
  const int index = m_wireIndex;
  const bool wasConnected = m_wireWasConnected;
  cancelWire();
  NodeItem* target = nodeAt(sp);
  QString error;
  if (mode == WireMode::FromTop) {
    if (!target || target->id() == source) return;
    const PortHit hit = target->hitTest(target->mapFromScene(sp));
    if (hit.kind == PortHit::Bottom || hit.kind == PortHit::Body) {
      const int slot = hit.kind == PortHit::Bottom && hit.index < target->content().bottoms.size() ? hit.index : -1;
      if (!m_doc->connectBlob(source, index, target->id(), slot, &error)) emit statusMessage(error);
    }
    return;
  }
  // From a bottom port: onto a top port connects; into empty space pulls the wire out.
  if (target && target->id() != source) {
    const PortHit hit = target->hitTest(target->mapFromScene(sp));
    if (hit.kind == PortHit::Top) {
      if (!m_doc->connectBlob(target->id(), hit.index, source, wasConnected ? index : -1, &error))
        emit statusMessage(error);
    }
    return;
  }
  if (!target && wasConnected) m_doc->disconnectBottom(source, index);
}

void NetCanvas::cancelWire() {
  m_wireMode = WireMode::None;
  delete m_tempWire;
  m_tempWire = nullptr;
  clearHover();
}

void NetCanvas::clearHover() {
  if (m_hoverNode) m_hoverNode->setHoverPort(PortHit());
  m_hoverNode = nullptr;
}

void NetCanvas::mouseDoubleClickEvent(QMouseEvent* event) {
  if (NodeItem* node = nodeAt(mapToScene(event->position().toPoint()))) {
    emit nodeActivated(node->id());
    event->accept();
    return;
  }
  QGraphicsView::mouseDoubleClickEvent(event);
}

void NetCanvas::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps != 0) zoomBy(std::pow(1.15, steps));
  event->accept();
}

void NetCanvas::zoomBy(double factor) {
  const double current = transform().m11();
  const double target = std::clamp(current * factor, 0.1, 4.0);
  scale(target / current, target / current);
}

void NetCanvas::zoomIn() { zoomBy(1.25); }
void NetCanvas::zoomOut() { zoomBy(0.8); }
void NetCanvas::resetZoom() { setTransform(QTransform()); }

void NetCanvas::zoomToFit() {
  if (m_nodes.isEmpty()) return;
  QRectF r;
  for (NodeItem* n : m_nodes) r = r.united(n->sceneBoundingRect());
  for (EdgeItem* e : m_edges) r = r.united(e->sceneBoundingRect());
  r.adjust(-30, -30, 30, 30);
  m_scene->setSceneRect(m_scene->itemsBoundingRect().united(r).adjusted(-400, -400, 400, 400));
  fitInView(r, Qt::KeepAspectRatio);
  if (transform().m11() > 1.0) setTransform(QTransform());
  centerOn(r.center());
}

void NetCanvas::resizeEvent(QResizeEvent* event) {
  QGraphicsView::resizeEvent(event);
  if (m_fitPending > 0 && isVisible()) {
    const double s = m_fitPending;
    m_fitPending = 0;
    fitReadable(s);
  }
}

void NetCanvas::fitReadable(double minScale) {
  if (!isVisible()) m_fitPending = minScale;
  zoomToFit();
  if (m_nodes.isEmpty() || transform().m11() >= minScale) return;
  QRectF r;
  for (NodeItem* n : m_nodes) r = r.united(n->sceneBoundingRect());
  setTransform(QTransform::fromScale(minScale, minScale));
  const QSizeF view = QSizeF(viewport()->size()) / minScale;
  centerOn(QPointF(r.center().x(), r.top() - 20 + view.height() / 2));
}

void NetCanvas::drawBackground(QPainter* painter, const QRectF& rect) {
  painter->fillRect(rect, QColor(0xf4, 0xf5, 0xf7));
  const double step = 20;
  QPen pen(QColor(0xe2, 0xe4, 0xe8), 0);
  painter->setPen(pen);
  const double left = std::floor(rect.left() / step) * step;
  const double top = std::floor(rect.top() / step) * step;
  QVector<QLineF> lines;
  for (double x = left; x < rect.right(); x += step) lines << QLineF(x, rect.top(), x, rect.bottom());
  for (double y = top; y < rect.bottom(); y += step) lines << QLineF(rect.left(), y, rect.right(), y);
  painter->drawLines(lines);
}

// ---------------------------------------------------------------------------
// Keyboard, menus, clipboard

void NetCanvas::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Escape && m_wireMode != WireMode::None) {
    cancelWire();
    event->accept();
    return;
  }
  if (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) {
    deleteSelection();
    event->accept();
    return;
  }
  if (event->matches(QKeySequence::Copy)) {
    copySelection();
  } else if (event->matches(QKeySequence::Paste)) {
    paste();
  } else if (event->matches(QKeySequence::Cut)) {
    cutSelection();
  } else if (event->matches(QKeySequence::SelectAll)) {
    selectAllNodes();
  } else if (event->key() == Qt::Key_D && (event->modifiers() & Qt::ControlModifier)) {
    duplicateSelection();
  } else if (event->key() == Qt::Key_F2) {
    const auto sel = selectedNodes();
    if (sel.size() == 1) renameNodeInteractively(sel.first());
  } else {
    QGraphicsView::keyPressEvent(event);
    return;
  }
  event->accept();
}

void NetCanvas::deleteSelection() {
  const QList<NodeId> nodes = selectedNodes();
  if (!nodes.isEmpty()) {
    m_doc->removeLayers(nodes);
    return;
  }
  QList<QPair<NodeId, int>> wires;
  for (EdgeItem* e : m_edges) {
    if (e->isSelected()) wires << qMakePair(e->to(), e->toBottom());
  }
  if (wires.isEmpty()) return;
  // Remove higher bottom indices first so earlier indices stay valid.
  std::sort(wires.begin(), wires.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  m_doc->undoStack()->beginMacro(tr("Disconnect %n wire(s)", nullptr, int(wires.size())));
  for (const auto& w : wires) m_doc->disconnectBottom(w.first, w.second);
  m_doc->undoStack()->endMacro();
}

QMimeData* NetCanvas::mimeDataForLayers(const QList<NodeId>& ids) const {
  caffe::NetParameter net;
  QJsonArray positions;
  for (int i = 0; i < m_doc->layerCount(); ++i) {
    if (!ids.contains(m_doc->idAt(i))) continue;
    *net.add_layer() = m_doc->layer(i);
    const QPointF p = m_doc->position(m_doc->idAt(i));
    positions.append(QJsonArray{p.x(), p.y()});
  }
  const QString text = QString::fromStdString(crema::ToTextProto(net));
  auto* mime = new QMimeData;
  mime->setText(text);
  mime->setData(kLayersMimeType,
                QJsonDocument(QJsonObject{{"prototxt", text}, {"positions", positions}}).toJson(QJsonDocument::Compact));
  return mime;
}

void NetCanvas::copySelection() {
  const QList<NodeId> ids = selectedNodes();
  if (ids.isEmpty()) return;
  QApplication::clipboard()->setMimeData(mimeDataForLayers(ids));
  m_pasteCount = 0;
  emit statusMessage(tr("Copied %n layer(s)", nullptr, int(ids.size())));
}

void NetCanvas::cutSelection() {
  copySelection();
  deleteSelection();
}

void NetCanvas::paste() {
  const QMimeData* mime = QApplication::clipboard()->mimeData();
  if (!mime) return;
  ++m_pasteCount;
  const QList<NodeId> added = handleDrop(mime, QPoint(-1, -1));
  if (added.isEmpty() && mime->hasText()) emit statusMessage(tr("The clipboard holds no layers"));
}

void NetCanvas::duplicateSelection() {
  const QList<NodeId> added = m_doc->duplicate(selectedNodes());
  if (!added.isEmpty()) selectNodes(added);
}

void NetCanvas::selectAllNodes() {
  m_syncing = true;
  for (NodeItem* n : m_nodes) n->setSelected(true);
  m_syncing = false;
  emit selectedNodesChanged(selectedNodes());
}

QList<NodeId> NetCanvas::handleDrop(const QMimeData* mime, const QPoint& viewportPos) {
  if (!mime) return {};
  const bool atCursor = viewportPos.x() >= 0 && viewportPos.y() >= 0;
  const QPointF at = atCursor ? mapToScene(viewportPos) : mapToScene(viewport()->rect().center());
  if (mime->hasFormat(kLayerMimeType)) {
    const QString type = QString::fromUtf8(mime->data(kLayerMimeType)).trimmed();
    if (type.isEmpty()) return {};
    const NodeId id = m_doc->addLayer(type, at);
    selectNodes({id});
    return {id};
  }
  QString text;
  QList<QPointF> positions;
  if (mime->hasFormat(kLayersMimeType)) {
    const QJsonObject o = QJsonDocument::fromJson(mime->data(kLayersMimeType)).object();
    text = o.value(QStringLiteral("prototxt")).toString();
    for (const QJsonValue& v : o.value(QStringLiteral("positions")).toArray()) {
      const QJsonArray a = v.toArray();
      positions << QPointF(a.at(0).toDouble(), a.at(1).toDouble());
    }
  } else if (mime->hasText()) {
    text = mime->text();
  }
  if (text.isEmpty()) return {};
  caffe::NetParameter net;
  try {
    net = crema::ParseNetParam(text.toStdString(), "clipboard");
  } catch (const crema::Error&) {
    return {};
  }
  if (net.layer_size() == 0) return {};
  std::vector<caffe::LayerParameter> layers(net.layer().begin(), net.layer().end());
  if (positions.size() != net.layer_size()) {
    positions.clear();
    for (int i = 0; i < net.layer_size(); ++i) positions << QPointF(0, i * 110.0);
  }
  // Keep the group's shape; put it at the drop point, or offset from the original.
  QPointF origin = positions.first();
  for (const QPointF& p : positions) origin = QPointF(std::min(origin.x(), p.x()), std::min(origin.y(), p.y()));
  const QPointF shift = atCursor || !mime->hasFormat(kLayersMimeType) ? at - origin : QPointF(40, 40) * m_pasteCount;
  for (QPointF& p : positions) p += shift;
  const QList<NodeId> added = m_doc->addLayers(layers, positions, tr("Paste %n layer(s)", nullptr, int(layers.size())));
  selectNodes(added);
  return added;
}

void NetCanvas::renameNodeInteractively(NodeId id) {
  const int i = m_doc->indexOf(id);
  if (i < 0) return;
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("Rename layer"), tr("Name:"), QLineEdit::Normal,
                                             QString::fromStdString(m_doc->layer(i).name()), &ok);
  if (!ok) return;
  QString error;
  if (!m_doc->renameLayer(id, name, &error)) emit statusMessage(error);
}

void NetCanvas::contextMenuEvent(QContextMenuEvent* event) {
  const QPointF sp = mapToScene(event->pos());
  QMenu menu(this);
  NodeItem* node = nodeAt(sp);
  EdgeItem* edge = nullptr;
  if (!node) {
    for (QGraphicsItem* item : m_scene->items(sp)) {
      if (item->type() == EdgeItem::Type) {
        edge = static_cast<EdgeItem*>(item);
        break;
      }
    }
  }
  if (node) {
    if (!node->isSelected()) selectNodes({node->id()});
    const NodeId id = node->id();
    const int index = m_doc->indexOf(id);
    const caffe::LayerParameter& l = m_doc->layer(index);
    menu.addAction(tr("Rename…"), this, [this, id] { renameNodeInteractively(id); });
    menu.addAction(tr("Duplicate"), this, &NetCanvas::duplicateSelection);
    menu.addAction(tr("Copy"), this, &NetCanvas::copySelection);
    menu.addAction(tr("Delete"), this, &NetCanvas::deleteSelection);
    menu.addSeparator();
    if (l.bottom_size() >= 1 && l.top_size() == 1) {
      QAction* inPlace = menu.addAction(tr("In place"));
      inPlace->setCheckable(true);
      inPlace->setChecked(l.top(0) == l.bottom(0));
      connect(inPlace, &QAction::toggled, this, [this, id](bool on) { m_doc->setInPlace(id, on); });
    }
    QMenu* phase = menu.addMenu(tr("Phase"));
    auto* group = new QActionGroup(phase);
    const int mask = layerPhaseMask(l);
    const bool simple = l.exclude_size() == 0 && l.include_size() <= 1;
    for (auto [label, value, m] : {std::tuple{tr("TRAIN and TEST"), -1, int(kPhaseBoth)},
                                   std::tuple{tr("TRAIN only"), int(caffe::TRAIN), int(kPhaseTrain)},
                                   std::tuple{tr("TEST only"), int(caffe::TEST), int(kPhaseTest)}}) {
      QAction* a = phase->addAction(label);
      a->setCheckable(true);
      a->setChecked(simple && mask == m);
      group->addAction(a);
      const int v = value;
      connect(a, &QAction::triggered, this, [this, id, v] { m_doc->setLayerPhase(id, v); });
    }
    if (layerTypeInfo(QString::fromStdString(l.type())).isData && l.include_size() == 0 && l.exclude_size() == 0 &&
        l.type() != "Input") {
      menu.addAction(tr("Split into TRAIN and TEST data layers"), this, [this, id] {
        const NodeId twin = m_doc->addTestPhaseTwin(id);
        if (twin) selectNodes({twin});
      });
    }
  } else if (edge) {
    const NodeId to = edge->to();
    const int bottom = edge->toBottom();
    menu.addAction(tr("Disconnect %1").arg(edge->blob()), this, [this, to, bottom] { m_doc->disconnectBottom(to, bottom); });
  } else {
    menu.addAction(tr("Paste"), this, [this, event] {
      ++m_pasteCount;
      handleDrop(QApplication::clipboard()->mimeData(), event->pos());
    });
    menu.addAction(tr("Select all"), this, &NetCanvas::selectAllNodes);
    menu.addSeparator();
    menu.addAction(tr("Auto layout"), this, &NetCanvas::autoLayout);
    menu.addAction(tr("Fit to window"), this, &NetCanvas::zoomToFit);
  }
  menu.exec(event->globalPos());
}

// ---------------------------------------------------------------------------
// Palette drops

void NetCanvas::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasFormat(kLayerMimeType) || event->mimeData()->hasFormat(kLayersMimeType)) {
    event->acceptProposedAction();
    return;
  }
  event->ignore();
}

void NetCanvas::dragMoveEvent(QDragMoveEvent* event) {
  if (event->mimeData()->hasFormat(kLayerMimeType) || event->mimeData()->hasFormat(kLayersMimeType)) {
    event->acceptProposedAction();
    return;
  }
  event->ignore();
}

void NetCanvas::dropEvent(QDropEvent* event) {
  if (event->mimeData()->hasFormat(kLayerMimeType) || event->mimeData()->hasFormat(kLayersMimeType)) {
    handleDrop(event->mimeData(), event->position().toPoint());
    event->acceptProposedAction();
    setFocus();
    return;
  }
  event->ignore();
}

// ---------------------------------------------------------------------------
// Layout

void NetCanvas::autoLayout() {
  const auto pos = layoutNet(m_doc->net(), m_doc->ids(), nodeSizes());
  if (pos.isEmpty()) return;
  m_doc->moveNodes(pos, 0, tr("Auto layout"));
  zoomToFit();
}

void NetCanvas::layoutMissingPositions() {
  bool missing = false;
  for (NodeId id : m_doc->ids()) missing |= !m_doc->hasPosition(id);
  if (!missing) return;
  const auto pos = layoutNet(m_doc->net(), m_doc->ids(), nodeSizes());
  m_doc->applyPositions(pos);
  fitReadable();
}

}  // namespace crema::ui
