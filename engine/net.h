// Net: a DAG of layers built from a NetParameter (Caffe src/caffe/net.cpp).
//
// Construction follows Caffe: FilterNet by NetState (phase/level/stages and
// include/exclude rules), InsertSplits (a top read by several bottoms gets a
// Split layer named <blob>_<producer>_<topidx>_split), then layer by layer
// setup with Caffe's log lines ("Creating Layer", "Setting up", "Top shape:",
// "Memory required for data:"), in-place tops, loss weights, backward-need
// analysis and pruning, force_backward, propagate_down, and weight sharing by
// param { name }. Errors (unknown bottom, top produced twice, include and
// exclude together, bad blob counts when loading weights) throw ConfigError /
// ShapeError naming the layer.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "blob.h"
#include "caffe.pb.h"
#include "layer.h"
#include "rng.h"

namespace crema {

class Net {
 public:
  /// Builds the net. `param.state()` selects the phase (Caffe default: TEST).
  /// `rng` is used for fillers and stochastic layers; when null the net owns a
  /// non-deterministically seeded one. `base_dir` resolves relative data
  /// sources (see ResolveSourcePath); empty means the working directory.
  explicit Net(const caffe::NetParameter& param, Rng* rng = nullptr, const std::string& base_dir = "");

  /// Runs every layer's forward; returns the total weighted loss.
  float Forward();
  /// Forward over layers [start, end] (inclusive); returns the loss of those layers only.
  float ForwardFromTo(int start, int end);
  float ForwardFrom(int start) { return ForwardFromTo(start, static_cast<int>(layers_.size()) - 1); }
  float ForwardTo(int end) { return ForwardFromTo(0, end); }
  /// Backward through every layer that needs it.
  void Backward();
  void BackwardFromTo(int start, int end);
  float ForwardBackward() {
    const float loss = Forward();
    Backward();
    return loss;
  }
  /// Re-runs Reshape on every layer (after an input blob changed shape).
  void Reshape();

  /// Zeroes the diff of every learnable param (once per iteration; param diffs accumulate).
  void ClearParamDiffs();
  /// data -= diff for every param owned by this net (shared params update once).
  void Update();

  /// Makes this net's param blobs share memory with `other`'s layers of the same name (test nets).
  void ShareTrainedLayersWith(const Net& other);
  /// Copies weights from a NetParameter by layer name (caffemodel). Source layers
  /// unknown here are ignored. Throws ShapeError on a blob count or shape mismatch,
  /// naming the layer and both shapes.
  void CopyTrainedLayersFrom(const caffe::NetParameter& param);
  /// Loads a .caffemodel and copies it in: HDF5 files (by content, as Caffe's H5Fis_hdf5
  /// check; e.g. .caffemodel.h5) go to CopyTrainedLayersFromHDF5, others are read as binary
  /// protobuf (legacy formats upgraded).
  void CopyTrainedLayersFromFile(const std::string& path);
  /// Copies weights from an HDF5 model (Caffe's CopyTrainedLayersFromHDF5, net.cpp): for each
  /// group data/<layer> whose layer exists here, datasets "0", "1", ... go to that layer's
  /// param blobs; a missing dataset is allowed only for a param shared from another layer.
  /// Throws IoError (unreadable), DataError (no "data" group), ShapeError (more datasets than
  /// params, a missing unshared param, or a shape that differs from the param's).
  void CopyTrainedLayersFromHDF5(const std::string& path);
  /// Writes the params to an HDF5 model, atomically (Caffe's Net::ToHDF5): group "data" with
  /// one group per layer (in net order) holding datasets "0", "1", ... for the params the layer
  /// owns (shared params are written by their owner only); with write_diff also group "diff",
  /// same layout, holding every param's diff (shared ones too). Throws IoError.
  void ToHDF5(const std::string& path, bool write_diff = false) const;
  /// Serialises layers and weights (and diffs if write_diff) into `param`.
  void ToProto(caffe::NetParameter* param, bool write_diff = false) const;

  const std::string& name() const { return name_; }
  caffe::Phase phase() const { return phase_; }
  const std::vector<std::string>& layer_names() const { return layer_names_; }
  const std::vector<std::string>& blob_names() const { return blob_names_; }
  const std::vector<std::shared_ptr<Blob>>& blobs() const { return blobs_; }
  const std::vector<std::shared_ptr<Layer>>& layers() const { return layers_; }
  const std::vector<std::vector<Blob*>>& bottom_vecs() const { return bottom_vecs_; }
  const std::vector<std::vector<Blob*>>& top_vecs() const { return top_vecs_; }
  const std::vector<std::vector<int>>& bottom_id_vecs() const { return bottom_id_vecs_; }
  const std::vector<std::vector<int>>& top_id_vecs() const { return top_id_vecs_; }
  const std::vector<std::vector<bool>>& bottom_need_backward() const { return bottom_need_backward_; }
  const std::vector<bool>& layer_need_backward() const { return layer_need_backward_; }
  const std::vector<float>& blob_loss_weights() const { return blob_loss_weights_; }

