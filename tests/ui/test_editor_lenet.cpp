// Builds the seed's LeNet with the mouse and keyboard only (palette drops,
// port-to-port drags, typing into the generated property fields), exports
// it, and compares with the seed's lenet_auto_train.prototxt.
#include <QApplication>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMimeData>
#include <QTemporaryDir>
#include <QtTest>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/util/message_differencer.h>

#include "editor/layer_palette.h"
#include "editor/layer_properties.h"
#include "editor/message_editor.h"
#include "editor/net_canvas.h"
#include "editor/net_document.h"
#include "editor/net_files.h"
#include "io/io.h"

using namespace crema::ui;
using google::protobuf::util::MessageDifferencer;

namespace {

// Every identifier used as a field name in prototxt text ("name:" or "name {").
QSet<QString> fieldNamesIn(const QString& text) {
  QSet<QString> names;
  static const QRegularExpression re(QStringLiteral("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(:|\\{)"),
                                     QRegularExpression::MultilineOption);
  auto it = re.globalMatch(text);
  while (it.hasNext()) names.insert(it.next().captured(1));
  return names;
}

// Field names declared by the caffe.proto messages reachable from NetParameter.
void collectFields(const google::protobuf::Descriptor* d, QSet<QString>* names, QSet<const void*>* seen) {
  if (seen->contains(d)) return;
  seen->insert(d);
  for (int i = 0; i < d->field_count(); ++i) {
    names->insert(QString::fromStdString(d->field(i)->name()));
    if (d->field(i)->message_type()) collectFields(d->field(i)->message_type(), names, seen);
  }
}

}  // namespace

class TestEditorLeNet : public QObject {
  Q_OBJECT

  NetDocument* m_doc = nullptr;
  NetCanvas* m_canvas = nullptr;
  LayerPalette* m_palette = nullptr;
  LayerPropertiesPanel* m_panel = nullptr;
  QWidget* m_window = nullptr;

  NodeId drop(const QString& type, const QPointF& scenePos) {
    m_canvas->centerOn(scenePos);
    QTreeWidgetItem* item = m_palette->itemForType(type);
    if (!item) return 0;
    std::unique_ptr<QMimeData> mime(m_palette->tree()->mimeData({item}));
    const QPoint at = m_canvas->mapFromScene(scenePos);
    QDragEnterEvent enter(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_canvas->viewport(), &enter);
    QDropEvent dropEvent(QPointF(at), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_canvas->viewport(), &dropEvent);
    const QList<NodeId> sel = m_canvas->selectedNodes();
    return sel.size() == 1 ? sel.first() : 0;
  }

  void wire(const QPointF& from, const QPointF& to) {
    m_canvas->centerOn((from + to) / 2);
    QWidget* vp = m_canvas->viewport();
    const QPoint a = m_canvas->mapFromScene(from), b = m_canvas->mapFromScene(to);
    QTest::mousePress(vp, Qt::LeftButton, {}, a);
    for (int i = 1; i <= 4; ++i) QTest::mouseMove(vp, a + (b - a) * i / 4);
    QTest::mouseRelease(vp, Qt::LeftButton, {}, b);
  }

  // Selects a node by clicking it, then types into a generated field of the properties panel.
  void typeField(NodeId id, const QString& path, const QString& text) {
    m_canvas->centerOn(m_canvas->nodeItem(id)->scenePos());
    const QPoint p = m_canvas->mapFromScene(m_canvas->nodeItem(id)->scenePos() + QPointF(0, 8));
    QTest::mouseClick(m_canvas->viewport(), Qt::LeftButton, {}, p);
    QCOMPARE(m_panel->layer(), id);
    QVERIFY(m_panel->paramsEditor());
    auto* edit = qobject_cast<QLineEdit*>(m_panel->paramsEditor()->fieldWidget(path));
    QVERIFY2(edit, qPrintable(path));
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
  }

