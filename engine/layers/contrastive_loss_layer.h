// ContrastiveLoss for Siamese nets (Hadsell, Chopra & LeCun 2006;
// Caffe src/caffe/layers/contrastive_loss_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Bottoms: a (N, C, 1, 1), b (N, C, 1, 1), y (N, 1, 1, 1) similarity (int 1 = similar).
/// d_n = ||a_n - b_n||. L = 1/(2N) sum [ y d^2 + (1 - y) max(margin - d, 0)^2 ],
/// or with legacy_version max(margin - d^2, 0) for dissimilar pairs.
/// Gradients go to a and b (+ and -); the label y gets none (force_backward refused).
/// The non-legacy dissimilar gradient divides by (d + 1e-4), as Caffe does.
class ContrastiveLossLayer : public LossLayer {
 public:
  using LossLayer::LossLayer;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "ContrastiveLoss"; }
  int ExactNumBottomBlobs() const override { return 3; }
  bool AllowForceBackward(int bottom_index) const override { return bottom_index != 2; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  Blob diff_, dist_sq_;
};

}  // namespace crema
