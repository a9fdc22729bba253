// SigmoidCrossEntropyLoss: cross-entropy of sigmoid(x) against targets in [0, 1]
// (Caffe src/caffe/layers/sigmoid_cross_entropy_loss_layer.cpp).
#pragma once

#include <vector>

#include "layer.h"

namespace crema {

/// Bottom 0: logits x (N, ...); bottom 1: targets t with the same count.
/// L = -sum_i [x_i (t_i - (x_i >= 0)) - log(1 + exp(x_i - 2 x_i (x_i >= 0)))] / normalizer
/// (the numerically stable form), skipping positions whose (int) target equals
/// loss_param.ignore_label. Normalizer (then max(1, .)): FULL = count, VALID =
/// non-ignored count, BATCH_SIZE = N, NONE = 1; default BATCH_SIZE (legacy
/// normalize: true -> VALID, false -> BATCH_SIZE), unlike SoftmaxWithLoss.
/// Gradient: (sigmoid(x) - t) * loss_weight / normalizer; 0 at ignored positions.
/// Backpropagating into the targets throws ConfigError.
class SigmoidCrossEntropyLossLayer : public LossLayer {
 public:
  using LossLayer::LossLayer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "SigmoidCrossEntropyLoss"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  float Normalizer(int valid_count) const;
  caffe::LossParameter::NormalizationMode normalization_ = caffe::LossParameter::BATCH_SIZE;
  bool has_ignore_label_ = false;
  int ignore_label_ = 0;
  int outer_num_ = 0, inner_num_ = 0;
  float normalizer_ = 1.f;
  Blob sigmoid_output_;
};

}  // namespace crema
