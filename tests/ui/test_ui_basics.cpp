// Widget and model tests that need no training run: the project (example,
// files, data paths), the main window opening on LeNet, errors that must not
// close it, and the pure helpers behind the plots and inside views.
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <cmath>

#include "app_options.h"
#include "editor/net_document.h"
#include "training/training_controller.h"
#include "inside/score_evolution.h"
#include "lr_schedule.h"
#include "main_window.h"
#include "net_tab.h"
#include "plots/run_history.h"
#include "project.h"
#include "proto_form.h"
#include "training/render.h"
#include "ui_test_support.h"

using namespace crema::ui;

class UiBasicsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { test::isolateUserFolders(); }

  void lrScheduleMatchesCaffeInv() {
    // ../shared/cases/caffe-semantics.md R1: LeNet inv (0.01, gamma 1e-4, power 0.75).
    caffe::SolverParameter s;
    s.set_base_lr(0.01f);
    s.set_lr_policy("inv");
    s.set_gamma(1e-4f);
    s.set_power(0.75f);
    QVERIFY(std::fabs(learningRate(s, 0) - 0.01) < 1e-9);
    QVERIFY(std::fabs(learningRate(s, 100) - 0.00992565) < 1e-8);
    QVERIFY(std::fabs(learningRate(s, 5000) - 0.00737788) < 1e-8);
    s.set_lr_policy("step");
    s.set_gamma(0.1f);
    s.set_stepsize(1000);
    QVERIFY(std::fabs(learningRate(s, 2500) - 0.0001) < 1e-9);
    s.set_lr_policy("bogus");
    QString error;
    QVERIFY(std::isnan(learningRate(s, 1, &error)));
    QVERIFY(error.contains("bogus"));
  }

  void renderHelpers() {
    QCOMPARE(render::gridColumns(20), 5);  // the seed's 4 x 5 conv1 grid
    QCOMPARE(render::gridColumns(50), 10);
    QCOMPARE(render::gridColumns(8), 4);
    QCOMPARE(render::gridColumns(1), 1);
    const float v[4] = {-1.f, 0.f, 1.f, NAN};
    const auto r = render::finiteRange(v, 4);
    QCOMPARE(r.lo, -1.f);
    QCOMPARE(r.hi, 1.f);
    const QImage img = render::grayTile(v, 2, 2, r);
    QCOMPARE(qGray(img.pixel(0, 0)), 0);
    QCOMPARE(qGray(img.pixel(0, 1)), 255);
    QCOMPARE(img.pixel(1, 1), qRgb(255, 0, 0));  // non-finite values show red
    float scores[6] = {1, 2, 3, -5, 0, 5};
    render::softmaxRows(scores, 2, 3);
    QVERIFY(std::fabs(scores[0] + scores[1] + scores[2] - 1.f) < 1e-6);
    QVERIFY(std::fabs(scores[3] + scores[4] + scores[5] - 1.f) < 1e-6);
    QVERIFY(scores[2] > scores[1] && scores[1] > scores[0]);
    QVERIFY(render::rowsAreProbabilities(scores, 2, 3));
    const float raw[3] = {2.f, -1.f, 0.5f};
    QVERIFY(!render::rowsAreProbabilities(raw, 1, 3));
    QVector<QImage> tiles(20, render::grayTile(v, 2, 2, r));
    const QImage grid = render::tileGrid(tiles, 5);
    QCOMPARE(grid.size(), QSize(5 * 2 + 6, 4 * 2 + 5));
  }

  void indexLists() {
    QCOMPARE(parseIndexList("0-7"), (QVector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
    QCOMPARE(parseIndexList("3, 5 10-11"), (QVector<int>{3, 5, 10, 11}));
    QVERIFY(parseIndexList("x").isEmpty());
    QVERIFY(parseIndexList("5-2").isEmpty());
  }

  void scoreHistoryColumnsAndSoftmax() {
    ScoreSetup setup;
    setup.indices = {0, 1, 2, 3, 4, 5, 6, 7};
    setup.classes = 10;
    ScoreHistory h;
    h.reset(setup);
    for (int it : {0, 1, 2}) {
      ScoreRecord r;
      r.iter = it;
      for (int i = 0; i < 80; ++i) r.values << static_cast<float>((i * 7 + it * 3) % 11) - 5.f;
      QVERIFY(h.add(r));
    }
    ScoreRecord stale;
    stale.iter = 2;
    stale.values.fill(0.f, 80);
    QVERIFY(!h.add(stale));  // not after the last recorded iteration
    ScoreRecord wrong;
    wrong.iter = 3;
    wrong.values.fill(0.f, 79);
    QVERIFY(!h.add(wrong));  // not images x classes values
    QCOMPARE(h.columns(), 3);
    QCOMPARE(h.iterations(), (QVector<int>{0, 1, 2}));
    for (int img = 0; img < 8; ++img) {
      for (int c = 0; c < 3; ++c) {
        const QVector<float> p = h.column(img, c, true);
        float sum = 0;
        for (float x : p) sum += x;
        QVERIFY(std::fabs(sum - 1.f) < 1e-5);
      }
    }
    QCOMPARE(h.column(1, 2, false).first(), static_cast<float>((10 * 7 + 6) % 11) - 5.f);
  }

  void runHistoryCsv() {
    RunHistory h;
    h.startRun("a", 10);
    TestPoint t0;
    t0.iter = 0;
    t0.accuracy = 0.1;
    t0.loss = 2.3;
    h.addTest(t0);
    for (int i = 1; i <= 3; ++i) h.addIteration({i, 1.0 / i, 1.5 / i, 0.01, 10});
    TestPoint t3;
    t3.iter = 3;
    t3.accuracy = 0.8;
    t3.loss = 0.7;
    h.addTest(t3);
    QCOMPARE(h.current()->bestTest, 1);
    const QStringList lines = h.csv(h.current()->id).trimmed().split('\n');
    QCOMPARE(lines.size(), 5);
    QCOMPARE(lines[0], QStringLiteral("iter,loss,smoothed_loss,lr,test_accuracy,test_loss"));
    QCOMPARE(lines[3], QStringLiteral("3,0.33333333,0.5,0.01,0.8,0.7"));
    QCOMPARE(lines[4], QStringLiteral("0,,,,0.1,2.3"));
  }

  void protoFormEditsSolverFields() {
    caffe::SolverParameter s;
    QString error;
    QVERIFY(ProtoForm::applyEdit(&s, "base_lr", QStringLiteral("5e-4"), &error));
    QCOMPARE(s.base_lr(), 5e-4f);
    QVERIFY(ProtoForm::applyEdit(&s, "test_iter", QStringLiteral("100, 50"), &error));
    QCOMPARE(s.test_iter_size(), 2);
    QCOMPARE(s.test_iter(1), 50);
    QVERIFY(ProtoForm::applyEdit(&s, "test_initialization", false, &error));
    QVERIFY(s.has_test_initialization() && !s.test_initialization());
    QVERIFY(ProtoForm::applyEdit(&s, "regularization_type", QStringLiteral("L1"), &error));
    QCOMPARE(s.regularization_type(), std::string("L1"));
    QVERIFY(!ProtoForm::applyEdit(&s, "max_iter", QStringLiteral("ten"), &error));
    QVERIFY(error.contains("max_iter"));
    ProtoForm form(caffe::SolverParameter::descriptor(), {"base_lr", "max_iter"}, {});
    form.setMessage(s);
    auto* lr = qobject_cast<QLineEdit*>(form.editor("base_lr"));
    QVERIFY(lr);
    QCOMPARE(lr->text(), QStringLiteral("0.0005"));
    QVERIFY(form.editor("momentum"));  // every scalar field is generated from the descriptor
    QVERIFY(!form.editor("net_param"));
  }

  void projectExampleIsTheSeedLeNet() {
    Project p;
    QTemporaryDir data;
    p.setDataDir(data.path());
    QString error;
    QVERIFY2(p.loadExample(&error), qPrintable(error));
    QCOMPARE(p.net().name(), std::string("LeNet"));
    QCOMPARE(p.net().layer_size(), 11);
    const auto& s = p.solver();
    QCOMPARE(s.base_lr(), 0.01f);
    QCOMPARE(s.momentum(), 0.9f);
    QCOMPARE(s.weight_decay(), 0.0005f);
    QCOMPARE(s.lr_policy(), std::string("inv"));
    QCOMPARE(s.gamma(), 1e-4f);
    QCOMPARE(s.power(), 0.75f);
    QCOMPARE(s.test_interval(), 500);
    QCOMPARE(s.test_iter(0), 100);
    QCOMPARE(s.max_iter(), 10000);
    QCOMPARE(s.display(), 100);
    // Sources resolve into the data folder; both are reported missing.
    const auto checks = p.checkDataSources();
    QCOMPARE(checks.size(), 2);
    QCOMPARE(checks[0].resolved, QDir(data.path()).absoluteFilePath("mnist_train_lmdb"));
    QVERIFY(!checks[0].exists);
    QCOMPARE(checks[1].phase, QStringLiteral("TEST"));
    QDir(data.path()).mkpath("mnist_test_lmdb");
    QVERIFY(p.checkDataSources()[1].exists);
    QTemporaryDir runs;
    p.setRunsDir(runs.path());
    RunRequest req;
    QVERIFY2(p.makeRunRequest(&req, &error), qPrintable(error));
    QVERIFY(req.solver.has_net_param());
    QVERIFY(!req.solver.has_net());
    QCOMPARE(QString::fromStdString(req.solver.net_param().layer(1).data_param().source()),
             QDir(data.path()).absoluteFilePath("mnist_test_lmdb"));
    QVERIFY(QString::fromStdString(req.solver.snapshot_prefix()).startsWith(runs.path()));
  }

  void projectOpensTheSeedSolverWithItsTwoNets() {
    Project p;
    QTemporaryDir data;
    p.setDataDir(data.path());
    QString error;
    QVERIFY2(p.loadFile(CREMA_SHARED_DIR "/data/seed/lenet_auto_solver.prototxt", &error), qPrintable(error));
    // train_net "mnist/lenet_auto_train.prototxt" is found next to the solver by file name.
    QVERIFY(p.netPath().endsWith("lenet_auto_train.prototxt"));
    QCOMPARE(p.separateTestNets().size(), 1);
    QCOMPARE(p.net().layer(0).data_param().batch_size(), 64u);
    QDir(data.path()).mkpath("mnist_train_lmdb");
    const auto checks = p.checkDataSources();
    QCOMPARE(checks.size(), 2);
    QVERIFY(checks[0].exists);  // "mnist/mnist_train_lmdb" falls back to DATA/mnist_train_lmdb
    QCOMPARE(checks[0].resolved, QDir(data.path()).absoluteFilePath("mnist_train_lmdb"));
  }

  void projectRejectsBadFileAndKeepsItsNet() {
    Project p;
    QVERIFY(p.loadExample(nullptr));
    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.prototxt");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("name: \"broken\"\nlayer {\n  name: \"conv1\"\n  type: \"Convolution\"\n  convolution_param { num_output: }\n}\n");
    f.close();
    QString error;
    QVERIFY(!p.loadFile(bad, &error));
    QVERIFY2(error.contains("bad.prototxt:5"), qPrintable(error));  // file:line:column
    QCOMPARE(p.net().name(), std::string("LeNet"));
  }

  void mainWindowOpensOnLeNetAndReportsMissingData() {
    QTemporaryDir data;
    AppOptions o;
    o.dataDir = data.path();
    MainWindow w(o);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.netTab()->layerList()->topLevelItemCount(), 11);
    QCOMPARE(w.netTab()->layerList()->topLevelItem(2)->text(0), QStringLiteral("conv1"));
    QCOMPARE(w.netTab()->layerList()->topLevelItem(2)->text(3), QStringLiteral("conv1"));
    QVERIFY(w.netTab()->textView()->toPlainText().contains("mnist_train_lmdb"));
    QVERIFY(w.windowTitle().contains("LeNet"));
    // The LMDBs are missing: a dialog gives the exact command, the window stays.
    QVERIFY(test::waitUntil([&] { return !w.lastError().isEmpty(); }, 5000));
    QVERIFY(w.lastError().contains(mnistSetupCommand(data.path())));
    QVERIFY(w.lastError().contains("data mnist --out"));
    auto* box = qobject_cast<QMessageBox*>(w.messageBox());
    QVERIFY(box && box->isVisible());
    // Run refuses to start without data, with the same message, and keeps the window.
    w.run();
    QVERIFY(w.isVisible());
    QCOMPARE(w.controller()->state(), TrainingState::Idle);
  }

  void mainWindowSurvivesABadFile() {
    QTemporaryDir dir;
    const QString bad = dir.filePath("oops.prototxt");
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("base_lr: 0.01\nlr_policy: \"inv\"\nnet: \"does_not_exist.prototxt\"\n");
    f.close();
    AppOptions o;
    o.dataDir = dir.path();
    MainWindow w(o);
    w.show();
    QSignalSpy errors(&w, &MainWindow::errorShown);
    QVERIFY(!w.openFile(bad));
    QVERIFY(errors.count() >= 1);
    QVERIFY2(w.lastError().contains("does_not_exist.prototxt"), qPrintable(w.lastError()));
    QVERIFY(w.isVisible());
    QCOMPARE(w.project()->net().name(), std::string("LeNet"));
  }

  void netTextEditsTheDocumentWithUndo() {
    QTemporaryDir data;
    AppOptions o;
    o.dataDir = data.path();
    MainWindow w(o);
    QString text = w.netTab()->textView()->toPlainText();
    text.replace("num_output: 500", "num_output: 300");
    w.netTab()->textView()->setPlainText(text);
    QVERIFY(w.netTab()->applyText());
    QCOMPARE(w.project()->net().layer(6).inner_product_param().num_output(), 300u);
    QVERIFY(w.netTab()->layerList()->topLevelItem(6)->text(5).contains("300"));
    w.project()->document()->undoStack()->undo();
    QCOMPARE(w.project()->net().layer(6).inner_product_param().num_output(), 500u);
    w.netTab()->textView()->setPlainText("layer { name: ");
    QVERIFY(!w.netTab()->applyText());
    QCOMPARE(w.project()->net().layer_size(), 11);
  }

  void defaultDataDirFollowsEnvironment() {
    qputenv("CREMA_DATA_DIR", "/tmp/crema-data-test");
    QCOMPARE(defaultDataDir(), QStringLiteral("/tmp/crema-data-test"));
    qunsetenv("CREMA_DATA_DIR");
    QVERIFY(defaultDataDir().endsWith("crema/data"));
    QVERIFY(mnistSetupCommand("/x/y").endsWith("data mnist --out /x/y"));
  }
};

QTEST_MAIN(UiBasicsTest)
#include "test_ui_basics.moc"
