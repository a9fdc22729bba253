#include "editor/net_editor_widget.h"

#include <QAction>
#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "common.h"
#include "editor/layer_palette.h"
#include "editor/layer_properties.h"
#include "editor/net_canvas.h"
#include "editor/net_document.h"
#include "editor/net_files.h"
#include "editor/prototxt_view.h"
#include "editor/solver_editor.h"
#include "io/io.h"

namespace crema::ui {

NetEditorWidget::NetEditorWidget(QWidget* parent) : QWidget(parent) {
  m_doc = new NetDocument(this);
  init();
  newFromTemplate(templateNames().first());
  QTimer::singleShot(0, this, &NetEditorWidget::offerRecovery);
}

NetEditorWidget::NetEditorWidget(NetDocument* document, QWidget* parent) : QWidget(parent), m_embedded(true) {
  m_doc = document;
  init();
  // The window loads and saves files; keep the positions in the layout file beside its net file.
  connect(m_doc, &NetDocument::documentReset, this, [this] {
    m_justReset = true;
    QTimer::singleShot(0, this, &NetEditorWidget::afterReset);
  });
  connect(m_doc, &NetDocument::modifiedChanged, this, [this](bool modified) {
    if (modified || m_justReset || filePath().isEmpty() || !QFileInfo::exists(filePath())) return;
    // Saved by the window: the layout goes beside the net, the recovery copy is obsolete.
    try {
      crema::WriteFileAtomically(layoutFilePath(filePath()).toStdString(), layoutJson(*m_doc).toStdString());
    } catch (const std::exception& e) {
      m_status->setText(tr("Could not write the layout file: %1").arg(QString::fromStdString(e.what())));
    }
    removeRecovery();
  });
  afterReset();  // ends with offerRecovery()
}

void NetEditorWidget::afterReset() {
  m_justReset = false;
  bool missing = false;
  for (NodeId id : m_doc->ids()) missing |= !m_doc->hasPosition(id);
  if (missing && !filePath().isEmpty()) {
    QFile f(layoutFilePath(filePath()));
    if (f.open(QIODevice::ReadOnly)) {
      QHash<int, QPointF> positions;
      QHash<int, QVector<int>> shapes;
      parseLayoutJson(f.readAll(), m_doc->net(), &positions, &shapes);
      QHash<NodeId, QPointF> pos;
      for (auto it = positions.begin(); it != positions.end(); ++it) pos.insert(m_doc->idAt(it.key()), it.value());
      m_doc->applyPositions(pos);
      for (auto it = shapes.begin(); it != shapes.end(); ++it) m_doc->setDataShape(m_doc->idAt(it.key()), it.value());
    }
  }
  m_canvas->layoutMissingPositions();
  m_canvas->fitReadable();
  offerRecovery();
}

void NetEditorWidget::applyTemplate(const QString& name) {
  QUndoStack* undo = m_doc->undoStack();
  undo->beginMacro(tr("Template %1").arg(name));
  m_doc->replaceNet(templateNet(name), tr("Template %1").arg(name));
  m_doc->setSolver(templateSolver(name), tr("Template solver"));
  m_canvas->autoLayout();
  undo->endMacro();
}

void NetEditorWidget::offerRecovery() {
  const QString file = newestRecoveryFile();
  if (file.isEmpty() || file == m_lastRecovery) return;
  QFile f(file);
  if (!f.open(QIODevice::ReadOnly)) return;
  const QString original = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("originalPath")).toString();
  // Embedded, the window owns the file paths: only restore onto the same file.
  if (m_embedded && original != filePath()) return;
  m_notice->setText(tr("Unsaved changes of %1 from an earlier session were kept. <a href=\"restore\">Restore them</a> · "
                       "<a href=\"discard\">Discard</a>")
                        .arg(original.isEmpty() ? tr("an untitled net") : QFileInfo(original).fileName()));
  m_notice->setProperty("recoveryFile", file);
  m_notice->show();
}

