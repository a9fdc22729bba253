// NetCanvas: the node-graph view of a NetDocument. Layers are nodes, blobs are
// labelled wires from a top port (bottom edge of a node) to a bottom port (top
// edge). Mouse gestures become document commands:
//   - drop a palette entry (mime kLayerMimeType) -> add a layer there
//   - drag from a top port to a bottom port or onto a node -> connect
//   - drag from a bottom port to a top port -> connect; out into empty space -> disconnect
//   - drag nodes -> move (one undo step per drag); rubber band on empty space -> select
//   - Delete, Ctrl+C / Ctrl+V / Ctrl+D, wheel zoom, middle-button pan, context menus
// The canvas redraws from the document's signals and from analysis results.
#pragma once

#include <QGraphicsView>
#include <QHash>
#include <QList>

#include "editor/canvas_items.h"
#include "editor/net_analysis.h"
#include "editor/net_document.h"

class QGraphicsPathItem;
class QMimeData;

namespace crema::ui {

struct NetGraph;

class NetCanvas : public QGraphicsView {
  Q_OBJECT

 public:
  /// Mime type of a palette drag; the payload is the layer type (UTF-8).
  static const char* const kLayerMimeType;
  /// Mime type of copied layers: JSON {"prototxt": ..., "positions": [[x, y], ...]}.
  static const char* const kLayersMimeType;

  explicit NetCanvas(NetDocument* doc, QWidget* parent = nullptr);
  ~NetCanvas() override;

  NetDocument* document() const { return m_doc; }
  QList<NodeId> selectedNodes() const;
  void selectNodes(const QList<NodeId>& ids);
  NodeItem* nodeItem(NodeId id) const { return m_nodes.value(id); }
  QList<EdgeItem*> edgeItems() const { return m_edges; }
  /// Scene positions of a node's ports (for tests and tools).
  QPointF topPortScenePos(NodeId id, int top) const;
  QPointF bottomPortScenePos(NodeId id, int slot) const;
  /// Node sizes, for the layout.
  QHash<NodeId, QSizeF> nodeSizes() const;

  /// Handles a drop of palette or clipboard data at a viewport position;
  /// returns the new node ids. dropEvent calls this; tests may too.
  QList<NodeId> handleDrop(const QMimeData* mime, const QPoint& viewportPos);
  /// Mime data describing the given layers (for copy and drags).
  QMimeData* mimeDataForLayers(const QList<NodeId>& ids) const;

 public slots:
  void setAnalysis(const crema::ui::NetAnalysisResult& result);
  void deleteSelection();
  void copySelection();
  void cutSelection();
  void paste();
  void duplicateSelection();
  void selectAllNodes();
  void zoomIn();
  void zoomOut();
  void zoomToFit();
  /// Fits the graph, but not below `minScale`: then shows its top at that scale (after opening a file).
  void fitReadable(double minScale = 0.8);
  void resetZoom();
  /// Lays the graph out with Graphviz (one undo step).
  void autoLayout();
  /// Places nodes without a position (after opening a file), without an undo step.
  void layoutMissingPositions();
  void renameNodeInteractively(NodeId id);

 signals:
  void selectedNodesChanged(const QList<crema::ui::NodeId>& ids);
  /// Double-click on a node.
  void nodeActivated(crema::ui::NodeId id);
  void statusMessage(const QString& text);

 protected:
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void contextMenuEvent(QContextMenuEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void drawBackground(QPainter* painter, const QRectF& rect) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  enum class WireMode { None, FromTop, FromBottom };

  void sync();
  void updatePositions(const QList<NodeId>& ids);
  void updateEdgeEnds();
  NodeContent contentFor(int index, const NetGraph& graph) const;
  bool analysisMatches() const;
  NodeItem* nodeAt(const QPointF& scenePos) const;
  void finishWire(const QPointF& scenePos);
  void cancelWire();
  void clearHover();
  void pushDragMove();
  void zoomBy(double factor);

  NetDocument* m_doc;
  QGraphicsScene* m_scene;
  QHash<NodeId, NodeItem*> m_nodes;
  QList<EdgeItem*> m_edges;
  NetAnalysisResult m_analysis;
  bool m_syncing = false;

  WireMode m_wireMode = WireMode::None;
  NodeId m_wireNode = 0;
  int m_wireIndex = -1;
  bool m_wireWasConnected = false;
  QGraphicsPathItem* m_tempWire = nullptr;
  NodeItem* m_hoverNode = nullptr;

  bool m_movingNodes = false;
  int m_dragSession = 0;
  bool m_panning = false;
  QPoint m_panLast;
  int m_pasteCount = 0;
  double m_fitPending = 0;  ///< minScale of a fitReadable() asked for before the view had its size
};

}  // namespace crema::ui
