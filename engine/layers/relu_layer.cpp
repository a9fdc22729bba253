#include "layers/relu_layer.h"

#include <algorithm>

#include "dnnl/dnnl_context.h"

namespace crema {

using dnnl::algorithm;
using dnnl::prop_kind;

void ReLULayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  NeuronLayer::Reshape(bottom, top);
  const int count = bottom[0]->count();
  if (count == built_count_) return;
  const float alpha = layer_param_.relu_param().negative_slope();
  desc_ = dnnl::memory::desc({std::max(count, 1)}, dnnl::memory::data_type::f32, dnnl::memory::format_tag::a);
  try {
    const prop_kind prop = phase_ == caffe::TRAIN ? prop_kind::forward_training : prop_kind::forward_inference;
    fwd_pd_ = dnnl::eltwise_forward::primitive_desc({prop, algorithm::eltwise_relu, desc_, alpha, 0.f}, DnnlEngine());
    fwd_ = dnnl::eltwise_forward(fwd_pd_);
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN eltwise setup failed: ", e.what());
  }
  const dnnl::engine& eng = DnnlEngine();
  src_ = dnnl::memory(desc_, eng, DNNL_MEMORY_NONE);
  dst_ = dnnl::memory(desc_, eng, DNNL_MEMORY_NONE);
  diff_src_ = dnnl::memory(desc_, eng, DNNL_MEMORY_NONE);
  diff_dst_ = dnnl::memory(desc_, eng, DNNL_MEMORY_NONE);
  bwd_built_ = false;
  built_count_ = count;
}

void ReLULayer::BuildBackward() {
  const float alpha = layer_param_.relu_param().negative_slope();
  try {
    // The backward pd needs a training forward pd as hint; in TEST the forward is inference-only.
    dnnl::eltwise_forward::primitive_desc hint = fwd_pd_;
    if (phase_ != caffe::TRAIN)
      hint = dnnl::eltwise_forward::primitive_desc(
          {prop_kind::forward_training, algorithm::eltwise_relu, desc_, alpha, 0.f}, DnnlEngine());
    dnnl::eltwise_backward::primitive_desc pd({algorithm::eltwise_relu, desc_, desc_, alpha, 0.f}, DnnlEngine(), hint);
    bwd_ = dnnl::eltwise_backward(pd);
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN eltwise backward setup failed: ", e.what());
  }
  bwd_built_ = true;
}

void ReLULayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  // Caffe reshapes on every Forward; the primitives must match the current size.
  if (bottom[0]->count() != built_count_ || top[0]->count() != bottom[0]->count()) Reshape(bottom, top);
  if (bottom[0]->count() == 0) return;
  src_.set_data_handle(const_cast<float*>(bottom[0]->cpu_data()));
  dst_.set_data_handle(top[0]->mutable_cpu_data());
  dnnl::stream& s = DnnlStream();
  fwd_.execute(s, {{DNNL_ARG_SRC, src_}, {DNNL_ARG_DST, dst_}});
  s.wait();
}

void ReLULayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                             const std::vector<Blob*>& bottom) {
  if (!propagate_down[0] || bottom[0]->count() == 0) return;
  if (!bwd_built_) BuildBackward();
  src_.set_data_handle(const_cast<float*>(bottom[0]->cpu_data()));
  diff_dst_.set_data_handle(const_cast<float*>(top[0]->cpu_diff()));
  diff_src_.set_data_handle(bottom[0]->mutable_cpu_diff());
  dnnl::stream& s = DnnlStream();
  bwd_.execute(s, {{DNNL_ARG_SRC, src_}, {DNNL_ARG_DIFF_DST, diff_dst_}, {DNNL_ARG_DIFF_SRC, diff_src_}});
  s.wait();
}

}  // namespace crema