 private slots:
  void init() {
    m_window = new QWidget;
    m_doc = new NetDocument(m_window);
    m_palette = new LayerPalette(m_window);
    m_canvas = new NetCanvas(m_doc, m_window);
    m_panel = new LayerPropertiesPanel(m_doc, m_window);
    connect(m_canvas, &NetCanvas::selectedNodesChanged, m_panel, &LayerPropertiesPanel::setSelection);
    auto* h = new QHBoxLayout(m_window);
    h->addWidget(m_palette);
    h->addWidget(m_canvas, 1);
    h->addWidget(m_panel);
    m_window->resize(1300, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
  }

  void cleanup() {
    delete m_window;
    m_window = nullptr;
  }

  void buildSeedLeNetWithTheMouse() {
    // Drop the layers of the seed's NetSpec code, top to bottom.
    const QStringList types = {"Data",    "Convolution",  "Pooling", "Convolution",    "Pooling",
                               "InnerProduct", "ReLU", "InnerProduct", "SoftmaxWithLoss"};
    QList<NodeId> n;
    for (int i = 0; i < types.size(); ++i) {
      n << drop(types[i], QPointF(0, i * 160.0));
      QVERIFY2(n.last(), qPrintable(types[i]));
    }
    QCOMPARE(m_doc->layerCount(), 9);
    const NodeId data = n[0], conv1 = n[1], pool1 = n[2], conv2 = n[3], pool2 = n[4], fc1 = n[5], relu1 = n[6],
                 fc2 = n[7], loss = n[8];
    // Wire them: each top port to the next layer's (first) bottom port.
    for (int i = 0; i + 1 < n.size(); ++i) {
      wire(m_canvas->topPortScenePos(n[i], 0), m_canvas->bottomPortScenePos(n[i + 1], 0));
    }
    // The label: data's second top into the loss's empty "label" slot (a long drag: zoom out first).
    m_canvas->scale(0.5, 0.5);
    wire(m_canvas->topPortScenePos(data, 1), m_canvas->bottomPortScenePos(loss, 1));
    m_canvas->resetZoom();
    QCOMPARE(m_doc->layer(m_doc->indexOf(loss)).bottom_size(), 2);
    // ReLU dropped onto fc1 works in place, as NetSpec's in_place=True.
    QCOMPARE(QString::fromStdString(m_doc->layer(m_doc->indexOf(relu1)).top(0)), QString("fc1"));

    // Parameters typed into the generated property fields.
    typeField(data, "transform_param.scale", "0.00392156862745");
    typeField(conv2, "convolution_param.num_output", "50");
    typeField(fc1, "inner_product_param.num_output", "500");
    // Rename fc2 to score in the name field; its top and the loss's bottom follow.
    m_canvas->selectNodes({fc2});
    QVERIFY(m_panel->nameEdit());
    m_panel->nameEdit()->setFocus();
    m_panel->nameEdit()->selectAll();
    QTest::keyClicks(m_panel->nameEdit(), "score");
    QTest::keyClick(m_panel->nameEdit(), Qt::Key_Return);
    Q_UNUSED(conv1);
    Q_UNUSED(pool1);
    Q_UNUSED(pool2);

    const caffe::NetParameter seed =
        crema::ReadNetParamFromTextFile(CREMA_SHARED_DIR "/data/seed/lenet_auto_train.prototxt");
    QString diff;
    {
      std::string report;
      MessageDifferencer d;
      d.ReportDifferencesToString(&report);
      if (!d.Compare(seed, m_doc->net())) diff = QString::fromStdString(report);
    }
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    // Export, parse back with our parser, compare again.
    QTemporaryDir dir;
    const QString path = dir.filePath("lenet_train.prototxt");
    saveNetFile(path, *m_doc);
    QVERIFY(MessageDifferencer::Equals(crema::ReadNetParamFromTextFile(path.toStdString()), seed));
    // Only BVLC Caffe fields: the text has no comments or extra content, and strict
    // parsing (unknown fields are errors) accepts it; the layout lives beside it.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(!text.contains('#'));
    QSet<QString> known;
    QSet<const void*> seen;
    collectFields(caffe::NetParameter::descriptor(), &known, &seen);
    const QSet<QString> used = fieldNamesIn(text);
    QVERIFY(!used.isEmpty());
    for (const QString& name : used) QVERIFY2(known.contains(name), qPrintable(name));
    QCOMPARE(used, fieldNamesIn(QString::fromStdString(crema::ToTextProto(seed))));
    QVERIFY(QFile::exists(layoutFilePath(path)));

    // Every edit was one undo step; undoing everything empties the net exactly.
    while (m_doc->undoStack()->canUndo()) m_doc->undoStack()->undo();
    QVERIFY(MessageDifferencer::Equals(m_doc->net(), caffe::NetParameter()));
    while (m_doc->undoStack()->canRedo()) m_doc->undoStack()->redo();
    QVERIFY(MessageDifferencer::Equals(m_doc->net(), seed));
  }
};

QTEST_MAIN(TestEditorLeNet)
#include "test_editor_lenet.moc"
