// ReLU: y = max(x, 0) + negative_slope * min(x, 0)  (Caffe relu_layer.cpp; Nair & Hinton 2010,
// leaky variant Maas et al. 2013). Any shape; top has the bottom's shape. In-place capable
// (bottom[0] == top[0]).
// Backward: dx = dy * (x > 0 ? 1 : negative_slope) -- the gradient at exactly 0 is
// negative_slope (0 for the plain ReLU), as in Caffe.
// Runs on oneDNN eltwise_relu (alpha = negative_slope), which has the same forward and
// backward formulas (including x == 0). The blob is treated as a 1-D tensor of count().
// With in-place use the backward reads the top data in place of x; the sign of y equals
// the sign of x for negative_slope >= 0, so the result is the same (as in Caffe).
// In place on a blob whose newest values are a oneDNN private copy (e.g. after a Pooling
// in nChw16c), the ReLU runs on that copy (an element-wise op does not care about the
// layout; blocked padding holds zeros, which stay zero) instead of converting to plain.
// When fused (set_fused, by FuseInPlaceReLUs) the producing Convolution/InnerProduct already
// applied it: Forward does nothing, Backward is unchanged.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include "layer.h"

namespace crema {

class ReLULayer : public NeuronLayer {
 public:
  explicit ReLULayer(const caffe::LayerParameter& param) : NeuronLayer(param) {}
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "ReLU"; }
  /// The layer before applies this ReLU as a post-op (in-place use only).
  void set_fused(bool fused) { fused_ = fused; }
  bool fused() const { return fused_; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  /// Element-wise primitives over `count` floats.
  struct Prims {
    int count = -1;
    dnnl::memory::desc desc;
    dnnl::eltwise_forward::primitive_desc fwd_pd;
    dnnl::eltwise_forward fwd;
    bool bwd_built = false;
    dnnl::eltwise_backward bwd;
    dnnl::memory data, diff;  // handles attached per use (private copies)
  };
  void Build(Prims* p, int count);
  void BuildBackward(Prims* p);

  bool fused_ = false;
  int built_count_ = -1;
  Prims plain_;    // over the blob's count
  Prims private_;  // over a private layout's padded size
  dnnl::memory src_, dst_, diff_src_, diff_dst_;
};

}  // namespace crema
