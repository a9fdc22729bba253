// Project: the one net and solver the window edits and trains.
//
// The net and solver live in one NetDocument (ui/editor/net_document.h: the
// NetParameter, node positions, the solver, one undo stack), which the net
// editor edits directly; the Net tab's text view and the solver panel edit it
// through setNet()/setSolver() (each one undoable command). Project adds
// where the files came from and where data and snapshots live, and all views
// redraw from netChanged()/solverChanged(). makeRunRequest() turns it
// into what the training worker needs: nets inline, data sources resolved to
// existing paths (next to the files, the working directory, then the data
// folder), snapshots in a writable folder.
#pragma once

#include <QObject>
#include <QString>
#include <QVector>

#include "caffe.pb.h"
#include "training/training_types.h"

namespace crema::ui {

/// A data layer's source and where it was found.
struct DataSourceCheck {
  QString layer;
  QString phase;     ///< "TRAIN", "TEST" or "" (both)
  QString source;    ///< as written in the net
  QString resolved;  ///< absolute path tried last (or found)
  bool exists = false;
};

class NetDocument;

class Project : public QObject {
  Q_OBJECT

 public:
  explicit Project(QObject* parent = nullptr);

  /// The bundled LeNet of the seed lesson (:/examples/lenet). Returns false with
  /// a message if the resource cannot be parsed (a build problem).
  bool loadExample(QString* error);
  /// Opens a net prototxt (paired with the example's solver settings) or a
  /// solver prototxt (with its nets). On failure the project is unchanged and
  /// `error` holds the parser's file:line:column message.
  bool loadFile(const QString& path, QString* error);
  /// Writes the solver to `solverPath` and the net next to it; later saves reuse the paths.
  bool saveAs(const QString& solverPath, QString* error);
  /// Saves to the current paths (false if there are none: use saveAs).
  bool save(QString* error);
  bool hasFilePaths() const { return !m_solverPath.isEmpty(); }
  bool isModified() const;
  bool isExample() const { return m_example; }

  /// The document holding the net and solver (give it to the net editor).
  NetDocument* document() const { return m_doc; }
  const caffe::SolverParameter& solver() const;
  /// Replaces the solver settings (one undo step).
  void setSolver(const caffe::SolverParameter& solver);
  /// The net being edited (train and test phases in one NetParameter, Caffe's usual form).
  const caffe::NetParameter& net() const;
  /// Replaces the whole net (one undo step; layers keep their editor positions by name).
  void setNet(const caffe::NetParameter& net);
  /// Test nets given as separate files (solver test_net); usually empty.
  const QVector<caffe::NetParameter>& separateTestNets() const { return m_testNets; }

  QString solverPath() const { return m_solverPath; }
  QString netPath() const { return m_netPath; }
  /// The folder relative paths are read against (the opened file's folder; empty for the example).
  QString baseDir() const { return m_baseDir; }
  /// "LeNet (example)" or the file name.
  QString displayName() const;

  QString dataDir() const { return m_dataDir; }
  void setDataDir(const QString& dir) { m_dataDir = dir; }
  /// Where runs of the example (and of read-only projects) write snapshots.
  QString runsDir() const { return m_runsDir; }
  void setRunsDir(const QString& dir) { m_runsDir = dir; }

  /// Absolute path of a data source: as given when absolute; else the first that
  /// exists of working directory, base dir, data dir + source, data dir + file name;
  /// else the data dir candidate (example) or the base dir candidate.
  QString resolveSource(const QString& source, bool* exists = nullptr) const;
  /// Every Data layer's source with its resolved path.
  QVector<DataSourceCheck> checkDataSources() const;
  /// Builds the worker's request; false with a message if the solver cannot run
  /// (no max_iter, no net, unwritable snapshot folder).
  bool makeRunRequest(RunRequest* request, QString* error) const;

 signals:
  void netChanged();
  void solverChanged();
  /// A different project was loaded or saved under new paths.
  void projectChanged();

 private:
  bool loadSolverFile(const QString& path, QString* error);
  QString resolveNetFile(const QString& file) const;
  caffe::NetParameter withResolvedSources(const caffe::NetParameter& net) const;
  QString snapshotPrefix(const QString& runStamp) const;

  void resetDocument(const caffe::NetParameter& net, const caffe::SolverParameter& solver);

  NetDocument* m_doc = nullptr;
  QVector<caffe::NetParameter> m_testNets;
  QString m_solverPath;
  QString m_netPath;
  QString m_baseDir;
  QString m_dataDir;
  QString m_runsDir;
  bool m_example = false;
};

/// The example solver's settings (the seed's), used when a bare net is opened.
caffe::SolverParameter exampleSolver();

}  // namespace crema::ui
