// SoftmaxWithLoss: multinomial logistic loss of a softmax (Caffe softmax_loss_layer.cpp).
// Bottoms: scores (N, C, ...) with the class axis at softmax_param.axis (default 1), and
// labels with count outer*inner (outer = count(0, axis), inner = count(axis + 1)); labels
// are read by truncating float to int (2.9 -> 2).
//   loss = -sum_{valid} log(max(p[label], FLT_MIN)) / max(1, normalizer)
// normalizer (loss_param.normalization): FULL = outer*inner, VALID (default) = number of
// positions whose label != ignore_label, BATCH_SIZE = outer, NONE = 1. When only the legacy
// `normalize` is given: true -> VALID, false -> BATCH_SIZE.
// Backward: d scores = (p - onehot(label)) * loss_weight / normalizer, 0 at ignored positions;
// loss_weight is read from top[0]'s diff (set by Layer::SetLossWeights / the Net).
// Tops: loss (scalar), optional second top = the softmax probabilities. Deliberate difference:
// with two tops and no loss_weight this layer weighs them (1, 0) and the internal Softmax
// never inherits loss weights, so (loss, prob) works (Caffe fails a CHECK, issue #2968).
// Errors: ConfigError on a label/prediction count mismatch or on a request to backpropagate
// into the labels; DataError on a label outside [0, C) that is not ignore_label.
#pragma once

#include <memory>

#include "layer.h"
#include "layers/softmax_layer.h"

namespace crema {

class SoftmaxWithLossLayer : public LossLayer {
 public:
  explicit SoftmaxWithLossLayer(const caffe::LayerParameter& param) : LossLayer(param) {}
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "SoftmaxWithLoss"; }
  int ExactNumTopBlobs() const override { return -1; }
  int MinTopBlobs() const override { return 1; }
  int MaxTopBlobs() const override { return 2; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  /// max(1, normalizer) for the configured mode; valid_count < 0 means "no ignore label".
  float Normalizer(int valid_count) const;
  int LabelAt(const float* label, int index) const;

  std::unique_ptr<SoftmaxLayer> softmax_;
  Blob prob_;
  std::vector<Blob*> softmax_bottom_, softmax_top_;
  caffe::LossParameter::NormalizationMode normalization_ = caffe::LossParameter::VALID;
  bool has_ignore_label_ = false;
  int ignore_label_ = 0;
  int axis_ = 1, outer_ = 0, inner_ = 0, channels_ = 0;
};

}  // namespace crema
