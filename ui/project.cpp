#include "project.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <exception>

#include "editor/net_document.h"
#include "editor/net_files.h"
#include "io/io.h"

namespace crema::ui {
namespace {

const char kExampleNet[] = ":/examples/lenet/lenet_train_test.prototxt";
const char kExampleSolver[] = ":/examples/lenet/lenet_solver.prototxt";

QString readResource(const QString& path, QString* error) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    if (error) *error = QStringLiteral("cannot open resource %1").arg(path);
    return QString();
  }
  return QString::fromUtf8(f.readAll());
}

QString phaseOf(const caffe::LayerParameter& l) {
  for (const auto& r : l.include()) {
    if (r.has_phase()) return r.phase() == caffe::TRAIN ? QStringLiteral("TRAIN") : QStringLiteral("TEST");
  }
  return QString();
}

bool looksLikeNet(const QString& text) {
  static const QRegularExpression re(QStringLiteral(R"(^\s*(layers?|input|input_shape|input_dim)\s*[{:])"),
                                     QRegularExpression::MultilineOption);
  return re.match(text).hasMatch();
}

bool isWritableDir(const QString& dir) {
  const QFileInfo fi(dir);
  return fi.isDir() && fi.isWritable();
}

}  // namespace

caffe::SolverParameter exampleSolver() {
  initCremaResources();
  caffe::SolverParameter s;
  QString error;
  const QString text = readResource(QString::fromLatin1(kExampleSolver), &error);
  if (!text.isEmpty()) {
    try {
      s = crema::ParseSolverParam(text.toStdString(), kExampleSolver);
    } catch (const std::exception&) {
    }
  }
  s.clear_net();
  return s;
}

Project::Project(QObject* parent) : QObject(parent), m_doc(new NetDocument(this)) {
  initCremaResources();
  connect(m_doc, &NetDocument::netChanged, this, &Project::netChanged);
  connect(m_doc, &NetDocument::solverChanged, this, &Project::solverChanged);
}

const caffe::SolverParameter& Project::solver() const { return m_doc->solver(); }
const caffe::NetParameter& Project::net() const { return m_doc->net(); }
bool Project::isModified() const { return m_doc->isModified(); }

void Project::resetDocument(const caffe::NetParameter& net, const caffe::SolverParameter& solver) {
  // reset() emits netChanged and solverChanged; projectChanged first so listeners
  // that care about paths see the new ones.
  emit projectChanged();
  m_doc->reset(net, {}, &solver);
  m_doc->setFilePath(m_netPath);
}

QString Project::displayName() const {
  if (m_example) return QStringLiteral("%1 (example)").arg(QString::fromStdString(net().name()));
  const QString path = m_solverPath.isEmpty() ? m_netPath : m_solverPath;
  return QFileInfo(path).fileName();
}

void Project::setSolver(const caffe::SolverParameter& solver) { m_doc->setSolver(solver, tr("Edit solver")); }

void Project::setNet(const caffe::NetParameter& net) { m_doc->replaceNet(net, tr("Edit net text")); }

bool Project::loadExample(QString* error) {
  const QString netText = readResource(QString::fromLatin1(kExampleNet), error);
  const QString solverText = readResource(QString::fromLatin1(kExampleSolver), error);
  if (netText.isEmpty() || solverText.isEmpty()) return false;
  caffe::NetParameter net;
  caffe::SolverParameter solver;
  try {
    net = crema::ParseNetParam(netText.toStdString(), kExampleNet);
    solver = crema::ParseSolverParam(solverText.toStdString(), kExampleSolver);
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  m_testNets.clear();
  m_solverPath.clear();
  m_netPath.clear();
  m_baseDir.clear();
  m_example = true;
  resetDocument(net, solver);
  return true;
}

bool Project::loadFile(const QString& path, QString* error) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    if (error) *error = tr("Cannot open %1: %2").arg(path, f.errorString());
    return false;
  }
  const QString text = QString::fromUtf8(f.readAll());
  const QString abs = QFileInfo(path).absoluteFilePath();
  if (!looksLikeNet(text)) return loadSolverFile(abs, error);
  caffe::NetParameter net;
  caffe::SolverParameter solver;
  try {
    net = crema::ReadNetParamFromTextFile(abs.toStdString());
    solver = exampleSolver();
    solver.set_net(QFileInfo(abs).fileName().toStdString());
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  m_testNets.clear();
  m_netPath = abs;
  m_solverPath.clear();
  m_baseDir = QFileInfo(abs).absolutePath();
  m_example = false;
  resetDocument(net, solver);
  return true;
}

