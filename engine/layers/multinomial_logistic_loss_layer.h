// MultinomialLogisticLoss: -log p[label] on probabilities (apply Softmax first)
// (Caffe src/caffe/layers/multinomial_logistic_loss_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Bottom 0: probabilities (N, D...); bottom 1: labels (N, 1, 1, 1), read as int.
/// L = -sum_n log(max(p[n, label_n], 1e-20)) / N.
/// Gradient: -loss_weight / N / max(p, 1e-20) at the label entry, 0 elsewhere.
/// Backpropagating into the labels throws ConfigError.
class MultinomialLogisticLossLayer : public LossLayer {
 public:
  using LossLayer::LossLayer;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "MultinomialLogisticLoss"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;
};

}  // namespace crema
