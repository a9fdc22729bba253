// The main window training the seed's LeNet on real MNIST digits (the shared
// t10k set converted to LMDB with the engine's converter): the GUI keeps
// processing events while the worker trains, Step 1 changes the conv1
// gradient view, score evolution records one column per iteration, Stop leaves
// a loadable snapshot, and a diverging net pauses with the layer named while
// the window survives.
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

#include <qcustomplot.h>

#include <cmath>

#include "editor/net_document.h"
#include "inside/inside_tab.h"
#include "inside/inside_views.h"
#include "inside/score_evolution.h"
#include "io/io.h"
#include "main_window.h"
#include "net.h"
#include "plots/run_history.h"
#include "plots/training_plots.h"
#include "plots/training_tab.h"
#include "project.h"
#include "training/training_controller.h"
#include "ui_test_support.h"

using namespace crema::ui;

namespace {

/// The example solver shortened for tests: `maxIter` iterations, a small test pass.
void shorten(MainWindow& w, int maxIter, int testInterval, int testIter) {
  caffe::SolverParameter s = w.project()->solver();
  s.set_max_iter(maxIter);
  s.set_test_interval(testInterval);
  s.clear_test_iter();
  s.add_test_iter(testIter);
  s.set_display(100);
  s.set_snapshot(0);
  s.set_random_seed(1701);
  w.project()->setSolver(s);
}

bool waitForState(MainWindow& w, TrainingState state, int timeoutMs) {
  return test::waitUntil([&] { return w.controller()->state() == state; }, timeoutMs);
}

}  // namespace

class TrainingTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    test::isolateUserFolders();
    m_data = test::mnistDataDir();
    QVERIFY(QFileInfo::exists(m_data + "/mnist_train_lmdb"));
  }

  void guiKeepsProcessingEventsDuring500Iterations() {
    MainWindow w(options());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.tabs()->setCurrentWidget(w.trainingTab());
    shorten(w, 500, 250, 10);

    // A probe that should fire every 5 ms on the GUI thread; the longest gap
    // between two firings is the longest the GUI could not process events.
    QElapsedTimer clock;
    qint64 last = -1, longest = 0;
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
      const qint64 now = clock.elapsed();
      if (last >= 0) longest = std::max(longest, now - last);
      last = now;
    });
    QSignalSpy iterations(w.controller(), &TrainingController::iterationDone);
    clock.start();
    probe.start();
    w.runAction()->trigger();
    QVERIFY(waitForState(w, TrainingState::Finished, 600000));
    const double seconds = clock.elapsed() / 1000.0;
    probe.stop();
    QCOMPARE(iterations.count(), 500);
    QCOMPARE(w.history()->current()->iters.size(), 500);
    QVERIFY(w.trainingTab()->lossPlot()->lossGraph()->dataCount() > 0);
    QVERIFY(w.history()->current()->testIters.size() >= 2);  // iterations 0, 250, 500
    const double acc = w.history()->current()->testAccuracy.last();
    qInfo("LeNet 500 iterations in %.1f s (%.1f it/s wall clock, including tests); longest GUI stall %lld ms; "
          "test accuracy after 500 iterations %.4f",
          seconds, 500 / seconds, longest, acc);
    QVERIFY2(longest < 250, qPrintable(QStringLiteral("GUI stalled for %1 ms").arg(longest)));
    QVERIFY(acc > 0.8);
  }

  void step1ChangesTheConv1GradientView() {
    MainWindow w(options());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    shorten(w, 100, 1000, 2);
    w.tabs()->setCurrentWidget(w.insideTab());
    FilterView* view = w.insideTab()->filterView();
    view->setDiff(true);
    QVERIFY(w.stepAction()->isEnabled());
    w.stepAction()->trigger();
    QVERIFY(waitForState(w, TrainingState::Paused, 120000));
    QVERIFY(test::waitUntil([&] { return view->last().iter == 1 && view->last().layer == "conv1"; }, 30000));
    const FilterImages first = view->last();
    QVERIFY(first.diff);
    QCOMPARE(first.shape, (QVector<int>{20, 1, 5, 5}));
    QCOMPARE(first.grids.size(), 1);           // one input channel
    QCOMPARE(first.tileCols, 5);               // 4 x 5 filters of 5 x 5, as in the seed
    QCOMPARE(first.tileRows, 4);
    QVERIFY(first.hi > first.lo);              // real gradients, not zeros
    w.stepAction()->trigger();
    QVERIFY(test::waitUntil([&] { return view->last().iter == 2; }, 60000));
    const FilterImages second = view->last();
    QVERIFY(second.grids.first() != first.grids.first());
    QVERIFY(second.lo != first.lo || second.hi != first.hi);
    // The weights view of the same layer after two steps.
    view->setDiff(false);
    QVERIFY(test::waitUntil([&] { return !view->last().diff && view->last().iter == 2; }, 30000));
    // The data batch and feature maps were filled too (Inside panels are live).
    w.insideTab()->dockOf(w.insideTab()->featureMapView())->raise();
    QVERIFY(test::waitUntil([&] { return w.insideTab()->featureMapView()->last().blobs.size() >= 7; }, 30000));
    QVERIFY(test::waitUntil([&] { return w.insideTab()->batchView()->last().train.size() == 8; }, 30000));
    w.stopAction()->trigger();
    QVERIFY(waitForState(w, TrainingState::Stopped, 60000));
  }

  void scoreEvolutionRecordsOneColumnPerIteration() {
    MainWindow w(options());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    shorten(w, 100, 1000, 2);
    w.tabs()->setCurrentWidget(w.insideTab());
    ScoreEvolutionView* view = w.insideTab()->scoreView();
    w.stepCountBox()->setValue(5);
    w.stepNAction()->trigger();
    QVERIFY(waitForState(w, TrainingState::Paused, 120000));
    QCOMPARE(w.controller()->iteration(), 5);
    QVERIFY(test::waitUntil([&] { return view->history().columns() == 6; }, 30000));
    const ScoreHistory& h = view->history();
    QCOMPARE(h.images(), 8);
    QCOMPARE(h.classes(), 10);
    QCOMPARE(h.setup().blob, QStringLiteral("score"));  // the blob feeding the loss
    QCOMPARE(h.iterations(), (QVector<int>{0, 1, 2, 3, 4, 5}));
    QCOMPARE(h.setup().labels.size(), 8);
    QCOMPARE(h.setup().labels.first(), 7);  // the first t10k digit is a 7
    view->setSoftmax(true);
    view->redraw();
    for (int i = 0; i < 8; ++i) {
      QCPColorMapData* d = view->map(i)->data();
      QCOMPARE(d->keySize(), 6);
      QCOMPARE(d->valueSize(), 10);
      for (int c = 0; c < 6; ++c) {
        double sum = 0;
        for (int k = 0; k < 10; ++k) sum += d->cell(c, k);
        QVERIFY2(std::fabs(sum - 1.0) < 1e-4, qPrintable(QString::number(sum)));
      }
    }
    view->setSoftmax(false);
    view->redraw();
    double rawSum = 0;
    for (int k = 0; k < 10; ++k) rawSum += view->map(0)->data()->cell(5, k);
    QVERIFY(std::fabs(rawSum - 1.0) > 1e-3);  // raw scores are not probabilities
    // Recording does not move the training data: the next step still continues the run.
    w.stepCountBox()->setValue(3);
    w.stepNAction()->trigger();
    QVERIFY(test::waitUntil([&] { return w.controller()->iteration() == 8 && w.controller()->state() == TrainingState::Paused; }, 60000));
    QVERIFY(test::waitUntil([&] { return view->history().columns() == 9; }, 30000));
    w.stopAction()->trigger();
    QVERIFY(waitForState(w, TrainingState::Stopped, 60000));
  }

  void stopLeavesALoadableSnapshot() {
    MainWindow w(options());
    w.show();
    shorten(w, 10000, 100000, 2);
    QSignalSpy snapshots(w.controller(), &TrainingController::snapshotWritten);
    w.runAction()->trigger();
    QVERIFY(test::waitUntil([&] { return w.controller()->iteration() >= 20; }, 120000));
    w.stopAction()->trigger();
    QVERIFY(waitForState(w, TrainingState::Stopped, 60000));
    QVERIFY(test::waitUntil([&] { return snapshots.count() >= 1; }, 10000));
    const QString model = snapshots.last().at(1).toString();
    const QString state = snapshots.last().at(2).toString();
    QVERIFY2(QFileInfo::exists(model), qPrintable(model));
    QVERIFY(QFileInfo::exists(state));
    QVERIFY(model.endsWith(QStringLiteral("_iter_%1.caffemodel").arg(w.controller()->iteration())));
    // The stop already wrote this iteration's snapshot: the info bar names it instead of
    // offering a second one.
    QVERIFY(test::waitUntil([&] { return !w.infoText().isEmpty(); }, 5000));
    QVERIFY2(w.infoText().contains(QFileInfo(model).fileName()), qPrintable(w.infoText()));
    QVERIFY(!w.infoOffersSnapshot());
    // Load it into a fresh TEST net of the same definition.
    caffe::NetParameter p = w.project()->net();
    p.mutable_state()->set_phase(caffe::TEST);
    for (auto& l : *p.mutable_layer()) {
      if (l.has_data_param()) l.mutable_data_param()->set_source((m_data + "/mnist_test_lmdb").toStdString());
    }
    crema::Net net(p);
    net.CopyTrainedLayersFromFile(model.toStdString());
    const auto conv1 = net.layer_by_name("conv1");
    QCOMPARE(conv1->blobs().size(), size_t(2));
    QVERIFY(conv1->blobs()[0]->asum_data() > 0);
    // "Snapshot now" after the stop writes another one, and the info bar offers it.
    w.snapshotAction()->trigger();
    QVERIFY(test::waitUntil([&] { return snapshots.count() >= 2; }, 30000));
    QVERIFY(w.isVisible());
  }

  void pauseResumeAndLiveLearningRate() {
    MainWindow w(options());
    w.show();
    shorten(w, 10000, 100000, 2);
    w.runAction()->trigger();
    QVERIFY(test::waitUntil([&] { return w.controller()->iteration() >= 5; }, 120000));
    w.pauseAction()->trigger();
    QVERIFY(waitForState(w, TrainingState::Paused, 30000));
    const int at = w.controller()->iteration();
    QTest::qWait(300);
    QCOMPARE(w.controller()->iteration(), at);  // really paused
    // base_lr edited while training goes to the running solver and is marked on the plots.
    w.controller()->setBaseLr(0.005);
    QVERIFY(test::waitUntil([&] { return w.history()->current()->changes.size() == 1; }, 10000));
    QCOMPARE(w.history()->current()->changes.first().name, QStringLiteral("base_lr"));
    w.runAction()->trigger();  // Resume
    QVERIFY(test::waitUntil([&] { return w.controller()->iteration() >= at + 3; }, 60000));
    QVERIFY(w.history()->current()->lr.last() < 0.0051);  // the next iterations use the new base_lr
    w.stopAction()->trigger();
    QVERIFY(waitForState(w, TrainingState::Stopped, 60000));
  }

  void divergingNetPausesAndNamesTheLayer() {
    MainWindow w(options());
    w.show();
    shorten(w, 200, 100000, 2);
    caffe::SolverParameter s = w.project()->solver();
    s.set_base_lr(1e6f);  // diverges within a few iterations
    s.set_lr_policy("fixed");
    w.project()->setSolver(s);
    QSignalSpy nonFinite(w.controller(), &TrainingController::nonFinite);
    w.runAction()->trigger();
    QVERIFY(waitForState(w, TrainingState::Halted, 120000));
    QVERIFY(nonFinite.count() >= 1);
    const QString message = nonFinite.first().at(1).toString();
    QVERIFY2(message.contains("layer") || message.contains("Layer"), qPrintable(message));
    QVERIFY(w.lastError().contains(message.left(20)));
    QVERIFY(w.isVisible());
    QCOMPARE(w.runAction()->text(), QStringLiteral("Resume"));
    // Stop from the halted state; the window and its weights stay.
    w.stopAction()->trigger();
    QVERIFY(waitForState(w, TrainingState::Stopped, 30000));
    QVERIFY(w.snapshotAction()->isEnabled());
  }

  void brokenNetFailsToBuildAndTheWindowSurvives() {
    MainWindow w(options());
    w.show();
    caffe::NetParameter net = w.project()->net();
    net.mutable_layer(4)->set_bottom(0, "no_such_blob");  // conv2 reads a blob nobody writes
    w.project()->setNet(net);
    QSignalSpy failures(w.controller(), &TrainingController::failed);
    w.runAction()->trigger();
    QVERIFY(waitForState(w, TrainingState::Failed, 60000));
    QVERIFY(failures.count() == 1);
    QVERIFY2(failures.first().at(0).toString().contains("no_such_blob"), qPrintable(failures.first().at(0).toString()));
    QVERIFY(w.lastError().contains("no_such_blob"));
    QVERIFY(w.isVisible());
    // The user's net is kept as edited; undo brings back the working one, which runs.
    QCOMPARE(w.project()->net().layer(4).bottom(0), std::string("no_such_blob"));
    w.project()->document()->undoStack()->undo();
    shorten(w, 3, 1000, 2);
    w.runAction()->trigger();
    QVERIFY(waitForState(w, TrainingState::Finished, 120000));
  }

 private:
  /// The app's options for these tests: the MNIST databases of the test data.
  AppOptions options() const {
    AppOptions o;
    o.dataDir = m_data;
    return o;
  }

  QString m_data;
};

QTEST_MAIN(TrainingTest)
#include "test_training.moc"
