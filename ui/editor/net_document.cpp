#include "editor/net_document.h"

#include <QRegularExpression>
#include <algorithm>
#include <google/protobuf/util/message_differencer.h>
#include <set>

#include "editor/layer_catalog.h"
#include "editor/net_commands.h"
#include "editor/net_graph.h"
#include "editor/proto_path.h"

namespace crema::ui {

using google::protobuf::util::MessageDifferencer;

namespace {

bool sameWiring(const caffe::LayerParameter& a, const caffe::LayerParameter& b) {
  if (a.bottom_size() != b.bottom_size() || a.top_size() != b.top_size()) return false;
  for (int i = 0; i < a.bottom_size(); ++i) {
    if (a.bottom(i) != b.bottom(i)) return false;
  }
  for (int i = 0; i < a.top_size(); ++i) {
    if (a.top(i) != b.top(i)) return false;
  }
  return layerPhaseMask(a) == layerPhaseMask(b);
}

// Whether `name` is a blob (top or bottom) anywhere in the net.
bool isBlobName(const caffe::NetParameter& net, const std::string& name) {
  for (const auto& l : net.layer()) {
    if (std::find(l.top().begin(), l.top().end(), name) != l.top().end()) return true;
    if (std::find(l.bottom().begin(), l.bottom().end(), name) != l.bottom().end()) return true;
  }
  return false;
}

QString stripTrailingDigits(const QString& s) {
  QString r = s;
  while (!r.isEmpty() && r.back().isDigit()) r.chop(1);
  return r.isEmpty() ? s : r;
}

}  // namespace

NetDocument::NetDocument(QObject* parent) : QObject(parent) {
  m_solver = defaultSolver();
  connect(&m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });
}

NetDocument::~NetDocument() {
  // Commands reference the document; drop them before the members go.
  m_undo.clear();
}

int NetDocument::indexOf(NodeId id) const {
  auto it = std::find(m_ids.begin(), m_ids.end(), id);
  return it == m_ids.end() ? -1 : static_cast<int>(it - m_ids.begin());
}

int NetDocument::indexOfName(const QString& name) const {
  const std::string n = name.toStdString();
  for (int i = 0; i < m_net.layer_size(); ++i) {
    if (m_net.layer(i).name() == n) return i;
  }
  return -1;
}

void NetDocument::setDataShape(NodeId id, const QVector<int>& chw) {
  if (m_dataShapes.value(id) == chw) return;
  if (chw.isEmpty()) {
    m_dataShapes.remove(id);
  } else {
    m_dataShapes.insert(id, chw);
  }
  emit analysisInputsChanged();
}

bool NetDocument::pushStructure(const caffe::NetParameter& after, const std::vector<NodeId>& afterIds,
                                const QHash<NodeId, QPointF>& newPositions, const QString& text) {
  if (MessageDifferencer::Equals(after, m_net) && afterIds == m_ids) return false;
  m_undo.push(new NetStructureCommand(this, m_net, m_ids, after, afterIds, newPositions, text));
  return true;
}

bool NetDocument::pushSorted(caffe::NetParameter after, std::vector<NodeId> afterIds,
                             const QHash<NodeId, QPointF>& newPositions, const QString& text) {
  const std::vector<int> order = stableTopologicalOrder(after);
  if (!order.empty()) {
    permuteLayers(&after, order);
    std::vector<NodeId> permuted;
    for (int o : order) permuted.push_back(afterIds[o]);
    afterIds = permuted;
  }
  return pushStructure(after, afterIds, newPositions, text);
}

