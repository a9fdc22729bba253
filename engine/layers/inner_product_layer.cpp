#include "layers/inner_product_layer.h"

#include <unordered_map>

#include "dnnl/dnnl_context.h"
#include "filler.h"
#include "layers/param_blobs.h"

namespace crema {

using dnnl::prop_kind;
using tag = dnnl::memory::format_tag;
using dt = dnnl::memory::data_type;

void InnerProductLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const caffe::InnerProductParameter& p = layer_param_.inner_product_param();
  N_ = static_cast<int>(p.num_output());
  Check(N_ > 0, "num_output must be > 0");
  bias_term_ = p.bias_term();
  transpose_ = p.transpose();
  const int axis = bottom[0]->CanonicalAxisIndex(p.axis());
  K_ = bottom[0]->count(axis);
  const std::vector<int> weight_shape = transpose_ ? std::vector<int>{K_, N_} : std::vector<int>{N_, K_};
  SetUpWeightAndBias(*this, weight_shape, N_, bias_term_, p.weight_filler(), p.bias_filler());
}

void InnerProductLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int axis = bottom[0]->CanonicalAxisIndex(layer_param_.inner_product_param().axis());
  const int new_K = bottom[0]->count(axis);
  Require<ShapeError>(new_K == K_, type(), " layer '", name(),
                      "': input size incompatible with inner product parameters: K = ", new_K, " (bottom ",
                      bottom[0]->shape_string(), "), weights expect ", K_);
  M_ = bottom[0]->count(0, axis);
  std::vector<int> top_shape(bottom[0]->shape().begin(), bottom[0]->shape().begin() + axis);
  top_shape.push_back(N_);
  top[0]->Reshape(top_shape);
  if (M_ != built_M_ && M_ > 0) BuildForward();
}

dnnl::inner_product_forward::primitive_desc InnerProductLayer::MakeForwardPd(prop_kind prop,
                                                                             const dnnl::memory::desc& weights,
                                                                             bool with_relu) const {
  dnnl::primitive_attr attr;
  if (with_relu) {
    dnnl::post_ops ops;
    ops.append_eltwise(1.f, dnnl::algorithm::eltwise_relu, relu_slope_, 0.f);
    attr.set_post_ops(ops);
  }
  if (bias_term_)
    return dnnl::inner_product_forward::primitive_desc({prop, src_md_, weights, bias_md_, dst_md_}, attr,
                                                       DnnlEngine());
  return dnnl::inner_product_forward::primitive_desc({prop, src_md_, weights, dst_md_}, attr, DnnlEngine());
}

void InnerProductLayer::BuildForward() {
  const dnnl::engine& eng = DnnlEngine();
  src_md_ = dnnl::memory::desc({M_, K_}, dt::f32, tag::ab);
  dst_md_ = dnnl::memory::desc({M_, N_}, dt::f32, tag::ab);
  weights_md_ = dnnl::memory::desc({N_, K_}, dt::f32, transpose_ ? tag::ba : tag::ab);
  bias_md_ = dnnl::memory::desc({N_}, dt::f32, tag::a);
  const prop_kind prop = phase_ == caffe::TRAIN ? prop_kind::forward_training : prop_kind::forward_inference;
  try {
    try {
      fwd_pd_ = MakeForwardPd(prop, weights_md_, fused_relu_);  // plain weights: no reorder per iteration
    } catch (const dnnl::error&) {
      fwd_pd_ = MakeForwardPd(prop, dnnl::memory::desc({N_, K_}, dt::f32, tag::any), fused_relu_);
    }
    fwd_ = dnnl::inner_product_forward(fwd_pd_);
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN inner product setup failed: ", e.what());
  }
  weights_t_.Init(weights_md_, fwd_pd_.weights_desc());
  src_mem_ = dnnl::memory(src_md_, eng, DNNL_MEMORY_NONE);
  dst_mem_ = dnnl::memory(dst_md_, eng, DNNL_MEMORY_NONE);
  bias_mem_ = dnnl::memory(bias_md_, eng, DNNL_MEMORY_NONE);
  diff_src_mem_ = dnnl::memory(src_md_, eng, DNNL_MEMORY_NONE);
  diff_dst_mem_ = dnnl::memory(dst_md_, eng, DNNL_MEMORY_NONE);
  diff_bias_mem_ = dnnl::memory(bias_md_, eng, DNNL_MEMORY_NONE);
  bwd_data_built_ = bwd_weights_built_ = false;
  built_M_ = M_;
}

bool InnerProductLayer::FuseReLU(float negative_slope) {
  if (!GetEngineOptions().fuse_relu) return false;
  fused_relu_ = true;
  relu_slope_ = negative_slope;
  if (built_M_ > 0) BuildForward();
  return true;
}

dnnl::inner_product_forward::primitive_desc InnerProductLayer::TrainingHint() {
  // Backward pds take a forward_training pd without post-ops as hint.
  if (phase_ == caffe::TRAIN && !fused_relu_) return fwd_pd_;
  return MakeForwardPd(prop_kind::forward_training, fwd_pd_.weights_desc(), false);
}

