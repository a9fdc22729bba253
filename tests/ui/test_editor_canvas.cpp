// The canvas and palette driven by synthesized mouse and keyboard events:
// dropping a palette entry creates a layer, dragging from a top port to a
// bottom port connects, dragging a node moves it in one undo step, undo
// restores the previous NetParameter exactly.
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QtTest>
#include <google/protobuf/util/message_differencer.h>

#include "editor/layer_palette.h"
#include "editor/net_canvas.h"
#include "editor/net_document.h"
#include "editor/net_graph.h"

using namespace crema::ui;
using google::protobuf::util::MessageDifferencer;

class TestEditorCanvas : public QObject {
  Q_OBJECT

  QPoint viewPos(NetCanvas& canvas, const QPointF& scenePos) { return canvas.mapFromScene(scenePos); }

  // Press at `from`, move in steps to `to`, release (left button), on the viewport.
  void dragOnViewport(NetCanvas& canvas, QPoint from, QPoint to, Qt::KeyboardModifiers mods = {}) {
    QWidget* vp = canvas.viewport();
    QTest::mousePress(vp, Qt::LeftButton, mods, from);
    for (int i = 1; i <= 5; ++i) QTest::mouseMove(vp, from + (to - from) * i / 5);
    QTest::mouseRelease(vp, Qt::LeftButton, mods, to);
  }

