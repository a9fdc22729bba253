#include "editor/net_files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <set>

#include "common.h"
#include "editor/layer_catalog.h"
#include "editor/net_analysis.h"
#include "editor/net_document.h"
#include "io/io.h"
#include "net.h"

// Q_INIT_RESOURCE must be used outside any namespace.
static void registerCremaQrc() { Q_INIT_RESOURCE(crema); }

namespace crema::ui {

void initCremaResources() {
  static const bool registered = (registerCremaQrc(), true);
  (void)registered;
}

namespace {

// The templates' nets are resources (resources/templates/*.prototxt), by name prefix.
struct TemplateFile {
  const char* prefix;
  const char* resource;
};
const TemplateFile kTemplateFiles[] = {{"LeNet", ":/templates/lenet.prototxt"},
                                       {"Linear", ":/templates/linear.prototxt"},
                                       {"MLP", ":/templates/mlp.prototxt"},
                                       {"CIFAR", ":/templates/cifar10_quick.prototxt"}};

}  // namespace

QString layoutFilePath(const QString& prototxtPath) { return prototxtPath + QStringLiteral(".layout.json"); }

QByteArray layoutJson(const NetDocument& doc) {
  QJsonArray nodes;
  for (int i = 0; i < doc.layerCount(); ++i) {
    const NodeId id = doc.idAt(i);
    const QPointF p = doc.position(id);
    nodes.append(QJsonObject{{"name", QString::fromStdString(doc.layer(i).name())},
                             {"type", QString::fromStdString(doc.layer(i).type())},
                             {"x", std::round(p.x() * 10) / 10},
                             {"y", std::round(p.y() * 10) / 10}});
  }
  QJsonArray shapes;
  for (int i = 0; i < doc.layerCount(); ++i) {
    const QVector<int> s = doc.dataShape(doc.idAt(i));
    if (s.isEmpty()) continue;
    QJsonArray chw;
    for (int d : s) chw.append(d);
    shapes.append(QJsonObject{{"name", QString::fromStdString(doc.layer(i).name())}, {"index", i}, {"chw", chw}});
  }
  QJsonObject root{{"format", "crema-net-layout"}, {"version", 1}, {"nodes", nodes}};
  if (!shapes.isEmpty()) root.insert(QStringLiteral("dataShapes"), shapes);
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

void parseLayoutJson(const QByteArray& json, const caffe::NetParameter& net, QHash<int, QPointF>* positions,
                     QHash<int, QVector<int>>* dataShapes) {
  const QJsonObject root = QJsonDocument::fromJson(json).object();
  if (root.value(QStringLiteral("format")).toString() != QLatin1String("crema-net-layout")) return;
  const QJsonArray nodes = root.value(QStringLiteral("nodes")).toArray();
  std::vector<bool> taken(nodes.size(), false);
  auto sameAt = [&](int node, int layer) {
    const QJsonObject o = nodes.at(node).toObject();
    return o.value(QStringLiteral("name")).toString().toStdString() == net.layer(layer).name() &&
           o.value(QStringLiteral("type")).toString().toStdString() == net.layer(layer).type();
  };
  auto place = [&](int node, int layer) {
    const QJsonObject o = nodes.at(node).toObject();
    positions->insert(layer, QPointF(o.value(QStringLiteral("x")).toDouble(), o.value(QStringLiteral("y")).toDouble()));
    taken[node] = true;
  };
  for (int i = 0; i < net.layer_size() && i < nodes.size(); ++i) {
    if (sameAt(i, i)) place(i, i);
  }
  for (int i = 0; i < net.layer_size(); ++i) {
    if (positions->contains(i)) continue;
    for (int k = 0; k < nodes.size(); ++k) {
      if (!taken[k] && sameAt(k, i)) {
        place(k, i);
        break;
      }
    }
  }
  if (!dataShapes) return;
  for (const QJsonValue& v : root.value(QStringLiteral("dataShapes")).toArray()) {
    const QJsonObject o = v.toObject();
    const int index = o.value(QStringLiteral("index")).toInt(-1);
    if (index < 0 || index >= net.layer_size() ||
        net.layer(index).name() != o.value(QStringLiteral("name")).toString().toStdString())
      continue;
    QVector<int> chw;
    for (const QJsonValue& d : o.value(QStringLiteral("chw")).toArray()) chw << d.toInt();
    if (chw.size() == 3) dataShapes->insert(index, chw);
  }
}

LoadedNet loadNetFile(const QString& path) {
  LoadedNet out;
  const std::string p = path.toStdString();
  crema::ReadTextProtoFile(p, &out.net);
  if (crema::NetNeedsUpgrade(out.net)) {
    QStringList what;
    if (out.net.layers_size() > 0) what << QObject::tr("V1 layers (layers { type: CONVOLUTION })");
    if (out.net.input_size() > 0) what << QObject::tr("net-level input fields");
    for (const auto& l : out.net.layer()) {
      if (l.type() == "BatchNorm" && l.param_size() > 0) {
        what << QObject::tr("BatchNorm param specs");
        break;
      }
    }
    if (what.isEmpty()) what << QObject::tr("data-transform fields in data layers");
    crema::UpgradeNetAsNeeded(p, &out.net);
    out.upgraded = true;
    out.notice = QObject::tr("Upgraded from a legacy format (%1). Saving writes the current format.")
                     .arg(what.join(QStringLiteral(", ")));
  }
  QFile layout(layoutFilePath(path));
  if (layout.open(QIODevice::ReadOnly)) parseLayoutJson(layout.readAll(), out.net, &out.positions, &out.dataShapes);
  return out;
}

void saveNetFile(const QString& path, const NetDocument& doc) {
  crema::WriteTextProtoFile(path.toStdString(), doc.net());
  crema::WriteFileAtomically(layoutFilePath(path).toStdString(), layoutJson(doc).toStdString());
}

caffe::NetParameter deriveDeployNet(const caffe::NetParameter& net, int batch, const QHash<int, QVector<int>>& chw,
                                    const QString& baseDir) {
  caffe::NetParameter out;
  if (net.has_name()) out.set_name(net.name());
  caffe::NetState state;
  state.set_phase(caffe::TEST);
  std::set<std::string> dropped;
  for (int i = 0; i < net.layer_size(); ++i) {
    const caffe::LayerParameter& src = net.layer(i);
    if (!crema::Net::LayerMeetsRules(state, src)) continue;
    caffe::LayerParameter l = src;
    l.clear_include();
    l.clear_exclude();
    if (isDataLayer(src)) {
      if (src.top_size() == 0) continue;
      QVector<int> shape = chw.value(i);
      if (shape.size() != 3) shape = guessDataShape(src, baseDir);
      caffe::LayerParameter in;
      in.set_name(src.top(0));
      in.set_type("Input");
      in.add_top(src.top(0));
      auto* s = in.mutable_input_param()->add_shape();
      s->add_dim(batch > 0 ? batch : std::max(1, dataLayerBatchSize(src)));
      for (int d : shape) s->add_dim(d);
      for (int t = 1; t < src.top_size(); ++t) dropped.insert(src.top(t));
      *out.add_layer() = in;
      continue;
    }
    if ((src.type() == "SoftmaxWithLoss" || src.type() == "SigmoidCrossEntropyLoss") && src.bottom_size() >= 1 &&
        !dropped.count(src.bottom(0))) {
      caffe::LayerParameter prob;
      prob.set_name("prob");
      prob.set_type(src.type() == "SoftmaxWithLoss" ? "Softmax" : "Sigmoid");
      prob.add_bottom(src.bottom(0));
      prob.add_top("prob");
      if (src.type() == "SoftmaxWithLoss" && src.has_softmax_param()) *prob.mutable_softmax_param() = src.softmax_param();
      *out.add_layer() = prob;
      for (const auto& t : src.top()) dropped.insert(t);
      continue;
    }
    bool reads = false;
    for (const auto& b : src.bottom()) reads |= dropped.count(b) > 0;
    if (reads || layerTypeInfo(QString::fromStdString(src.type())).isLoss) {
      for (const auto& t : src.top()) dropped.insert(t);
      continue;
    }
    // A surviving producer of a dropped name makes it available again.
    for (const auto& t : src.top()) dropped.erase(t);
    *out.add_layer() = l;
  }
  return out;
}

caffe::SolverParameter loadSolverFile(const QString& path) {
  return crema::ReadSolverParamFromTextFile(path.toStdString());
}

void saveSolverFile(const QString& path, const caffe::SolverParameter& solverIn, const QString& netPath) {
  caffe::SolverParameter solver = solverIn;
  if (!netPath.isEmpty()) {
    solver.clear_net_param();
    solver.clear_train_net();
    solver.clear_test_net();
    solver.clear_train_net_param();
    solver.clear_test_net_param();
    const QDir dir = QFileInfo(path).absoluteDir();
    const QString rel = dir.relativeFilePath(QFileInfo(netPath).absoluteFilePath());
    solver.set_net((rel.startsWith(QLatin1String("..")) ? QFileInfo(netPath).absoluteFilePath() : rel).toStdString());
  }
  crema::WriteTextProtoFile(path.toStdString(), solver);
}

QStringList templateNames() {
  return {QStringLiteral("LeNet (seed)"), QStringLiteral("Linear classifier (seed baseline)"), QStringLiteral("MLP"),
          QStringLiteral("CIFAR-10 quick")};
}

caffe::NetParameter templateNet(const QString& name) {
  initCremaResources();
  for (const TemplateFile& t : kTemplateFiles) {
    if (!name.startsWith(QLatin1String(t.prefix))) continue;
    QFile f(QString::fromLatin1(t.resource));
    if (!f.open(QIODevice::ReadOnly)) throw crema::IoError(crema::Format("Cannot open resource ", t.resource));
    return crema::ParseNetParam(f.readAll().toStdString(), "template " + name.toStdString());
  }
  throw crema::ConfigError(crema::Format("Unknown template '", name.toStdString(), "'"));
}

caffe::SolverParameter templateSolver(const QString& name) {
  caffe::SolverParameter s = defaultSolver();
  if (name.startsWith(QLatin1String("CIFAR"))) {
    // Caffe's cifar10_quick_solver.prototxt.
    s.set_base_lr(0.001f);
    s.set_momentum(0.9f);
    s.set_weight_decay(0.004f);
    s.set_lr_policy("fixed");
    s.clear_gamma();
    s.clear_power();
    s.set_max_iter(4000);
    s.set_snapshot(4000);
    s.set_snapshot_prefix("snapshots/cifar10_quick");
  } else if (name.startsWith(QLatin1String("Linear"))) {
    s.set_snapshot_prefix("snapshots/linear");
  } else if (name.startsWith(QLatin1String("MLP"))) {
    s.set_snapshot_prefix("snapshots/mlp");
  }
  return s;
}

}  // namespace crema::ui
