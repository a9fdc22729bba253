// NetDocument and its undo commands: every edit is one undo step and undo
// restores the previous NetParameter exactly.
#include <QSignalSpy>
#include <QtTest>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>

#include "editor/layer_catalog.h"
#include "editor/net_document.h"
#include "editor/net_graph.h"
#include "editor/proto_path.h"

using crema::ui::NetDocument;
using crema::ui::NodeId;
using google::protobuf::util::MessageDifferencer;

namespace {

caffe::NetParameter parse(const char* text) {
  caffe::NetParameter net;
  if (!google::protobuf::TextFormat::ParseFromString(text, &net)) qFatal("bad test net");
  return net;
}

QStringList layerNames(const caffe::NetParameter& net) {
  QStringList n;
  for (const auto& l : net.layer()) n << QString::fromStdString(l.name());
  return n;
}

}  // namespace

class TestEditorDocument : public QObject {
  Q_OBJECT

 private slots:
  void addLayerUsesCatalogDefaultsAndUniqueNames() {
    NetDocument doc;
    const NodeId c1 = doc.addLayer("Convolution", {0, 0});
    const NodeId c2 = doc.addLayer("Convolution", {0, 100});
    const NodeId d = doc.addLayer("Data", {0, -100});
    QCOMPARE(doc.layerCount(), 3);
    const auto& conv = doc.layer(doc.indexOf(c1));
    QCOMPARE(QString::fromStdString(conv.name()), QString("conv1"));
    QCOMPARE(QString::fromStdString(doc.layer(doc.indexOf(c2)).name()), QString("conv2"));
    QCOMPARE(conv.convolution_param().num_output(), 20u);
    QCOMPARE(conv.convolution_param().kernel_size(0), 5u);
    QCOMPARE(QString::fromStdString(conv.convolution_param().weight_filler().type()), QString("xavier"));
    QCOMPARE(conv.top_size(), 1);
    QCOMPARE(QString::fromStdString(conv.top(0)), QString("conv1"));
    const auto& data = doc.layer(doc.indexOf(d));
    QCOMPARE(QString::fromStdString(data.name()), QString("data"));
    QCOMPARE(data.top_size(), 2);
    QCOMPARE(data.data_param().batch_size(), 64u);
    QCOMPARE(data.data_param().backend(), caffe::DataParameter::LMDB);
    QCOMPARE(data.transform_param().scale(), 1.0f / 256);
    QCOMPARE(doc.position(c2), QPointF(0, 100));
    QCOMPARE(doc.undoStack()->count(), 3);
    // A second data layer gets fresh blob names too.
    const NodeId d2 = doc.addLayer("Data", {});
    const auto& data2 = doc.layer(doc.indexOf(d2));
    QCOMPARE(QString::fromStdString(data2.name()), QString("data2"));
    QCOMPARE(QString::fromStdString(data2.top(1)), QString("label2"));
  }

  void undoRestoresExactly() {
    NetDocument doc;
    QList<caffe::NetParameter> states;
    states << doc.net();
    const NodeId d = doc.addLayer("Data", {0, 0});
    states << doc.net();
    const NodeId c = doc.addLayer("Convolution", {0, 100});
    states << doc.net();
    QVERIFY(doc.connectBlob(d, 0, c, -1));
    states << doc.net();
    QVERIFY(doc.setField(c, "convolution_param.num_output", 50));
    states << doc.net();
    QVERIFY(doc.setField(c, "convolution_param.weight_filler.std", "0.5"));
    states << doc.net();
    QVERIFY(doc.renameLayer(c, "convA"));
    states << doc.net();
    doc.removeLayers({d});
    states << doc.net();
    QCOMPARE(doc.undoStack()->count(), states.size() - 1);
    for (int i = states.size() - 1; i > 0; --i) {
      QVERIFY(MessageDifferencer::Equals(doc.net(), states[i]));
      doc.undoStack()->undo();
    }
    QVERIFY(MessageDifferencer::Equals(doc.net(), states[0]));
    for (int i = 1; i < states.size(); ++i) {
      doc.undoStack()->redo();
      QVERIFY(MessageDifferencer::Equals(doc.net(), states[i]));
    }
  }

