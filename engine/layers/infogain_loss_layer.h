// InfogainLoss: softmax cross-entropy weighted by an information-gain matrix H
// (Caffe master src/caffe/layers/infogain_loss_layer.cpp, which applies the
// softmax internally).
#pragma once

#include "layer.h"

namespace crema {

/// Bottom 0: scores (class axis infogain_loss_param.axis, default 1), outer =
/// count(0, axis), inner = count(axis + 1), K classes. Bottom 1: labels
/// (outer * inner, read as int). H (K x K) is bottom 2 if given, else loaded
/// from infogain_loss_param.source (a binary BlobProto; ConfigError if missing).
/// p = softmax(x) along the axis; L = -sum_valid sum_k H[label, k] log(max(p_k, 1e-20)) / normalizer,
/// skipping ignore_label positions; normalization as SoftmaxWithLoss (default
/// VALID; the legacy `normalize` field is refused, as in Caffe master).
/// Gradient: (p_k * sum_j H[label, j] - H[label, k]) * loss_weight / normalizer.
/// Optional top 1: the probabilities. Labels and H get no gradient (ConfigError if asked).
class InfogainLossLayer : public LossLayer {
 public:
  using LossLayer::LossLayer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "InfogainLoss"; }
  int ExactNumBottomBlobs() const override { return -1; }
  int MinBottomBlobs() const override { return 2; }
  int MaxBottomBlobs() const override { return 3; }
  int ExactNumTopBlobs() const override { return -1; }
  int MinTopBlobs() const override { return 1; }
  int MaxTopBlobs() const override { return 2; }
  bool AllowForceBackward(int bottom_index) const override { return bottom_index == 0; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  float Normalizer(int valid_count) const;
  const float* Infogain(const std::vector<Blob*>& bottom) const;
  caffe::LossParameter::NormalizationMode normalization_ = caffe::LossParameter::VALID;
  bool has_ignore_label_ = false;
  int ignore_label_ = 0;
  int axis_ = 1, outer_num_ = 0, inner_num_ = 0, num_labels_ = 0;
  Blob infogain_, prob_;
};

}  // namespace crema
