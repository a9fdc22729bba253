// Eltwise: element-wise PROD, SUM (with coefficients) or MAX of two or more
// same-shaped bottoms (Caffe src/caffe/layers/eltwise_layer.cpp).
#pragma once

#include <vector>

#include "layer.h"

namespace crema {

/// SUM: y = sum_i coeff_i * x_i (coeff one per bottom, default 1).
/// PROD: y = prod_i x_i; the gradient for x_i is the product of the others
/// (stable_prod_grad, default) or y / x_i.
/// MAX: y = max_i x_i; ties between bottoms 0 and 1 go to bottom 1, later
/// bottoms win only when strictly larger; the gradient goes to the winner.
/// Throws ConfigError on shape mismatch or coefficients with PROD (MAX ignores them).
class EltwiseLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Eltwise"; }
  int MinBottomBlobs() const override { return 2; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  caffe::EltwiseParameter::EltwiseOp op_ = caffe::EltwiseParameter::SUM;
  std::vector<float> coeffs_;
  std::vector<int> max_idx_;
  bool stable_prod_grad_ = true;
};

}  // namespace crema
