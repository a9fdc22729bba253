#include "layers/softmax_layer.h"

#include "dnnl/dnnl_context.h"

namespace crema {

using dnnl::prop_kind;

void SoftmaxLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  top[0]->ReshapeLike(*bottom[0]);
  const int axis = bottom[0]->CanonicalAxisIndex(layer_param_.softmax_param().axis());
  const int outer = bottom[0]->count(0, axis);
  const int channels = bottom[0]->shape(axis);
  const int inner = bottom[0]->count(axis + 1);
  if (outer == outer_ && channels == channels_ && inner == inner_) return;
  outer_ = outer;
  channels_ = channels;
  inner_ = inner;
  if (bottom[0]->count() == 0) return;
  using tag = dnnl::memory::format_tag;
  desc_ = inner == 1 ? dnnl::memory::desc({outer, channels}, dnnl::memory::data_type::f32, tag::ab)
                     : dnnl::memory::desc({outer, channels, inner}, dnnl::memory::data_type::f32, tag::abc);
  try {
    const prop_kind prop = phase_ == caffe::TRAIN ? prop_kind::forward_training : prop_kind::forward_inference;
    fwd_pd_ = dnnl::softmax_forward::primitive_desc({prop, desc_, 1}, DnnlEngine());
    fwd_ = dnnl::softmax_forward(fwd_pd_);
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN softmax setup failed: ", e.what());
  }
  const dnnl::engine& eng = DnnlEngine();
  src_ = dnnl::memory(desc_, eng, DNNL_MEMORY_NONE);
  dst_ = dnnl::memory(desc_, eng, DNNL_MEMORY_NONE);
  diff_src_ = dnnl::memory(desc_, eng, DNNL_MEMORY_NONE);
  diff_dst_ = dnnl::memory(desc_, eng, DNNL_MEMORY_NONE);
  bwd_built_ = false;
}

void SoftmaxLayer::BuildBackward() {
  try {
    dnnl::softmax_forward::primitive_desc hint = fwd_pd_;
    if (phase_ != caffe::TRAIN)
      hint = dnnl::softmax_forward::primitive_desc({prop_kind::forward_training, desc_, 1}, DnnlEngine());
    dnnl::softmax_backward::primitive_desc pd({desc_, desc_, 1}, DnnlEngine(), hint);
    bwd_ = dnnl::softmax_backward(pd);
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN softmax backward setup failed: ", e.what());
  }
  bwd_built_ = true;
}

void SoftmaxLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  if (bottom[0]->shape() != top[0]->shape() || bottom[0]->count() != outer_ * channels_ * inner_)
    Reshape(bottom, top);  // Caffe reshapes on every Forward
  if (bottom[0]->count() == 0) return;
  src_.set_data_handle(const_cast<float*>(bottom[0]->cpu_data()));
  dst_.set_data_handle(top[0]->mutable_cpu_data());
  dnnl::stream& s = DnnlStream();
  fwd_.execute(s, {{DNNL_ARG_SRC, src_}, {DNNL_ARG_DST, dst_}});
  s.wait();
}

void SoftmaxLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                const std::vector<Blob*>& bottom) {
  if (!propagate_down[0] || bottom[0]->count() == 0) return;
  if (!bwd_built_) BuildBackward();
  dst_.set_data_handle(const_cast<float*>(top[0]->cpu_data()));
  diff_dst_.set_data_handle(const_cast<float*>(top[0]->cpu_diff()));
  diff_src_.set_data_handle(bottom[0]->mutable_cpu_diff());
  dnnl::stream& s = DnnlStream();
  bwd_.execute(s, {{DNNL_ARG_DST, dst_}, {DNNL_ARG_DIFF_DST, diff_dst_}, {DNNL_ARG_DIFF_SRC, diff_src_}});
  s.wait();
}

}  // namespace crema