NodeId NetDocument::addLayer(const QString& type, const QPointF& pos) {
  const LayerTypeInfo info = layerTypeInfo(type);
  std::set<std::string> used = usedNames(m_net);
  const std::string name = uniqueName(info.namePrefix.toStdString(), info.numbered, used);
  caffe::LayerParameter layer = makeDefaultLayer(type, QString::fromStdString(name));
  // Fixed top names ("data", "label", "loss") may be taken: the first top then
  // follows the layer's name, the others get a number.
  std::set<std::string> blobs = used;
  for (const auto& l : m_net.layer()) blobs.erase(l.name());
  for (const auto& l : m_net.layer()) {
    blobs.insert(l.top().begin(), l.top().end());
    blobs.insert(l.bottom().begin(), l.bottom().end());
  }
  used.insert(name);
  for (int k = 0; k < layer.top_size(); ++k) {
    if (layer.top(k) != name && blobs.count(layer.top(k))) {
      layer.set_top(k, k == 0 && !blobs.count(name) ? name : uniqueName(layer.top(k), false, used));
    }
    used.insert(layer.top(k));
    blobs.insert(layer.top(k));
  }
  caffe::NetParameter after = m_net;
  *after.add_layer() = layer;
  std::vector<NodeId> ids = m_ids;
  const NodeId id = newId();
  ids.push_back(id);
  pushStructure(after, ids, {{id, pos}}, tr("Add %1").arg(QString::fromStdString(name)));
  return id;
}

QList<NodeId> NetDocument::addLayers(const std::vector<caffe::LayerParameter>& layers,
                                     const QList<QPointF>& positions, const QString& text) {
  std::set<std::string> used = usedNames(m_net);
  std::map<std::string, std::string> blobMap;  // renamed tops within the batch
  caffe::NetParameter after = m_net;
  std::vector<NodeId> ids = m_ids;
  QHash<NodeId, QPointF> pos;
  QList<NodeId> added;
  for (size_t i = 0; i < layers.size(); ++i) {
    caffe::LayerParameter l = layers[i];
    const std::string oldName = l.name();
    std::string name = oldName;
    if (used.count(name)) {
      name = uniqueName(stripTrailingDigits(QString::fromStdString(oldName)).toStdString(), true, used);
    }
    used.insert(name);
    l.set_name(name);
    for (int b = 0; b < l.bottom_size(); ++b) {
      auto it = blobMap.find(l.bottom(b));
      if (it != blobMap.end()) l.set_bottom(b, it->second);
    }
    const std::set<std::string> ownBottoms(layers[i].bottom().begin(), layers[i].bottom().end());
    for (int t = 0; t < l.top_size(); ++t) {
      const std::string old = layers[i].top(t);
      if (ownBottoms.count(old)) {  // in place: follows its bottom
        auto it = blobMap.find(old);
        if (it != blobMap.end()) l.set_top(t, it->second);
        continue;
      }
      std::string fresh = old;
      if (old == oldName) {
        fresh = name;
      } else if (used.count(old)) {
        fresh = uniqueName(stripTrailingDigits(QString::fromStdString(old)).toStdString(), true, used);
      }
      if (used.count(fresh) && fresh != name) {
        fresh = uniqueName(stripTrailingDigits(QString::fromStdString(old)).toStdString(), true, used);
      }
      used.insert(fresh);
      blobMap[old] = fresh;
      l.set_top(t, fresh);
    }
    *after.add_layer() = l;
    const NodeId id = newId();
    ids.push_back(id);
    added << id;
    pos.insert(id, i < size_t(positions.size()) ? positions[int(i)] : QPointF(0, 0));
  }
  pushSorted(after, ids, pos, text);
  return added;
}

void NetDocument::removeLayers(const QList<NodeId>& remove) {
  caffe::NetParameter after = m_net;
  after.clear_layer();
  std::vector<NodeId> ids;
  int removed = 0;
  QString lastName;
  for (int i = 0; i < m_net.layer_size(); ++i) {
    if (remove.contains(m_ids[i])) {
      ++removed;
      lastName = QString::fromStdString(m_net.layer(i).name());
      continue;
    }
    *after.add_layer() = m_net.layer(i);
    ids.push_back(m_ids[i]);
  }
  if (!removed) return;
  pushStructure(after, ids, {}, removed == 1 ? tr("Delete %1").arg(lastName) : tr("Delete %1 layers").arg(removed));
}