void NetEditorWidget::init() {
  m_analyzer = new NetAnalyzer(m_doc, this);
  m_palette = new LayerPalette;
  m_canvas = new NetCanvas(m_doc);
  m_text = new PrototxtView(m_doc);
  m_properties = new LayerPropertiesPanel(m_doc);
  m_solver = m_embedded ? nullptr : new SolverEditor(m_doc);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  m_toolbar = new QToolBar(tr("Net editor"), this);
  m_toolbar->setIconSize(QSize(16, 16));
  m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  layout->addWidget(m_toolbar);

  m_notice = new QLabel(this);
  m_notice->setWordWrap(true);
  m_notice->setStyleSheet(QStringLiteral("QLabel { background: #fff8e1; border-bottom: 1px solid #e0c060; padding: 4px 8px; }"));
  m_notice->hide();
  m_notice->setTextFormat(Qt::RichText);
  connect(m_notice, &QLabel::linkActivated, this, [this](const QString& link) {
    const QString file = m_notice->property("recoveryFile").toString();
    m_notice->setProperty("recoveryFile", QVariant());
    if (link == QLatin1String("restore")) {
      QString error;
      if (!restoreRecovery(file, &error)) QMessageBox::warning(this, tr("Restore"), error);
    } else {
      QFile::remove(file);
      showNotice(QString());
    }
  });
  layout->addWidget(m_notice);

  auto* center = new QSplitter(Qt::Vertical);
  center->addWidget(m_canvas);
  center->addWidget(m_text);
  center->setStretchFactor(0, 4);
  center->setStretchFactor(1, 1);
  center->setSizes({640, 160});

  m_sideTabs = new QTabWidget;
  m_sideTabs->addTab(m_properties, tr("Layer"));
  if (m_solver) m_sideTabs->addTab(m_solver, tr("Solver"));

  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(m_palette);
  split->addWidget(center);
  split->addWidget(m_sideTabs);
  split->setStretchFactor(0, 0);
  split->setStretchFactor(1, 1);
  split->setStretchFactor(2, 0);
  split->setSizes(m_embedded ? QList<int>{190, 760, 290} : QList<int>{230, 700, 380});
  layout->addWidget(split, 1);

  auto* statusRow = new QWidget(this);
  auto* sh = new QHBoxLayout(statusRow);
  sh->setContentsMargins(8, 2, 8, 2);
  m_summary = new QLabel(statusRow);
  m_status = new QLabel(statusRow);
  m_status->setStyleSheet(QStringLiteral("color: #555"));
  sh->addWidget(m_summary);
  sh->addStretch(1);
  sh->addWidget(m_status);
  layout->addWidget(statusRow);

  buildActions();

  auto status = [this](const QString& text) {
    m_status->setText(text);
    emit statusMessage(text);
  };
  connect(m_canvas, &NetCanvas::statusMessage, this, status);
  connect(m_doc, &NetDocument::message, this, status);
  connect(m_properties, &LayerPropertiesPanel::statusMessage, this, status);
  if (m_solver) connect(m_solver, &SolverEditor::statusMessage, this, status);
  connect(m_text, &PrototxtView::statusMessage, this, status);
  connect(m_canvas, &NetCanvas::selectedNodesChanged, m_properties, [this](const QList<NodeId>& ids) {
    m_properties->setSelection(ids);
    if (!ids.isEmpty()) m_sideTabs->setCurrentWidget(m_properties);
  });
  connect(m_canvas, &NetCanvas::nodeActivated, this, [this](NodeId id) {
    m_properties->setLayer(id);
    m_sideTabs->setCurrentWidget(m_properties);
    if (m_properties->nameEdit()) m_properties->nameEdit()->setFocus();
  });
  connect(m_palette, &LayerPalette::layerRequested, this, [this](const QString& type) {
    const QList<NodeId> ids = m_canvas->handleDrop(LayerPalette::mimeDataForType(type), QPoint(-1, -1));
    m_canvas->setFocus();
    Q_UNUSED(ids);
  });
  connect(m_analyzer, &NetAnalyzer::finished, this, &NetEditorWidget::onAnalysis);
  connect(m_doc, &NetDocument::modifiedChanged, this, [this](bool modified) {
    emit modifiedChanged(modified);
    updateTitle();
  });
  connect(m_doc, &NetDocument::filePathChanged, this, [this](const QString& path) {
    emit filePathChanged(path);
    updateTitle();
  });
  m_autosave.setInterval(60 * 1000);
  connect(&m_autosave, &QTimer::timeout, this, [this] {
    if (isModified()) writeRecovery();
  });
  m_autosave.start();
}

NetEditorWidget::~NetEditorWidget() {
  // Stop the analyser before the views it reports to go away.
  delete m_analyzer;
  m_analyzer = nullptr;
}

