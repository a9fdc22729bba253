#include "editor/graph_layout.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "editor/net_graph.h"

#ifdef CREMA_HAVE_GRAPHVIZ
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#endif

namespace crema::ui {

namespace {

// Distinct (producer, consumer) pairs in net order.
std::vector<std::pair<int, int>> wires(const caffe::NetParameter& net) {
  std::set<std::pair<int, int>> seen;
  std::vector<std::pair<int, int>> out;
  for (const auto& e : buildNetGraph(net).edges) {
    if (e.from < 0) continue;
    if (seen.insert({e.from, e.to}).second) out.push_back({e.from, e.to});
  }
  return out;
}

QHash<NodeId, QPointF> fallbackLayout(const caffe::NetParameter& net, const std::vector<NodeId>& ids,
                                      const QHash<NodeId, QSizeF>& sizes) {
  const int n = net.layer_size();
  std::vector<int> rank(n, 0);
  for (const auto& [a, b] : wires(net)) {
    if (a < b) rank[b] = std::max(rank[b], rank[a] + 1);
  }
  std::map<int, double> xAt;
  QHash<NodeId, QPointF> pos;
  for (int i = 0; i < n; ++i) {
    const QSizeF s = sizes.value(ids[i], QSizeF(180, 70));
    double& x = xAt[rank[i]];
    pos.insert(ids[i], QPointF(x + s.width() / 2, rank[i] * 130.0));
    x += s.width() + 40;
  }
  return pos;
}

}  // namespace

bool graphvizAvailable() {
#ifdef CREMA_HAVE_GRAPHVIZ
  return true;
#else
  return false;
#endif
}

QHash<NodeId, QPointF> layoutNet(const caffe::NetParameter& net, const std::vector<NodeId>& ids,
                                 const QHash<NodeId, QSizeF>& sizes) {
  if (net.layer_size() == 0) return {};
#ifdef CREMA_HAVE_GRAPHVIZ
  auto c = [](const char* s) { return const_cast<char*>(s); };
  GVC_t* gvc = gvContext();
  if (!gvc) return fallbackLayout(net, ids, sizes);
  Agraph_t* g = agopen(c("net"), Agdirected, nullptr);
  agattr(g, AGRAPH, c("rankdir"), c("TB"));
  agattr(g, AGRAPH, c("nodesep"), c("0.35"));
  agattr(g, AGRAPH, c("ranksep"), c("0.62"));
  agattr(g, AGRAPH, c("splines"), c("false"));
  agattr(g, AGNODE, c("shape"), c("box"));
  agattr(g, AGNODE, c("fixedsize"), c("true"));
  agattr(g, AGNODE, c("label"), c(""));
  agattr(g, AGNODE, c("width"), c("2.5"));
  agattr(g, AGNODE, c("height"), c("1"));
  agattr(g, AGEDGE, c("weight"), c("1"));
  std::vector<Agnode_t*> nodes(net.layer_size());
  for (int i = 0; i < net.layer_size(); ++i) {
    const std::string name = "n" + std::to_string(i);
    nodes[i] = agnode(g, c(name.c_str()), 1);
    const QSizeF s = sizes.value(ids[i], QSizeF(180, 70));
    agset(nodes[i], c("width"), c(std::to_string(s.width() / 72.0).c_str()));
    agset(nodes[i], c("height"), c(std::to_string(s.height() / 72.0).c_str()));
  }
  for (const auto& [a, b] : wires(net)) {
    Agedge_t* e = agedge(g, nodes[a], nodes[b], nullptr, 1);
    // Keep the main chain straight: wires between neighbours in net order pull harder.
    if (b == a + 1) agset(e, c("weight"), c("4"));
  }
  QHash<NodeId, QPointF> pos;
  if (gvLayout(gvc, g, "dot") == 0) {
    for (int i = 0; i < net.layer_size(); ++i) {
      // Graphviz's y axis points up; the scene's points down.
      pos.insert(ids[i], QPointF(ND_coord(nodes[i]).x, -ND_coord(nodes[i]).y));
    }
    gvFreeLayout(gvc, g);
  }
  agclose(g);
  gvFreeContext(gvc);
  if (pos.isEmpty()) return fallbackLayout(net, ids, sizes);
  // Put the first node at the origin so layouts of the same net are comparable.
  const QPointF origin = pos.value(ids[0]);
  for (auto it = pos.begin(); it != pos.end(); ++it) it.value() -= QPointF(origin.x(), origin.y());
  return pos;
#else
  return fallbackLayout(net, ids, sizes);
#endif
}

}  // namespace crema::ui
