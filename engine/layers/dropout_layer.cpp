#include "layers/dropout_layer.h"

#include <cstring>

namespace crema {

void DropoutLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  threshold_ = layer_param_.dropout_param().dropout_ratio();
  Check(threshold_ >= 0.f && threshold_ < 1.f, "dropout_ratio must be in [0, 1), got ", threshold_);
  scale_ = 1.f / (1.f - threshold_);
}

void DropoutLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  NeuronLayer::Reshape(bottom, top);
  mask_.resize(bottom[0]->count());
}

void DropoutLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int count = bottom[0]->count();
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  if (phase_ == caffe::TRAIN) {
    Rng& r = rng();
    const float keep = 1.f - threshold_;
    for (int i = 0; i < count; ++i) {
      mask_[i] = r.Bernoulli(keep) ? 1 : 0;
      y[i] = x[i] * (mask_[i] * scale_);
    }
  } else if (top[0] != bottom[0]) {
    std::memcpy(y, x, sizeof(float) * count);
  }
}

void DropoutLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const int count = bottom[0]->count();
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  if (phase_ == caffe::TRAIN) {
    for (int i = 0; i < count; ++i) dx[i] = dy[i] * (mask_[i] * scale_);
  } else if (top[0] != bottom[0]) {
    std::memcpy(dx, dy, sizeof(float) * count);
  }
}

}  // namespace crema
