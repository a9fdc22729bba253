// Crema's main window (DESIGN.md, "The main window"):
//
//   toolbar: New Open Save | Run Pause Step1 StepN Stop Snapshot Test | threads, progress/ETA
//   central tabs: Net (layer list or the net editor, prototxt text),
//                 Training (loss/accuracy, lr, runs), Inside (batch, filters,
//                 feature maps, score evolution, confusion, worst images)
//   docks: Properties (solver), Log;  status line: state, iteration, loss, it/s
//
// The window owns the Project (the net and solver being edited), the
// TrainingController (the worker thread) and the RunHistory (the plotted
// series). Errors never close it: they are shown in a message box and the log.
#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include "app_options.h"
#include "training/training_types.h"

class QAction;
class QFrame;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace crema::ui {

class InsideTab;
class LogPanel;
class NetTab;
class Project;
class RunHistory;
class SolverPanel;
class TrainingController;
class TrainingTab;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(const AppOptions& options, QWidget* parent = nullptr);
  ~MainWindow() override;

  Project* project() const { return m_project; }
  TrainingController* controller() const { return m_controller; }
  RunHistory* history() const { return m_history; }
  NetTab* netTab() const { return m_netTab; }
  TrainingTab* trainingTab() const { return m_trainingTab; }
  InsideTab* insideTab() const { return m_insideTab; }
  LogPanel* logPanel() const { return m_log; }
  SolverPanel* solverPanel() const { return m_solverPanel; }
  QTabWidget* tabs() const { return m_tabs; }

  /// Puts the graphical net editor into the Net tab (see NetTab::setNetEditor).
  void setNetEditor(QWidget* editor);

  QAction* runAction() const { return m_run; }
  QAction* pauseAction() const { return m_pause; }
  QAction* stepAction() const { return m_step1; }
  QAction* stepNAction() const { return m_stepN; }
  QAction* stopAction() const { return m_stop; }
  QAction* snapshotAction() const { return m_snapshot; }
  QAction* testAction() const { return m_test; }
  QSpinBox* stepCountBox() const { return m_stepCount; }
  QSpinBox* threadsBox() const { return m_threads; }

  /// Opens a net or solver file; on failure shows the error and keeps the current project.
  bool openFile(const QString& path);
  /// Checks that every data source exists; if not and `showDialog`, says which
  /// are missing and the command that creates them. Returns true when all exist.
  bool checkData(bool showDialog);
  /// The last error shown to the user (empty if none).
  QString lastError() const { return m_lastError; }
  QString lastSnapshot() const { return m_lastSnapshot; }
  /// The info bar's text, and whether it shows its "Save snapshot" button (tests).
  QString infoText() const;
  bool infoOffersSnapshot() const;
  /// The message box currently showing (tests), or null.
  QWidget* messageBox() const { return m_messageBox; }

 public slots:
  void run();
  void step(int n);
  void stop();

 signals:
  void errorShown(const QString& message);
  /// The user answered Discard to unsaved changes (the editor drops its recovery copy).
  void changesDiscarded();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildActions();
  void buildToolBar();
  void buildDocks();
  void buildMenus();
  void connectController();
  void restoreLayout(bool reset);
  void saveLayout();
  void resetLayout();
  void updateActions();
  void updateStatus();
  void updateTitle();
  void showError(const QString& title, const QString& message);
  void showInfo(const QString& text, bool offerSnapshot);
  bool makeRequest(RunRequest* request);
  void newExample();
  void openDialog();
  bool saveProject(bool askPath);
  /// Asks Save / Discard / Cancel when the project has unsaved edits; true when it is safe to go on.
  bool confirmDiscardChanges();

  AppOptions m_options;
  Project* m_project = nullptr;
  TrainingController* m_controller = nullptr;
  RunHistory* m_history = nullptr;

  QTabWidget* m_tabs = nullptr;
  NetTab* m_netTab = nullptr;
  TrainingTab* m_trainingTab = nullptr;
  InsideTab* m_insideTab = nullptr;
  SolverPanel* m_solverPanel = nullptr;
  LogPanel* m_log = nullptr;
  QFrame* m_infoBar = nullptr;
  QLabel* m_infoText = nullptr;
  QPushButton* m_infoSnapshot = nullptr;

  QAction* m_new = nullptr;
  QAction* m_open = nullptr;
  QAction* m_save = nullptr;
  QAction* m_saveAs = nullptr;
  QAction* m_run = nullptr;
  QAction* m_pause = nullptr;
  QAction* m_step1 = nullptr;
  QAction* m_stepN = nullptr;
  QAction* m_stop = nullptr;
  QAction* m_snapshot = nullptr;
  QAction* m_test = nullptr;
  QSpinBox* m_stepCount = nullptr;
  QSpinBox* m_threads = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_eta = nullptr;

  QLabel* m_stateLabel = nullptr;
  QLabel* m_iterLabel = nullptr;
  QLabel* m_lossLabel = nullptr;
  QLabel* m_rateLabel = nullptr;
  QLabel* m_testLabel = nullptr;
  QTimer m_statusTimer;

  IterationPoint m_lastPoint;
  QString m_lastError;
  QString m_lastSnapshot;
  int m_lastSnapshotIter = -1;  ///< iteration of m_lastSnapshot
  QPointer<QWidget> m_messageBox;
  QByteArray m_defaultState, m_defaultTrainingState, m_defaultInsideState;
};

}  // namespace crema::ui