void NetEditorWidget::buildActions() {
  QList<QAction*> shortcuts;
  if (!m_embedded) {
  auto* newButton = new QToolButton(m_toolbar);
  newButton->setText(tr("New"));
  newButton->setPopupMode(QToolButton::InstantPopup);
  auto* newMenu = new QMenu(newButton);
  newMenu->addAction(tr("Empty net"), this, [this] {
    if (maybeSave(this)) newEmpty();
  });
  newMenu->addSeparator();
  for (const QString& name : templateNames()) {
    newMenu->addAction(name, this, [this, name] {
      if (maybeSave(this)) newFromTemplate(name);
    });
  }
  newButton->setMenu(newMenu);
  newButton->setToolTip(tr("New net: empty or from a template"));
  m_toolbar->addWidget(newButton);

  QAction* open = m_toolbar->addAction(tr("Open…"), this, [this] {
    if (!maybeSave(this)) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open net or solver"), QFileInfo(filePath()).absolutePath(),
                                                      tr("Caffe prototxt (*.prototxt *.pt *.txt);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (!openFile(path, &error)) QMessageBox::warning(this, tr("Open"), error);
  });
  open->setShortcut(QKeySequence::Open);
  QAction* saveAct = m_toolbar->addAction(tr("Save"), this, [this] { save(); });
  saveAct->setShortcut(QKeySequence::Save);
  m_toolbar->addAction(tr("Save as…"), this, [this] { saveAs(); });
  shortcuts << open << saveAct;
  }
  if (m_embedded) {
    // The window owns files: a template replaces the net (and solver) as one undoable edit.
    auto* templButton = new QToolButton(m_toolbar);
    templButton->setText(tr("Template"));
    templButton->setPopupMode(QToolButton::InstantPopup);
    templButton->setToolTip(tr("Replace the net with a template (undoable)"));
    auto* templMenu = new QMenu(templButton);
    for (const QString& name : templateNames()) {
      templMenu->addAction(name, this, [this, name] { applyTemplate(name); });
    }
    templButton->setMenu(templMenu);
    m_toolbar->addWidget(templButton);
  }
  m_toolbar->addAction(tr("Deploy…"), this, [this] {
    bool ok = false;
    const int batch = QInputDialog::getInt(this, tr("Deploy net"), tr("Batch size of the Input layer:"), 1, 1, 100000, 1, &ok);
    if (!ok) return;
    QString suggestion = filePath().isEmpty() ? QStringLiteral("deploy.prototxt")
                                              : QFileInfo(filePath()).absolutePath() + QStringLiteral("/deploy.prototxt");
    const QString path = QFileDialog::getSaveFileName(this, tr("Save deploy net"), suggestion, tr("Caffe prototxt (*.prototxt)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportDeploy(path, batch, &error)) QMessageBox::warning(this, tr("Deploy net"), error);
  })->setToolTip(tr("Save a deploy net: data layers become Input, the loss becomes Softmax"));
  if (!m_embedded) {
    m_toolbar->addAction(tr("Save solver…"), this, [this] {
      const QString path = QFileDialog::getSaveFileName(this, tr("Save solver"), QStringLiteral("solver.prototxt"),
                                                        tr("Caffe prototxt (*.prototxt)"));
      if (path.isEmpty()) return;
      QString error;
      if (!saveSolverTo(path, &error)) QMessageBox::warning(this, tr("Save solver"), error);
    });
  }
  m_toolbar->addSeparator();
  QAction* undo = m_doc->undoStack()->createUndoAction(this, tr("Undo"));
  QAction* redo = m_doc->undoStack()->createRedoAction(this, tr("Redo"));
  if (!m_embedded) {  // embedded, the window's Edit menu owns these keys
    undo->setShortcut(QKeySequence::Undo);
    redo->setShortcut(QKeySequence::Redo);
    shortcuts << undo << redo;
  }
  m_toolbar->addAction(undo);
  m_toolbar->addAction(redo);
  m_toolbar->addSeparator();
  m_toolbar->addAction(tr("Delete"), m_canvas, &NetCanvas::deleteSelection);
  m_toolbar->addAction(tr("Duplicate"), m_canvas, &NetCanvas::duplicateSelection);
  m_toolbar->addSeparator();
  m_toolbar->addAction(tr("Auto layout"), m_canvas, &NetCanvas::autoLayout)
      ->setToolTip(tr("Lay the graph out top to bottom (Graphviz dot)"));
  m_toolbar->addAction(tr("Fit"), m_canvas, &NetCanvas::zoomToFit);
  m_toolbar->addAction(tr("Zoom +"), m_canvas, &NetCanvas::zoomIn);
  m_toolbar->addAction(tr("Zoom −"), m_canvas, &NetCanvas::zoomOut);
  // Shortcuts that work while the canvas or text has focus.
  for (QAction* a : shortcuts) {
    a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(a);
  }
}

const caffe::NetParameter& NetEditorWidget::net() const { return m_doc->net(); }
const caffe::SolverParameter& NetEditorWidget::solver() const { return m_doc->solver(); }

caffe::SolverParameter NetEditorWidget::solverForTraining() const {
  caffe::SolverParameter s = m_doc->solver();
  s.clear_net();
  s.clear_train_net();
  s.clear_test_net();
  s.clear_train_net_param();
  s.clear_test_net_param();
  *s.mutable_net_param() = m_doc->net();
  return s;
}

QString NetEditorWidget::baseDir() const {
  return filePath().isEmpty() ? QString() : QFileInfo(filePath()).absolutePath();
}

bool NetEditorWidget::isModified() const { return m_doc->isModified(); }
QString NetEditorWidget::filePath() const { return m_doc->filePath(); }

QString NetEditorWidget::documentTitle() const {
  const QString name = filePath().isEmpty() ? tr("untitled") : QFileInfo(filePath()).fileName();
  return isModified() ? name + QStringLiteral(" *") : name;
}

void NetEditorWidget::updateTitle() { emit titleChanged(documentTitle()); }

void NetEditorWidget::showNotice(const QString& text) {
  m_notice->setText(text);
  m_notice->setVisible(!text.isEmpty());
}

void NetEditorWidget::onAnalysis(const NetAnalysisResult& result) {
  m_canvas->setAnalysis(result);
  m_properties->setAnalysis(result);
  int errors = int(result.netErrors.size());
  for (const auto& l : result.layers) errors += int(l.errors.size());
  QString text = tr("%n layer(s) · %1 params · %2 MAC per TRAIN forward", nullptr, m_doc->layerCount())
                     .arg(formatCount(result.totalParams), formatCount(result.totalMacs[0]));
  if (errors) {
    text += QStringLiteral(" · <span style='color:#c62828'>\u26A0 %1</span>")
                .arg(result.netErrors.isEmpty() ? tr("%n problem(s)", nullptr, errors) : result.netErrors.first().toHtmlEscaped());
  } else if (!result.netWarnings.isEmpty()) {
    text += QStringLiteral(" · <span style='color:#b26a00'>%1</span>").arg(result.netWarnings.first().toHtmlEscaped());
  } else {
    text += QStringLiteral(" · <span style='color:#2e7d32'>%1</span>").arg(tr("builds in TRAIN and TEST"));
  }
  m_summary->setText(text);
}

// ---------------------------------------------------------------------------
// Files

bool NetEditorWidget::openFile(const QString& path, QString* error) {
  try {
    // A solver file opens the solver and the net it names.
    caffe::NetParameter probe;
    std::vector<crema::TextParseIssue> issues;
    bool isNet = true;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) throw crema::IoError(crema::Format("cannot open ", path.toStdString()));
    const std::string text = f.readAll().toStdString();
    try {
      crema::ParseTextProto(text, path.toStdString(), &probe, &issues);
    } catch (const crema::ParseError&) {
      caffe::SolverParameter s;
      try {
        crema::ParseTextProto(text, path.toStdString(), &s);
        isNet = false;
      } catch (const crema::ParseError&) {
        throw;  // neither: report the net parse error below
      }
    }
    if (isNet) {
      const LoadedNet loaded = loadNetFile(path);
      m_doc->reset(loaded.net, loaded.positions);
      for (auto it = loaded.dataShapes.begin(); it != loaded.dataShapes.end(); ++it)
        m_doc->setDataShape(m_doc->idAt(it.key()), it.value());
      m_doc->setFilePath(QFileInfo(path).absoluteFilePath());
      m_canvas->layoutMissingPositions();
      m_canvas->fitReadable();
      showNotice(loaded.notice);
      removeRecovery();
      updateTitle();
      return true;
    }
    const caffe::SolverParameter solver = loadSolverFile(path);
    const QString dir = QFileInfo(path).absolutePath();
    QString netFile;
    if (solver.has_net()) netFile = QString::fromStdString(solver.net());
    if (solver.has_train_net()) netFile = QString::fromStdString(solver.train_net());
    if (!netFile.isEmpty() && QFileInfo(netFile).isRelative()) {
      // Caffe resolves against the working directory; also try the solver's folder.
      if (!QFileInfo::exists(netFile)) netFile = QDir(dir).filePath(netFile);
    }
    if (solver.has_net_param() || solver.has_train_net_param()) {
      m_doc->reset(solver.has_train_net_param() ? solver.train_net_param() : solver.net_param(), {}, &solver);
      m_doc->setFilePath(QString());
      m_canvas->layoutMissingPositions();
    } else if (!netFile.isEmpty() && QFileInfo::exists(netFile)) {
      const LoadedNet loaded = loadNetFile(netFile);
      m_doc->reset(loaded.net, loaded.positions, &solver);
      m_doc->setFilePath(QFileInfo(netFile).absoluteFilePath());
      m_canvas->layoutMissingPositions();
      showNotice(loaded.notice);
    } else {
      caffe::SolverParameter keep = solver;
      caffe::NetParameter net = m_doc->net();
      m_doc->reset(net, {}, &keep);
      m_canvas->layoutMissingPositions();
      showNotice(tr("Solver opened; its net file '%1' was not found, so the current net is kept.").arg(netFile));
    }
    m_canvas->fitReadable();
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
}

bool NetEditorWidget::saveTo(const QString& path, QString* error) {
  try {
    saveNetFile(path, *m_doc);
    m_doc->setFilePath(QFileInfo(path).absoluteFilePath());
    m_doc->setClean();
    removeRecovery();
    updateTitle();
    m_status->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
}

bool NetEditorWidget::save() {
  if (filePath().isEmpty()) return saveAs();
  QString error;
  if (saveTo(filePath(), &error)) return true;
  QMessageBox::warning(this, tr("Save"), error);
  return false;
}

bool NetEditorWidget::saveAs() {
  const QString suggestion = filePath().isEmpty()
                                 ? QString::fromStdString(net().name().empty() ? "net" : net().name()) +
                                       QStringLiteral("_train_test.prototxt")
                                 : filePath();
  const QString path = QFileDialog::getSaveFileName(this, tr("Save net"), suggestion, tr("Caffe prototxt (*.prototxt)"));
  if (path.isEmpty()) return false;
  QString error;
  if (saveTo(path, &error)) return true;
  QMessageBox::warning(this, tr("Save"), error);
  return false;
}

bool NetEditorWidget::exportDeploy(const QString& path, int batch, QString* error) {
  try {
    QHash<int, QVector<int>> shapes;
    for (int i = 0; i < m_doc->layerCount(); ++i) {
      const QVector<int> s = m_doc->dataShape(m_doc->idAt(i));
      if (!s.isEmpty()) shapes.insert(i, s);
    }
    crema::WriteTextProtoFile(path.toStdString(), deriveDeployNet(net(), batch, shapes, baseDir()));
    m_status->setText(tr("Deploy net written to %1").arg(QDir::toNativeSeparators(path)));
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
}

bool NetEditorWidget::saveSolverTo(const QString& path, QString* error) {
  try {
    saveSolverFile(path, solver(), filePath());
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
}

void NetEditorWidget::newFromTemplate(const QString& name) {
  m_doc->reset(templateNet(name), {}, nullptr);
  caffe::SolverParameter solver = templateSolver(name);
  m_doc->applySolver(solver);
  m_doc->setFilePath(QString());
  m_canvas->layoutMissingPositions();
  showNotice(QString());
  updateTitle();
}

void NetEditorWidget::newEmpty() {
  m_doc->reset(caffe::NetParameter(), {}, nullptr);
  m_doc->applySolver(defaultSolver());
  m_doc->setFilePath(QString());
  showNotice(tr("Drag layers from the palette onto the canvas; drag from a node's bottom-edge port (top) to another "
                "node's top-edge port (bottom) to connect them."));
  updateTitle();
}

bool NetEditorWidget::maybeSave(QWidget* parent) {
  if (!isModified()) return true;
  const auto answer = QMessageBox::question(
      parent ? parent : this, tr("Unsaved changes"),
      tr("The net \"%1\" has unsaved changes. Save them?").arg(documentTitle().remove(QStringLiteral(" *"))),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Cancel) return false;
  if (answer == QMessageBox::Discard) {
    removeRecovery();
    return true;
  }
  return save();
}

// ---------------------------------------------------------------------------
// Recovery

QString NetEditorWidget::recoveryDir() {
  QString base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  if (base.isEmpty()) base = QDir::tempPath() + QStringLiteral("/crema");
  return base + QStringLiteral("/recovery");
}

QString NetEditorWidget::recoveryPath() const {
  const QString key = filePath().isEmpty() ? QStringLiteral("untitled-%1-%2").arg(QApplication::applicationPid()).arg(quintptr(this))
                                           : filePath();
  const QString hash = QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(10));
  const QString base = filePath().isEmpty() ? QStringLiteral("untitled") : QFileInfo(filePath()).completeBaseName();
  return recoveryDir() + QLatin1Char('/') + base + QLatin1Char('-') + hash + QStringLiteral(".crema-recovery.json");
}

bool NetEditorWidget::writeRecovery() {
  try {
    QDir().mkpath(recoveryDir());
    QJsonObject o{{"format", "crema-net-recovery"},
                  {"originalPath", filePath()},
                  {"prototxt", QString::fromStdString(crema::ToTextProto(net()))},
                  {"layout", QJsonDocument::fromJson(layoutJson(*m_doc)).object()},
                  {"solver", QString::fromStdString(crema::ToTextProto(solver()))}};
    const QString path = recoveryPath();
    crema::WriteFileAtomically(path.toStdString(), QJsonDocument(o).toJson().toStdString());
    if (!m_lastRecovery.isEmpty() && m_lastRecovery != path) QFile::remove(m_lastRecovery);
    m_lastRecovery = path;
    return true;
  } catch (const std::exception& e) {
    m_status->setText(tr("Autosave failed: %1").arg(QString::fromStdString(e.what())));
    return false;
  }
}

void NetEditorWidget::removeRecovery() {
  if (!m_lastRecovery.isEmpty()) QFile::remove(m_lastRecovery);
  QFile::remove(recoveryPath());
  m_lastRecovery.clear();
}

QString NetEditorWidget::newestRecoveryFile() {
  const QFileInfoList files = QDir(recoveryDir()).entryInfoList({QStringLiteral("*.crema-recovery.json")}, QDir::Files, QDir::Time);
  return files.isEmpty() ? QString() : files.first().absoluteFilePath();
}

bool NetEditorWidget::restoreRecovery(const QString& recoveryFile, QString* error) {
  QFile f(recoveryFile);
  if (!f.open(QIODevice::ReadOnly)) {
    if (error) *error = tr("cannot open %1").arg(recoveryFile);
    return false;
  }
  const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
  if (o.value(QStringLiteral("format")).toString() != QLatin1String("crema-net-recovery")) {
    if (error) *error = tr("%1 is not a Crema recovery file").arg(recoveryFile);
    return false;
  }
  try {
    const caffe::NetParameter net = crema::ParseNetParam(o.value(QStringLiteral("prototxt")).toString().toStdString(), "recovery");
    const caffe::SolverParameter solver =
        crema::ParseSolverParam(o.value(QStringLiteral("solver")).toString().toStdString(), "recovery");
    QHash<int, QPointF> positions;
    QHash<int, QVector<int>> shapes;
    parseLayoutJson(QJsonDocument(o.value(QStringLiteral("layout")).toObject()).toJson(), net, &positions, &shapes);
    // Restored as an edit of the original file so that it shows as unsaved.
    const QString original = o.value(QStringLiteral("originalPath")).toString();
    caffe::NetParameter base;
    if (!original.isEmpty() && QFileInfo::exists(original)) {
      try {
        base = loadNetFile(original).net;
      } catch (const std::exception&) {
      }
    }
    m_doc->reset(base, {}, &solver);
    m_doc->setFilePath(original);
    m_doc->replaceNet(net, tr("Restore unsaved changes"));
    QHash<NodeId, QPointF> pos;
    for (auto it = positions.begin(); it != positions.end(); ++it) pos.insert(m_doc->idAt(it.key()), it.value());
    m_doc->applyPositions(pos);
    for (auto it = shapes.begin(); it != shapes.end(); ++it) m_doc->setDataShape(m_doc->idAt(it.key()), it.value());
    m_canvas->layoutMissingPositions();
    m_canvas->fitReadable();
    QFile::remove(recoveryFile);
    showNotice(tr("Restored unsaved changes from an earlier session."));
    updateTitle();
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
}

void NetEditorWidget::setAutosaveInterval(int ms) { m_autosave.setInterval(ms); }

}  // namespace crema::ui
