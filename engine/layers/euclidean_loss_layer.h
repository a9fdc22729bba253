// EuclideanLoss: L = 1/(2N) * sum ||a_n - b_n||^2 (Caffe src/caffe/layers/euclidean_loss_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Bottoms (N, ...) with equal count(1); top is a scalar. Unlike most losses
/// both inputs get gradients: +-loss_weight/N * (a - b) (force_backward allowed on both).
class EuclideanLossLayer : public LossLayer {
 public:
  using LossLayer::LossLayer;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "EuclideanLoss"; }
  bool AllowForceBackward(int bottom_index) const override { return true; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  Blob diff_;
};

}  // namespace crema