bool NetDocument::connectBlob(NodeId from, int top, NodeId to, int bottom, QString* error) {
  auto fail = [&](const QString& msg) {
    if (error) *error = msg;
    emit message(msg);
    return false;
  };
  const int fi = indexOf(from), ti = indexOf(to);
  if (fi < 0 || ti < 0) return fail(tr("No such layer"));
  if (fi == ti) return fail(tr("A layer cannot feed itself"));
  if (top < 0 || top >= m_net.layer(fi).top_size()) return fail(tr("No such top"));
  const std::string blob = m_net.layer(fi).top(top);

  caffe::NetParameter after = m_net;
  caffe::LayerParameter* l = after.mutable_layer(ti);
  const NetGraph before = buildNetGraph(m_net);
  std::string oldBottom;
  if (bottom < 0 || bottom >= l->bottom_size()) {
    bottom = l->bottom_size();
    l->add_bottom(blob);
  } else {
    oldBottom = l->bottom(bottom);
    for (const auto& e : before.edges) {
      if (e.to == ti && e.toBottom == bottom && e.from == fi && e.fromTop == top) return true;  // already wired
    }
    l->set_bottom(bottom, blob);
  }
  const LayerTypeInfo info = layerTypeInfo(QString::fromStdString(l->type()));
  if (bottom == 0 && l->top_size() == 1) {
    const bool wasInPlace = !oldBottom.empty() && l->top(0) == oldBottom;
    const bool fresh = l->top(0) == l->name() && !before.topConsumed[ti][0];
    if (wasInPlace || (info.inPlaceCapable && fresh && l->bottom_size() == 1)) l->set_top(0, blob);
  }
  const std::vector<int> order = stableTopologicalOrder(after, {{ti, bottom, fi}});
  if (order.empty()) {
    return fail(tr("Connecting %1 to %2 would make a cycle")
                    .arg(QString::fromStdString(m_net.layer(fi).name()), QString::fromStdString(l->name())));
  }
  permuteLayers(&after, order);
  std::vector<NodeId> ids;
  for (int o : order) ids.push_back(m_ids[o]);
  // Check that Caffe's name resolution gives the wire the user drew.
  const int nfi = int(std::find(order.begin(), order.end(), fi) - order.begin());
  const int nti = int(std::find(order.begin(), order.end(), ti) - order.begin());
  const NetGraph g = buildNetGraph(after);
  const bool wired = std::any_of(g.edges.begin(), g.edges.end(), [&](const GraphEdge& e) {
    return e.from == nfi && e.fromTop == top && e.to == nti && e.toBottom == bottom;
  });
  if (!wired) {
    return fail(tr("Cannot wire %1 to %2: another layer overwrites '%3' in between")
                    .arg(QString::fromStdString(m_net.layer(fi).name()),
                         QString::fromStdString(m_net.layer(ti).name()), QString::fromStdString(blob)));
  }
  pushStructure(after, ids, {},
                tr("Connect %1 to %2").arg(QString::fromStdString(blob), QString::fromStdString(m_net.layer(ti).name())));
  return true;
}

void NetDocument::disconnectBottom(NodeId to, int bottom) {
  const int ti = indexOf(to);
  if (ti < 0 || bottom < 0 || bottom >= m_net.layer(ti).bottom_size()) return;
  caffe::NetParameter after = m_net;
  caffe::LayerParameter* l = after.mutable_layer(ti);
  const std::string removed = l->bottom(bottom);
  for (int i = bottom; i + 1 < l->bottom_size(); ++i) l->set_bottom(i, l->bottom(i + 1));
  l->mutable_bottom()->RemoveLast();
  // An in-place layer cut from its input produces its own blob again.
  std::set<std::string> used = usedNames(after);
  for (int t = 0; t < l->top_size(); ++t) {
    if (l->top(t) == removed && std::find(l->bottom().begin(), l->bottom().end(), removed) == l->bottom().end()) {
      l->set_top(t, isBlobName(after, l->name()) ? uniqueName(l->name() + "_out", false, used) : l->name());
    }
  }
  pushStructure(after, m_ids, {},
                tr("Disconnect %1 from %2").arg(QString::fromStdString(removed), QString::fromStdString(l->name())));
}

bool NetDocument::setLayer(NodeId id, const caffe::LayerParameter& after, const QString& text,
                           const QString& mergeKey) {
  const int i = indexOf(id);
  if (i < 0) return false;
  const caffe::LayerParameter& before = m_net.layer(i);
  if (MessageDifferencer::Equals(before, after)) return true;
  if (!sameWiring(before, after)) {
    caffe::NetParameter net = m_net;
    *net.mutable_layer(i) = after;
    pushSorted(net, m_ids, {}, text);
    return true;
  }
  m_undo.push(new LayerEditCommand(this, id, before, after, text, mergeKey));
  return true;
}