  void typingIntoOneFieldIsOneUndoStep() {
    NetDocument doc;
    const NodeId c = doc.addLayer("InnerProduct", {});
    const caffe::NetParameter before = doc.net();
    QVERIFY(doc.setField(c, "inner_product_param.num_output", 5));
    QVERIFY(doc.setField(c, "inner_product_param.num_output", 50));
    QVERIFY(doc.setField(c, "inner_product_param.num_output", 500));
    QCOMPARE(doc.undoStack()->count(), 2);
    QCOMPARE(doc.layer(0).inner_product_param().num_output(), 500u);
    doc.undoStack()->undo();
    QVERIFY(MessageDifferencer::Equals(doc.net(), before));
    // Invalid values are refused and change nothing.
    QString err;
    QVERIFY(!doc.setField(c, "inner_product_param.num_output", "-3", &err));
    QVERIFY(err.contains("non-negative"));
    QVERIFY(!doc.setField(c, "inner_product_param.no_such_field", 1, &err));
    QVERIFY(MessageDifferencer::Equals(doc.net(), before));
  }

  void dragMovesMergeIntoOneStep() {
    NetDocument doc;
    const NodeId a = doc.addLayer("ReLU", {0, 0});
    const NodeId b = doc.addLayer("ReLU", {100, 0});
    const int steps = doc.undoStack()->count();
    QSignalSpy moved(&doc, &NetDocument::positionsChanged);
    doc.moveNodes({{a, QPointF(5, 5)}, {b, QPointF(105, 5)}}, 7);
    doc.moveNodes({{a, QPointF(10, 10)}, {b, QPointF(110, 10)}}, 7);
    doc.moveNodes({{a, QPointF(20, 20)}, {b, QPointF(120, 20)}}, 7);
    QCOMPARE(doc.undoStack()->count(), steps + 1);
    QCOMPARE(moved.count(), 3);
    doc.undoStack()->undo();
    QCOMPARE(doc.position(a), QPointF(0, 0));
    QCOMPARE(doc.position(b), QPointF(100, 0));
    doc.moveNodes({{a, QPointF(1, 1)}}, 8);
    doc.moveNodes({{a, QPointF(2, 2)}}, 9);
    QCOMPARE(doc.undoStack()->count(), steps + 2);
  }

  void connectReordersAndMakesNeuronsInPlace() {
    NetDocument doc;
    // Added consumer-first: the net must still list producers first.
    const NodeId relu = doc.addLayer("ReLU", {});
    const NodeId ip = doc.addLayer("InnerProduct", {});
    const NodeId data = doc.addLayer("Input", {});
    QVERIFY(doc.connectBlob(data, 0, ip, 0));
    QVERIFY(doc.connectBlob(ip, 0, relu, 0));
    QCOMPARE(layerNames(doc.net()), QStringList({"data", "fc1", "relu1"}));
    const auto& r = doc.layer(doc.indexOf(relu));
    QCOMPARE(QString::fromStdString(r.bottom(0)), QString("fc1"));
    QCOMPARE(QString::fromStdString(r.top(0)), QString("fc1"));  // in place
    // A consumer of the ReLU's output reads "fc1" after the ReLU.
    const NodeId score = doc.addLayer("InnerProduct", {});
    QVERIFY(doc.connectBlob(relu, 0, score, 0));
    QCOMPARE(layerNames(doc.net()), QStringList({"data", "fc1", "relu1", "fc2"}));
    const auto g = crema::ui::buildNetGraph(doc.net());
    QVERIFY(g.issues.empty());
    bool found = false;
    for (const auto& e : g.edges) found |= (e.from == 2 && e.to == 3 && e.blob == "fc1");
    QVERIFY(found);
    // Cycles are refused.
    QString err;
    QVERIFY(!doc.connectBlob(score, 0, ip, 0, &err));
    QVERIFY(err.contains("cycle"));
    QVERIFY(!doc.connectBlob(ip, 0, ip, 0, &err));
  }

