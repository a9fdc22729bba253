#include "layers/sigmoid_cross_entropy_loss_layer.h"

#include <algorithm>
#include <cmath>

namespace crema {

void SigmoidCrossEntropyLossLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  LossLayer::LayerSetUp(bottom, top);
  const auto& lp = layer_param_.loss_param();
  has_ignore_label_ = lp.has_ignore_label();
  if (has_ignore_label_) ignore_label_ = lp.ignore_label();
  if (lp.has_normalization()) {
    normalization_ = lp.normalization();
  } else if (lp.has_normalize()) {
    normalization_ = lp.normalize() ? caffe::LossParameter::VALID : caffe::LossParameter::BATCH_SIZE;
  } else {
    normalization_ = caffe::LossParameter::BATCH_SIZE;
  }
}

void SigmoidCrossEntropyLossLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  LossLayer::Reshape(bottom, top);
  outer_num_ = bottom[0]->shape(0);
  inner_num_ = bottom[0]->count(1);
  Check(bottom[0]->count() == bottom[1]->count(), "inputs must have the same count (", bottom[0]->shape_string(),
        " vs ", bottom[1]->shape_string(), ")");
  sigmoid_output_.ReshapeLike(*bottom[0]);
}

float SigmoidCrossEntropyLossLayer::Normalizer(int valid_count) const {
  return GetNormalizer(normalization_, outer_num_, inner_num_, valid_count);
}

void SigmoidCrossEntropyLossLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int count = bottom[0]->count();
  const float* x = bottom[0]->cpu_data();
  const float* t = bottom[1]->cpu_data();
  float* s = sigmoid_output_.mutable_cpu_data();
  for (int i = 0; i < count; ++i) s[i] = 0.5f * std::tanh(0.5f * x[i]) + 0.5f;
  double loss = 0;
  int valid = 0;
  for (int i = 0; i < count; ++i) {
    if (has_ignore_label_ && static_cast<int>(t[i]) == ignore_label_) continue;
    const float pos = x[i] >= 0.f ? 1.f : 0.f;
    loss -= x[i] * (t[i] - pos) - std::log(1.f + std::exp(x[i] - 2.f * x[i] * pos));
    ++valid;
  }
  normalizer_ = Normalizer(valid);
  top[0]->mutable_cpu_data()[0] = static_cast<float>(loss / normalizer_);
}

void SigmoidCrossEntropyLossLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                                const std::vector<Blob*>& bottom) {
  Check(!propagate_down[1], "cannot backpropagate to label inputs");
  if (!propagate_down[0]) return;
  const int count = bottom[0]->count();
  const float* s = sigmoid_output_.cpu_data();
  const float* t = bottom[1]->cpu_data();
  float* dx = bottom[0]->mutable_cpu_diff();
  const float scale = top[0]->cpu_diff()[0] / normalizer_;
  for (int i = 0; i < count; ++i) {
    const bool ignored = has_ignore_label_ && static_cast<int>(t[i]) == ignore_label_;
    dx[i] = ignored ? 0.f : (s[i] - t[i]) * scale;
  }
}

}  // namespace crema
