// Softmax over softmax_param.axis (default 1) (Caffe softmax_layer.cpp):
//   y_i = exp(x_i - max_j x_j) / sum_j exp(x_j - max_j x_j)
// for every (outer, inner) position, outer = count(0, axis), inner = count(axis + 1).
// Backward: dx = (dy - sum_j dy_j * y_j) * y.
// Runs on oneDNN softmax (softmax_accurate is the same max-subtracting formula) over the
// blob viewed as a plain 3-D tensor [outer, C, inner] (2-D [outer, C] when inner == 1).
// In-place capable. Throws ShapeError when axis is out of range.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include "layer.h"

namespace crema {

class SoftmaxLayer : public Layer {
 public:
  explicit SoftmaxLayer(const caffe::LayerParameter& param) : Layer(param) {}
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Softmax"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  void BuildBackward();

  int outer_ = -1, channels_ = -1, inner_ = -1;
  dnnl::memory::desc desc_;
  dnnl::softmax_forward::primitive_desc fwd_pd_;
  dnnl::softmax_forward fwd_;
  bool bwd_built_ = false;
  dnnl::softmax_backward bwd_;
  dnnl::memory src_, dst_, diff_src_, diff_dst_;
};

}  // namespace crema