  /// Every param blob, one per (layer, param index); shared params appear once per use.
  const std::vector<std::shared_ptr<Blob>>& params() const { return params_; }
  /// Distinct learnable params (owners only), in the order solvers and solverstates use.
  const std::vector<Blob*>& learnable_params() const { return learnable_params_; }
  /// lr_mult / decay_mult of each learnable param (default 1).
  const std::vector<float>& params_lr() const { return params_lr_; }
  const std::vector<float>& params_weight_decay() const { return params_weight_decay_; }
  /// For each entry of params(): index of its owner in params(), or -1 if it owns itself.
  const std::vector<int>& param_owners() const { return param_owners_; }
  /// "layer_name" of each entry of params(), and the param index within the layer.
  const std::vector<std::pair<int, int>>& param_layer_indices() const { return param_layer_indices_; }

  bool has_blob(const std::string& name) const { return blob_names_index_.count(name) > 0; }
  /// Throws ConfigError if absent.
  std::shared_ptr<Blob> blob_by_name(const std::string& name) const;
  bool has_layer(const std::string& name) const { return layer_names_index_.count(name) > 0; }
  /// Throws ConfigError if absent.
  std::shared_ptr<Layer> layer_by_name(const std::string& name) const;
  int layer_index(const std::string& name) const;

  /// Blobs no layer consumes, sorted by name (Caffe's std::set order).
  const std::vector<Blob*>& output_blobs() const { return net_output_blobs_; }
  const std::vector<int>& output_blob_indices() const { return net_output_blob_indices_; }

  /// Caffe's FilterNet: keeps layers whose include/exclude rules match param.state().
  /// Throws ConfigError when a layer gives both include and exclude.
  static void FilterNet(const caffe::NetParameter& param, caffe::NetParameter* filtered);
  /// Whether `state` satisfies `rule` (phase, min/max level, stage, not_stage).
  static bool StateMeetsRule(const caffe::NetState& state, const caffe::NetStateRule& rule,
                             const std::string& layer_name);
  /// Whether FilterNet keeps `layer` in `state`: without include rules, unless an exclude
  /// rule matches; with include rules, when one of them matches (excludes are not consulted).
  static bool LayerMeetsRules(const caffe::NetState& state, const caffe::LayerParameter& layer);

  /// Bytes of all top blobs' data (Caffe's "Memory required for data").
  size_t memory_used_bytes() const { return memory_used_ * sizeof(float); }

 private:
  void Init(const caffe::NetParameter& in_param);
  void AppendTop(const caffe::NetParameter& param, int layer_id, int top_id, std::set<std::string>* available,
                 std::map<std::string, int>* blob_name_to_idx);
  int AppendBottom(const caffe::NetParameter& param, int layer_id, int bottom_id,
                   std::set<std::string>* available, std::map<std::string, int>* blob_name_to_idx);
  void AppendParam(const caffe::NetParameter& param, int layer_id, int param_id);

  std::string name_;
  caffe::Phase phase_ = caffe::TEST;
  std::unique_ptr<Rng> own_rng_;
  Rng* rng_ = nullptr;
  std::string base_dir_;

  std::vector<std::shared_ptr<Layer>> layers_;
  std::vector<std::string> layer_names_;
  std::map<std::string, int> layer_names_index_;
  std::vector<bool> layer_need_backward_;
  std::vector<std::shared_ptr<Blob>> blobs_;
  std::vector<std::string> blob_names_;
  std::map<std::string, int> blob_names_index_;
  std::vector<bool> blob_need_backward_;
  std::vector<std::vector<Blob*>> bottom_vecs_;
  std::vector<std::vector<int>> bottom_id_vecs_;
  std::vector<std::vector<bool>> bottom_need_backward_;
  std::vector<std::vector<Blob*>> top_vecs_;
  std::vector<std::vector<int>> top_id_vecs_;
  std::vector<float> blob_loss_weights_;
  std::vector<std::vector<int>> param_id_vecs_;
  std::vector<int> param_owners_;
  std::vector<std::string> param_display_names_;
  std::vector<std::pair<int, int>> param_layer_indices_;
  std::map<std::string, int> param_names_index_;
  std::vector<int> net_output_blob_indices_;
  std::vector<Blob*> net_output_blobs_;
  std::vector<std::shared_ptr<Blob>> params_;
  std::vector<Blob*> learnable_params_;
  std::vector<int> learnable_param_ids_;
  std::vector<float> params_lr_;
  std::vector<bool> has_params_lr_;
  std::vector<float> params_weight_decay_;
  std::vector<bool> has_params_decay_;
  size_t memory_used_ = 0;
};

/// Caffe's InsertSplits (src/caffe/util/insert_splits.cpp): returns a copy of
/// `param` where every top consumed more than once (a non-zero explicit
/// loss_weight counts as one consumer) feeds a Split layer.
caffe::NetParameter InsertSplits(const caffe::NetParameter& param);
std::string SplitLayerName(const std::string& blob_name, const std::string& layer_name, int blob_idx);
std::string SplitBlobName(const std::string& layer_name, const std::string& blob_name, int blob_idx, int split_idx);

/// Resolves a data layer's `source` path: as given if absolute or if it exists
/// relative to the working directory (Caffe's behaviour); otherwise relative to
/// base_dir (the prototxt's or project's folder) when that exists there.
/// Returns the first candidate that exists, else the path as given.
std::string ResolveSourcePath(const std::string& source, const std::string& base_dir);

}  // namespace crema
