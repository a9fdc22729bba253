// Every BVLC Caffe net in ../shared/data/caffe/models (and the legacy V1 ones)
// opens in the editor, builds in its phases with the expected shapes, and
// saves back to an equal NetParameter.
#include <QDir>
#include <fstream>
#include <QTemporaryDir>
#include <QStandardPaths>
#include <QtTest>

#include "ui_test_support.h"
#include <google/protobuf/util/message_differencer.h>

#include "editor/canvas_items.h"
#include "editor/net_analysis.h"
#include "editor/net_canvas.h"
#include "editor/net_document.h"
#include "editor/net_editor_widget.h"
#include "editor/net_files.h"
#include "data/image_io.h"
#include "data/lmdb_db.h"
#include "io/io.h"

using namespace crema::ui;
using google::protobuf::util::MessageDifferencer;

namespace {

const QString kModels = QStringLiteral(CREMA_SHARED_DIR "/data/caffe/models");
const QString kLegacy = QStringLiteral(CREMA_SHARED_DIR "/data/caffe/legacy_v1");

QStringList netFiles(const QString& dir) {
  QStringList out;
  for (const QString& f : QDir(dir).entryList({"*.prototxt"}, QDir::Files, QDir::Name)) {
    if (!f.contains("solver")) out << QDir(dir).filePath(f);
  }
  return out;
}

int layerIndex(const caffe::NetParameter& net, const std::string& name, int phaseMask = 3) {
  for (int i = 0; i < net.layer_size(); ++i) {
    if (net.layer(i).name() != name) continue;
    bool train = true, test = true;
    if (net.layer(i).include_size()) train = test = false;
    for (const auto& r : net.layer(i).include()) (r.phase() == caffe::TRAIN ? train : test) = true;
    if ((phaseMask & 1 && train) || (phaseMask & 2 && test)) return i;
  }
  return -1;
}

// Shape (TRAIN or TEST) of the blob read by bottom 0 of layer `consumer`: the top of its producer.
QString inputShape(const caffe::NetParameter& net, const NetAnalysisResult& r, const std::string& consumer, int phase) {
  const int c = layerIndex(net, consumer, phase == 0 ? 1 : 2);
  if (c < 0) return "no layer";
  const std::string blob = net.layer(c).bottom(0);
  for (int j = c - 1; j >= 0; --j) {
    const auto& l = net.layer(j);
    for (int t = 0; t < l.top_size(); ++t) {
      if (l.top(t) == blob && r.layers[j].active[phase]) return r.shapeText(j, t, phase);
    }
  }
  return "no producer";
}

// Building the big nets allocates their weights: analyse each file once.
const NetAnalysisResult& analysisOf(const QString& path) {
  static QHash<QString, NetAnalysisResult> cache;
  if (!cache.contains(path)) cache.insert(path, analyzeNet(loadNetFile(path).net, {}));
  return cache[path];
}

}  // namespace

class TestEditorModels : public QObject {
  Q_OBJECT

 private slots:
  // Recovery copies and settings go to a test location, not the user's.
  void initTestCase() { test::isolateUserFolders(); }

  void everyNetOpensBuildsAndRoundTrips_data() {
    QTest::addColumn<QString>("path");
    for (const QString& f : netFiles(kModels)) QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
    for (const QString& f : netFiles(kLegacy)) QTest::newRow(qPrintable("legacy " + QFileInfo(f).fileName())) << f;
  }

