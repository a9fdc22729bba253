// Shared helpers of the Qt widget tests (header-only: every tests/ui/*.cpp is
// its own executable).
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLockFile>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#include "data/mnist_sources.h"

namespace crema::ui::test {

/// The shared MNIST test digits (../shared/data/mnist, the 10,000 t10k images).
inline QString sharedMnistDir() { return QStringLiteral(CREMA_SHARED_DIR "/data/mnist"); }

/// A data folder with mnist_train_lmdb and mnist_test_lmdb, both holding the
/// shared t10k digits in file order (built once with the engine's converter,
/// under CREMA_TEST_DATA_DIR; a lock file keeps parallel test processes apart).
inline QString mnistDataDir() {
  static QString dir;
  if (!dir.isEmpty()) return dir;
  const QString root = QStringLiteral(CREMA_TEST_DATA_DIR);
  QDir().mkpath(root);
  const QString out = QDir(root).absoluteFilePath(QStringLiteral("ui_mnist_t10k"));
  QLockFile lock(QDir(root).absoluteFilePath(QStringLiteral("ui_mnist_t10k.lock")));
  lock.setStaleLockTime(0);
  if (!lock.lock()) qFatal("cannot lock %s", qPrintable(lock.fileName()));
  crema::MnistPrepareOptions o;
  o.out_dir = out.toStdString();
  o.source = crema::MnistSource::Local;
  o.images = (sharedMnistDir() + "/t10k-images-idx3-ubyte.gz").toStdString();
  o.labels = (sharedMnistDir() + "/t10k-labels-idx1-ubyte.gz").toStdString();
  o.test_images = o.images;
  o.test_labels = o.labels;
  crema::PrepareMnist(o);
  dir = out;
  return dir;
}

/// Points settings and XDG data (runs, snapshots) at a private temporary folder.
inline QTemporaryDir& isolateUserFolders() {
  static QTemporaryDir home;
  QStandardPaths::setTestModeEnabled(true);
  qputenv("XDG_DATA_HOME", QDir(home.path()).absoluteFilePath(QStringLiteral("data")).toLocal8Bit());
  qputenv("XDG_CONFIG_HOME", QDir(home.path()).absoluteFilePath(QStringLiteral("config")).toLocal8Bit());
  qunsetenv("CREMA_DATA_DIR");
  return home;
}

/// Processes events until `done` or the timeout; returns done().
inline bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
  QElapsedTimer t;
  t.start();
  while (!done()) {
    if (t.elapsed() > timeoutMs) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QTest::qWait(5);
  }
  return true;
}

}  // namespace crema::ui::test
