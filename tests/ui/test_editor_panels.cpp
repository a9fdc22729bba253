// The generated property panels, the solver editor with its learning-rate
// preview, the prototxt text view, and the editor's file handling
// (layout file, unsaved-changes prompt, recovery copy).
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest>

#include "ui_test_support.h"
#include <cmath>
#include <google/protobuf/util/message_differencer.h>

#include "editor/layer_properties.h"
#include "editor/message_editor.h"
#include "editor/net_canvas.h"
#include "editor/net_document.h"
#include "editor/net_editor_widget.h"
#include "editor/net_files.h"
#include "editor/prototxt_view.h"
#include "editor/solver_editor.h"
#include "io/io.h"

using namespace crema::ui;
using google::protobuf::util::MessageDifferencer;

namespace {

void typeInto(QLineEdit* edit, const QString& text) {
  edit->setFocus();
  edit->selectAll();
  if (text.isEmpty()) {
    QTest::keyClick(edit, Qt::Key_Delete);
  } else {
    QTest::keyClicks(edit, text);
  }
  QTest::keyClick(edit, Qt::Key_Return);
}

// Clicks `button` of the next message box that opens.
void answerNextMessageBox(QMessageBox::StandardButton button) {
  QTimer::singleShot(0, [button] {
    for (QWidget* w : QApplication::topLevelWidgets()) {
      if (auto* box = qobject_cast<QMessageBox*>(w)) {
        if (box->isVisible()) box->button(button)->click();
      }
    }
  });
}

}  // namespace

class TestEditorPanels : public QObject {
  Q_OBJECT

 private slots:
  // Recovery copies and settings go to a test location, not the user's.
  void initTestCase() { test::isolateUserFolders(); }