QString Project::resolveNetFile(const QString& file) const {
  const QFileInfo fi(file);
  if (fi.isAbsolute()) return file;
  const QStringList candidates = {QDir::current().absoluteFilePath(file), QDir(m_baseDir).absoluteFilePath(file),
                                  QDir(m_baseDir).absoluteFilePath(fi.fileName())};
  for (const auto& c : candidates) {
    if (QFileInfo::exists(c)) return c;
  }
  return QDir(m_baseDir).absoluteFilePath(file);
}

bool Project::loadSolverFile(const QString& path, QString* error) {
  const QString oldBase = m_baseDir;
  try {
    caffe::SolverParameter solver = crema::ReadSolverParamFromTextFile(path.toStdString());
    m_baseDir = QFileInfo(path).absolutePath();
    caffe::NetParameter net;
    QVector<caffe::NetParameter> testNets;
    QString netPath;
    if (solver.has_net_param()) {
      net = solver.net_param();
    } else if (solver.has_net()) {
      netPath = resolveNetFile(QString::fromStdString(solver.net()));
      net = crema::ReadNetParamFromTextFile(netPath.toStdString());
    } else if (solver.has_train_net_param() || solver.has_train_net()) {
      if (solver.has_train_net_param()) {
        net = solver.train_net_param();
      } else {
        netPath = resolveNetFile(QString::fromStdString(solver.train_net()));
        net = crema::ReadNetParamFromTextFile(netPath.toStdString());
      }
      for (const auto& t : solver.test_net_param()) testNets << t;
      for (const auto& t : solver.test_net()) {
        testNets << crema::ReadNetParamFromTextFile(resolveNetFile(QString::fromStdString(t)).toStdString());
      }
    } else {
      m_baseDir = oldBase;
      if (error) *error = tr("%1: the solver names no net (net, net_param or train_net)").arg(path);
      return false;
    }
    m_testNets = testNets;
    m_netPath = netPath;
    m_solverPath = path;
    m_example = false;
    resetDocument(net, solver);
  } catch (const std::exception& e) {
    m_baseDir = oldBase;
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  return true;
}

bool Project::saveAs(const QString& solverPath, QString* error) {
  const QFileInfo si(solverPath);
  const QString dir = si.absolutePath();
  const QString stem = si.completeBaseName();
  QString netPath = m_netPath;
  if (netPath.isEmpty() || m_example || QFileInfo(netPath).absolutePath() != dir) {
    netPath = QDir(dir).absoluteFilePath(stem.endsWith(QLatin1String("_solver"))
                                             ? stem.left(stem.size() - 7) + QStringLiteral("_train_test.prototxt")
                                             : stem + QStringLiteral("_net.prototxt"));
  }
  caffe::SolverParameter s = solver();
  s.clear_net();
  s.clear_net_param();
  s.clear_train_net();
  s.clear_train_net_param();
  s.clear_test_net();
  s.clear_test_net_param();
  try {
    if (m_testNets.isEmpty()) {
      s.set_net(QFileInfo(netPath).fileName().toStdString());
    } else {
      s.set_train_net(QFileInfo(netPath).fileName().toStdString());
      for (int i = 0; i < m_testNets.size(); ++i) {
        const QString tp = QDir(dir).absoluteFilePath(QStringLiteral("%1_test%2.prototxt").arg(stem).arg(i));
        crema::WriteTextProtoFile(tp.toStdString(), m_testNets[i]);
        s.add_test_net(QFileInfo(tp).fileName().toStdString());
      }
    }
    crema::WriteTextProtoFile(netPath.toStdString(), net());
    crema::WriteTextProtoFile(si.absoluteFilePath().toStdString(), s);
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  // Sources that were found in the data folder keep resolving there (file name fallback).
  m_solverPath = si.absoluteFilePath();
  m_netPath = netPath;
  m_baseDir = dir;
  m_example = false;
  m_doc->setFilePath(netPath);
  m_doc->setClean();
  emit projectChanged();
  return true;
}

bool Project::save(QString* error) {
  if (m_solverPath.isEmpty()) {
    if (error) *error = tr("The project has no file yet; use Save As.");
    return false;
  }
  return saveAs(m_solverPath, error);
}

QString Project::resolveSource(const QString& source, bool* exists) const {
  if (exists) *exists = false;
  if (source.isEmpty()) return source;
  const QFileInfo fi(source);
  if (fi.isAbsolute()) {
    if (exists) *exists = fi.exists();
    return source;
  }
  QStringList candidates;
  candidates << QDir::current().absoluteFilePath(source);
  if (!m_baseDir.isEmpty()) candidates << QDir(m_baseDir).absoluteFilePath(source);
  if (!m_dataDir.isEmpty()) {
    candidates << QDir(m_dataDir).absoluteFilePath(source) << QDir(m_dataDir).absoluteFilePath(fi.fileName());
  }
  for (const auto& c : candidates) {
    if (QFileInfo::exists(c)) {
      if (exists) *exists = true;
      return QDir::cleanPath(c);
    }
  }
  if (!m_dataDir.isEmpty() && (m_example || m_baseDir.isEmpty())) {
    return QDir::cleanPath(QDir(m_dataDir).absoluteFilePath(fi.fileName()));
  }
  return QDir::cleanPath(QDir(m_baseDir.isEmpty() ? QDir::currentPath() : m_baseDir).absoluteFilePath(source));
}

QVector<DataSourceCheck> Project::checkDataSources() const {
  QVector<DataSourceCheck> out;
  auto scan = [&](const caffe::NetParameter& net) {
    for (const auto& l : net.layer()) {
      if (!l.has_data_param() || !l.data_param().has_source()) continue;
      DataSourceCheck c;
      c.layer = QString::fromStdString(l.name());
      c.phase = phaseOf(l);
      c.source = QString::fromStdString(l.data_param().source());
      c.resolved = resolveSource(c.source, &c.exists);
      out << c;
    }
  };
  scan(net());
  for (const auto& t : m_testNets) scan(t);
  return out;
}

caffe::NetParameter Project::withResolvedSources(const caffe::NetParameter& net) const {
  caffe::NetParameter out = net;
  for (auto& l : *out.mutable_layer()) {
    if (l.has_data_param() && l.data_param().has_source()) {
      l.mutable_data_param()->set_source(resolveSource(QString::fromStdString(l.data_param().source())).toStdString());
    }
  }
  return out;
}

QString Project::snapshotPrefix(const QString& runStamp) const {
  const QString netName = QString::fromStdString(net().name()).toLower().replace(QRegularExpression("[^a-z0-9_]+"), "_");
  const QString leaf = netName.isEmpty() ? QStringLiteral("net") : netName;
  const QString prefix = QString::fromStdString(solver().snapshot_prefix());
  if (!prefix.isEmpty() && QFileInfo(prefix).isAbsolute()) return prefix;
  if (!m_example && !m_baseDir.isEmpty() && isWritableDir(m_baseDir)) {
    return QDir(m_baseDir).absoluteFilePath(prefix.isEmpty() ? leaf : prefix);
  }
  const QString runs = m_runsDir.isEmpty() ? QDir::temp().absoluteFilePath(QStringLiteral("crema-runs")) : m_runsDir;
  const QString name = prefix.isEmpty() ? leaf : QFileInfo(prefix).fileName();
  return QDir(runs).absoluteFilePath(runStamp + QLatin1Char('-') + leaf + QLatin1Char('/') + name);
}

bool Project::makeRunRequest(RunRequest* request, QString* error) const {
  if (net().layer_size() == 0) {
    if (error) *error = tr("The net has no layers.");
    return false;
  }
  if (solver().max_iter() <= 0) {
    if (error) *error = tr("Set max_iter (the number of training iterations) in the solver.");
    return false;
  }
  caffe::SolverParameter s = solver();
  s.clear_net();
  s.clear_net_param();
  s.clear_train_net();
  s.clear_train_net_param();
  s.clear_test_net();
  s.clear_test_net_param();
  if (m_testNets.isEmpty()) {
    *s.mutable_net_param() = withResolvedSources(net());
  } else {
    *s.mutable_train_net_param() = withResolvedSources(net());
    for (const auto& t : m_testNets) *s.add_test_net_param() = withResolvedSources(t);
  }
  const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
  const QString prefix = snapshotPrefix(stamp);
  const QString prefixDir = QFileInfo(prefix).absolutePath();
  if (!QDir().mkpath(prefixDir)) {
    if (error) *error = tr("Cannot create the snapshot folder %1").arg(prefixDir);
    return false;
  }
  s.set_snapshot_prefix(prefix.toStdString());
  request->solver = s;
  request->baseDir = (m_baseDir.isEmpty() ? QDir::currentPath() : m_baseDir).toStdString();
  request->name = QStringLiteral("%1 · %2 lr %3 · %4")
                      .arg(QString::fromStdString(net().name()), QString::fromStdString(s.type()))
                      .arg(s.base_lr())
                      .arg(QDateTime::currentDateTime().toString(QStringLiteral("hh:mm:ss")));
  return true;
}

}  // namespace crema::ui