  void renameFollowsReaders() {
    NetDocument doc;
    const NodeId data = doc.addLayer("Input", {});
    const NodeId ip = doc.addLayer("InnerProduct", {});
    const NodeId relu = doc.addLayer("ReLU", {});
    const NodeId loss = doc.addLayer("Softmax", {});
    QVERIFY(doc.connectBlob(data, 0, ip, 0));
    QVERIFY(doc.connectBlob(ip, 0, relu, 0));
    QVERIFY(doc.connectBlob(relu, 0, loss, 0));
    QVERIFY(doc.renameLayer(ip, "score"));
    const auto& net = doc.net();
    QCOMPARE(QString::fromStdString(net.layer(doc.indexOf(ip)).top(0)), QString("score"));
    QCOMPARE(QString::fromStdString(net.layer(doc.indexOf(relu)).bottom(0)), QString("score"));
    QCOMPARE(QString::fromStdString(net.layer(doc.indexOf(relu)).top(0)), QString("score"));
    QCOMPARE(QString::fromStdString(net.layer(doc.indexOf(loss)).bottom(0)), QString("score"));
    QVERIFY(doc.setInPlace(relu, false));
    QCOMPARE(QString::fromStdString(doc.net().layer(doc.indexOf(relu)).top(0)), QString("relu1"));
    QCOMPARE(QString::fromStdString(doc.net().layer(doc.indexOf(loss)).bottom(0)), QString("relu1"));
  }

  void disconnectAndDelete() {
    NetDocument doc;
    const NodeId data = doc.addLayer("Input", {});
    const NodeId relu = doc.addLayer("ReLU", {});
    QVERIFY(doc.connectBlob(data, 0, relu, 0));
    QCOMPARE(QString::fromStdString(doc.layer(1).top(0)), QString("data"));
    doc.disconnectBottom(relu, 0);
    QCOMPARE(doc.layer(1).bottom_size(), 0);
    QCOMPARE(QString::fromStdString(doc.layer(1).top(0)), QString("relu1"));
    doc.undoStack()->undo();
    doc.removeLayers({data});
    const auto g = crema::ui::buildNetGraph(doc.net());
    QCOMPARE(int(g.issues.size()), 1);
    QVERIFY(QString::fromStdString(g.issues[0].message).contains("not produced"));
  }

  void pasteRenamesAndKeepsInternalWires() {
    NetDocument doc;
    const NodeId data = doc.addLayer("Input", {});
    const NodeId conv = doc.addLayer("Convolution", {});
    const NodeId relu = doc.addLayer("ReLU", {});
    QVERIFY(doc.connectBlob(data, 0, conv, 0));
    QVERIFY(doc.connectBlob(conv, 0, relu, 0));
    const QList<NodeId> copies = doc.duplicate({conv, relu});
    QCOMPARE(copies.size(), 2);
    const auto& c = doc.layer(doc.indexOf(copies[0]));
    const auto& r = doc.layer(doc.indexOf(copies[1]));
    QCOMPARE(QString::fromStdString(c.name()), QString("conv2"));
    QCOMPARE(QString::fromStdString(c.bottom(0)), QString("data"));  // outside wire kept
    QCOMPARE(QString::fromStdString(c.top(0)), QString("conv2"));
    QCOMPARE(QString::fromStdString(r.name()), QString("relu2"));
    QCOMPARE(QString::fromStdString(r.bottom(0)), QString("conv2"));
    QCOMPARE(QString::fromStdString(r.top(0)), QString("conv2"));
    QVERIFY(crema::ui::buildNetGraph(doc.net()).issues.empty());
    QCOMPARE(doc.undoStack()->undoText(), QString("Duplicate"));
  }

