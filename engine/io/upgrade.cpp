// Legacy net and solver upgrades (see io.h). The chain and its log lines follow
// Caffe's src/caffe/util/upgrade_proto.cpp (Caffe 1.0):
//   1. V0 -> V1: `layers { layer { type: "conv" ... } }`; "padding" layers are
//      folded into the pad of the conv/pool that consumes them.
//   2. Data transformation fields (scale, mean_file, crop_size, mirror) move from
//      data_param / image_data_param / window_data_param into transform_param.
//   3. V1 -> V2: `layers { type: CONVOLUTION blobs_lr: 1 }` becomes
//      `layer { type: "Convolution" param { lr_mult: 1 } }`.
//   4. `input` / `input_dim` / `input_shape` become a first layer "input" of type Input.
//   5. BatchNorm layers that list three `param` entries (the old way of freezing
//      their statistics) lose them: the layer now freezes its blobs itself.
// Where Caffe aborts (LOG(FATAL)/CHECK) we throw ConfigError naming the file.
#include <map>
#include <string>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>

#include "common.h"
#include "io/io.h"
#include "log.h"

namespace crema {
namespace {

using caffe::LayerParameter;
using caffe::NetParameter;
using caffe::V0LayerParameter;
using caffe::V1LayerParameter;

// --- 1. V0 -> V1 --------------------------------------------------------------

bool NetNeedsV0ToV1Upgrade(const NetParameter& net) {
  for (const auto& l : net.layers()) {
    if (l.has_layer()) return true;
  }
  return false;
}

/// Copies `in` into `out` without its "padding" layers; each padding layer's pad
/// moves into the conv/pool layer that reads the padding layer's output, and that
/// layer then reads the padding layer's input instead.
void FoldV0PaddingLayers(const std::string& source, const NetParameter& in, NetParameter* out) {
  out->CopyFrom(in);
  out->clear_layers();
  std::map<std::string, int> last_producer;  // blob -> index in `in` (-1: net input)
  for (const auto& name : in.input()) last_producer[name] = -1;
  for (int i = 0; i < in.layers_size(); ++i) {
    const V1LayerParameter& conn = in.layers(i);
    const V0LayerParameter& v0 = conn.layer();
    const bool is_padding = v0.type() == "padding";
    if (!is_padding) out->add_layers()->CopyFrom(conn);
    for (int j = 0; j < conn.bottom_size(); ++j) {
      const std::string& blob = conn.bottom(j);
      const auto it = last_producer.find(blob);
      Require(it != last_producer.end(), source, ": unknown blob input ", blob, " to V0 layer ", v0.name());
      if (it->second < 0) continue;
      const V1LayerParameter& producer = in.layers(it->second);
      if (producer.layer().type() != "padding") continue;
      Require(v0.type() == "conv" || v0.type() == "pool", source, ": padding layer ", producer.layer().name(),
              " feeds layer ", v0.name(), " of type ", v0.type(), "; only conv and pool layers can absorb padding");
      Require(conn.bottom_size() == 1, source, ": layer ", v0.name(), " after a padding layer must take one input");
      Require(producer.bottom_size() == 1 && producer.top_size() == 1, source, ": padding layer ",
              producer.layer().name(), " must have exactly one input and one output");
      V1LayerParameter* target = out->mutable_layers(out->layers_size() - 1);
      target->mutable_layer()->set_pad(producer.layer().pad());
      target->set_bottom(j, producer.bottom(0));
    }
    for (const auto& top : conn.top()) last_producer[top] = i;
  }
}

V1LayerParameter::LayerType V0TypeToV1(const std::string& source, const std::string& type) {
  static const std::map<std::string, V1LayerParameter::LayerType> kTypes = {
      {"accuracy", V1LayerParameter::ACCURACY},
      {"bnll", V1LayerParameter::BNLL},
      {"concat", V1LayerParameter::CONCAT},
      {"conv", V1LayerParameter::CONVOLUTION},
      {"data", V1LayerParameter::DATA},
      {"dropout", V1LayerParameter::DROPOUT},
      {"euclidean_loss", V1LayerParameter::EUCLIDEAN_LOSS},
      {"flatten", V1LayerParameter::FLATTEN},
      {"hdf5_data", V1LayerParameter::HDF5_DATA},
      {"hdf5_output", V1LayerParameter::HDF5_OUTPUT},
      {"im2col", V1LayerParameter::IM2COL},
      {"images", V1LayerParameter::IMAGE_DATA},
      {"infogain_loss", V1LayerParameter::INFOGAIN_LOSS},
      {"innerproduct", V1LayerParameter::INNER_PRODUCT},
      {"lrn", V1LayerParameter::LRN},
      {"multinomial_logistic_loss", V1LayerParameter::MULTINOMIAL_LOGISTIC_LOSS},
      {"pool", V1LayerParameter::POOLING},
      {"relu", V1LayerParameter::RELU},
      {"sigmoid", V1LayerParameter::SIGMOID},
      {"softmax", V1LayerParameter::SOFTMAX},
      {"softmax_loss", V1LayerParameter::SOFTMAX_LOSS},
      {"split", V1LayerParameter::SPLIT},
      {"tanh", V1LayerParameter::TANH},
      {"window_data", V1LayerParameter::WINDOW_DATA},
  };
  const auto it = kTypes.find(type);
  if (it == kTypes.end()) throw ConfigError(Format(source, ": unknown V0 layer type \"", type, "\""));
  return it->second;
}

/// Converts one V0 layer (wrapped in a V1 connection) to a V1 layer. Settings that
/// do not apply to the layer's type are logged and dropped, as Caffe does;
/// returns false if any were.
bool UpgradeV0Layer(const std::string& source, const V1LayerParameter& conn, V1LayerParameter* out) {
  out->Clear();
  for (const auto& b : conn.bottom()) out->add_bottom(b);
  for (const auto& t : conn.top()) out->add_top(t);
  if (!conn.has_layer()) return true;
  const V0LayerParameter& v0 = conn.layer();
  const std::string& type = v0.type();
  bool ok = true;
  auto unknown = [&](const char* field) {
    LOG_ERROR("Unknown parameter ", field, " for layer type ", type);
    ok = false;
  };
  if (v0.has_name()) out->set_name(v0.name());
  if (v0.has_type()) out->set_type(V0TypeToV1(source, type));
  for (const auto& b : v0.blobs()) out->add_blobs()->CopyFrom(b);
  for (float lr : v0.blobs_lr()) out->add_blobs_lr(lr);
  for (float wd : v0.weight_decay()) out->add_weight_decay(wd);

  const bool conv = type == "conv", pool = type == "pool", ip = type == "innerproduct";
  const bool data = type == "data", hdf5 = type == "hdf5_data", images = type == "images";
  const bool window = type == "window_data";
  if (v0.has_num_output()) {
    if (conv) out->mutable_convolution_param()->set_num_output(v0.num_output());
    else if (ip) out->mutable_inner_product_param()->set_num_output(v0.num_output());
    else unknown("num_output");
  }
  if (v0.has_biasterm()) {
    if (conv) out->mutable_convolution_param()->set_bias_term(v0.biasterm());
    else if (ip) out->mutable_inner_product_param()->set_bias_term(v0.biasterm());
    else unknown("biasterm");
  }
  if (v0.has_weight_filler()) {
    if (conv) out->mutable_convolution_param()->mutable_weight_filler()->CopyFrom(v0.weight_filler());
    else if (ip) out->mutable_inner_product_param()->mutable_weight_filler()->CopyFrom(v0.weight_filler());
    else unknown("weight_filler");
  }
  if (v0.has_bias_filler()) {
    if (conv) out->mutable_convolution_param()->mutable_bias_filler()->CopyFrom(v0.bias_filler());
    else if (ip) out->mutable_inner_product_param()->mutable_bias_filler()->CopyFrom(v0.bias_filler());
    else unknown("bias_filler");
  }
  if (v0.has_pad()) {
    if (conv) out->mutable_convolution_param()->add_pad(v0.pad());
    else if (pool) out->mutable_pooling_param()->set_pad(v0.pad());
    else unknown("pad");
  }
  if (v0.has_kernelsize()) {
    if (conv) out->mutable_convolution_param()->add_kernel_size(v0.kernelsize());
    else if (pool) out->mutable_pooling_param()->set_kernel_size(v0.kernelsize());
    else unknown("kernelsize");
  }
  if (v0.has_group()) {
    if (conv) out->mutable_convolution_param()->set_group(v0.group());
    else unknown("group");
  }
  if (v0.has_stride()) {
    if (conv) out->mutable_convolution_param()->add_stride(v0.stride());
    else if (pool) out->mutable_pooling_param()->set_stride(v0.stride());
    else unknown("stride");
  }
  if (v0.has_pool()) {
    if (pool) {
      switch (v0.pool()) {
        case V0LayerParameter::MAX: out->mutable_pooling_param()->set_pool(caffe::PoolingParameter::MAX); break;
        case V0LayerParameter::AVE: out->mutable_pooling_param()->set_pool(caffe::PoolingParameter::AVE); break;
        case V0LayerParameter::STOCHASTIC:
          out->mutable_pooling_param()->set_pool(caffe::PoolingParameter::STOCHASTIC);
          break;
        default: unknown("pool method");
      }
    } else {
      unknown("pool");
    }
  }
  if (v0.has_dropout_ratio()) {
    if (type == "dropout") out->mutable_dropout_param()->set_dropout_ratio(v0.dropout_ratio());
    else unknown("dropout_ratio");
  }
  const bool lrn = type == "lrn";
  if (v0.has_local_size()) {
    if (lrn) out->mutable_lrn_param()->set_local_size(v0.local_size());
    else unknown("local_size");
  }
  if (v0.has_alpha()) {
    if (lrn) out->mutable_lrn_param()->set_alpha(v0.alpha());
    else unknown("alpha");
  }
  if (v0.has_beta()) {
    if (lrn) out->mutable_lrn_param()->set_beta(v0.beta());
    else unknown("beta");
  }
  if (v0.has_k()) {
    if (lrn) out->mutable_lrn_param()->set_k(v0.k());
    else unknown("k");
  }
  if (v0.has_source()) {
    if (data) out->mutable_data_param()->set_source(v0.source());
    else if (hdf5) out->mutable_hdf5_data_param()->set_source(v0.source());
    else if (images) out->mutable_image_data_param()->set_source(v0.source());
    else if (window) out->mutable_window_data_param()->set_source(v0.source());
    else if (type == "infogain_loss") out->mutable_infogain_loss_param()->set_source(v0.source());
    else unknown("source");
  }
  if (v0.has_scale()) out->mutable_transform_param()->set_scale(v0.scale());
  if (v0.has_meanfile()) out->mutable_transform_param()->set_mean_file(v0.meanfile());
  if (v0.has_batchsize()) {
    if (data) out->mutable_data_param()->set_batch_size(v0.batchsize());
    else if (hdf5) out->mutable_hdf5_data_param()->set_batch_size(v0.batchsize());
    else if (images) out->mutable_image_data_param()->set_batch_size(v0.batchsize());
    else if (window) out->mutable_window_data_param()->set_batch_size(v0.batchsize());
    else unknown("batchsize");
  }
  if (v0.has_cropsize()) out->mutable_transform_param()->set_crop_size(v0.cropsize());
  if (v0.has_mirror()) out->mutable_transform_param()->set_mirror(v0.mirror());
  if (v0.has_rand_skip()) {
    if (data) out->mutable_data_param()->set_rand_skip(v0.rand_skip());
    else if (images) out->mutable_image_data_param()->set_rand_skip(v0.rand_skip());
    else unknown("rand_skip");
  }
  if (v0.has_shuffle_images()) {
    if (images) out->mutable_image_data_param()->set_shuffle(v0.shuffle_images());
    else unknown("shuffle");
  }
  if (v0.has_new_height()) {
    if (images) out->mutable_image_data_param()->set_new_height(v0.new_height());
    else unknown("new_height");
  }
  if (v0.has_new_width()) {
    if (images) out->mutable_image_data_param()->set_new_width(v0.new_width());
    else unknown("new_width");
  }
  if (v0.has_concat_dim()) {
    if (type == "concat") out->mutable_concat_param()->set_concat_dim(v0.concat_dim());
    else unknown("concat_dim");
  }
  if (v0.has_det_fg_threshold()) {
    if (window) out->mutable_window_data_param()->set_fg_threshold(v0.det_fg_threshold());
    else unknown("det_fg_threshold");
  }
  if (v0.has_det_bg_threshold()) {
    if (window) out->mutable_window_data_param()->set_bg_threshold(v0.det_bg_threshold());
    else unknown("det_bg_threshold");
  }
  if (v0.has_det_fg_fraction()) {
    if (window) out->mutable_window_data_param()->set_fg_fraction(v0.det_fg_fraction());
    else unknown("det_fg_fraction");
  }
  if (v0.has_det_context_pad()) {
    if (window) out->mutable_window_data_param()->set_context_pad(v0.det_context_pad());
    else unknown("det_context_pad");
  }
  if (v0.has_det_crop_mode()) {
    if (window) out->mutable_window_data_param()->set_crop_mode(v0.det_crop_mode());
    else unknown("det_crop_mode");
  }
  if (v0.has_hdf5_output_param()) {
    if (type == "hdf5_output") out->mutable_hdf5_output_param()->CopyFrom(v0.hdf5_output_param());
    else unknown("hdf5_output_param");
  }
  return ok;
}

bool UpgradeV0Net(const std::string& source, NetParameter* net) {
  NetParameter folded;
  FoldV0PaddingLayers(source, *net, &folded);
  NetParameter upgraded;
  if (folded.has_name()) upgraded.set_name(folded.name());
  bool ok = true;
  for (const auto& conn : folded.layers()) ok &= UpgradeV0Layer(source, conn, upgraded.add_layers());
  for (const auto& in : folded.input()) upgraded.add_input(in);
  for (int d : folded.input_dim()) upgraded.add_input_dim(d);
  if (folded.has_force_backward()) upgraded.set_force_backward(folded.force_backward());
  net->Swap(&upgraded);
  return ok;
}

// --- 2. data transformation fields ---------------------------------------------

template <typename P>
bool HasTransformFields(const P& p) {
  return p.has_scale() || p.has_mean_file() || p.has_crop_size() || p.has_mirror();
}

template <typename P>
void MoveTransformFields(P* p, caffe::TransformationParameter* t) {
  if (p->has_scale()) t->set_scale(p->scale());
  if (p->has_mean_file()) t->set_mean_file(p->mean_file());
  if (p->has_crop_size()) t->set_crop_size(p->crop_size());
  if (p->has_mirror()) t->set_mirror(p->mirror());
  p->clear_scale();
  p->clear_mean_file();
  p->clear_crop_size();
  p->clear_mirror();
}

bool NetNeedsDataUpgrade(const NetParameter& net) {
  for (const auto& l : net.layers()) {
    if (l.type() == V1LayerParameter::DATA && HasTransformFields(l.data_param())) return true;
    if (l.type() == V1LayerParameter::IMAGE_DATA && HasTransformFields(l.image_data_param())) return true;
    if (l.type() == V1LayerParameter::WINDOW_DATA && HasTransformFields(l.window_data_param())) return true;
  }
  return false;
}

void UpgradeNetDataTransformation(NetParameter* net) {
  for (auto& l : *net->mutable_layers()) {
    if (l.type() == V1LayerParameter::DATA && HasTransformFields(l.data_param())) {
      MoveTransformFields(l.mutable_data_param(), l.mutable_transform_param());
    } else if (l.type() == V1LayerParameter::IMAGE_DATA && HasTransformFields(l.image_data_param())) {
      MoveTransformFields(l.mutable_image_data_param(), l.mutable_transform_param());
    } else if (l.type() == V1LayerParameter::WINDOW_DATA && HasTransformFields(l.window_data_param())) {
      MoveTransformFields(l.mutable_window_data_param(), l.mutable_transform_param());
    }
  }
}

// --- 3. V1 -> V2 ----------------------------------------------------------------

const char* V1TypeName(const std::string& source, const std::string& layer, V1LayerParameter::LayerType type) {
  switch (type) {
    case V1LayerParameter::NONE: return "";
    case V1LayerParameter::ABSVAL: return "AbsVal";
    case V1LayerParameter::ACCURACY: return "Accuracy";
    case V1LayerParameter::ARGMAX: return "ArgMax";
    case V1LayerParameter::BNLL: return "BNLL";
    case V1LayerParameter::CONCAT: return "Concat";
    case V1LayerParameter::CONTRASTIVE_LOSS: return "ContrastiveLoss";
    case V1LayerParameter::CONVOLUTION: return "Convolution";
    case V1LayerParameter::DECONVOLUTION: return "Deconvolution";
    case V1LayerParameter::DATA: return "Data";
    case V1LayerParameter::DROPOUT: return "Dropout";
    case V1LayerParameter::DUMMY_DATA: return "DummyData";
    case V1LayerParameter::EUCLIDEAN_LOSS: return "EuclideanLoss";
    case V1LayerParameter::ELTWISE: return "Eltwise";
    case V1LayerParameter::EXP: return "Exp";
    case V1LayerParameter::FLATTEN: return "Flatten";
    case V1LayerParameter::HDF5_DATA: return "HDF5Data";
    case V1LayerParameter::HDF5_OUTPUT: return "HDF5Output";
    case V1LayerParameter::HINGE_LOSS: return "HingeLoss";
    case V1LayerParameter::IM2COL: return "Im2col";
    case V1LayerParameter::IMAGE_DATA: return "ImageData";
    case V1LayerParameter::INFOGAIN_LOSS: return "InfogainLoss";
    case V1LayerParameter::INNER_PRODUCT: return "InnerProduct";
    case V1LayerParameter::LRN: return "LRN";
    case V1LayerParameter::MEMORY_DATA: return "MemoryData";
    case V1LayerParameter::MULTINOMIAL_LOGISTIC_LOSS: return "MultinomialLogisticLoss";
    case V1LayerParameter::MVN: return "MVN";
    case V1LayerParameter::POOLING: return "Pooling";
    case V1LayerParameter::POWER: return "Power";
    case V1LayerParameter::RELU: return "ReLU";
    case V1LayerParameter::SIGMOID: return "Sigmoid";
    case V1LayerParameter::SIGMOID_CROSS_ENTROPY_LOSS: return "SigmoidCrossEntropyLoss";
    case V1LayerParameter::SILENCE: return "Silence";
    case V1LayerParameter::SOFTMAX: return "Softmax";
    case V1LayerParameter::SOFTMAX_LOSS: return "SoftmaxWithLoss";
    case V1LayerParameter::SPLIT: return "Split";
    case V1LayerParameter::SLICE: return "Slice";
    case V1LayerParameter::TANH: return "TanH";
    case V1LayerParameter::WINDOW_DATA: return "WindowData";
    case V1LayerParameter::THRESHOLD: return "Threshold";
  }
  throw ConfigError(Format(source, ": layer ", layer, " has unknown V1 layer type ", static_cast<int>(type)));
}

caffe::ParamSpec* ParamAt(LayerParameter* layer, int i) {
  while (layer->param_size() <= i) layer->add_param();
  return layer->mutable_param(i);
}

/// Copies every set `*_param` message of the V1 layer into the field of the same
/// name in the current layer (all V1 parameter messages exist there unchanged).
void CopyLayerSpecificParams(const std::string& source, const V1LayerParameter& v1, LayerParameter* out) {
  namespace pb = google::protobuf;
  const pb::Reflection* in_refl = v1.GetReflection();
  const pb::Descriptor* out_desc = out->GetDescriptor();
  const pb::Reflection* out_refl = out->GetReflection();
  std::vector<const pb::FieldDescriptor*> fields;
  in_refl->ListFields(v1, &fields);
  const std::string suffix = "_param";
  for (const pb::FieldDescriptor* f : fields) {
    if (f->is_repeated() || f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    const std::string& name = f->name();
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    const pb::FieldDescriptor* target = out_desc->FindFieldByName(name);
    Require(target && target->message_type() == f->message_type(), source, ": V1 layer ", v1.name(), " field ", name,
            " has no counterpart in LayerParameter");
    out_refl->MutableMessage(out, target)->CopyFrom(in_refl->GetMessage(v1, f));
  }
}

bool UpgradeV1Layer(const std::string& source, const V1LayerParameter& v1, LayerParameter* out) {
  out->Clear();
  bool ok = true;
  for (const auto& b : v1.bottom()) out->add_bottom(b);
  for (const auto& t : v1.top()) out->add_top(t);
  if (v1.has_name()) out->set_name(v1.name());
  for (const auto& r : v1.include()) out->add_include()->CopyFrom(r);
  for (const auto& r : v1.exclude()) out->add_exclude()->CopyFrom(r);
  if (v1.has_type()) out->set_type(V1TypeName(source, v1.name(), v1.type()));
  for (const auto& b : v1.blobs()) out->add_blobs()->CopyFrom(b);
  for (int i = 0; i < v1.param_size(); ++i) ParamAt(out, i)->set_name(v1.param(i));
  for (int i = 0; i < v1.blob_share_mode_size(); ++i) {
    ParamAt(out, i)->set_share_mode(v1.blob_share_mode(i) == V1LayerParameter::PERMISSIVE
                                        ? caffe::ParamSpec::PERMISSIVE
                                        : caffe::ParamSpec::STRICT);
  }
  for (int i = 0; i < v1.blobs_lr_size(); ++i) ParamAt(out, i)->set_lr_mult(v1.blobs_lr(i));
  for (int i = 0; i < v1.weight_decay_size(); ++i) ParamAt(out, i)->set_decay_mult(v1.weight_decay(i));
  for (float w : v1.loss_weight()) out->add_loss_weight(w);
  CopyLayerSpecificParams(source, v1, out);
  if (v1.has_layer()) {
    LOG_ERROR("Input NetParameter has V0 layer -- ignoring.");
    ok = false;
  }
  return ok;
}

bool UpgradeV1Net(const std::string& source, NetParameter* net) {
  NetParameter upgraded(*net);
  upgraded.clear_layers();
  upgraded.clear_layer();
  bool ok = true;
  for (int i = 0; i < net->layers_size(); ++i) {
    if (!UpgradeV1Layer(source, net->layers(i), upgraded.add_layer())) {
      LOG_ERROR("Upgrade of input layer ", i, " failed.");
      ok = false;
    }
  }
  net->Swap(&upgraded);
  return ok;
}

// --- 4. input fields ---------------------------------------------------------

bool NetNeedsInputUpgrade(const NetParameter& net) { return net.input_size() > 0; }

void UpgradeNetInput(const std::string& source, NetParameter* net) {
  const bool has_shape = net->input_shape_size() > 0;
  const bool has_dim = net->input_dim_size() > 0;
  if (has_shape || has_dim) {
    const int n = net->input_size();
    if (has_shape) {
      Require(net->input_shape_size() == n, source, ": ", n, " inputs but ", net->input_shape_size(),
              " input_shape entries");
    } else {
      Require(net->input_dim_size() == 4 * n, source, ": ", n, " inputs need ", 4 * n, " input_dim values, got ",
              net->input_dim_size());
    }
    LayerParameter input;
    input.set_name("input");
    input.set_type("Input");
    caffe::InputParameter* param = input.mutable_input_param();
    for (int i = 0; i < n; ++i) {
      input.add_top(net->input(i));
      caffe::BlobShape* shape = param->add_shape();
      if (has_shape) {
        shape->CopyFrom(net->input_shape(i));
      } else {
        for (int j = 0; j < 4; ++j) shape->add_dim(net->input_dim(4 * i + j));
      }
    }
    // The Input layer goes first so that every consumer comes after it.
    auto* layers = net->mutable_layer();
    layers->Add()->Swap(&input);
    for (int i = layers->size() - 1; i > 0; --i) layers->SwapElements(i, i - 1);
  }
  // An input without shape (old caffemodels) is simply dropped.
  net->clear_input();
  net->clear_input_shape();
  net->clear_input_dim();
}

// --- 5. BatchNorm ---------------------------------------------------------------

bool NetNeedsBatchNormUpgrade(const NetParameter& net) {
  for (const auto& l : net.layer()) {
    if (l.type() == "BatchNorm" && l.param_size() == 3) return true;
  }
  return false;
}

void UpgradeNetBatchNorm(NetParameter* net) {
  for (auto& l : *net->mutable_layer()) {
    if (l.type() == "BatchNorm" && l.param_size() == 3) l.clear_param();
  }
}

}  // namespace

bool NetNeedsUpgrade(const caffe::NetParameter& param) {
  return NetNeedsV0ToV1Upgrade(param) || NetNeedsDataUpgrade(param) || param.layers_size() > 0 ||
         NetNeedsInputUpgrade(param) || NetNeedsBatchNormUpgrade(param);
}

bool UpgradeNetAsNeeded(const std::string& source_name, caffe::NetParameter* param) {
  // Caffe PR #3755 (#3381): a net mixing both lists used to lose layers silently.
  Require(!(param->layer_size() > 0 && param->layers_size() > 0), source_name,
          ": refusing to upgrade an inconsistent NetParameter: it has both 'layer' and 'layers' fields. The current "
          "format uses layer { type: \"Convolution\" ... }, the legacy V1 format layers { type: CONVOLUTION ... }; "
          "rewrite the net in one format");
  bool changed = false;
  if (NetNeedsV0ToV1Upgrade(*param)) {
    LOG_INFO("Attempting to upgrade input file specified using deprecated V0LayerParameter: ", source_name);
    if (UpgradeV0Net(source_name, param)) {
      LOG_INFO("Successfully upgraded file specified using deprecated V0LayerParameter");
    } else {
      LOG_ERROR("Warning: had one or more problems upgrading V0NetParameter to NetParameter (see above); "
                "continuing anyway.");
    }
    LOG_WARN("Note that future Caffe releases will not support V0NetParameter; use crema-cli upgrade-net to "
             "upgrade this and any other net protos to the new format.");
    changed = true;
  }
  if (NetNeedsDataUpgrade(*param)) {
    LOG_INFO("Attempting to upgrade input file specified using deprecated transformation parameters: ", source_name);
    UpgradeNetDataTransformation(param);
    LOG_INFO("Successfully upgraded file specified using deprecated data transformation parameters.");
    LOG_WARN("Note that future Caffe releases will only support transform_param messages for transformation fields.");
    changed = true;
  }
  if (param->layers_size() > 0) {
    LOG_INFO("Attempting to upgrade input file specified using deprecated V1LayerParameter: ", source_name);
    if (UpgradeV1Net(source_name, param)) {
      LOG_INFO("Successfully upgraded file specified using deprecated V1LayerParameter");
    } else {
      LOG_ERROR("Warning: had one or more problems upgrading V1LayerParameter (see above); continuing anyway.");
    }
    changed = true;
  }
  if (NetNeedsInputUpgrade(*param)) {
    LOG_INFO("Attempting to upgrade input file specified using deprecated input fields: ", source_name);
    UpgradeNetInput(source_name, param);
    LOG_INFO("Successfully upgraded file specified using deprecated input fields.");
    LOG_WARN("Note that future Caffe releases will only support input layers and not input fields.");
    changed = true;
  }
  if (NetNeedsBatchNormUpgrade(*param)) {
    LOG_INFO("Attempting to upgrade batch norm layers using deprecated params: ", source_name);
    UpgradeNetBatchNorm(param);
    LOG_INFO("Successfully upgraded batch norm layers using deprecated params.");
    changed = true;
  }
  return changed;
}

bool UpgradeSolverAsNeeded(const std::string& source_name, caffe::SolverParameter* param) {
  bool changed = false;
  if (param->has_solver_type()) {
    LOG_INFO("Attempting to upgrade input file specified using deprecated 'solver_type' field (enum)': ",
             source_name);
    // As Caffe: both fields set is an error even when they agree.
    Require(!param->has_type(), source_name,
            ": failed to upgrade solver: the old solver_type field (enum) and the new type field (string) "
            "cannot both be specified");
    switch (param->solver_type()) {
      case caffe::SolverParameter::SGD: param->set_type("SGD"); break;
      case caffe::SolverParameter::NESTEROV: param->set_type("Nesterov"); break;
      case caffe::SolverParameter::ADAGRAD: param->set_type("AdaGrad"); break;
      case caffe::SolverParameter::RMSPROP: param->set_type("RMSProp"); break;
      case caffe::SolverParameter::ADADELTA: param->set_type("AdaDelta"); break;
      case caffe::SolverParameter::ADAM: param->set_type("Adam"); break;
      default:
        throw ConfigError(Format(source_name, ": unknown solver_type ", static_cast<int>(param->solver_type())));
    }
    param->clear_solver_type();
    LOG_INFO("Successfully upgraded file specified using deprecated 'solver_type' field (enum) to 'type' field "
             "(string).");
    LOG_WARN("Note that future Caffe releases will only support 'type' field (string) for a solver's type.");
    changed = true;
  }
  // Nets given inline in the solver get the same upgrades as net files (an
  // addition to Caffe, which upgrades only nets read from files).
  if (param->has_net_param() && NetNeedsUpgrade(param->net_param())) {
    changed |= UpgradeNetAsNeeded(source_name + " (net_param)", param->mutable_net_param());
  }
  if (param->has_train_net_param() && NetNeedsUpgrade(param->train_net_param())) {
    changed |= UpgradeNetAsNeeded(source_name + " (train_net_param)", param->mutable_train_net_param());
  }
  for (int i = 0; i < param->test_net_param_size(); ++i) {
    if (NetNeedsUpgrade(param->test_net_param(i))) {
      changed |= UpgradeNetAsNeeded(Format(source_name, " (test_net_param #", i, ")"),
                                    param->mutable_test_net_param(i));
    }
  }
  return changed;
}

}  // namespace crema
