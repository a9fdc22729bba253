// The graph view of a NetParameter, following Caffe's name-based wiring: a
// bottom "x" of layer i reads the most recent layer before i (in the phase
// being built) that has "x" among its tops; a layer whose top repeats one of
// its bottoms works in place. Include/exclude rules split the net into a TRAIN
// and a TEST net (phase only; level and stage rules are treated as "either"),
// so edges are computed per phase and merged.
//
// Also the structural edits that need this wiring: stable topological
// reordering after a connection (so Caffe sees producers before consumers),
// renaming a blob along its consumers, and unique names.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "caffe.pb.h"

namespace crema::ui {

/// Bit mask of the phases a layer takes part in.
enum PhaseMask : int { kPhaseNone = 0, kPhaseTrain = 1, kPhaseTest = 2, kPhaseBoth = 3 };

/// Phases in which `layer` is built: include rules give the union of their phases
/// (a rule without a phase matches both), exclude rules that name only a phase remove it.
int layerPhaseMask(const caffe::LayerParameter& layer);

/// One wire: top `fromTop` of layer `from` feeds bottom `toBottom` of layer `to`.
struct GraphEdge {
  int from = -1;       ///< producing layer index, or -1 for a legacy net-level input
  int fromTop = 0;
  int to = -1;
  int toBottom = 0;
  std::string blob;
  int phases = kPhaseNone;  ///< phases in which this wire exists
};

/// A structural problem found without building the net.
struct GraphIssue {
  int layer = -1;
  std::string message;
};

struct NetGraph {
  std::vector<GraphEdge> edges;
  std::vector<GraphIssue> issues;
  /// Per layer: true if it is in place (a top equals one of its bottoms).
  std::vector<bool> inPlace;
  /// Per layer and top: whether any layer reads that top (in some phase).
  std::vector<std::vector<bool>> topConsumed;
};

/// Wires and structural issues (missing bottom, bottom produced only later,
/// top produced twice, include and exclude together).
NetGraph buildNetGraph(const caffe::NetParameter& net);

/// Producer override for one bottom: layer `layer`'s bottom `bottom` must read layer `producer`.
struct ForcedWire {
  int layer = -1;
  int bottom = 0;
  int producer = -1;
};

/// A stable topological order of the layers (old indices, in their new order):
/// producers before consumers, readers of a blob before a later in-place writer
/// of it, otherwise the current order. Forward references (a bottom whose only
/// producer comes later) count as dependencies. Returns an empty vector when the
/// dependencies form a cycle.
std::vector<int> stableTopologicalOrder(const caffe::NetParameter& net,
                                        const std::vector<ForcedWire>& forced = {});

/// Applies a permutation from stableTopologicalOrder to the net's layers.
void permuteLayers(caffe::NetParameter* net, const std::vector<int>& order);

/// Every layer name and blob name used in the net.
std::set<std::string> usedNames(const caffe::NetParameter& net);

/// "prefix" if unused and !numbered, else prefixN for the smallest N >= 1 not in `used`.
std::string uniqueName(const std::string& prefix, bool numbered, const std::set<std::string>& used);

/// Renames blob `from` to `to` as produced by top `topIndex` of layer `layer`,
/// and every bottom that reads that very top (per phase wiring) — including
/// through a chain of in-place layers, whose tops are renamed as well.
void renameBlob(caffe::NetParameter* net, int layer, int topIndex, const std::string& to);

}  // namespace crema::ui
