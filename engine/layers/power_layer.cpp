#include "layers/power_layer.h"

#include <cmath>

namespace crema {

void PowerLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.power_param();
  power_ = p.power();
  scale_ = p.scale();
  shift_ = p.shift();
  diff_scale_ = power_ * scale_;
}

void PowerLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int count = bottom[0]->count();
  float* y = top[0]->mutable_cpu_data();
  if (diff_scale_ == 0.f) {
    const float value = power_ == 0.f ? 1.f : std::pow(shift_, power_);
    for (int i = 0; i < count; ++i) y[i] = value;
    return;
  }
  const float* x = bottom[0]->cpu_data();
  for (int i = 0; i < count; ++i) {
    const float base = scale_ * x[i] + shift_;
    y[i] = power_ == 1.f ? base : std::pow(base, power_);
  }
}

void PowerLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                              const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const int count = bottom[0]->count();
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  if (diff_scale_ == 0.f || power_ == 1.f) {
    for (int i = 0; i < count; ++i) dx[i] = diff_scale_ * dy[i];
    return;
  }
  const float* x = bottom[0]->cpu_data();
  if (power_ == 2.f) {
    // dy/dx = 2 * scale * (shift + scale * x)
    for (int i = 0; i < count; ++i) dx[i] = dy[i] * (diff_scale_ * scale_ * x[i] + diff_scale_ * shift_);
  } else if (shift_ == 0.f) {
    // dy/dx = power * y / x
    const float* y = top[0]->cpu_data();
    for (int i = 0; i < count; ++i) dx[i] = dy[i] * (power_ * (y[i] / x[i]));
  } else {
    // dy/dx = scale * power * (shift + scale * x) ^ (power - 1)
    for (int i = 0; i < count; ++i) dx[i] = dy[i] * diff_scale_ * std::pow(scale_ * x[i] + shift_, power_ - 1.f);
  }
}

}  // namespace crema