bool NetDocument::setField(NodeId id, const QString& path, const QVariant& value, QString* error) {
  const int i = indexOf(id);
  if (i < 0) return false;
  caffe::LayerParameter l = m_net.layer(i);
  if (!setFieldAtPath(&l, path, value, error)) return false;
  return setLayer(id, l, tr("Set %1 of %2").arg(path, QString::fromStdString(l.name())),
                  QStringLiteral("%1:%2").arg(id).arg(path));
}

bool NetDocument::clearField(NodeId id, const QString& path, QString* error) {
  const int i = indexOf(id);
  if (i < 0) return false;
  caffe::LayerParameter l = m_net.layer(i);
  if (!clearFieldAtPath(&l, path, error)) return false;
  return setLayer(id, l, tr("Reset %1 of %2").arg(path, QString::fromStdString(l.name())));
}

bool NetDocument::renameLayer(NodeId id, const QString& nameIn, QString* error) {
  const int i = indexOf(id);
  const QString name = nameIn.trimmed();
  if (i < 0) return false;
  if (name.isEmpty() || name.contains(QRegularExpression(QStringLiteral("\\s")))) {
    if (error) *error = tr("A layer name must be non-empty and without spaces");
    return false;
  }
  const std::string oldName = m_net.layer(i).name();
  if (oldName == name.toStdString()) return true;
  caffe::NetParameter after = m_net;
  const caffe::LayerParameter& l = m_net.layer(i);
  for (int t = 0; t < l.top_size(); ++t) {
    const bool inPlace = std::find(l.bottom().begin(), l.bottom().end(), l.top(t)) != l.bottom().end();
    if (l.top(t) == oldName && !inPlace) renameBlob(&after, i, t, name.toStdString());
  }
  // The TRAIN/TEST twin of a data layer shares the name and tops: keep them together.
  for (int j = 0; j < m_net.layer_size(); ++j) {
    if (j != i && m_net.layer(j).name() == oldName && m_net.layer(j).type() == l.type()) {
      after.mutable_layer(j)->set_name(name.toStdString());
      for (int t = 0; t < after.layer(j).top_size(); ++t) {
        if (m_net.layer(j).top(t) == oldName) after.mutable_layer(j)->set_top(t, name.toStdString());
      }
    }
  }
  after.mutable_layer(i)->set_name(name.toStdString());
  pushStructure(after, m_ids, {}, tr("Rename %1 to %2").arg(QString::fromStdString(oldName), name));
  return true;
}

bool NetDocument::renameTop(NodeId id, int top, const QString& nameIn, QString* error) {
  const int i = indexOf(id);
  const QString name = nameIn.trimmed();
  if (i < 0 || top < 0 || top >= m_net.layer(i).top_size()) return false;
  if (name.isEmpty() || name.contains(QRegularExpression(QStringLiteral("\\s")))) {
    if (error) *error = tr("A blob name must be non-empty and without spaces");
    return false;
  }
  caffe::NetParameter after = m_net;
  renameBlob(&after, i, top, name.toStdString());
  pushSorted(after, m_ids, {}, tr("Rename blob %1 to %2").arg(QString::fromStdString(m_net.layer(i).top(top)), name));
  return true;
}

bool NetDocument::setInPlace(NodeId id, bool inPlace) {
  const int i = indexOf(id);
  if (i < 0) return false;
  const caffe::LayerParameter& l = m_net.layer(i);
  if (l.bottom_size() < 1 || l.top_size() != 1) return false;
  const bool now = l.top(0) == l.bottom(0);
  if (now == inPlace) return true;
  caffe::NetParameter after = m_net;
  if (inPlace) {
    renameBlob(&after, i, 0, l.bottom(0));
  } else {
    std::set<std::string> used = usedNames(m_net);
    renameBlob(&after, i, 0, isBlobName(m_net, l.name()) ? uniqueName(l.name() + "_out", false, used) : l.name());
  }
  pushSorted(after, m_ids, {},
             (inPlace ? tr("Make %1 in place") : tr("Make %1 out of place")).arg(QString::fromStdString(l.name())));
  return true;
}

