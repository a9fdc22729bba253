// InnerProduct (fully connected): y = x W^T + b (Caffe inner_product_layer.cpp).
// bottom: any shape; it is viewed as [M, K] with M = count(0, axis), K = count(axis)
// (inner_product_param.axis, default 1; (N,50,4,4) flattens in C,H,W order to K = 800).
// top: bottom.shape[0:axis] + [num_output].
// Params: W [num_output, K] ([K, num_output] when transpose: true), b [num_output] if
// bias_term (default true). Fillers default to constant 0. Param diffs ACCUMULATE.
// Runs on oneDNN inner_product (forward, backward_data, backward_weights) over the plain
// [M, K] view; W is handed over in its plain layout (oi, or io when transposed) when the
// implementation accepts it, else reordered into the layout oneDNN chose. A bottom whose
// newest values are in a oneDNN private layout (e.g. nhwc from a Pooling) is converted to
// plain on read (Blob::cpu_data). An in-place ReLU that directly follows can be fused
// (FuseReLU: oneDNN eltwise post-op); the top then holds exactly what the ReLU writes.
// Errors: ConfigError (bad num_output, wrong blob count), ShapeError (K differs from the
// weights', loaded weights of another shape).
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include "dnnl/dnnl_tensor.h"
#include "layer.h"

namespace crema {

class InnerProductLayer : public Layer {
 public:
  explicit InnerProductLayer(const caffe::LayerParameter& param) : Layer(param) {}
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "InnerProduct"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }
  /// Applies the following in-place ReLU as a post-op.
  bool FuseReLU(float negative_slope) override;
  bool relu_fused() const { return fused_relu_; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  void BuildForward();
  void BuildBackwardData();
  void BuildBackwardWeights();
  dnnl::inner_product_forward::primitive_desc TrainingHint();
  dnnl::inner_product_forward::primitive_desc MakeForwardPd(dnnl::prop_kind prop, const dnnl::memory::desc& weights,
                                                            bool with_relu) const;

  int M_ = 0, K_ = 0, N_ = 0;
  bool bias_term_ = true;
  bool transpose_ = false;
  bool fused_relu_ = false;
  float relu_slope_ = 0.f;
  int built_M_ = -1;

  dnnl::memory::desc src_md_, dst_md_, weights_md_, bias_md_;
  dnnl::inner_product_forward::primitive_desc fwd_pd_;
  dnnl::inner_product_forward fwd_;
  dnnl::memory src_mem_, dst_mem_, bias_mem_;
  DnnlTensor weights_t_;

  bool bwd_data_built_ = false;
  dnnl::inner_product_backward_data bwd_data_;
  dnnl::memory diff_src_mem_, diff_dst_mem_;
  DnnlTensor bwd_weights_t_;

  bool bwd_weights_built_ = false;
  dnnl::inner_product_backward_weights bwd_weights_;
  DnnlTensor diff_weights_t_;
  dnnl::memory diff_bias_mem_;
  ScratchBuffer weights_scratch_, bias_scratch_;
};

}  // namespace crema
