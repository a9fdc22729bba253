#include "layers/relu_layer.h"

#include <algorithm>

#include "dnnl/dnnl_context.h"
#include "dnnl/dnnl_tensor.h"

namespace crema {

using dnnl::algorithm;
using dnnl::prop_kind;

void ReLULayer::Build(Prims* p, int count) {
  const float alpha = layer_param_.relu_param().negative_slope();
  p->desc = dnnl::memory::desc({std::max(count, 1)}, dnnl::memory::data_type::f32, dnnl::memory::format_tag::a);
  try {
    const prop_kind prop = phase_ == caffe::TRAIN ? prop_kind::forward_training : prop_kind::forward_inference;
    p->fwd_pd = dnnl::eltwise_forward::primitive_desc({prop, algorithm::eltwise_relu, p->desc, alpha, 0.f}, DnnlEngine());
    p->fwd = dnnl::eltwise_forward(p->fwd_pd);
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN eltwise setup failed: ", e.what());
  }
  p->data = dnnl::memory(p->desc, DnnlEngine(), DNNL_MEMORY_NONE);
  p->diff = dnnl::memory(p->desc, DnnlEngine(), DNNL_MEMORY_NONE);
  p->bwd_built = false;
  p->count = count;
}

void ReLULayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  NeuronLayer::Reshape(bottom, top);
  const int count = bottom[0]->count();
  if (count == built_count_) return;
  Build(&plain_, count);
  const dnnl::engine& eng = DnnlEngine();
  src_ = dnnl::memory(plain_.desc, eng, DNNL_MEMORY_NONE);
  dst_ = dnnl::memory(plain_.desc, eng, DNNL_MEMORY_NONE);
  diff_src_ = dnnl::memory(plain_.desc, eng, DNNL_MEMORY_NONE);
  diff_dst_ = dnnl::memory(plain_.desc, eng, DNNL_MEMORY_NONE);
  built_count_ = count;
}

void ReLULayer::BuildBackward(Prims* p) {
  const float alpha = layer_param_.relu_param().negative_slope();
  try {
    // The backward pd needs a training forward pd as hint; in TEST the forward is inference-only.
    dnnl::eltwise_forward::primitive_desc hint = p->fwd_pd;
    if (phase_ != caffe::TRAIN)
      hint = dnnl::eltwise_forward::primitive_desc(
          {prop_kind::forward_training, algorithm::eltwise_relu, p->desc, alpha, 0.f}, DnnlEngine());
    dnnl::eltwise_backward::primitive_desc pd({algorithm::eltwise_relu, p->desc, p->desc, alpha, 0.f}, DnnlEngine(),
                                              hint);
    p->bwd = dnnl::eltwise_backward(pd);
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN eltwise backward setup failed: ", e.what());
  }
  p->bwd_built = true;
}

void ReLULayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  // Caffe reshapes on every Forward; the primitives must match the current size.
  if (bottom[0]->count() != built_count_ || top[0]->count() != bottom[0]->count()) Reshape(bottom, top);
  if (fused_ || bottom[0]->count() == 0) return;
  dnnl::stream& s = DnnlStream();
  if (bottom[0] == top[0] && GetEngineOptions().private_layouts) {
    if (const DnnlPrivate* p = PrivateOf(*bottom[0], false)) {
      const int size = static_cast<int>(p->desc().get_size() / sizeof(float));
      if (private_.count != size) Build(&private_, size);
      private_.data.set_data_handle(p->memory().get_data_handle());
      private_.fwd.execute(s, {{DNNL_ARG_SRC, private_.data}, {DNNL_ARG_DST, private_.data}});
      s.wait();
      top[0]->private_data_written();
      return;
    }
  }
  src_.set_data_handle(const_cast<float*>(bottom[0]->cpu_data()));
  dst_.set_data_handle(top[0]->mutable_cpu_data());
  plain_.fwd.execute(s, {{DNNL_ARG_SRC, src_}, {DNNL_ARG_DST, dst_}});
  s.wait();
}

void ReLULayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                             const std::vector<Blob*>& bottom) {
  if (!propagate_down[0] || bottom[0]->count() == 0) return;
  dnnl::stream& s = DnnlStream();
  if (bottom[0] == top[0] && GetEngineOptions().private_layouts) {
    const DnnlPrivate* data = PrivateOf(*bottom[0], false);
    const DnnlPrivate* diff = PrivateOf(*top[0], true);
    if (data && diff && data->desc() == diff->desc()) {
      const int size = static_cast<int>(data->desc().get_size() / sizeof(float));
      if (private_.count != size) Build(&private_, size);
      if (!private_.bwd_built) BuildBackward(&private_);
      private_.data.set_data_handle(data->memory().get_data_handle());
      private_.diff.set_data_handle(diff->memory().get_data_handle());
      private_.bwd.execute(s, {{DNNL_ARG_SRC, private_.data},
                               {DNNL_ARG_DIFF_DST, private_.diff},
                               {DNNL_ARG_DIFF_SRC, private_.diff}});
      s.wait();
      bottom[0]->private_diff_written();
      return;
    }
  }
  if (!plain_.bwd_built) BuildBackward(&plain_);
  src_.set_data_handle(const_cast<float*>(bottom[0]->cpu_data()));
  diff_dst_.set_data_handle(const_cast<float*>(top[0]->cpu_diff()));
  diff_src_.set_data_handle(bottom[0]->mutable_cpu_diff());
  plain_.bwd.execute(s, {{DNNL_ARG_SRC, src_}, {DNNL_ARG_DIFF_DST, diff_dst_}, {DNNL_ARG_DIFF_SRC, diff_src_}});
  s.wait();
}

}  // namespace crema