bool NetDocument::setLayerPhase(NodeId id, int phase) {
  const int i = indexOf(id);
  if (i < 0) return false;
  caffe::LayerParameter l = m_net.layer(i);
  l.clear_include();
  l.clear_exclude();
  if (phase == caffe::TRAIN || phase == caffe::TEST) l.add_include()->set_phase(caffe::Phase(phase));
  const QString p = phase == caffe::TRAIN ? QStringLiteral("TRAIN") : phase == caffe::TEST ? QStringLiteral("TEST")
                                                                                           : tr("all phases");
  return setLayer(id, l, tr("%1 in %2").arg(QString::fromStdString(l.name()), p));
}

void NetDocument::moveNodes(const QHash<NodeId, QPointF>& newPositions, int dragSession, const QString& text) {
  QHash<NodeId, QPointF> before, after;
  for (auto it = newPositions.begin(); it != newPositions.end(); ++it) {
    if (m_positions.contains(it.key()) && m_positions.value(it.key()) == it.value()) continue;
    before.insert(it.key(), m_positions.value(it.key()));
    after.insert(it.key(), it.value());
  }
  if (after.isEmpty()) return;
  QString t = text;
  if (t.isEmpty()) {
    const int i = after.size() == 1 ? indexOf(after.begin().key()) : -1;
    t = i >= 0 ? tr("Move %1").arg(QString::fromStdString(m_net.layer(i).name())) : tr("Move %1 layers").arg(after.size());
  }
  m_undo.push(new MoveNodesCommand(this, before, after, dragSession, t));
}

void NetDocument::replaceNet(const caffe::NetParameter& net, const QString& text) {
  std::vector<NodeId> ids(net.layer_size(), 0);
  std::vector<bool> taken(m_net.layer_size(), false);
  auto match = [&](int i, int j) {
    return !taken[j] && m_net.layer(j).name() == net.layer(i).name() && m_net.layer(j).type() == net.layer(i).type();
  };
  for (int i = 0; i < net.layer_size(); ++i) {  // same index first, then anywhere
    if (i < m_net.layer_size() && match(i, i)) {
      ids[i] = m_ids[i];
      taken[i] = true;
    }
  }
  for (int i = 0; i < net.layer_size(); ++i) {
    for (int j = 0; j < m_net.layer_size() && !ids[i]; ++j) {
      if (match(i, j)) {
        ids[i] = m_ids[j];
        taken[j] = true;
      }
    }
  }
  QHash<NodeId, QPointF> pos;
  double maxY = 0;
  for (const QPointF& p : m_positions) maxY = std::max(maxY, p.y());
  const NetGraph g = buildNetGraph(net);
  for (int i = 0; i < net.layer_size(); ++i) {
    if (ids[i]) continue;
    ids[i] = newId();
    QPointF p(0, maxY + 120);
    for (const auto& e : g.edges) {  // below its first producer that has a place
      if (e.to == i && e.from >= 0 && e.from < i) {
        const NodeId pid = ids[e.from];
        const QPointF pp = pos.contains(pid) ? pos.value(pid) : m_positions.value(pid);
        p = pp + QPointF(40, 110);
        break;
      }
    }
    maxY = std::max(maxY, p.y());
    pos.insert(ids[i], p);
  }
  pushStructure(net, ids, pos, text);
}

void NetDocument::setSolver(const caffe::SolverParameter& solver, const QString& text, const QString& mergeKey) {
  if (MessageDifferencer::Equals(solver, m_solver)) return;
  m_undo.push(new SolverEditCommand(this, m_solver, solver, text.isEmpty() ? tr("Edit solver") : text, mergeKey));
}

std::vector<caffe::LayerParameter> NetDocument::layersOf(const QList<NodeId>& ids) const {
  std::vector<caffe::LayerParameter> out;
  for (int i = 0; i < m_net.layer_size(); ++i) {
    if (ids.contains(m_ids[i])) out.push_back(m_net.layer(i));
  }
  return out;
}

QList<NodeId> NetDocument::duplicate(const QList<NodeId>& ids) {
  QList<QPointF> pos;
  for (int i = 0; i < m_net.layer_size(); ++i) {
    if (ids.contains(m_ids[i])) pos << m_positions.value(m_ids[i]) + QPointF(40, 40);
  }
  if (pos.isEmpty()) return {};
  return addLayers(layersOf(ids), pos, tr("Duplicate"));
}

