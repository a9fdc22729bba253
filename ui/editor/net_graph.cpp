#include "editor/net_graph.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <tuple>
#include <utility>

namespace crema::ui {

namespace {

int phaseBit(caffe::Phase p) { return p == caffe::TRAIN ? kPhaseTrain : kPhaseTest; }

bool ruleIsPhaseOnly(const caffe::NetStateRule& r) {
  return !r.has_min_level() && !r.has_max_level() && r.stage_size() == 0 && r.not_stage_size() == 0;
}

bool hasBottom(const caffe::LayerParameter& l, const std::string& name) {
  return std::find(l.bottom().begin(), l.bottom().end(), name) != l.bottom().end();
}

bool hasTop(const caffe::LayerParameter& l, const std::string& name) {
  return std::find(l.top().begin(), l.top().end(), name) != l.top().end();
}

std::string phaseSuffix(int missingPhases, int activePhases) {
  if (missingPhases == activePhases) return "";
  return missingPhases == kPhaseTrain ? " (TRAIN phase)" : " (TEST phase)";
}

}  // namespace

int layerPhaseMask(const caffe::LayerParameter& layer) {
  int mask = kPhaseBoth;
  if (layer.include_size() > 0) {
    mask = kPhaseNone;
    for (const auto& r : layer.include()) mask |= r.has_phase() ? phaseBit(r.phase()) : kPhaseBoth;
  } else {
    for (const auto& r : layer.exclude()) {
      if (r.has_phase() && ruleIsPhaseOnly(r)) mask &= ~phaseBit(r.phase());
    }
  }
  return mask;
}

NetGraph buildNetGraph(const caffe::NetParameter& net) {
  NetGraph g;
  const int n = net.layer_size();
  g.inPlace.assign(n, false);
  g.topConsumed.resize(n);
  std::vector<int> masks(n);
  for (int i = 0; i < n; ++i) {
    const auto& l = net.layer(i);
    masks[i] = layerPhaseMask(l);
    g.topConsumed[i].assign(l.top_size(), false);
    for (const auto& t : l.top()) {
      if (hasBottom(l, t)) g.inPlace[i] = true;
    }
    if (l.include_size() > 0 && l.exclude_size() > 0) {
      g.issues.push_back({i, "layer '" + l.name() + "' has both include and exclude rules (Caffe rejects this)"});
    }
  }

  std::map<std::pair<int, int>, int> missing;                     // (layer, bottom) -> phases
  std::map<std::pair<int, int>, std::pair<int, int>> duplicates;  // (layer, top) -> (other layer, phases)
  std::map<std::tuple<int, int, int, int>, size_t> edgeIndex;

  for (caffe::Phase phase : {caffe::TRAIN, caffe::TEST}) {
    const int bit = phaseBit(phase);
    std::map<std::string, std::pair<int, int>> producer;
    for (int k = 0; k < net.input_size(); ++k) producer[net.input(k)] = {-1, k};
    for (int i = 0; i < n; ++i) {
      if (!(masks[i] & bit)) continue;
      const auto& l = net.layer(i);
      for (int b = 0; b < l.bottom_size(); ++b) {
        auto it = producer.find(l.bottom(b));
        if (it == producer.end()) {
          missing[{i, b}] |= bit;
          continue;
        }
        const auto key = std::make_tuple(it->second.first, it->second.second, i, b);
        auto e = edgeIndex.find(key);
        if (e != edgeIndex.end()) {
          g.edges[e->second].phases |= bit;
        } else {
          edgeIndex[key] = g.edges.size();
          g.edges.push_back({it->second.first, it->second.second, i, b, l.bottom(b), bit});
        }
        if (it->second.first >= 0) g.topConsumed[it->second.first][it->second.second] = true;
      }
      for (int k = 0; k < l.top_size(); ++k) {
        const std::string& t = l.top(k);
        auto it = producer.find(t);
        if (it != producer.end() && !hasBottom(l, t) && it->second.first != i) {
          auto& d = duplicates[{i, k}];
          d.first = it->second.first;
          d.second |= bit;
        }
        producer[t] = {i, k};
      }
    }
  }

  for (const auto& [key, phases] : missing) {
    const auto& l = net.layer(key.first);
    const std::string& b = l.bottom(key.second);
    std::string later;
    for (int j = key.first + 1; j < n && later.empty(); ++j) {
      if ((masks[j] & phases) && hasTop(net.layer(j), b)) later = net.layer(j).name();
    }
    std::string msg = later.empty()
                          ? "bottom '" + b + "' is not produced by any layer"
                          : "bottom '" + b + "' is produced only by the later layer '" + later + "'";
    g.issues.push_back({key.first, msg + phaseSuffix(phases, masks[key.first])});
  }
  for (const auto& [key, d] : duplicates) {
    const auto& l = net.layer(key.first);
    const std::string other = d.first >= 0 ? "layer '" + net.layer(d.first).name() + "'" : "a net input";
    g.issues.push_back({key.first, "top '" + l.top(key.second) + "' is also produced by " + other +
                                       " (two producers of one blob)" + phaseSuffix(d.second, masks[key.first])});
  }
  return g;
}

std::vector<int> stableTopologicalOrder(const caffe::NetParameter& net, const std::vector<ForcedWire>& forced) {
  const int n = net.layer_size();
  std::vector<std::set<int>> preds(n);
  std::vector<int> masks(n);
  for (int i = 0; i < n; ++i) masks[i] = layerPhaseMask(net.layer(i));
  std::map<std::pair<int, int>, int> forcedMap;
  for (const auto& f : forced) forcedMap[{f.layer, f.bottom}] = f.producer;

  auto addDep = [&](int before, int after) {
    if (before >= 0 && after >= 0 && before != after) preds[after].insert(before);
  };

  for (caffe::Phase phase : {caffe::TRAIN, caffe::TEST}) {
    const int bit = phaseBit(phase);
    // (producer layer, blob) -> readers; writers in place among them.
    std::map<std::pair<int, std::string>, std::vector<int>> readers;
    for (int i = 0; i < n; ++i) {
      if (!(masks[i] & bit)) continue;
      const auto& l = net.layer(i);
      for (int b = 0; b < l.bottom_size(); ++b) {
        const std::string& name = l.bottom(b);
        int producer = -1;
        auto f = forcedMap.find({i, b});
        if (f != forcedMap.end()) {
          producer = f->second;
        } else {
          for (int j = i - 1; j >= 0 && producer < 0; --j) {
            if ((masks[j] & bit) && hasTop(net.layer(j), name)) producer = j;
          }
          for (int j = i + 1; j < n && producer < 0; ++j) {
            if ((masks[j] & bit) && hasTop(net.layer(j), name)) producer = j;
          }
        }
        if (producer < 0) continue;
        addDep(producer, i);
        readers[{producer, name}].push_back(i);
      }
    }
    // Readers of one version of a blob run before the layers that overwrite it in place.
    for (auto& [key, rs] : readers) {
      std::vector<int> writers, plain;
      for (int r : rs) (hasTop(net.layer(r), key.second) ? writers : plain).push_back(r);
      std::sort(writers.begin(), writers.end());
      for (int w : writers) {
        for (int r : plain) addDep(r, w);
      }
      for (size_t k = 1; k < writers.size(); ++k) addDep(writers[k - 1], writers[k]);
    }
  }

  std::vector<int> indegree(n, 0);
  std::vector<std::vector<int>> succ(n);
  for (int i = 0; i < n; ++i) {
    for (int p : preds[i]) {
      succ[p].push_back(i);
      ++indegree[i];
    }
  }
  std::priority_queue<int, std::vector<int>, std::greater<int>> ready;
  for (int i = 0; i < n; ++i) {
    if (indegree[i] == 0) ready.push(i);
  }
  std::vector<int> order;
  order.reserve(n);
  while (!ready.empty()) {
    const int i = ready.top();
    ready.pop();
    order.push_back(i);
    for (int s : succ[i]) {
      if (--indegree[s] == 0) ready.push(s);
    }
  }
  if (static_cast<int>(order.size()) != n) return {};
  return order;
}

void permuteLayers(caffe::NetParameter* net, const std::vector<int>& order) {
  std::vector<caffe::LayerParameter> old(net->layer().begin(), net->layer().end());
  net->clear_layer();
  for (int i : order) *net->add_layer() = std::move(old[i]);
}

std::set<std::string> usedNames(const caffe::NetParameter& net) {
  std::set<std::string> s;
  for (const auto& l : net.layer()) {
    s.insert(l.name());
    s.insert(l.top().begin(), l.top().end());
    s.insert(l.bottom().begin(), l.bottom().end());
  }
  s.insert(net.input().begin(), net.input().end());
  return s;
}

std::string uniqueName(const std::string& prefix, bool numbered, const std::set<std::string>& used) {
  if (!numbered && !used.count(prefix)) return prefix;
  for (int k = numbered ? 1 : 2;; ++k) {
    std::string candidate = prefix + std::to_string(k);
    if (!used.count(candidate)) return candidate;
  }
}

void renameBlob(caffe::NetParameter* net, int layer, int topIndex, const std::string& to) {
  if (layer < 0 || layer >= net->layer_size() || topIndex < 0 || topIndex >= net->layer(layer).top_size()) return;
  const NetGraph g = buildNetGraph(*net);
  // Collect every (layer, top) reached from the start through in-place chains, and their readers.
  std::vector<std::pair<int, int>> tops = {{layer, topIndex}};
  std::set<std::pair<int, int>> seenTops = {{layer, topIndex}};
  std::vector<std::pair<int, int>> bottoms;
  for (size_t k = 0; k < tops.size(); ++k) {
    const auto [pl, pt] = tops[k];
    for (const auto& e : g.edges) {
      if (e.from != pl || e.fromTop != pt) continue;
      bottoms.push_back({e.to, e.toBottom});
      const auto& consumer = net->layer(e.to);
      for (int t = 0; t < consumer.top_size(); ++t) {
        if (consumer.top(t) == e.blob && seenTops.insert({e.to, t}).second) tops.push_back({e.to, t});
      }
    }
  }
  for (const auto& [l, t] : tops) net->mutable_layer(l)->set_top(t, to);
  for (const auto& [l, b] : bottoms) net->mutable_layer(l)->set_bottom(b, to);
}

}  // namespace crema::ui
