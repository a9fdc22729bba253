// NetEditorWidget: the complete drag-and-drop net editor, to embed in a
// window (the main window's Net tab) or show alone:
//
//   toolbar: New ▾(templates) Open Save Save-as Deploy… │ Undo Redo │ Delete Duplicate │ Layout Fit Zoom
//   ┌ palette ┬ canvas (node graph) ──────────┬ [Layer | Solver] properties ┐
//   │         ├ prototxt text (synchronised)  │                             │
//   └─────────┴───────────────────────────────┴─────────────────────────────┘
//   notice bar (legacy upgrade, recovery) · status: analysis totals, messages
//
// Standalone it owns its NetDocument (net + solver + undo stack) and has file
// actions; embedded (constructed on a window's document, e.g. the main
// window's Project) it edits that document, leaves files and the solver to
// the window, and keeps node positions in the layout file beside whatever net
// file the window opens and saves. Either way it runs the live analyser and
// writes a recovery copy every minute while there are unsaved changes; the
// containing window asks maybeSave() (or its own prompt) before closing.
#pragma once

#include <QString>
#include <QTimer>
#include <QWidget>

#include "caffe.pb.h"
#include "editor/net_analysis.h"

class QAction;
class QLabel;
class QSplitter;
class QTabWidget;
class QToolBar;

namespace crema::ui {

class NetDocument;
class NetCanvas;
class LayerPalette;
class LayerPropertiesPanel;
class SolverEditor;
class PrototxtView;
class NetAnalyzer;

class NetEditorWidget : public QWidget {
  Q_OBJECT

 public:
  /// Standalone: owns a document, starts with the seed's LeNet template.
  explicit NetEditorWidget(QWidget* parent = nullptr);
  /// Embedded: edits `document` (owned by the caller, e.g. Project::document()).
  /// No file actions, no solver tab, no keyboard shortcuts that the window owns.
  explicit NetEditorWidget(NetDocument* document, QWidget* parent = nullptr);
  ~NetEditorWidget() override;
  bool isEmbedded() const { return m_embedded; }

  NetDocument* document() const { return m_doc; }
  NetCanvas* canvas() const { return m_canvas; }
  LayerPalette* palette() const { return m_palette; }
  LayerPropertiesPanel* properties() const { return m_properties; }
  SolverEditor* solverEditor() const { return m_solver; }
  PrototxtView* textView() const { return m_text; }
  NetAnalyzer* analyzer() const { return m_analyzer; }
  QToolBar* toolBar() const { return m_toolbar; }

  /// The net being edited and the solver settings.
  const caffe::NetParameter& net() const;
  const caffe::SolverParameter& solver() const;
  /// The solver ready to train the edited net: `net_param` holds the net (its
  /// TRAIN and TEST phases become the train and test nets); file net fields are cleared.
  caffe::SolverParameter solverForTraining() const;
  /// Folder relative data sources are resolved against (the net file's folder; "" if unsaved).
  QString baseDir() const;

  bool isModified() const;
  QString filePath() const;
  /// Title for a window: file name (or "untitled") with "*" when modified.
  QString documentTitle() const;

  // --- Files --------------------------------------------------------------
  /// Opens a net prototxt (legacy formats upgraded with a notice) or, for a
  /// file whose text is a SolverParameter, the solver and the net it names.
  /// Returns false (and shows nothing) on error, with the message in *error.
  bool openFile(const QString& path, QString* error = nullptr);
  /// Saves to the current file (asks for one if none). Returns true when saved.
  bool save();
  bool saveAs();
  bool saveTo(const QString& path, QString* error = nullptr);
  /// Writes the deploy net derived from the edited one.
  bool exportDeploy(const QString& path, int batch = 1, QString* error = nullptr);
  /// Writes the solver (net: pointing at the saved net file).
  bool saveSolverTo(const QString& path, QString* error = nullptr);
  /// Starts a new document from a template (see templateNames()).
  void newFromTemplate(const QString& name);
  /// Starts an empty document.
  void newEmpty();
  /// Replaces the net and solver with a template as one undo step (keeps the file paths).
  void applyTemplate(const QString& name);
  /// If there are unsaved changes, asks Save / Discard / Cancel. Returns false on Cancel
  /// (or a failed save): the caller must then not close or replace the document.
  bool maybeSave(QWidget* parent = nullptr);

  // --- Recovery -----------------------------------------------------------
  /// Folder of autosaved copies (QStandardPaths::AppDataLocation/recovery).
  static QString recoveryDir();
  /// The recovery file of this document (depends on the file name).
  QString recoveryPath() const;
  /// Writes the recovery copy now (autosave does this every minute while modified).
  bool writeRecovery();
  /// Newest recovery file left by an earlier session, or "".
  static QString newestRecoveryFile();
  /// Opens a recovery file as a modified document (its original path is restored).
  bool restoreRecovery(const QString& recoveryFile, QString* error = nullptr);
  void setAutosaveInterval(int ms);

 signals:
  void modifiedChanged(bool modified);
  void filePathChanged(const QString& path);
  void titleChanged(const QString& title);
  void statusMessage(const QString& text);

 public slots:
  void showNotice(const QString& text);
  /// Deletes this document's crash-recovery copy (the user chose to discard the changes).
  void removeRecovery();

 private:
  void init();
  void buildActions();
  void afterReset();
  void offerRecovery();
  void onAnalysis(const NetAnalysisResult& result);
  void updateTitle();

  NetDocument* m_doc;
  NetAnalyzer* m_analyzer;
  LayerPalette* m_palette;
  NetCanvas* m_canvas;
  PrototxtView* m_text;
  LayerPropertiesPanel* m_properties;
  SolverEditor* m_solver;
  QTabWidget* m_sideTabs;
  QToolBar* m_toolbar;
  QLabel* m_notice;
  QLabel* m_status;
  QLabel* m_summary;
  QTimer m_autosave;
  QString m_lastRecovery;
  bool m_embedded = false;
  bool m_justReset = false;
};

}  // namespace crema::ui