  // Delivers a drag-and-drop of `mime` at `pos` through the viewport's event handlers.
  bool dropOnViewport(NetCanvas& canvas, QMimeData* mime, QPoint pos) {
    QWidget* vp = canvas.viewport();
    QDragEnterEvent enter(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(vp, &enter);
    if (!enter.isAccepted()) return false;
    QDragMoveEvent move(pos, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(vp, &move);
    QDropEvent drop(QPointF(pos), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(vp, &drop);
    return drop.isAccepted();
  }

 private slots:
  void paletteListsGroupsAndFilters() {
    LayerPalette palette;
    QVERIFY(palette.itemForType("Convolution"));
    QVERIFY(palette.itemForType("SoftmaxWithLoss"));
    QCOMPARE(palette.tree()->topLevelItemCount(), 7);
    QCOMPARE(palette.tree()->topLevelItem(0)->text(0), QString("Data"));
    palette.searchField()->setText("pool");
    const QStringList visible = palette.visibleTypes();
    QVERIFY(visible.contains("Pooling"));
    QVERIFY(visible.contains("SPP"));  // by description: "Spatial pyramid pooling"
    QVERIFY(!visible.contains("Convolution"));
    palette.searchField()->clear();
    QVERIFY(palette.visibleTypes().contains("Convolution"));
    QSignalSpy requested(&palette, &LayerPalette::layerRequested);
    palette.searchField()->setText("InnerProd");
    QTest::keyClick(palette.searchField(), Qt::Key_Return);
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), QString("InnerProduct"));
  }

  void dragConvolutionFromPaletteCreatesLayer() {
    NetDocument doc;
    LayerPalette palette;
    NetCanvas canvas(&doc);
    canvas.resize(800, 600);
    palette.resize(260, 600);
    palette.show();
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    // Press on the palette entry (selects it), then carry the palette's drag payload to the canvas.
    QTreeWidgetItem* item = palette.itemForType("Convolution");
    QVERIFY(item);
    palette.tree()->scrollToItem(item);
    const QRect r = palette.tree()->visualItemRect(item);
    QTest::mousePress(palette.tree()->viewport(), Qt::LeftButton, {}, r.center());
    QTest::mouseRelease(palette.tree()->viewport(), Qt::LeftButton, {}, r.center());
    QCOMPARE(palette.tree()->selectedItems().size(), 1);
    QMimeData* mime = palette.tree()->mimeData(palette.tree()->selectedItems());
    QVERIFY(mime);
    const QPoint dropAt(300, 200);
    QVERIFY(dropOnViewport(canvas, mime, dropAt));
    delete mime;
    QCOMPARE(doc.layerCount(), 1);
    const auto& l = doc.layer(0);
    QCOMPARE(QString::fromStdString(l.type()), QString("Convolution"));
    QCOMPARE(QString::fromStdString(l.name()), QString("conv1"));
    QCOMPARE(l.convolution_param().num_output(), 20u);
    QCOMPARE(l.convolution_param().kernel_size(0), 5u);
    QCOMPARE(QString::fromStdString(l.convolution_param().weight_filler().type()), QString("xavier"));
    // Placed where it was dropped, and selected.
    const QPointF expected = canvas.mapToScene(dropAt);
    QVERIFY(QLineF(doc.position(doc.idAt(0)), expected).length() < 1.5);
    QCOMPARE(canvas.selectedNodes(), QList<NodeId>{doc.idAt(0)});
    // A non-layer drag is refused.
    QMimeData other;
    other.setText("hello");
    QVERIFY(!dropOnViewport(canvas, &other, dropAt));
    QCOMPARE(doc.layerCount(), 1);
  }

  void dragFromTopPortToBottomPortConnects() {
    NetDocument doc;
    NetCanvas canvas(&doc);
    canvas.resize(800, 700);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    const NodeId data = doc.addLayer("Input", {0, 0});
    const NodeId conv = doc.addLayer("Convolution", {60, 220});
    canvas.centerOn(30, 110);
    const caffe::NetParameter before = doc.net();
    const int steps = doc.undoStack()->count();

    dragOnViewport(canvas, viewPos(canvas, canvas.topPortScenePos(data, 0)),
                   viewPos(canvas, canvas.bottomPortScenePos(conv, 0)));
    const auto& c = doc.layer(doc.indexOf(conv));
    QCOMPARE(c.bottom_size(), 1);
    QCOMPARE(QString::fromStdString(c.bottom(0)), QString("data"));
    QCOMPARE(doc.undoStack()->count(), steps + 1);
    QCOMPARE(canvas.edgeItems().size(), 1);
    QCOMPARE(canvas.edgeItems().first()->blob(), QString("data"));

    // Undo restores the previous NetParameter exactly; redo re-applies.
    const caffe::NetParameter after = doc.net();
    doc.undoStack()->undo();
    QVERIFY(MessageDifferencer::Equals(doc.net(), before));
    QCOMPARE(canvas.edgeItems().size(), 0);
    doc.undoStack()->redo();
    QVERIFY(MessageDifferencer::Equals(doc.net(), after));

    // Pulling the wire out of the bottom port into empty space disconnects.
    dragOnViewport(canvas, viewPos(canvas, canvas.bottomPortScenePos(conv, 0)),
                   viewPos(canvas, canvas.bottomPortScenePos(conv, 0) + QPointF(250, -60)));
    QCOMPARE(doc.layer(doc.indexOf(conv)).bottom_size(), 0);
    doc.undoStack()->undo();
    QCOMPARE(doc.layer(doc.indexOf(conv)).bottom_size(), 1);

    // Dropping a wire on the body of a node appends a bottom (a loss gets its label this way).
    const NodeId loss = doc.addLayer("SoftmaxWithLoss", {-150, 420});
    const NodeId labels = doc.addLayer("Input", {-300, 220});
    canvas.centerOn(-100, 250);
    dragOnViewport(canvas, viewPos(canvas, canvas.topPortScenePos(conv, 0)),
                   viewPos(canvas, canvas.bottomPortScenePos(loss, 0)));
    dragOnViewport(canvas, viewPos(canvas, canvas.topPortScenePos(labels, 0)),
                   viewPos(canvas, canvas.nodeItem(loss)->scenePos() + QPointF(0, 10)));
    const auto& l = doc.layer(doc.indexOf(loss));
    QCOMPARE(l.bottom_size(), 2);
    QCOMPARE(QString::fromStdString(l.bottom(0)), QString("conv1"));
    QCOMPARE(QString::fromStdString(l.bottom(1)), QString("data2"));
    // Reverse direction: from an empty bottom slot to a top port.
    const NodeId ip = doc.addLayer("InnerProduct", {300, 420});
    canvas.centerOn(150, 300);
    dragOnViewport(canvas, viewPos(canvas, canvas.bottomPortScenePos(ip, 0)),
                   viewPos(canvas, canvas.topPortScenePos(conv, 0)));
    QCOMPARE(QString::fromStdString(doc.layer(doc.indexOf(ip)).bottom(0)), QString("conv1"));
    QVERIFY(buildNetGraph(doc.net()).issues.empty());
  }

  void draggingNodesIsOneUndoStep() {
    NetDocument doc;
    NetCanvas canvas(&doc);
    canvas.resize(800, 600);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    const NodeId a = doc.addLayer("ReLU", {0, 0});
    canvas.centerOn(0, 0);
    const int steps = doc.undoStack()->count();
    const QPoint start = viewPos(canvas, canvas.nodeItem(a)->scenePos() + QPointF(0, 5));
    dragOnViewport(canvas, start, start + QPoint(120, 80));
    QCOMPARE(doc.undoStack()->count(), steps + 1);
    const QPointF moved = doc.position(a);
    QVERIFY(moved.x() > 60 && moved.y() > 40);
    QCOMPARE(canvas.nodeItem(a)->pos(), moved);
    doc.undoStack()->undo();
    QCOMPARE(doc.position(a), QPointF(0, 0));
    QCOMPARE(canvas.nodeItem(a)->pos(), QPointF(0, 0));
  }

  void rubberBandDeleteCopyPaste() {
    NetDocument doc;
    NetCanvas canvas(&doc);
    canvas.resize(900, 700);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    const NodeId data = doc.addLayer("Input", {0, 0});
    const NodeId conv = doc.addLayer("Convolution", {0, 150});
    const NodeId relu = doc.addLayer("ReLU", {0, 300});
    QVERIFY(doc.connectBlob(data, 0, conv, 0));
    QVERIFY(doc.connectBlob(conv, 0, relu, 0));
    canvas.centerOn(0, 150);
    // Rubber band around conv and relu only.
    const QPoint from = viewPos(canvas, QPointF(-200, 100));
    const QPoint to = viewPos(canvas, QPointF(200, 380));
    dragOnViewport(canvas, from, to);
    QCOMPARE(canvas.selectedNodes(), (QList<NodeId>{conv, relu}));
    // Copy, paste: two more layers, wired to each other and to the original data.
    QTest::keyClick(canvas.viewport(), Qt::Key_C, Qt::ControlModifier);
    QTest::keyClick(&canvas, Qt::Key_C, Qt::ControlModifier);
    QVERIFY(QApplication::clipboard()->mimeData()->hasFormat(NetCanvas::kLayersMimeType));
    QTest::keyClick(&canvas, Qt::Key_V, Qt::ControlModifier);
    QCOMPARE(doc.layerCount(), 5);
    const QList<NodeId> pasted = canvas.selectedNodes();
    QCOMPARE(pasted.size(), 2);
    QCOMPARE(QString::fromStdString(doc.layer(doc.indexOf(pasted[0])).bottom(0)), QString("data"));
    QCOMPARE(QString::fromStdString(doc.layer(doc.indexOf(pasted[1])).bottom(0)),
             QString::fromStdString(doc.layer(doc.indexOf(pasted[0])).top(0)));
    QCOMPARE(doc.position(pasted[0]), doc.position(conv) + QPointF(40, 40));
    // Delete removes the selection in one step.
    const int steps = doc.undoStack()->count();
    QTest::keyClick(&canvas, Qt::Key_Delete);
    QCOMPARE(doc.layerCount(), 3);
    QCOMPARE(doc.undoStack()->count(), steps + 1);
    // Ctrl+D duplicates.
    canvas.selectNodes({conv});
    QTest::keyClick(&canvas, Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(doc.layerCount(), 4);
    // Selecting a wire and pressing Delete disconnects it.
    doc.undoStack()->undo();
    canvas.selectNodes({});
    EdgeItem* wire = nullptr;
    for (EdgeItem* e : canvas.edgeItems()) {
      if (e->to() == relu) wire = e;
    }
    QVERIFY(wire);
    wire->setSelected(true);
    QTest::keyClick(&canvas, Qt::Key_Delete);
    QCOMPARE(doc.layer(doc.indexOf(relu)).bottom_size(), 0);
  }

  void zoomAndLayout() {
    NetDocument doc;
    NetCanvas canvas(&doc);
    canvas.resize(800, 600);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    const NodeId data = doc.addLayer("Input", {300, 300});
    const NodeId conv = doc.addLayer("Convolution", {0, 0});
    const NodeId pool = doc.addLayer("Pooling", {-300, -300});
    QVERIFY(doc.connectBlob(data, 0, conv, 0));
    QVERIFY(doc.connectBlob(conv, 0, pool, 0));
    const double before = canvas.transform().m11();
    QWheelEvent wheel(QPointF(400, 300), canvas.viewport()->mapToGlobal(QPointF(400, 300)), QPoint(), QPoint(0, 240),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas.viewport(), &wheel);
    QVERIFY(canvas.transform().m11() > before * 1.2);
    const int steps = doc.undoStack()->count();
    canvas.autoLayout();
    QCOMPARE(doc.undoStack()->count(), steps + 1);
    QCOMPARE(doc.undoStack()->undoText(), QString("Auto layout"));
    // Top to bottom in wiring order, on one column.
    QVERIFY(doc.position(data).y() < doc.position(conv).y());
    QVERIFY(doc.position(conv).y() < doc.position(pool).y());
    QVERIFY(std::abs(doc.position(data).x() - doc.position(pool).x()) < 1.0);
    // The fit shows every node.
    for (NodeId id : {data, conv, pool}) {
      QVERIFY(canvas.viewport()->rect().contains(viewPos(canvas, canvas.nodeItem(id)->scenePos())));
    }
  }
};

QTEST_MAIN(TestEditorCanvas)
#include "test_editor_canvas.moc"