  void layerPanelEditsThroughCommands() {
    NetDocument doc;
    LayerPropertiesPanel panel(&doc);
    panel.resize(400, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const NodeId conv = doc.addLayer("Convolution", {});
    panel.setLayer(conv);
    MessageEditor* params = panel.paramsEditor();
    QVERIFY(params);

    // A set field shows its value; an unset one is empty with the default as (grey) placeholder.
    auto* num = qobject_cast<QLineEdit*>(params->fieldWidget("convolution_param.num_output"));
    QVERIFY(num);
    QCOMPARE(num->text(), QString("20"));
    auto* group = qobject_cast<QLineEdit*>(params->fieldWidget("convolution_param.group"));
    QVERIFY(group);
    QCOMPARE(group->text(), QString());
    QCOMPARE(group->placeholderText(), QString("1"));
    // Tooltips: name, type, default and the proto comment.
    QVERIFY(group->toolTip().contains("group"));
    QVERIFY(group->toolTip().contains("uint32"));
    QVERIFY(group->toolTip().contains("= 1"));
    auto* pad = params->fieldWidget("convolution_param.pad");
    QVERIFY(pad->toolTip().contains("repeated uint32"));

    // Typing a value is one undo step; undo restores exactly.
    const caffe::NetParameter before = doc.net();
    typeInto(num, "50");
    QCOMPARE(doc.layer(0).convolution_param().num_output(), 50u);
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    QVERIFY(MessageDifferencer::Equals(doc.net(), before));
    QTest::qWait(1);  // deferred rebuild
    num = qobject_cast<QLineEdit*>(panel.paramsEditor()->fieldWidget("convolution_param.num_output"));
    QCOMPARE(num->text(), QString("20"));

    // Validation: a negative count is refused, marked, and not applied.
    QSignalSpy failed(panel.paramsEditor(), &MessageEditor::validationFailed);
    typeInto(num, "-4");
    QVERIFY(failed.count() >= 1);
    QVERIFY(num->styleSheet().contains("c62828"));
    QCOMPARE(doc.layer(0).convolution_param().num_output(), 20u);

    // Repeated field as a list; nested filler as a sub-group; clearing unsets.
    QTest::qWait(1);
    auto* ks = qobject_cast<QLineEdit*>(panel.paramsEditor()->fieldWidget("convolution_param.kernel_size"));
    typeInto(ks, "3, 5");
    QCOMPARE(doc.layer(0).convolution_param().kernel_size_size(), 2);
    QCOMPARE(doc.layer(0).convolution_param().kernel_size(1), 5u);
    QTest::qWait(1);
    auto* std = qobject_cast<QLineEdit*>(panel.paramsEditor()->fieldWidget("convolution_param.weight_filler.std"));
    QVERIFY(std);
    QCOMPARE(std->placeholderText(), QString("1"));
    typeInto(std, "0.01");
    QCOMPARE(doc.layer(0).convolution_param().weight_filler().std(), 0.01f);
    QTest::qWait(1);
    auto* filler = qobject_cast<QComboBox*>(panel.paramsEditor()->fieldWidget("convolution_param.weight_filler.type"));
    QVERIFY(filler);  // string with fixed choices: an editable drop-down
    QCOMPARE(filler->currentText(), QString("xavier"));
    QTest::qWait(1);
    std = qobject_cast<QLineEdit*>(panel.paramsEditor()->fieldWidget("convolution_param.weight_filler.std"));
    typeInto(std, "");
    QVERIFY(!doc.layer(0).convolution_param().weight_filler().has_std());

    // Enums as drop-downs (bias_term is a check box).
    const NodeId pool = doc.addLayer("Pooling", {});
    panel.setLayer(pool);
    auto* method = qobject_cast<QComboBox*>(panel.paramsEditor()->fieldWidget("pooling_param.pool"));
    QVERIFY(method);
    QCOMPARE(method->currentText(), QString("MAX"));
    method->setCurrentText("AVE");
    emit method->activated(method->currentIndex());
    QCOMPARE(doc.layer(doc.indexOf(pool)).pooling_param().pool(), caffe::PoolingParameter::AVE);
    panel.setLayer(conv);
    auto* bias = qobject_cast<QCheckBox*>(panel.paramsEditor()->fieldWidget("convolution_param.bias_term"));
    QVERIFY(bias);
    QVERIFY(bias->isChecked());  // default true, shown while unset
    bias->click();
    QVERIFY(doc.layer(0).convolution_param().has_bias_term());
    QVERIFY(!doc.layer(0).convolution_param().bias_term());

    // param { lr_mult } through the Learning section: Add, then type.
    MessageEditor* learning = panel.learningEditor();
    QPushButton* add = nullptr;
    for (QPushButton* b : learning->findChildren<QPushButton*>()) {
      if (b->text() == "Add") add = b;
    }
    QVERIFY(add);
    add->click();
    QCOMPARE(doc.layer(0).param_size(), 1);
    QTest::qWait(1);
    auto* lr = qobject_cast<QLineEdit*>(panel.learningEditor()->fieldWidget("param[0].lr_mult"));
    QVERIFY(lr);
    typeInto(lr, "2");
    QCOMPARE(doc.layer(0).param(0).lr_mult(), 2.0f);

    // Name, tops, phase.
    typeInto(panel.nameEdit(), "convA");
    QCOMPARE(QString::fromStdString(doc.layer(0).name()), QString("convA"));
    QCOMPARE(QString::fromStdString(doc.layer(0).top(0)), QString("convA"));
    panel.phaseCombo()->setCurrentIndex(2);
    emit panel.phaseCombo()->activated(2);
    QCOMPARE(doc.layer(0).include(0).phase(), caffe::TEST);
    typeInto(panel.topEdit(0), "features");
    QCOMPARE(QString::fromStdString(doc.layer(0).top(0)), QString("features"));
  }

  void dataLayerAnalysisShape() {
    NetDocument doc;
    LayerPropertiesPanel panel(&doc);
    const NodeId data = doc.addLayer("Data", {});
    panel.setLayer(data);
    QVERIFY(panel.dataShapeEdit());
    QVERIFY(panel.dataShapeEdit()->placeholderText().startsWith("1 x 28 x 28"));
    typeInto(panel.dataShapeEdit(), "3 x 32 x 32");
    QCOMPARE(doc.dataShape(data), (QVector<int>{3, 32, 32}));
    AnalysisInputs in;
    in.dataShapes.insert(0, doc.dataShape(data));
    const NetAnalysisResult r = analyzeNet(doc.net(), in);
    QCOMPARE(r.shapeText(0, 0, 0), QString("64×3×32×32"));
    QCOMPARE(r.shapeText(0, 1, 0), QString("64"));
  }

  void analysisMarksErrorsOnLayers() {
    caffe::NetParameter net = crema::ParseNetParam(R"(
      layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 1 dim: 1 dim: 4 dim: 4 } } }
      layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 2 kernel_size: 5 } }
      layer { name: "relu" type: "ReLU" bottom: "conv" top: "conv" }
      layer { name: "ip" type: "InnerProduct" bottom: "data" top: "ip" inner_product_param { num_output: 3 } }
      layer { name: "orphan" type: "ReLU" bottom: "nothing" top: "orphan" }
      layer { name: "twice" type: "Input" top: "ip" input_param { shape { dim: 1 } } }
    )", "test");
    const NetAnalysisResult r = analyzeNet(net, {});
    // Kernel larger than the input: the engine's message, on the conv node; its reader is skipped.
    QVERIFY(!r.layers[1].errors.isEmpty());
    QVERIFY2(r.layers[1].errors.first().contains("conv"), qPrintable(r.layers[1].errors.first()));
    QVERIFY(r.layers[2].errors.isEmpty());
    QVERIFY(r.layers[2].notes.join(" ").contains("depends on 'conv'"));
    // Other layers still get shapes.
    QCOMPARE(r.shapeText(3, 0, 1), QString("1×3"));
    QCOMPARE(r.layers[3].params, 16 * 3 + 3LL);
    QVERIFY(r.layers[4].errors.join(" ").contains("not produced"));
    QVERIFY(r.layers[5].errors.join(" ").contains("two producers"));
    QVERIFY(!r.netWarnings.isEmpty());  // no loss
  }

  void solverEditorPlotsTheSchedule() {
    NetDocument doc;
    SolverEditor editor(&doc);
    // The seed's solver: inv policy, base_lr 0.01, gamma 1e-4, power 0.75, 10000 iterations.
    const auto& it = editor.plottedIterations();
    const auto& lr = editor.plottedRates();
    QVERIFY(it.size() > 100);
    QCOMPARE(it.front(), 0.0);
    QCOMPARE(it.back(), 10000.0);
    QVERIFY(std::abs(lr.front() - 0.01) < 1e-7);
    QVERIFY(std::abs(lr.back() - 0.01 * std::pow(1 + 1e-4 * 10000, -0.75)) < 1e-6);
    // Switching to "step" through the generated form changes the plot.
    auto* policy = qobject_cast<QComboBox*>(editor.editor()->fieldWidget("lr_policy"));
    QVERIFY(policy);
    policy->setCurrentText("step");
    emit policy->activated(policy->currentIndex());
    QCOMPARE(QString::fromStdString(doc.solver().lr_policy()), QString("step"));
    QVERIFY(!editor.scheduleError().isEmpty());  // step needs a stepsize
    QTest::qWait(1);
    auto* stepsize = qobject_cast<QLineEdit*>(editor.editor()->fieldWidget("stepsize"));
    QVERIFY(stepsize);
    typeInto(stepsize, "2500");
    caffe::SolverParameter s = doc.solver();
    QCOMPARE(s.stepsize(), 2500);
    QVERIFY(editor.scheduleError().isEmpty());
    // gamma 1e-4: after 3 steps the rate is 0.01 * 1e-12.
    QVERIFY(std::abs(editor.plottedRates().back() - 0.01 * std::pow(1e-4, 4)) < 1e-20);
    QVERIFY(std::abs(editor.plottedRates()[it.size() / 2] - 0.01 * std::pow(1e-4, 2)) < 1e-12);
    // Undo goes back through the document.
    doc.undoStack()->undo();
    QVERIFY(!doc.solver().has_stepsize());
    // Tooltips come from the descriptor and caffe.proto's comments.
    QVERIFY(editor.editor()->fieldWidget("base_lr")->toolTip().contains("float"));
    // The schema's own comment (proto/caffe.proto, embedded in the app's resources).
    QVERIFY2(editor.editor()->fieldWidget("display")->toolTip().contains("0 disables progress output"),
             qPrintable(editor.editor()->fieldWidget("display")->toolTip()));
  }

  void textViewSyncsBothWays() {
    NetDocument doc;
    PrototxtView view(&doc);
    const NodeId ip = doc.addLayer("InnerProduct", {});
    QVERIFY(view.editor()->toPlainText().contains("num_output: 10"));
    // Graph -> text on every edit.
    QVERIFY(doc.setField(ip, "inner_product_param.num_output", 42));
    QVERIFY(view.editor()->toPlainText().contains("num_output: 42"));
    // Text -> graph when it parses: one command.
    const int steps = doc.undoStack()->count();
    QString text = view.editor()->toPlainText();
    text.replace("num_output: 42", "num_output: 7");
    view.editor()->setPlainText(text);
    QVERIFY(view.applyNow());
    QCOMPARE(doc.layer(0).inner_product_param().num_output(), 7u);
    QCOMPARE(doc.undoStack()->count(), steps + 1);
    QCOMPARE(doc.idAt(0), ip);  // the node (and its position) is kept
    // A syntax error is marked at its line and changes nothing.
    const caffe::NetParameter before = doc.net();
    QStringList lines = view.editor()->toPlainText().split('\n');
    lines.insert(3, "  bogus_field: 3");
    view.editor()->setPlainText(lines.join('\n'));
    QVERIFY(!view.applyNow());
    QCOMPARE(view.markedLines(), QList<int>{4});
    QVERIFY(MessageDifferencer::Equals(doc.net(), before));
    // Text edits that add layers create nodes.
    view.editor()->setPlainText(QString::fromStdString(crema::ToTextProto(before)) +
                                "layer { name: \"r\" type: \"ReLU\" bottom: \"fc1\" top: \"fc1\" }\n");
    QVERIFY(view.applyNow());
    QCOMPARE(doc.layerCount(), 2);
    QVERIFY(view.markedLines().isEmpty());
  }

  void filesPromptAndRecovery() {
    QTemporaryDir dir;
    NetEditorWidget editor;
    editor.resize(1200, 800);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QVERIFY(!editor.isModified());  // a fresh template
    QCOMPARE(QString::fromStdString(editor.net().name()), QString("LeNet"));
    // Save, with the layout beside the prototxt.
    const QString path = dir.filePath("lenet_train_test.prototxt");
    QString error;
    QVERIFY2(editor.saveTo(path, &error), qPrintable(error));
    QVERIFY(QFile::exists(layoutFilePath(path)));
    QCOMPARE(editor.filePath(), QFileInfo(path).absoluteFilePath());
    const NodeId conv1 = editor.document()->idAt(editor.document()->indexOfName("conv1"));
    editor.document()->moveNodes({{conv1, QPointF(777, 555)}});
    QVERIFY(editor.isModified());
    QVERIFY(editor.saveTo(path, &error));
    QVERIFY(!editor.isModified());
    // Reopened: same net, same positions.
    NetEditorWidget other;
    QVERIFY(other.openFile(path, &error));
    QVERIFY(MessageDifferencer::Equals(other.net(), editor.net()));
    QCOMPARE(other.document()->position(other.document()->idAt(other.document()->indexOfName("conv1"))),
             QPointF(777, 555));

    // Unsaved changes are never lost silently: Cancel keeps them, Discard drops them.
    editor.document()->setField(conv1, "convolution_param.num_output", 30);
    QVERIFY(editor.isModified());
    answerNextMessageBox(QMessageBox::Cancel);
    QVERIFY(!editor.maybeSave(&editor));
    QVERIFY(editor.isModified());
    // The recovery copy restores them in another editor.
    QVERIFY(editor.writeRecovery());
    const QString recovery = editor.recoveryPath();
    QVERIFY(QFile::exists(recovery));
    NetEditorWidget restored;
    QVERIFY2(restored.restoreRecovery(recovery, &error), qPrintable(error));
    QVERIFY(MessageDifferencer::Equals(restored.net(), editor.net()));
    QVERIFY(restored.isModified());
    QCOMPARE(restored.filePath(), editor.filePath());
    QVERIFY(!QFile::exists(recovery));
    answerNextMessageBox(QMessageBox::Discard);
    QVERIFY(editor.maybeSave(&editor));

    // The solver for Run carries the edited net inline.
    const caffe::SolverParameter s = editor.solverForTraining();
    QVERIFY(MessageDifferencer::Equals(s.net_param(), editor.net()));
    QVERIFY(!s.has_net() && !s.has_train_net());
    // Deploy export and solver files.
    QVERIFY(editor.exportDeploy(dir.filePath("deploy.prototxt"), 1, &error));
    const caffe::NetParameter deploy = crema::ReadNetParamFromTextFile(dir.filePath("deploy.prototxt").toStdString());
    QCOMPARE(QString::fromStdString(deploy.layer(0).type()), QString("Input"));
    QCOMPARE(deploy.layer(0).input_param().shape(0).dim(0), 1);
    QVERIFY(editor.saveSolverTo(dir.filePath("solver.prototxt"), &error));
    const caffe::SolverParameter saved = loadSolverFile(dir.filePath("solver.prototxt"));
    QCOMPARE(QString::fromStdString(saved.net()), QString("lenet_train_test.prototxt"));
    // Opening the solver opens its net too.
    NetEditorWidget third;
    QVERIFY2(third.openFile(dir.filePath("solver.prototxt"), &error), qPrintable(error));
    QCOMPARE(third.filePath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(third.solver().base_lr(), editor.solver().base_lr());
  }

  void templatesBuild() {
    for (const QString& name : templateNames()) {
      const NetAnalysisResult r = analyzeNet(templateNet(name), {});
      QVERIFY2(r.netErrors.isEmpty() && r.netWarnings.isEmpty(), qPrintable(name));
      for (const auto& l : r.layers) QVERIFY2(l.errors.isEmpty(), qPrintable(name + ": " + l.errors.join(" ")));
      QVERIFY(r.built[0] && r.built[1]);
    }
    // The seed's LeNet and its linear baseline.
    QCOMPARE(analyzeNet(templateNet("LeNet (seed)"), {}).totalParams, 431080LL);
    QCOMPARE(analyzeNet(templateNet("Linear classifier (seed baseline)"), {}).totalParams, 7850LL);
  }
};

QTEST_MAIN(TestEditorPanels)
#include "test_editor_panels.moc"