void InnerProductLayer::BuildBackwardData() {
  try {
    const auto hint = TrainingHint();
    dnnl::inner_product_backward_data::primitive_desc pd;
    try {
      pd = dnnl::inner_product_backward_data::primitive_desc({src_md_, weights_md_, dst_md_}, DnnlEngine(), hint);
    } catch (const dnnl::error&) {
      pd = dnnl::inner_product_backward_data::primitive_desc(
          {src_md_, dnnl::memory::desc({N_, K_}, dt::f32, tag::any), dst_md_}, DnnlEngine(), hint);
    }
    bwd_data_ = dnnl::inner_product_backward_data(pd);
    bwd_weights_t_.Init(weights_md_, pd.weights_desc());
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN inner product backward-data setup failed: ", e.what());
  }
  bwd_data_built_ = true;
}

void InnerProductLayer::BuildBackwardWeights() {
  try {
    const auto hint = TrainingHint();
    auto make = [&](const dnnl::memory::desc& wmd) {
      return bias_term_ ? dnnl::inner_product_backward_weights::primitive_desc({src_md_, wmd, bias_md_, dst_md_},
                                                                               DnnlEngine(), hint)
                        : dnnl::inner_product_backward_weights::primitive_desc({src_md_, wmd, dst_md_}, DnnlEngine(),
                                                                               hint);
    };
    dnnl::inner_product_backward_weights::primitive_desc pd;
    try {
      pd = make(weights_md_);
    } catch (const dnnl::error&) {
      pd = make(dnnl::memory::desc({N_, K_}, dt::f32, tag::any));
    }
    bwd_weights_ = dnnl::inner_product_backward_weights(pd);
    diff_weights_t_.Init(weights_md_, pd.diff_weights_desc());
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN inner product backward-weights setup failed: ", e.what());
  }
  bwd_weights_built_ = true;
}

void InnerProductLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  if (bottom[0]->count() != M_ * K_ || top[0]->count() != M_ * N_) Reshape(bottom, top);  // Caffe reshapes on every Forward
  if (M_ == 0) return;
  dnnl::stream& s = DnnlStream();
  src_mem_.set_data_handle(const_cast<float*>(bottom[0]->cpu_data()));
  dst_mem_.set_data_handle(top[0]->mutable_cpu_data());
  std::unordered_map<int, dnnl::memory> args{{DNNL_ARG_SRC, src_mem_},
                                             {DNNL_ARG_WEIGHTS, weights_t_.In(blobs_[0]->cpu_data(), s)},
                                             {DNNL_ARG_DST, dst_mem_}};
  if (bias_term_) {
    bias_mem_.set_data_handle(const_cast<float*>(blobs_[1]->cpu_data()));
    args[DNNL_ARG_BIAS] = bias_mem_;
  }
  fwd_.execute(s, args);
  s.wait();
}

void InnerProductLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                     const std::vector<Blob*>& bottom) {
  if (M_ == 0) return;
  dnnl::stream& s = DnnlStream();
  diff_dst_mem_.set_data_handle(const_cast<float*>(top[0]->cpu_diff()));
  const bool want_w = param_propagate_down(0);
  const bool want_b = bias_term_ && param_propagate_down(1);
  if (want_w || want_b) {
    if (!bwd_weights_built_) BuildBackwardWeights();
    // oneDNN overwrites its outputs; Caffe accumulates param diffs: compute into scratch and add.
    float* w_scratch = weights_scratch_.Get(blobs_[0]->count());
    float* b_scratch = bias_term_ ? bias_scratch_.Get(N_) : nullptr;
    src_mem_.set_data_handle(const_cast<float*>(bottom[0]->cpu_data()));
    std::unordered_map<int, dnnl::memory> args{{DNNL_ARG_SRC, src_mem_},
                                               {DNNL_ARG_DIFF_DST, diff_dst_mem_},
                                               {DNNL_ARG_DIFF_WEIGHTS, diff_weights_t_.Out(w_scratch)}};
    if (bias_term_) {
      diff_bias_mem_.set_data_handle(b_scratch);
      args[DNNL_ARG_DIFF_BIAS] = diff_bias_mem_;
    }
    bwd_weights_.execute(s, args);
    diff_weights_t_.Commit(w_scratch, s);
    s.wait();
    if (want_w) AddTo(blobs_[0]->mutable_cpu_diff(), w_scratch, blobs_[0]->count());
    if (want_b) AddTo(blobs_[1]->mutable_cpu_diff(), b_scratch, N_);
  }
  if (propagate_down[0]) {
    if (!bwd_data_built_) BuildBackwardData();
    diff_src_mem_.set_data_handle(bottom[0]->mutable_cpu_diff());
    bwd_data_.execute(s, {{DNNL_ARG_DIFF_DST, diff_dst_mem_},
                          {DNNL_ARG_WEIGHTS, bwd_weights_t_.In(blobs_[0]->cpu_data(), s)},
                          {DNNL_ARG_DIFF_SRC, diff_src_mem_}});
    s.wait();
  }
}

}  // namespace crema