  void everyNetOpensBuildsAndRoundTrips() {
    QFETCH(QString, path);
    const caffe::NetParameter expected = crema::ReadNetParamFromTextFile(path.toStdString());
    const LoadedNet loaded = loadNetFile(path);
    QVERIFY(MessageDifferencer::Equals(loaded.net, expected));
    // The V1 files and the old-style BatchNorm net are upgraded on open, with a notice.
    QCOMPARE(loaded.upgraded, path.startsWith(kLegacy) || path.contains("_bn."));
    if (loaded.upgraded) QVERIFY(loaded.notice.contains("legacy format"));
    if (path.startsWith(kLegacy)) QVERIFY(loaded.notice.contains("V1"));

    // Builds: no layer errors, no net errors, shapes for every top of every active layer.
    const NetAnalysisResult& r = analysisOf(path);
    QStringList problems = r.netErrors;
    for (int i = 0; i < loaded.net.layer_size(); ++i) {
      for (const QString& e : r.layers[i].errors) problems << QString::fromStdString(loaded.net.layer(i).name()) + ": " + e;
      for (int p = 0; p < 2; ++p) {
        if (!r.layers[i].active[p]) continue;
        for (int t = 0; t < loaded.net.layer(i).top_size(); ++t) {
          if (r.shapeText(i, t, p).isEmpty())
            problems << QString::fromStdString(loaded.net.layer(i).name()) + QString(": no shape in phase %1").arg(p);
        }
      }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
    QVERIFY(r.built[0] && r.built[1]);
    // Nets without a loss (deploy nets) get a warning, the others none.
    bool hasLoss = false;
    for (const auto& l : loaded.net.layer()) hasLoss |= QString::fromStdString(l.type()).endsWith("Loss");
    QCOMPARE(r.netWarnings.isEmpty(), hasLoss);

    // Saves back to an equal NetParameter (legacy files: to the upgraded one, in the current format).
    NetDocument doc;
    doc.reset(loaded.net, loaded.positions);
    QTemporaryDir dir;
    const QString out = dir.filePath("net.prototxt");
    saveNetFile(out, doc);
    const LoadedNet again = loadNetFile(out);
    QVERIFY(!again.upgraded);
    QVERIFY(MessageDifferencer::Equals(again.net, expected));
  }

  void knownShapes() {
    struct Case {
      const char* file;
      const char* consumer;
      int phase;
      const char* shape;
    };
    const Case cases[] = {
        {"bvlc_reference_caffenet__deploy.prototxt", "fc6", 1, "10×256×6×6"},
        {"bvlc_alexnet__deploy.prototxt", "fc6", 1, "10×256×6×6"},
        {"bvlc_reference_caffenet__train_val.prototxt", "fc6", 0, "256×256×6×6"},
        {"bvlc_reference_caffenet__train_val.prototxt", "fc6", 1, "50×256×6×6"},
        {"bvlc_reference_caffenet__train_val.prototxt", "conv1", 0, "256×3×227×227"},
        {"mnist__lenet_train_test.prototxt", "ip1", 0, "64×50×4×4"},
        {"mnist__lenet_train_test.prototxt", "ip1", 1, "100×50×4×4"},
        {"mnist__lenet.prototxt", "ip1", 1, "64×50×4×4"},
        {"cifar10__cifar10_quick_train_test.prototxt", "ip1", 0, "100×64×4×4"},
        {"cifar10__cifar10_full_train_test.prototxt", "ip1", 1, "100×64×4×4"},
    };
    for (const Case& c : cases) {
      const caffe::NetParameter net = loadNetFile(kModels + "/" + c.file).net;
      const NetAnalysisResult& r = analysisOf(kModels + "/" + c.file);
      QCOMPARE(inputShape(net, r, c.consumer, c.phase), QString::fromUtf8(c.shape));
    }
    // Parameter counts: LeNet 431,080; CaffeNet about 61M.
    const NetAnalysisResult& lenet = analysisOf(kModels + "/mnist__lenet_train_test.prototxt");
    QCOMPARE(lenet.totalParams, 431080LL);
    // LeNet multiply-adds per image: conv1 288,000 + conv2 1,600,000 + ip1 400,000 + ip2 5,000.
    QCOMPARE(lenet.totalMacs[0], 64LL * 2293000);
    const NetAnalysisResult& caffenet = analysisOf(kModels + "/bvlc_reference_caffenet__deploy.prototxt");
    QCOMPARE(caffenet.totalParams, 60965224LL);
  }

  void editorShowsShapesOnTheWires() {
    NetEditorWidget editor;
    editor.resize(1400, 900);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QString error;
    QVERIFY2(editor.openFile(kModels + "/bvlc_reference_caffenet__deploy.prototxt", &error), qPrintable(error));
    editor.analyzer()->flush();
    QString fc6Input;
    for (EdgeItem* e : editor.canvas()->edgeItems()) {
      const int to = editor.document()->indexOf(e->to());
      if (editor.document()->layer(to).name() == "fc6") fc6Input = e->shapeText();
    }
    QCOMPARE(fc6Input, QString("10×256×6×6"));
    QVERIFY(!editor.isModified());
    // A legacy V1 file opens upgraded, with the notice shown.
    QVERIFY(editor.openFile(kLegacy + "/mnist__lenet_train_test.prototxt", &error));
    QCOMPARE(editor.document()->net().layers_size(), 0);
    QVERIFY(editor.document()->net().layer_size() > 0);
  }

  // The editor reads the data shape of the user's own pictures: the first image of an
  // ImageData list, and the first record of an LMDB of encoded (PNG) images.
  void dataShapesFromImages() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string root = dir.path().toStdString() + "/";
    crema::Image img;
    img.channels = 3;
    img.height = 5;
    img.width = 7;
    img.data.assign(3 * 5 * 7, 100);
    {
      std::ofstream png(root + "a.png", std::ios::binary);
      png << crema::EncodeImage(img, "png");
    }
    {
      std::ofstream list(root + "list.txt");
      list << "a.png 3\n";
    }
    caffe::LayerParameter l;
    l.set_name("data");
    l.set_type("ImageData");
    l.add_top("data");
    l.add_top("label");
    l.mutable_image_data_param()->set_source("list.txt");
    l.mutable_image_data_param()->set_root_folder(root);
    QString how;
    QCOMPARE(guessDataShape(l, dir.path(), &how), (QVector<int>{3, 5, 7}));
    QVERIFY2(how.contains("image"), qPrintable(how));
    l.mutable_image_data_param()->set_is_color(false);
    QCOMPARE(guessDataShape(l, dir.path()), (QVector<int>{1, 5, 7}));
    l.mutable_transform_param()->set_crop_size(4);
    QCOMPARE(guessDataShape(l, dir.path()), (QVector<int>{1, 4, 4}));

    {
      crema::LmdbWriter db(root + "encoded_lmdb");
      caffe::Datum d;
      d.set_encoded(true);
      d.set_data(crema::EncodeImage(img, "png"));
      d.set_label(3);
      db.Put("00000000_a.png", d.SerializeAsString());
      db.Commit();
    }
    caffe::LayerParameter data;
    data.set_name("data");
    data.set_type("Data");
    data.add_top("data");
    data.mutable_data_param()->set_source("encoded_lmdb");
    data.mutable_data_param()->set_backend(caffe::DataParameter::LMDB);
    QCOMPARE(guessDataShape(data, dir.path(), &how), (QVector<int>{3, 5, 7}));
    QVERIFY2(how.contains("LMDB"), qPrintable(how));
    data.mutable_transform_param()->set_force_gray(true);
    QCOMPARE(guessDataShape(data, dir.path()), (QVector<int>{1, 5, 7}));
  }

  void deployNetFromTrainTest() {
    // Caffe's own lenet.prototxt is the deploy form of lenet_train_test.prototxt.
    const caffe::NetParameter trainTest = loadNetFile(kModels + "/mnist__lenet_train_test.prototxt").net;
    const caffe::NetParameter deploy = deriveDeployNet(trainTest, 64);
    const caffe::NetParameter expected = loadNetFile(kModels + "/mnist__lenet.prototxt").net;
    std::string report;
    MessageDifferencer d;
    d.ReportDifferencesToString(&report);
    QVERIFY2(d.Compare(expected, deploy), report.c_str());
    // The deploy net builds and ends in probabilities.
    const NetAnalysisResult r = analyzeNet(deploy, {});
    QVERIFY(r.netErrors.isEmpty());
    QCOMPARE(QString::fromStdString(deploy.layer(deploy.layer_size() - 1).type()), QString("Softmax"));
    QCOMPARE(r.shapeText(deploy.layer_size() - 1, 0, 1), QString("64×10"));
  }
};

QTEST_MAIN(TestEditorModels)
#include "test_editor_models.moc"
