// The net editor embedded in the main window's Net tab: it edits the
// Project's document, so the edited net is what Run trains; the window's
// Open/Save keep the node positions in the layout file.
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <google/protobuf/util/message_differencer.h>

#include "editor/layer_properties.h"
#include "editor/message_editor.h"
#include "editor/net_canvas.h"
#include "editor/net_document.h"
#include "editor/net_editor_widget.h"
#include "editor/net_files.h"
#include "io/io.h"
#include "main_window.h"
#include "net_tab.h"
#include "project.h"
#include "ui_test_support.h"

using namespace crema::ui;
using google::protobuf::util::MessageDifferencer;

class TestEditorIntegration : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { test::isolateUserFolders(); }

  void editedNetIsWhatRunTrains() {
    QTemporaryDir data;
    AppOptions options;
    options.dataDir = data.path();
    MainWindow window(options);
    auto* editor = new NetEditorWidget(window.project()->document());
    window.setNetEditor(editor);
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.netTab()->netEditor(), editor);
    QVERIFY(editor->isEmbedded());
    QCOMPARE(editor->document(), window.project()->document());
    QVERIFY(!editor->solverEditor());  // the window's solver panel edits the solver

    // The example net is on the canvas, laid out.
    const int layers = window.project()->net().layer_size();
    QVERIFY(layers > 0);
    QCOMPARE(editor->canvas()->edgeItems().isEmpty(), false);
    for (NodeId id : editor->document()->ids()) QVERIFY(editor->document()->hasPosition(id));

    // Edit in the canvas and the generated properties: a new layer count for fc1/ip1.
    NetDocument* doc = editor->document();
    int ip = -1;
    for (int i = 0; i < doc->layerCount() && ip < 0; ++i) {
      if (doc->layer(i).type() == "InnerProduct") ip = i;
    }
    QVERIFY(ip >= 0);
    editor->canvas()->selectNodes({doc->idAt(ip)});
    auto* num = qobject_cast<QLineEdit*>(editor->properties()->paramsEditor()->fieldWidget("inner_product_param.num_output"));
    QVERIFY(num);
    num->setFocus();
    num->selectAll();
    QTest::keyClicks(num, "321");
    QTest::keyClick(num, Qt::Key_Return);
    QCOMPARE(window.project()->net().layer(ip).inner_product_param().num_output(), 321u);
    QVERIFY(window.project()->isModified());

    RunRequest request;
    QString error;
    QVERIFY2(window.project()->makeRunRequest(&request, &error), qPrintable(error));
    QVERIFY(request.solver.has_net_param());
    QCOMPARE(request.solver.net_param().layer(ip).inner_product_param().num_output(), 321u);
    QCOMPARE(request.solver.net_param().layer_size(), layers);

    // The window's undo is the editor's.
    doc->undoStack()->undo();
    QCOMPARE(window.project()->net().layer(ip).inner_product_param().num_output(), 500u);

    // A template replaces net and solver in one undo step, keeping the project.
    const caffe::NetParameter before = window.project()->net();
    const int steps = doc->undoStack()->index();
    editor->applyTemplate("CIFAR-10 quick");
    QCOMPARE(doc->undoStack()->index(), steps + 1);
    QCOMPARE(QString::fromStdString(window.project()->net().name()), QString("CIFAR10_quick"));
    QCOMPARE(QString::fromStdString(window.project()->solver().lr_policy()), QString("fixed"));
    doc->undoStack()->undo();
    QVERIFY(MessageDifferencer::Equals(window.project()->net(), before));
  }

  void windowFilesKeepTheLayout() {
    QTemporaryDir dir;
    AppOptions options;
    options.dataDir = dir.path();
    MainWindow window(options);
    auto* editor = new NetEditorWidget(window.project()->document());
    window.setNetEditor(editor);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    NetDocument* doc = editor->document();
    const NodeId first = doc->idAt(0);
    doc->moveNodes({{first, QPointF(-321, -123)}});
    QString error;
    const QString solverPath = dir.filePath("mine_solver.prototxt");
    QVERIFY2(window.project()->saveAs(solverPath, &error), qPrintable(error));
    const QString netPath = window.project()->netPath();
    QVERIFY(QFile::exists(layoutFilePath(netPath)));

    // Reopened through the window: same positions.
    MainWindow second(options);
    auto* editor2 = new NetEditorWidget(second.project()->document());
    second.setNetEditor(editor2);
    second.show();
    QVERIFY(second.openFile(solverPath));
    // The layout is read after the window set the file path.
    QTRY_COMPARE(editor2->document()->position(editor2->document()->idAt(0)), QPointF(-321, -123));
    QVERIFY(MessageDifferencer::Equals(second.project()->net(), window.project()->net()));
  }
};

QTEST_MAIN(TestEditorIntegration)
#include "test_editor_integration.moc"