  void phasesAndTwins() {
    NetDocument doc;
    const NodeId data = doc.addLayer("Data", {});
    const NodeId ip = doc.addLayer("InnerProduct", {});
    QVERIFY(doc.connectBlob(data, 0, ip, 0));
    const NodeId twin = doc.addTestPhaseTwin(data);
    QVERIFY(twin);
    QCOMPARE(doc.layerCount(), 3);
    const auto& test = doc.layer(doc.indexOf(twin));
    QCOMPARE(test.include(0).phase(), caffe::TEST);
    QCOMPARE(QString::fromStdString(test.data_param().source()), QString("mnist/mnist_test_lmdb"));
    QCOMPARE(test.data_param().batch_size(), 100u);
    const auto g = crema::ui::buildNetGraph(doc.net());
    QVERIFY(g.issues.empty());
    int wires = 0;
    for (const auto& e : g.edges) wires += e.to == doc.indexOf(ip);
    QCOMPARE(wires, 2);  // one per phase
    QVERIFY(doc.setLayerPhase(ip, caffe::TEST));
    QCOMPARE(doc.layer(doc.indexOf(ip)).include(0).phase(), caffe::TEST);
  }

  void graphIssues() {
    const auto net = parse(R"(
      layer { name: "a" type: "Input" top: "x" }
      layer { name: "b" type: "ReLU" bottom: "y" top: "b" }
      layer { name: "c" type: "Input" top: "x" }
      layer { name: "d" type: "ReLU" bottom: "later" top: "d" }
      layer { name: "e" type: "Input" top: "later" }
    )");
    const auto g = crema::ui::buildNetGraph(net);
    QStringList msgs;
    for (const auto& i : g.issues) msgs << QString::number(i.layer) + ":" + QString::fromStdString(i.message);
    QCOMPARE(msgs.size(), 3);
    QVERIFY(msgs.filter("1:bottom 'y' is not produced").size() == 1);
    QVERIFY(msgs.filter("2:top 'x' is also produced by layer 'a'").size() == 1);
    QVERIFY(msgs.filter("3:bottom 'later' is produced only by the later layer 'e'").size() == 1);
    const auto order = crema::ui::stableTopologicalOrder(net);
    QCOMPARE(QVector<int>(order.begin(), order.end()), QVector<int>({0, 1, 2, 4, 3}));
  }

  void protoPaths() {
    caffe::LayerParameter l;
    QVERIFY(crema::ui::setFieldAtPath(&l, "convolution_param.kernel_size", "3, 5"));
    QCOMPARE(l.convolution_param().kernel_size_size(), 2);
    QVERIFY(crema::ui::setFieldAtPath(&l, "pooling_param.pool", "AVE"));
    QCOMPARE(l.pooling_param().pool(), caffe::PoolingParameter::AVE);
    QVERIFY(!crema::ui::setFieldAtPath(&l, "pooling_param.pool", "MEDIAN"));
    QVERIFY(crema::ui::setFieldAtPath(&l, "param[1].lr_mult", 2.0));
    QCOMPARE(l.param_size(), 2);
    QCOMPARE(l.param(1).lr_mult(), 2.0f);
    QVERIFY(!l.param(0).has_lr_mult());
    QVERIFY(crema::ui::fieldIsSet(l, "param[1].lr_mult"));
    QVERIFY(crema::ui::clearFieldAtPath(&l, "param[0]"));
    QCOMPARE(l.param_size(), 1);
    QVERIFY(crema::ui::clearFieldAtPath(&l, "inner_product_param.weight_filler.type"));
    QVERIFY(!l.has_inner_product_param());
    QCOMPARE(crema::ui::defaultToText(caffe::FillerParameter::descriptor()->FindFieldByName("type")),
             QString("constant"));
    QCOMPARE(crema::ui::fieldTypeName(caffe::ConvolutionParameter::descriptor()->FindFieldByName("kernel_size")),
             QString("repeated uint32"));
  }

  void resetClearsHistoryAndModified() {
    NetDocument doc;
    QSignalSpy mod(&doc, &NetDocument::modifiedChanged);
    doc.addLayer("Input", {});
    QVERIFY(doc.isModified());
    doc.reset(parse(R"(layer { name: "a" type: "Input" top: "x" })"), {{0, QPointF(3, 4)}});
    QVERIFY(!doc.isModified());
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(doc.position(doc.idAt(0)), QPointF(3, 4));
    QVERIFY(mod.count() >= 2);
  }
};

QTEST_MAIN(TestEditorDocument)
#include "test_editor_document.moc"
