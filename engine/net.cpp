#include "net.h"

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include <google/protobuf/text_format.h>

#include "dnnl/dnnl_fusion.h"
#include "io/io.h"
#include "layer_registry.h"
#include "log.h"

namespace crema {

// ---------------------------------------------------------------------------
// Filtering by NetState (Caffe Net::FilterNet / StateMeetsRule).

bool Net::StateMeetsRule(const caffe::NetState& state, const caffe::NetStateRule& rule,
                         const std::string& layer_name) {
  if (rule.has_phase() && rule.phase() != state.phase()) {
    LOG_INFO("The NetState phase (", state.phase(), ") differed from the phase (", rule.phase(),
             ") specified by a rule in layer ", layer_name);
    return false;
  }
  if (rule.has_min_level() && state.level() < rule.min_level()) {
    LOG_INFO("The NetState level (", state.level(), ") is below the min_level (", rule.min_level(),
             ") specified by a rule in layer ", layer_name);
    return false;
  }
  if (rule.has_max_level() && state.level() > rule.max_level()) {
    LOG_INFO("The NetState level (", state.level(), ") is above the max_level (", rule.max_level(),
             ") specified by a rule in layer ", layer_name);
    return false;
  }
  const auto has_stage = [&](const std::string& s) {
    return std::find(state.stage().begin(), state.stage().end(), s) != state.stage().end();
  };
  for (const auto& s : rule.stage()) {
    if (!has_stage(s)) {
      LOG_INFO("The NetState did not contain stage '", s, "' specified by a rule in layer ", layer_name);
      return false;
    }
  }
  for (const auto& s : rule.not_stage()) {
    if (has_stage(s)) {
      LOG_INFO("The NetState contained a not_stage '", s, "' specified by a rule in layer ", layer_name);
      return false;
    }
  }
  return true;
}

bool Net::LayerMeetsRules(const caffe::NetState& state, const caffe::LayerParameter& layer) {
  // No include rules: keep unless an exclude rule matches. Include rules: keep if one matches.
  bool keep = layer.include_size() == 0;
  if (keep) {
    for (const auto& rule : layer.exclude()) {
      if (StateMeetsRule(state, rule, layer.name())) keep = false;
    }
  }
  for (const auto& rule : layer.include()) {
    if (StateMeetsRule(state, rule, layer.name())) keep = true;
  }
  return keep;
}

void Net::FilterNet(const caffe::NetParameter& param, caffe::NetParameter* filtered) {
  const caffe::NetState& state = param.state();
  filtered->CopyFrom(param);
  filtered->clear_layer();
  for (const auto& layer : param.layer()) {
    Require(layer.include_size() == 0 || layer.exclude_size() == 0, "Layer '", layer.name(),
            "' specifies both include and exclude rules; specify either, not both.");
    if (LayerMeetsRules(state, layer)) filtered->add_layer()->CopyFrom(layer);
  }
}

// ---------------------------------------------------------------------------
// Split insertion (Caffe src/caffe/util/insert_splits.cpp).

std::string SplitLayerName(const std::string& blob_name, const std::string& layer_name, int blob_idx) {
  return blob_name + "_" + layer_name + "_" + std::to_string(blob_idx) + "_split";
}

std::string SplitBlobName(const std::string& layer_name, const std::string& blob_name, int blob_idx,
                          int split_idx) {
  return blob_name + "_" + layer_name + "_" + std::to_string(blob_idx) + "_split_" + std::to_string(split_idx);
}

caffe::NetParameter InsertSplits(const caffe::NetParameter& param) {
  using TopIdx = std::pair<int, int>;  // (layer index, top index)
  std::map<std::string, TopIdx> last_producer;
  std::map<TopIdx, TopIdx> source_of_bottom;  // (layer, bottom) -> producing top
  std::map<TopIdx, int> consumers;
  std::map<TopIdx, float> loss_weight_of;
  for (int i = 0; i < param.layer_size(); ++i) {
    const auto& lp = param.layer(i);
    for (int j = 0; j < lp.bottom_size(); ++j) {
      auto it = last_producer.find(lp.bottom(j));
      Require(it != last_producer.end(), "Unknown bottom blob '", lp.bottom(j), "' (layer '", lp.name(),
              "', bottom index ", j, ")");
      source_of_bottom[{i, j}] = it->second;
      ++consumers[it->second];
    }
    for (int j = 0; j < lp.top_size(); ++j) last_producer[lp.top(j)] = {i, j};
    // An explicit non-zero loss weight counts as one more consumer of the top.
    const int n_loss = std::min(lp.loss_weight_size(), lp.top_size());
    for (int j = 0; j < n_loss; ++j) {
      const TopIdx top = last_producer[lp.top(j)];
      loss_weight_of[top] = lp.loss_weight(j);
      if (lp.loss_weight(j) != 0.f) ++consumers[top];
    }
  }

  caffe::NetParameter out(param);
  out.clear_layer();
  std::map<TopIdx, int> next_split_index;
  for (int i = 0; i < param.layer_size(); ++i) {
    caffe::LayerParameter* lp = out.add_layer();
    lp->CopyFrom(param.layer(i));
    for (int j = 0; j < lp->bottom_size(); ++j) {
      const TopIdx top = source_of_bottom[{i, j}];
      if (consumers[top] > 1) {
        lp->set_bottom(j, SplitBlobName(param.layer(top.first).name(), lp->bottom(j), top.second,
                                        next_split_index[top]++));
      }
    }
    for (int j = 0; j < lp->top_size(); ++j) {
      const TopIdx top{i, j};
      const int count = consumers[top];
      if (count <= 1) continue;
      const float loss_weight = loss_weight_of.count(top) ? loss_weight_of[top] : 0.f;
      caffe::LayerParameter* split = out.add_layer();
      split->set_name(SplitLayerName(lp->top(j), lp->name(), j));
      split->set_type("Split");
      split->add_bottom(lp->top(j));
      for (int k = 0; k < count; ++k) {
        split->add_top(SplitBlobName(lp->name(), lp->top(j), j, k));
        if (loss_weight != 0.f) split->add_loss_weight(k == 0 ? loss_weight : 0.f);
      }
      if (loss_weight != 0.f) {
        // The split's first top now carries the loss; consumers start at _split_1.
        lp->clear_loss_weight();
        ++next_split_index[top];
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------

static bool PathExists(const std::string& p) {
  struct stat st;
  return !p.empty() && ::stat(p.c_str(), &st) == 0;
}

std::string ResolveSourcePath(const std::string& source, const std::string& base_dir) {
  if (source.empty() || source[0] == '/') return source;
  if (!base_dir.empty()) {
    const std::string rel_to_base = JoinPath(base_dir, source);
    if (PathExists(rel_to_base)) return rel_to_base;
  }
  if (PathExists(source)) return source;  // Caffe: relative to the working directory
  return base_dir.empty() ? source : JoinPath(base_dir, source);
}

Net::Net(const caffe::NetParameter& param, Rng* rng, const std::string& base_dir) : base_dir_(base_dir) {
  if (rng) {
    rng_ = rng;
  } else {
    own_rng_ = std::make_unique<Rng>(-1);
    rng_ = own_rng_.get();
  }
  Init(param);
  FuseInPlaceReLUs(*this);  // oneDNN post-ops (dnnl/dnnl_fusion.h)
}

void Net::Init(const caffe::NetParameter& in_param) {
  phase_ = in_param.state().phase();
  caffe::NetParameter filtered;
  FilterNet(in_param, &filtered);
  {
    std::string text;
    google::protobuf::TextFormat::PrintToString(filtered, &text);
    LOG_INFO("Initializing net from parameters: \n", text);
  }
  const caffe::NetParameter param = InsertSplits(filtered);
  name_ = param.name();

  std::map<std::string, int> blob_name_to_idx;
  std::set<std::string> available_blobs;
  memory_used_ = 0;
  const int num_layers = param.layer_size();
  bottom_vecs_.resize(num_layers);
  top_vecs_.resize(num_layers);
  bottom_id_vecs_.resize(num_layers);
  top_id_vecs_.resize(num_layers);
  param_id_vecs_.resize(num_layers);
  bottom_need_backward_.resize(num_layers);

  for (int layer_id = 0; layer_id < num_layers; ++layer_id) {
    caffe::LayerParameter lp = param.layer(layer_id);
    if (!lp.has_phase()) lp.set_phase(phase_);
    Require(lp.propagate_down_size() == 0 || lp.propagate_down_size() == lp.bottom_size(), "Layer '", lp.name(),
            "': propagate_down param must be specified either 0 or bottom_size times (got ",
            lp.propagate_down_size(), " for ", lp.bottom_size(), " bottoms)");
    // Data sources are resolved against the prototxt's folder, then the working directory.
    if (lp.has_data_param() && lp.data_param().has_source())
      lp.mutable_data_param()->set_source(ResolveSourcePath(lp.data_param().source(), base_dir_));
    if (lp.has_hdf5_data_param() && lp.hdf5_data_param().has_source())
      lp.mutable_hdf5_data_param()->set_source(ResolveSourcePath(lp.hdf5_data_param().source(), base_dir_));
    if (lp.has_transform_param() && lp.transform_param().has_mean_file())
      lp.mutable_transform_param()->set_mean_file(ResolveSourcePath(lp.transform_param().mean_file(), base_dir_));
    if (lp.has_infogain_loss_param() && lp.infogain_loss_param().has_source())
      lp.mutable_infogain_loss_param()->set_source(
          ResolveSourcePath(lp.infogain_loss_param().source(), base_dir_));

    LOG_INFO("Creating Layer ", lp.name());
    std::shared_ptr<Layer> layer = LayerRegistry::Global().Create(lp);
    layer->set_rng(rng_);
    layers_.push_back(layer);
    layer_names_.push_back(lp.name());
    // Duplicate layer names are allowed, as in Caffe; lookups find the first.
    if (!layer_names_index_.count(lp.name())) layer_names_index_[lp.name()] = layer_id;

    bool need_backward = false;
    for (int bottom_id = 0; bottom_id < lp.bottom_size(); ++bottom_id) {
      const int blob_id = AppendBottom(param, layer_id, bottom_id, &available_blobs, &blob_name_to_idx);
      need_backward |= blob_need_backward_[blob_id];
    }
    for (int top_id = 0; top_id < lp.top_size(); ++top_id) {
      AppendTop(param, layer_id, top_id, &available_blobs, &blob_name_to_idx);
    }
    // Layers that want more tops than given get anonymous ones (e.g. a loss with no top).
    if (layer->AutoTopBlobs()) {
      const int needed = std::max(layer->MinTopBlobs(), layer->ExactNumTopBlobs());
      for (int top_id = lp.top_size(); top_id < needed; ++top_id) {
        AppendTop(param, layer_id, top_id, nullptr, nullptr);
      }
    }

    LOG_INFO("Setting up ", lp.name());
    try {
      layer->SetUp(bottom_vecs_[layer_id], top_vecs_[layer_id]);
    } catch (const Error& e) {
      const std::string what = e.what();
      // Prefix the layer name unless the layer already did.
      const std::string msg =
          what.find("'" + lp.name() + "'") == std::string::npos ? "Layer '" + lp.name() + "': " + what : what;
      if (dynamic_cast<const ShapeError*>(&e)) throw ShapeError(msg);
      if (dynamic_cast<const DataError*>(&e)) throw DataError(msg);
      if (dynamic_cast<const ParseError*>(&e)) throw ParseError(msg);
      if (dynamic_cast<const IoError*>(&e)) throw IoError(msg);
      throw ConfigError(msg);
    }
    for (int top_id = 0; top_id < static_cast<int>(top_vecs_[layer_id].size()); ++top_id) {
      const int blob_id = top_id_vecs_[layer_id][top_id];
      if (static_cast<int>(blob_loss_weights_.size()) <= blob_id) blob_loss_weights_.resize(blob_id + 1, 0.f);
      blob_loss_weights_[blob_id] = layer->loss(top_id);
      LOG_INFO("Top shape: ", top_vecs_[layer_id][top_id]->shape_string());
      if (layer->loss(top_id) != 0.f) LOG_INFO("    with loss weight ", layer->loss(top_id));
      memory_used_ += top_vecs_[layer_id][top_id]->count();
    }
    LOG_INFO("Memory required for data: ", memory_used_ * sizeof(float));

    const int param_size = lp.param_size();
    const int num_param_blobs = static_cast<int>(layer->blobs().size());
    Require(param_size <= num_param_blobs, "Layer '", lp.name(), "' has ", num_param_blobs,
            " parameter blobs but ", param_size, " param specifications");
    for (int param_id = 0; param_id < num_param_blobs; ++param_id) {
      const float lr_mult = param_id < param_size ? lp.param(param_id).lr_mult() : 1.f;
      const bool param_need_backward = lr_mult != 0.f;
      need_backward |= param_need_backward;
      layer->set_param_propagate_down(param_id, param_need_backward);
    }
    for (int param_id = 0; param_id < num_param_blobs; ++param_id) AppendParam(param, layer_id, param_id);
    layer_need_backward_.push_back(need_backward);
    if (need_backward) {
      for (int top_id : top_id_vecs_[layer_id]) blob_need_backward_[top_id] = true;
    }
  }

  // Walk backwards: a layer needs backward only if it leads to a loss and some
  // bottom or param wants a gradient (Caffe Net::Init).
  std::set<std::string> blobs_under_loss;
  std::set<std::string> blobs_skip_backp;
  for (int layer_id = num_layers - 1; layer_id >= 0; --layer_id) {
    bool contributes_loss = false;
    bool skip_propagate_down = true;
    for (int top_id = 0; top_id < static_cast<int>(top_vecs_[layer_id].size()); ++top_id) {
      const std::string& blob_name = blob_names_[top_id_vecs_[layer_id][top_id]];
      if (layers_[layer_id]->loss(top_id) != 0.f || blobs_under_loss.count(blob_name)) contributes_loss = true;
      if (!blobs_skip_backp.count(blob_name)) skip_propagate_down = false;
      if (contributes_loss && !skip_propagate_down) break;
    }
    if (layer_need_backward_[layer_id] && skip_propagate_down) {
      layer_need_backward_[layer_id] = false;
      std::fill(bottom_need_backward_[layer_id].begin(), bottom_need_backward_[layer_id].end(), false);
    }
    if (!contributes_loss) layer_need_backward_[layer_id] = false;
    LOG_INFO(layer_names_[layer_id],
             layer_need_backward_[layer_id] ? " needs backward computation." : " does not need backward computation.");
    for (int bottom_id = 0; bottom_id < static_cast<int>(bottom_vecs_[layer_id].size()); ++bottom_id) {
      const std::string& blob_name = blob_names_[bottom_id_vecs_[layer_id][bottom_id]];
      if (contributes_loss) {
        blobs_under_loss.insert(blob_name);
      } else {
        bottom_need_backward_[layer_id][bottom_id] = false;
      }
      if (!bottom_need_backward_[layer_id][bottom_id]) blobs_skip_backp.insert(blob_name);
    }
  }
  if (param.force_backward()) {
    for (int layer_id = 0; layer_id < num_layers; ++layer_id) {
      layer_need_backward_[layer_id] = true;
      for (int bottom_id = 0; bottom_id < static_cast<int>(bottom_need_backward_[layer_id].size()); ++bottom_id) {
        const bool need = bottom_need_backward_[layer_id][bottom_id] ||
                          layers_[layer_id]->AllowForceBackward(bottom_id);
        bottom_need_backward_[layer_id][bottom_id] = need;
        const int blob_id = bottom_id_vecs_[layer_id][bottom_id];
        blob_need_backward_[blob_id] = blob_need_backward_[blob_id] || need;
      }
      for (int param_id = 0; param_id < static_cast<int>(layers_[layer_id]->blobs().size()); ++param_id)
        layers_[layer_id]->set_param_propagate_down(param_id, true);
    }
  }
  // Whatever is left unconsumed is an output, in name order (std::set).
  for (const auto& name : available_blobs) {
    LOG_INFO("This network produces output ", name);
    net_output_blobs_.push_back(blobs_[blob_name_to_idx[name]].get());
    net_output_blob_indices_.push_back(blob_name_to_idx[name]);
  }
  for (size_t i = 0; i < blob_names_.size(); ++i) blob_names_index_[blob_names_[i]] = static_cast<int>(i);
  // Weight sharing: non-owners use their owner's data and diff.
  for (size_t i = 0; i < params_.size(); ++i) {
    if (param_owners_[i] < 0) continue;
    params_[i]->ShareData(*params_[param_owners_[i]]);
    params_[i]->ShareDiff(*params_[param_owners_[i]]);
  }
  LOG_INFO("Network initialization done.");
}

void Net::AppendTop(const caffe::NetParameter& param, int layer_id, int top_id,
                    std::set<std::string>* available, std::map<std::string, int>* blob_name_to_idx) {
  const caffe::LayerParameter& lp = param.layer(layer_id);
  const std::string blob_name = top_id < lp.top_size() ? lp.top(top_id) : "(automatic)";
  if (blob_name_to_idx && top_id < lp.bottom_size() && lp.bottom(top_id) == blob_name) {
    // In-place: the top is the same blob as the bottom at the same index.
    LOG_INFO(lp.name(), " -> ", blob_name, " (in-place)");
    const int blob_id = (*blob_name_to_idx)[blob_name];
    top_vecs_[layer_id].push_back(blobs_[blob_id].get());
    top_id_vecs_[layer_id].push_back(blob_id);
    available->insert(blob_name);
    return;
  }
  if (blob_name_to_idx && blob_name_to_idx->count(blob_name)) {
    throw ConfigError(Format("Top blob '", blob_name, "' produced by multiple sources (layer '", lp.name(),
                             "'). A layer may only reuse a top name in place, as the bottom at the same index."));
  }
  LOG_INFO(lp.name(), " -> ", blob_name);
  auto blob = std::make_shared<Blob>();
  const int blob_id = static_cast<int>(blobs_.size());
  blobs_.push_back(blob);
  blob_names_.push_back(blob_name);
  blob_need_backward_.push_back(false);
  if (blob_name_to_idx) (*blob_name_to_idx)[blob_name] = blob_id;
  top_id_vecs_[layer_id].push_back(blob_id);
  top_vecs_[layer_id].push_back(blob.get());
  if (available) available->insert(blob_name);
}

int Net::AppendBottom(const caffe::NetParameter& param, int layer_id, int bottom_id,
                      std::set<std::string>* available, std::map<std::string, int>* blob_name_to_idx) {
  const caffe::LayerParameter& lp = param.layer(layer_id);
  const std::string& blob_name = lp.bottom(bottom_id);
  if (!available->count(blob_name)) {
    throw ConfigError(Format("Unknown bottom blob '", blob_name, "' (layer '", lp.name(), "', bottom index ",
                             bottom_id, ")"));
  }
  const int blob_id = (*blob_name_to_idx)[blob_name];
  LOG_INFO(layer_names_[layer_id], " <- ", blob_name);
  bottom_vecs_[layer_id].push_back(blobs_[blob_id].get());
  bottom_id_vecs_[layer_id].push_back(blob_id);
  available->erase(blob_name);
  bool need_backward = blob_need_backward_[blob_id];
  if (lp.propagate_down_size() > 0) need_backward = lp.propagate_down(bottom_id);
  bottom_need_backward_[layer_id].push_back(need_backward);
  return blob_id;
}

void Net::AppendParam(const caffe::NetParameter& param, int layer_id, int param_id) {
  const caffe::LayerParameter& lp = layers_[layer_id]->layer_param();
  const int param_size = lp.param_size();
  const std::string param_name = param_size > param_id ? lp.param(param_id).name() : "";
  param_display_names_.push_back(param_name.empty() ? std::to_string(param_id) : param_name);
  const int net_param_id = static_cast<int>(params_.size());
  params_.push_back(layers_[layer_id]->blobs()[param_id]);
  param_id_vecs_[layer_id].push_back(net_param_id);
  param_layer_indices_.emplace_back(layer_id, param_id);
  const caffe::ParamSpec default_spec;
  const caffe::ParamSpec& spec = param_size > param_id ? lp.param(param_id) : default_spec;
  if (param_name.empty() || !param_names_index_.count(param_name)) {
    // This layer owns the blob (anonymous, or the first use of its name).
    param_owners_.push_back(-1);
    if (!param_name.empty()) param_names_index_[param_name] = net_param_id;
    learnable_param_ids_.push_back(static_cast<int>(learnable_params_.size()));
    learnable_params_.push_back(params_[net_param_id].get());
    has_params_lr_.push_back(spec.has_lr_mult());
    has_params_decay_.push_back(spec.has_decay_mult());
    params_lr_.push_back(spec.lr_mult());
    params_weight_decay_.push_back(spec.decay_mult());
    return;
  }
  // A name seen before: share the owner's blob.
  const int owner_net_param_id = param_names_index_[param_name];
  param_owners_.push_back(owner_net_param_id);
  const auto [owner_layer_id, owner_param_id] = param_layer_indices_[owner_net_param_id];
  LOG_INFO("Sharing parameters '", param_name, "' owned by layer '", layer_names_[owner_layer_id],
           "', param index ", owner_param_id);
  Blob* this_blob = layers_[layer_id]->blobs()[param_id].get();
  Blob* owner_blob = layers_[owner_layer_id]->blobs()[owner_param_id].get();
  if (spec.share_mode() == caffe::ParamSpec::PERMISSIVE) {
    Require<ShapeError>(this_blob->count() == owner_blob->count(), "Cannot share param '", param_name,
                        "' owned by layer '", layer_names_[owner_layer_id], "' with layer '", layer_names_[layer_id],
                        "'; count mismatch. Owner layer param shape is ", owner_blob->shape_string(),
                        "; sharing layer shape is ", this_blob->shape_string());
  } else {
    Require<ShapeError>(this_blob->shape() == owner_blob->shape(), "Cannot share param '", param_name,
                        "' owned by layer '", layer_names_[owner_layer_id], "' with layer '", layer_names_[layer_id],
                        "'; shape mismatch. Owner layer param shape is ", owner_blob->shape_string(),
                        "; sharing layer expects shape ", this_blob->shape_string());
  }
  const int learnable_id = learnable_param_ids_[owner_net_param_id];
  learnable_param_ids_.push_back(learnable_id);
  if (spec.has_lr_mult()) {
    if (has_params_lr_[learnable_id]) {
      Require(spec.lr_mult() == params_lr_[learnable_id], "Shared param '", param_name, "' has mismatched lr_mult.");
    } else {
      has_params_lr_[learnable_id] = true;
      params_lr_[learnable_id] = spec.lr_mult();
    }
  }
  if (spec.has_decay_mult()) {
    if (has_params_decay_[learnable_id]) {
      Require(spec.decay_mult() == params_weight_decay_[learnable_id], "Shared param '", param_name,
              "' has mismatched decay_mult.");
    } else {
      has_params_decay_[learnable_id] = true;
      params_weight_decay_[learnable_id] = spec.decay_mult();
    }
  }
}

float Net::ForwardFromTo(int start, int end) {
  Require(start >= 0 && end < static_cast<int>(layers_.size()) && start <= end + 1, "ForwardFromTo: bad range [",
          start, ", ", end, "] for ", layers_.size(), " layers");
  float loss = 0.f;
  for (int i = start; i <= end; ++i) loss += layers_[i]->Forward(bottom_vecs_[i], top_vecs_[i]);
  return loss;
}

float Net::Forward() { return layers_.empty() ? 0.f : ForwardFromTo(0, static_cast<int>(layers_.size()) - 1); }

void Net::BackwardFromTo(int start, int end) {
  Require(start < static_cast<int>(layers_.size()) && end >= 0, "BackwardFromTo: bad range");
  for (int i = start; i >= end; --i) {
    if (layer_need_backward_[i]) layers_[i]->Backward(top_vecs_[i], bottom_need_backward_[i], bottom_vecs_[i]);
  }
}

void Net::Backward() {
  if (!layers_.empty()) BackwardFromTo(static_cast<int>(layers_.size()) - 1, 0);
}

void Net::Reshape() {
  for (size_t i = 0; i < layers_.size(); ++i) layers_[i]->Reshape(bottom_vecs_[i], top_vecs_[i]);
}

void Net::ClearParamDiffs() {
  for (Blob* b : learnable_params_) b->set_diff(0.f);
}

void Net::Update() {
  for (Blob* b : learnable_params_) b->Update();
}

void Net::ShareTrainedLayersWith(const Net& other) {
  for (size_t i = 0; i < other.layers_.size(); ++i) {
    const std::string& source_name = other.layer_names_[i];
    auto it = layer_names_index_.find(source_name);
    if (it == layer_names_index_.end()) continue;
    auto& target_blobs = layers_[it->second]->blobs();
    const auto& source_blobs = other.layers_[i]->blobs();
    Require<ShapeError>(target_blobs.size() == source_blobs.size(), "Incompatible number of blobs for layer '",
                        source_name, "': ", source_blobs.size(), " in the source net, ", target_blobs.size(),
                        " here");
    for (size_t j = 0; j < target_blobs.size(); ++j) {
      Require<ShapeError>(target_blobs[j]->shape() == source_blobs[j]->shape(), "Cannot share param ", j,
                          " weights from layer '", source_name, "'; shape mismatch. Source param shape is ",
                          source_blobs[j]->shape_string(), "; target param shape is ",
                          target_blobs[j]->shape_string());
      target_blobs[j]->ShareData(*source_blobs[j]);
    }
  }
}

void Net::CopyTrainedLayersFrom(const caffe::NetParameter& param) {
  for (const auto& source : param.layer()) {
    auto it = layer_names_index_.find(source.name());
    if (it == layer_names_index_.end()) {
      LOG_INFO("Ignoring source layer ", source.name());
      continue;
    }
    auto& target_blobs = layers_[it->second]->blobs();
    Require<ShapeError>(static_cast<int>(target_blobs.size()) == source.blobs_size(),
                        "Incompatible number of blobs for layer '", source.name(), "': the model has ",
                        source.blobs_size(), ", the net expects ", target_blobs.size());
    for (size_t j = 0; j < target_blobs.size(); ++j) {
      if (!target_blobs[j]->ShapeEquals(source.blobs(static_cast<int>(j)))) {
        throw ShapeError(Format("Cannot copy param ", j, " weights from layer '", source.name(),
                                "'; shape mismatch. Source param shape is ",
                                ShapeToString(ShapeOf(source.blobs(static_cast<int>(j)))),
                                "; target param shape is ", target_blobs[j]->shape_string(),
                                ". To learn this layer's parameters from scratch rather than copying from a saved "
                                "net, rename the layer."));
      }
      target_blobs[j]->FromProto(source.blobs(static_cast<int>(j)), /*reshape=*/false);
    }
  }
}

void Net::CopyTrainedLayersFromFile(const std::string& path) {
  if (IsHdf5File(path)) return CopyTrainedLayersFromHDF5(path);  // net_hdf5.cpp
  CopyTrainedLayersFrom(ReadNetParamFromBinaryFile(path));
}

void Net::ToProto(caffe::NetParameter* param, bool write_diff) const {
  param->Clear();
  param->set_name(name_);
  for (const auto& layer : layers_) layer->ToProto(param->add_layer(), write_diff);
}

std::shared_ptr<Blob> Net::blob_by_name(const std::string& name) const {
  auto it = blob_names_index_.find(name);
  Require(it != blob_names_index_.end(), "Unknown blob name '", name, "' in net '", name_, "'");
  return blobs_[it->second];
}

std::shared_ptr<Layer> Net::layer_by_name(const std::string& name) const {
  auto it = layer_names_index_.find(name);
  Require(it != layer_names_index_.end(), "Unknown layer name '", name, "' in net '", name_, "'");
  return layers_[it->second];
}

int Net::layer_index(const std::string& name) const {
  auto it = layer_names_index_.find(name);
  return it == layer_names_index_.end() ? -1 : it->second;
}

}  // namespace crema