NodeId NetDocument::addTestPhaseTwin(NodeId id) {
  const int i = indexOf(id);
  if (i < 0) return 0;
  caffe::NetParameter after = m_net;
  caffe::LayerParameter* train = after.mutable_layer(i);
  if (train->include_size() || train->exclude_size()) return 0;
  train->add_include()->set_phase(caffe::TRAIN);
  caffe::LayerParameter test = *train;
  test.mutable_include(0)->set_phase(caffe::TEST);
  auto toTest = [](std::string s) {
    const auto k = s.rfind("train");
    if (k != std::string::npos) s.replace(k, 5, "test");
    return s;
  };
  if (test.has_data_param()) {
    test.mutable_data_param()->set_source(toTest(test.data_param().source()));
    test.mutable_data_param()->set_batch_size(100);
  }
  if (test.has_image_data_param()) test.mutable_image_data_param()->set_source(toTest(test.image_data_param().source()));
  if (test.has_hdf5_data_param()) test.mutable_hdf5_data_param()->set_source(toTest(test.hdf5_data_param().source()));
  if (test.has_transform_param() && test.transform_param().mirror()) test.mutable_transform_param()->clear_mirror();
  // Insert right after the TRAIN layer.
  std::vector<caffe::LayerParameter> layers(after.layer().begin(), after.layer().end());
  layers.insert(layers.begin() + i + 1, test);
  after.clear_layer();
  for (auto& l : layers) *after.add_layer() = l;
  std::vector<NodeId> ids = m_ids;
  const NodeId twin = newId();
  ids.insert(ids.begin() + i + 1, twin);
  pushStructure(after, ids, {{twin, m_positions.value(id) + QPointF(230, 0)}},
                tr("Add TEST-phase %1").arg(QString::fromStdString(test.name())));
  return twin;
}

void NetDocument::reset(const caffe::NetParameter& net, const QHash<int, QPointF>& positionsByIndex,
                        const caffe::SolverParameter* solver) {
  m_undo.clear();
  m_net = net;
  m_ids.clear();
  m_positions.clear();
  m_dataShapes.clear();
  for (int i = 0; i < net.layer_size(); ++i) {
    const NodeId id = newId();
    m_ids.push_back(id);
    if (positionsByIndex.contains(i)) m_positions.insert(id, positionsByIndex.value(i));
  }
  if (solver) m_solver = *solver;
  m_undo.setClean();
  emit documentReset();
  emit netChanged();
  emit solverChanged();
  emit modifiedChanged(false);
}

void NetDocument::setFilePath(const QString& path) {
  if (m_filePath == path) return;
  m_filePath = path;
  emit filePathChanged(path);
}

void NetDocument::applyNet(const caffe::NetParameter& net, const std::vector<NodeId>& ids) {
  m_net = net;
  m_ids = ids;
  emit netChanged();
}

void NetDocument::applyLayer(NodeId id, const caffe::LayerParameter& layer) {
  const int i = indexOf(id);
  if (i < 0) return;
  *m_net.mutable_layer(i) = layer;
  emit netChanged();
}

void NetDocument::applyPositions(const QHash<NodeId, QPointF>& positions) {
  for (auto it = positions.begin(); it != positions.end(); ++it) m_positions.insert(it.key(), it.value());
  emit positionsChanged(positions.keys());
}

void NetDocument::applySolver(const caffe::SolverParameter& solver) {
  m_solver = solver;
  emit solverChanged();
}

caffe::SolverParameter defaultSolver() {
  caffe::SolverParameter s;
  s.add_test_iter(100);
  s.set_test_interval(500);
  s.set_base_lr(0.01f);
  s.set_momentum(0.9f);
  s.set_weight_decay(0.0005f);
  s.set_lr_policy("inv");
  s.set_gamma(0.0001f);
  s.set_power(0.75f);
  s.set_display(100);
  s.set_max_iter(10000);
  s.set_snapshot(5000);
  s.set_snapshot_prefix("snapshots/lenet");
  s.set_solver_mode(caffe::SolverParameter::CPU);
  return s;
}

}  // namespace crema::ui
