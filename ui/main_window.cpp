#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScreen>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QThread>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>
#include <utility>

#include "editor/net_document.h"
#include "editor/net_editor_widget.h"
#include "inside/inside_tab.h"
#include "log.h"
#include "log_panel.h"
#include "net_tab.h"
#include "plots/run_history.h"
#include "plots/training_tab.h"
#include "project.h"
#include "solver_panel.h"
#include "training/training_controller.h"

namespace crema::ui {
namespace {

/// Writes a line in the engine's log format (so it lands in the log panel too).
void uiLog(crema::LogLevel level, const QString& text) {
  crema::LogLine(level, "crema_app", 0, text.toStdString());
}

QString formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return QStringLiteral("–");
  const qint64 s = static_cast<qint64>(seconds + 0.5);
  if (s >= 3600) return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

bool activeState(TrainingState s) {
  return s == TrainingState::Starting || s == TrainingState::Running || s == TrainingState::Paused ||
         s == TrainingState::Halted;
}

}  // namespace

MainWindow::MainWindow(const AppOptions& options, QWidget* parent) : QMainWindow(parent), m_options(options) {
  setObjectName(QStringLiteral("CremaMainWindow"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/crema.png")));
  setDockNestingEnabled(true);

  m_project = new Project(this);
  m_project->setDataDir(options.dataDir.isEmpty() ? defaultDataDir() : options.dataDir);
  m_project->setRunsDir(defaultRunsDir());
  m_controller = new TrainingController(this);
  m_history = new RunHistory(this);

  // Central area: an information bar above the three tabs.
  m_infoBar = new QFrame;
  m_infoBar->setObjectName(QStringLiteral("infoBar"));
  m_infoBar->setStyleSheet(QStringLiteral("#infoBar { background: #fff4d6; border: 1px solid #e0c070; }"));
  m_infoText = new QLabel;
  m_infoText->setWordWrap(true);
  m_infoText->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_infoSnapshot = new QPushButton(tr("Save snapshot"));
  auto* dismiss = new QPushButton(tr("Dismiss"));
  auto* il = new QHBoxLayout(m_infoBar);
  il->setContentsMargins(8, 4, 8, 4);
  il->addWidget(m_infoText, 1);
  il->addWidget(m_infoSnapshot);
  il->addWidget(dismiss);
  m_infoBar->hide();
  connect(dismiss, &QPushButton::clicked, m_infoBar, &QWidget::hide);
  connect(m_infoSnapshot, &QPushButton::clicked, this, [this] {
    m_controller->snapshot();
    m_infoBar->hide();
  });

  m_tabs = new QTabWidget;
  m_netTab = new NetTab(m_project);
  m_trainingTab = new TrainingTab(m_history);
  m_insideTab = new InsideTab(m_controller);
  m_tabs->addTab(m_netTab, tr("Net"));
  m_tabs->addTab(m_trainingTab, tr("Training"));
  m_tabs->addTab(m_insideTab, tr("Inside"));
  auto* central = new QWidget;
  auto* cl = new QVBoxLayout(central);
  cl->setContentsMargins(0, 0, 0, 0);
  cl->setSpacing(2);
  cl->addWidget(m_infoBar);
  cl->addWidget(m_tabs, 1);
  setCentralWidget(central);

  buildDocks();
  buildActions();
  buildToolBar();
  buildMenus();
  connectController();

  m_stateLabel = new QLabel;
  m_iterLabel = new QLabel;
  m_lossLabel = new QLabel;
  m_rateLabel = new QLabel;
  m_testLabel = new QLabel;
  for (auto* l : {m_stateLabel, m_iterLabel, m_lossLabel, m_rateLabel, m_testLabel}) {
    l->setMinimumWidth(90);
    statusBar()->addPermanentWidget(l);
  }
  m_statusTimer.setInterval(500);
  connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
  m_statusTimer.start();

  connect(m_project, &Project::projectChanged, this, &MainWindow::updateTitle);
  connect(m_project, &Project::netChanged, this, &MainWindow::updateTitle);
  connect(m_project, &Project::solverChanged, this, &MainWindow::updateTitle);
  connect(m_project->document(), &NetDocument::modifiedChanged, this, &MainWindow::updateTitle);
  connect(m_netTab, &NetTab::message, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
  connect(m_solverPanel, &SolverPanel::message, this, [this](const QString& m) { showError(tr("Solver"), m); });
  connect(m_solverPanel, &SolverPanel::liveBaseLrChanged, m_controller, &TrainingController::setBaseLr);
  connect(m_solverPanel, &SolverPanel::liveMomentumChanged, m_controller, &TrainingController::setMomentum);

  // Defaults for "Reset layout", then the user's saved layout. The default size
  // fills a small screen and stays 1600 x 1000 on a large one.
  QSize size(1600, 1000);
  if (const QScreen* s = QGuiApplication::primaryScreen()) size = size.boundedTo(s->availableGeometry().size());
  resize(size);
  m_defaultState = saveState();
  m_defaultTrainingState = m_trainingTab->saveState();
  m_defaultInsideState = m_insideTab->saveState();
  restoreLayout(options.resetLayout);

  QString error;
  if (!options.file.isEmpty()) {
    if (!m_project->loadFile(options.file, &error)) {
      m_project->loadExample(nullptr);
      // Shown once the window is up, so it has a parent on screen.
      QTimer::singleShot(0, this, [this, error, file = options.file] {
        showError(tr("Could not open %1").arg(file), error);
      });
    }
  } else if (!m_project->loadExample(&error)) {
    QTimer::singleShot(0, this, [this, error] { showError(tr("Example"), error); });
  }
  updateTitle();
  updateActions();
  updateStatus();
  uiLog(crema::LogLevel::Info, QStringLiteral("Crema started; data folder %1").arg(m_project->dataDir()));
  QTimer::singleShot(0, this, [this] {
    if (m_messageBox.isNull()) checkData(true);
  });
}

MainWindow::~MainWindow() {
  // The controller joins the worker thread; do it before the views it feeds go away.
  delete m_controller;
  m_controller = nullptr;
}

void MainWindow::buildDocks() {
  m_solverPanel = new SolverPanel(m_project);
  auto* props = new QDockWidget(tr("Properties — Solver"), this);
  props->setObjectName(QStringLiteral("dockProperties"));
  props->setWidget(m_solverPanel);
  addDockWidget(Qt::RightDockWidgetArea, props);

  m_log = new LogPanel;
  m_log->installEngineSink(qEnvironmentVariableIsSet("CREMA_LOG_STDERR"));
  auto* log = new QDockWidget(tr("Log"), this);
  log->setObjectName(QStringLiteral("dockLog"));
  log->setWidget(m_log);
  addDockWidget(Qt::BottomDockWidgetArea, log);
  resizeDocks({props}, {360}, Qt::Horizontal);
  resizeDocks({log}, {170}, Qt::Vertical);
}

void MainWindow::buildActions() {
  QStyle* st = style();
  m_new = new QAction(st->standardIcon(QStyle::SP_FileIcon), tr("&New (LeNet example)"), this);
  m_new->setShortcut(QKeySequence::New);
  m_open = new QAction(st->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open…"), this);
  m_open->setShortcut(QKeySequence::Open);
  m_save = new QAction(st->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save"), this);
  m_save->setShortcut(QKeySequence::Save);
  m_saveAs = new QAction(tr("Save &As…"), this);
  m_saveAs->setShortcut(QKeySequence::SaveAs);

  m_run = new QAction(st->standardIcon(QStyle::SP_MediaPlay), tr("Run"), this);
  m_run->setShortcut(Qt::Key_F5);
  m_run->setToolTip(tr("Train until max_iter (F5); resumes when paused"));
  m_pause = new QAction(st->standardIcon(QStyle::SP_MediaPause), tr("Pause"), this);
  m_pause->setShortcut(Qt::Key_F6);
  m_step1 = new QAction(st->standardIcon(QStyle::SP_MediaSeekForward), tr("Step 1"), this);
  m_step1->setShortcut(Qt::Key_F10);
  m_step1->setToolTip(tr("One training iteration, then pause (F10)"));
  m_stepN = new QAction(st->standardIcon(QStyle::SP_MediaSkipForward), tr("Step N"), this);
  m_stepN->setToolTip(tr("N training iterations, then pause"));
  m_stop = new QAction(st->standardIcon(QStyle::SP_MediaStop), tr("Stop"), this);
  m_stop->setShortcut(Qt::SHIFT | Qt::Key_F5);
  m_stop->setToolTip(tr("End the run; the weights are kept for inspection and snapshots"));
  m_snapshot = new QAction(st->standardIcon(QStyle::SP_DriveFDIcon), tr("Snapshot"), this);
  m_snapshot->setToolTip(tr("Write .caffemodel and .solverstate now"));
  m_test = new QAction(st->standardIcon(QStyle::SP_DialogApplyButton), tr("Test now"), this);
  m_test->setShortcut(Qt::Key_F7);
  m_test->setToolTip(tr("Run the test nets now (F7)"));
  // Object names stay English whatever the interface language (ui/translations.h).
  const std::pair<QAction*, const char*> names[] = {{m_run, "run"},   {m_pause, "pause"},       {m_step1, "step1"},
                                                    {m_stepN, "stepn"}, {m_stop, "stop"},         {m_snapshot, "snapshot"},
                                                    {m_test, "testnow"}};
  for (const auto& [action, name] : names) action->setObjectName(QLatin1String(name));

  connect(m_new, &QAction::triggered, this, &MainWindow::newExample);
  connect(m_open, &QAction::triggered, this, &MainWindow::openDialog);
  connect(m_save, &QAction::triggered, this, [this] { saveProject(false); });
  connect(m_saveAs, &QAction::triggered, this, [this] { saveProject(true); });
  connect(m_run, &QAction::triggered, this, &MainWindow::run);
  connect(m_pause, &QAction::triggered, m_controller, &TrainingController::pause);
  connect(m_step1, &QAction::triggered, this, [this] { step(1); });
  connect(m_stepN, &QAction::triggered, this, [this] { step(m_stepCount->value()); });
  connect(m_stop, &QAction::triggered, this, &MainWindow::stop);
  connect(m_snapshot, &QAction::triggered, m_controller, &TrainingController::snapshot);
  connect(m_test, &QAction::triggered, m_controller, &TrainingController::testNow);
}

void MainWindow::buildToolBar() {
  auto* file = addToolBar(tr("File"));
  file->setObjectName(QStringLiteral("toolbarFile"));
  file->addAction(m_new);
  file->addAction(m_open);
  file->addAction(m_save);

  auto* train = addToolBar(tr("Training"));
  train->setObjectName(QStringLiteral("toolbarTraining"));
  train->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  train->addAction(m_run);
  train->addAction(m_pause);
  train->addAction(m_step1);
  m_stepCount = new QSpinBox;
  m_stepCount->setRange(1, 1000000);
  m_stepCount->setValue(100);
  m_stepCount->setToolTip(tr("N for Step N"));
  train->addAction(m_stepN);
  train->addWidget(m_stepCount);
  train->addAction(m_stop);
  train->addAction(m_snapshot);
  train->addAction(m_test);
  train->addSeparator();
  train->addWidget(new QLabel(tr(" Threads ")));
  m_threads = new QSpinBox;
  m_threads->setRange(0, std::max(1, QThread::idealThreadCount()));
  m_threads->setSpecialValueText(tr("auto"));
  m_threads->setToolTip(tr("Threads for oneDNN and OpenMP (auto: $CREMA_THREADS or all cores)"));
  train->addWidget(m_threads);
  connect(m_threads, &QSpinBox::valueChanged, m_controller, &TrainingController::setThreads);
  train->addSeparator();
  m_progress = new QProgressBar;
  m_progress->setMinimumWidth(180);
  m_progress->setMaximumWidth(260);
  m_progress->setRange(0, 1);
  m_progress->setValue(0);
  m_progress->setFormat(QStringLiteral("%v / %m"));
  m_eta = new QLabel;
  m_eta->setMinimumWidth(170);
  train->addWidget(m_progress);
  train->addWidget(m_eta);
}

void MainWindow::buildMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  file->addAction(m_new);
  file->addAction(m_open);
  file->addAction(m_save);
  file->addAction(m_saveAs);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  auto* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = m_project->document()->undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = m_project->document()->undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  edit->addAction(undo);
  edit->addAction(redo);

  auto* train = menuBar()->addMenu(tr("&Training"));
  for (auto* a : {m_run, m_pause, m_step1, m_stepN, m_stop, m_snapshot, m_test}) train->addAction(a);

  auto* view = menuBar()->addMenu(tr("&View"));
  for (auto* d : findChildren<QDockWidget*>(QString(), Qt::FindDirectChildrenOnly)) view->addAction(d->toggleViewAction());
  view->addSeparator();
  for (auto* d : m_trainingTab->findChildren<QDockWidget*>()) view->addAction(d->toggleViewAction());
  view->addSeparator();
  for (auto* d : m_insideTab->docks()) view->addAction(d->toggleViewAction());
  view->addSeparator();
  view->addAction(tr("Reset layout"), this, &MainWindow::resetLayout);

  auto* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("Data folder…"), this, [this] {
    QMessageBox::information(this, tr("Data folder"),
                             tr("Crema reads the example's MNIST databases from\n%1\n\nCreate them with:\n%2")
                                 .arg(m_project->dataDir(), mnistSetupCommand(m_project->dataDir())));
  });
  help->addAction(tr("About Crema"), this, [this] {
    QMessageBox::about(this, tr("About Crema"),
                       tr("<b>Crema %1</b><br>A Caffe-compatible training workbench on oneDNN.")
                           .arg(QApplication::applicationVersion()));
  });
}

void MainWindow::connectController() {
  auto* c = m_controller;
  connect(c, &TrainingController::runStarted, this, [this](const QString& name, int maxIter) {
    m_history->startRun(name, maxIter);
    m_insideTab->clearForNewRun();
    m_infoBar->hide();
    m_lastSnapshotIter = -1;
  });
  connect(c, &TrainingController::stateChanged, this, [this](TrainingState s) {
    updateActions();
    updateStatus();
    if (s == TrainingState::Stopped) {
      // The solver snapshots on an early stop (Caffe's snapshot_after_train); only offer
      // a snapshot when none of this iteration was written.
      const int iter = m_controller->iteration();
      if (m_lastSnapshotIter == iter && !m_lastSnapshot.isEmpty()) {
        showInfo(tr("Training stopped at iteration %1. The weights are kept (look inside) and were saved to %2.")
                     .arg(iter)
                     .arg(QDir::toNativeSeparators(m_lastSnapshot)),
                 false);
      } else {
        showInfo(tr("Training stopped at iteration %1. The weights are kept: look inside, or save a snapshot.")
                     .arg(iter),
                 true);
      }
    } else if (s == TrainingState::Finished) {
      statusBar()->showMessage(tr("Training finished at iteration %1").arg(m_controller->iteration()), 10000);
    }
    if (s == TrainingState::Paused || s == TrainingState::Stopped || s == TrainingState::Finished ||
        s == TrainingState::Halted) {
      m_insideTab->refreshVisible();
    }
  });
  connect(c, &TrainingController::iterationDone, this, [this](const IterationPoint& p) {
    m_history->addIteration(p);
    m_lastPoint = p;
  });
  connect(c, &TrainingController::testDone, this, [this](const TestPoint& t) {
    m_history->addTest(t);
    if (t.testNet == 0) {
      m_testLabel->setText(std::isnan(t.accuracy) ? tr("test loss %1").arg(t.loss, 0, 'g', 4)
                                                  : tr("test acc %1").arg(t.accuracy, 0, 'f', 4));
    }
  });
  connect(c, &TrainingController::evaluationReady, this, [this](const EvalResult& r) {
    if (r.count > 0) m_history->setTestAccuracyIfMissing(r.iter, r.accuracy);
  });
  connect(c, &TrainingController::hyperChanged, m_history, &RunHistory::addChange);
  connect(c, &TrainingController::snapshotWritten, this,
          [this](int iter, const QString& model, const QString& state) {
            m_lastSnapshot = model;
            m_lastSnapshotIter = iter;
            statusBar()->showMessage(tr("Snapshot of iteration %1: %2").arg(iter).arg(model), 15000);
            uiLog(crema::LogLevel::Info, QStringLiteral("Snapshot written: %1 and %2").arg(model, state));
          });
  connect(c, &TrainingController::nonFinite, this, [this](int, const QString& message) {
    showInfo(message, true);
    showError(tr("Training paused: non-finite loss"), message);
  });
  connect(c, &TrainingController::failed, this, [this](const QString& message) { showError(tr("Training"), message); });
}

void MainWindow::setNetEditor(QWidget* editor) {
  m_netTab->setNetEditor(editor);
  if (auto* e = qobject_cast<NetEditorWidget*>(editor))
    connect(this, &MainWindow::changesDiscarded, e, &NetEditorWidget::removeRecovery);
}

void MainWindow::restoreLayout(bool reset) {
  QSettings settings;
  if (reset) return;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  m_trainingTab->restoreState(settings.value(QStringLiteral("window/trainingState")).toByteArray());
  m_insideTab->restoreState(settings.value(QStringLiteral("window/insideState")).toByteArray());
  const int tab = settings.value(QStringLiteral("window/tab"), 0).toInt();
  if (tab >= 0 && tab < m_tabs->count()) m_tabs->setCurrentIndex(tab);
  QSignalBlocker block(m_threads);
  m_threads->setValue(settings.value(QStringLiteral("training/threads"), 0).toInt());
  if (m_threads->value() > 0) m_controller->setThreads(m_threads->value());
}

void MainWindow::saveLayout() {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  settings.setValue(QStringLiteral("window/trainingState"), m_trainingTab->saveState());
  settings.setValue(QStringLiteral("window/insideState"), m_insideTab->saveState());
  settings.setValue(QStringLiteral("window/tab"), m_tabs->currentIndex());
  settings.setValue(QStringLiteral("training/threads"), m_threads->value());
}

void MainWindow::resetLayout() {
  restoreState(m_defaultState);
  m_trainingTab->restoreState(m_defaultTrainingState);
  m_insideTab->restoreState(m_defaultInsideState);
  for (auto* d : findChildren<QDockWidget*>()) d->show();
}

bool MainWindow::confirmDiscardChanges() {
  if (!m_project->isModified()) return true;
  const auto answer = QMessageBox::warning(
      this, tr("Unsaved changes"), tr("The net or solver has unsaved changes. Save them first?"),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Save) return saveProject(false);
  if (answer != QMessageBox::Discard) return false;
  emit changesDiscarded();
  return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!confirmDiscardChanges()) {
    event->ignore();
    return;
  }
  saveLayout();
  m_controller->stop();
  event->accept();
}

void MainWindow::updateTitle() {
  setWindowTitle(tr("Crema — %1%2").arg(m_project->displayName(), m_project->isModified() ? QStringLiteral(" *") : QString()));
}

void MainWindow::updateActions() {
  const TrainingState s = m_controller->state();
  const bool active = activeState(s);
  const bool running = s == TrainingState::Running || s == TrainingState::Starting;
  m_run->setText(m_controller->canResume() ? tr("Resume") : tr("Run"));
  m_run->setEnabled(!running);
  m_pause->setEnabled(s == TrainingState::Running);
  m_step1->setEnabled(s != TrainingState::Starting);
  m_stepN->setEnabled(s != TrainingState::Starting);
  m_stop->setEnabled(active);
  m_snapshot->setEnabled(m_controller->hasWeights());
  m_test->setEnabled(m_controller->hasWeights());
  m_new->setEnabled(!active);
  m_open->setEnabled(!active);
  m_solverPanel->setTrainingActive(active);
  m_netTab->setTrainingActive(active);
}

void MainWindow::updateStatus() {
  const TrainingState s = m_controller->state();
  const int iter = m_controller->iteration();
  const int maxIter = std::max(1, m_controller->maxIter() > 0 ? m_controller->maxIter() : m_project->solver().max_iter());
  const double rate = m_controller->itersPerSecond();
  m_stateLabel->setText(stateName(s));
  m_iterLabel->setText(tr("iter %1").arg(iter));
  m_lossLabel->setText(m_lastPoint.iter > 0 ? tr("loss %1").arg(m_lastPoint.smoothedLoss, 0, 'f', 4) : tr("loss –"));
  m_rateLabel->setText(rate > 0 ? tr("%1 it/s").arg(rate, 0, 'f', 1) : tr("– it/s"));
  if (m_progress->maximum() != maxIter) m_progress->setMaximum(maxIter);
  m_progress->setValue(std::min(iter, maxIter));
  const bool running = s == TrainingState::Running;
  m_eta->setText(running && rate > 0 ? tr(" %1 it/s · ETA %2").arg(rate, 0, 'f', 1).arg(formatDuration((maxIter - iter) / rate))
                                     : QStringLiteral(" %1").arg(stateName(s)));
  m_solverPanel->setCurrentIteration(iter);
}

void MainWindow::showError(const QString& title, const QString& message) {
  m_lastError = message;
  uiLog(crema::LogLevel::Error, title + QStringLiteral(": ") + message);
  statusBar()->showMessage(title + QStringLiteral(": ") + message.section(QLatin1Char('\n'), 0, 0), 15000);
  if (m_messageBox) m_messageBox->close();
  auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setTextInteractionFlags(Qt::TextSelectableByMouse);
  box->setModal(false);
  box->show();  // not exec(): training and the window keep going
  m_messageBox = box;
  emit errorShown(message);
}

QString MainWindow::infoText() const { return m_infoBar->isVisible() ? m_infoText->text() : QString(); }

bool MainWindow::infoOffersSnapshot() const { return m_infoBar->isVisible() && m_infoSnapshot->isVisibleTo(m_infoBar); }

void MainWindow::showInfo(const QString& text, bool offerSnapshot) {
  m_infoText->setText(text);
  m_infoSnapshot->setVisible(offerSnapshot);
  m_infoBar->show();
}

bool MainWindow::checkData(bool showDialog) {
  const auto checks = m_project->checkDataSources();
  QStringList missing;
  bool mnist = false;
  for (const auto& c : checks) {
    if (c.exists) continue;
    missing << QStringLiteral("  %1 (%2%3): %4")
                   .arg(c.layer, c.phase.isEmpty() ? QString() : c.phase + QStringLiteral(", "), c.source, c.resolved);
    mnist |= c.source.contains(QLatin1String("mnist"), Qt::CaseInsensitive);
  }
  if (missing.isEmpty()) return true;
  if (showDialog) {
    QString text = tr("The training data of this net was not found:\n%1\n\n").arg(missing.join(QLatin1Char('\n')));
    if (mnist) {
      text += tr("Create the MNIST databases in the data folder with:\n\n    %1\n\n"
                 "then press Run. (Data folder: %2 — choose another with crema --data-dir DIR or $CREMA_DATA_DIR.)")
                  .arg(mnistSetupCommand(m_project->dataDir()), m_project->dataDir());
    } else {
      text += tr("Fix the data layers' source paths (relative paths are looked up next to the net, in the "
                 "working directory and in %1).")
                  .arg(m_project->dataDir());
    }
    showError(tr("Training data missing"), text);
  }
  return false;
}

bool MainWindow::makeRequest(RunRequest* request) {
  if (!checkData(true)) return false;
  QString error;
  if (!m_project->makeRunRequest(request, &error)) {
    showError(tr("Cannot start training"), error);
    return false;
  }
  return true;
}

void MainWindow::run() {
  if (m_controller->canResume()) {
    m_controller->resume();
    return;
  }
  RunRequest request;
  if (!makeRequest(&request)) return;
  uiLog(crema::LogLevel::Info, QStringLiteral("Starting run %1; snapshots go to %2")
                                   .arg(request.name, QString::fromStdString(request.solver.snapshot_prefix())));
  m_controller->start(request);
}

void MainWindow::step(int n) {
  const TrainingState s = m_controller->state();
  if (s == TrainingState::Running || m_controller->canResume()) {
    m_controller->step(n, RunRequest());
    return;
  }
  RunRequest request;
  if (!makeRequest(&request)) return;
  m_controller->step(n, request);
}

void MainWindow::stop() { m_controller->stop(); }

void MainWindow::newExample() {
  if (!confirmDiscardChanges()) return;
  QString error;
  if (!m_project->loadExample(&error)) showError(tr("Example"), error);
  checkData(true);
}

void MainWindow::openDialog() {
  if (!confirmDiscardChanges()) return;
  QSettings settings;
  const QString path = QFileDialog::getOpenFileName(this, tr("Open net or solver"),
                                                    settings.value(QStringLiteral("lastDir")).toString(),
                                                    tr("Prototxt (*.prototxt *.pt *.txt);;All files (*)"));
  if (path.isEmpty()) return;
  settings.setValue(QStringLiteral("lastDir"), QFileInfo(path).absolutePath());
  openFile(path);
}

bool MainWindow::openFile(const QString& path) {
  QString error;
  if (!m_project->loadFile(path, &error)) {
    showError(tr("Could not open %1").arg(QFileInfo(path).fileName()), error);
    return false;
  }
  uiLog(crema::LogLevel::Info, QStringLiteral("Opened %1").arg(path));
  checkData(true);
  return true;
}

bool MainWindow::saveProject(bool askPath) {
  QString error;
  if (!askPath && m_project->hasFilePaths()) {
    if (m_project->save(&error)) return true;
    showError(tr("Save"), error);
    return false;
  }
  const QString path = QFileDialog::getSaveFileName(this, tr("Save solver (the net is saved next to it)"),
                                                    QStringLiteral("lenet_solver.prototxt"),
                                                    tr("Prototxt (*.prototxt)"));
  if (path.isEmpty()) return false;
  if (!m_project->saveAs(path, &error)) {
    showError(tr("Save"), error);
    return false;
  }
  statusBar()->showMessage(tr("Saved %1").arg(path), 8000);
  return true;
}

}  // namespace crema::ui
