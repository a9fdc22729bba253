#include "layers/mvn_layer.h"

#include <cmath>

namespace crema {

void MVNLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  top[0]->ReshapeLike(*bottom[0]);
  const bool across = layer_param_.mvn_param().across_channels();
  num_ = across ? bottom[0]->num() : bottom[0]->num() * bottom[0]->channels();
  dim_ = num_ ? bottom[0]->count() / num_ : 0;
  sd_.Reshape({num_});
}

void MVNLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.mvn_param();
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  float* sd = sd_.mutable_cpu_data();
  for (int i = 0; i < num_; ++i) {
    const float* xi = x + i * dim_;
    float* yi = y + i * dim_;
    double s = 0;
    for (int k = 0; k < dim_; ++k) s += xi[k];
    const float mean = static_cast<float>(s / dim_);
    for (int k = 0; k < dim_; ++k) yi[k] = xi[k] - mean;
    if (!p.normalize_variance()) continue;
    double v = 0;
    for (int k = 0; k < dim_; ++k) v += static_cast<double>(yi[k]) * yi[k];
    sd[i] = std::sqrt(static_cast<float>(v / dim_)) + p.eps();
    for (int k = 0; k < dim_; ++k) yi[k] /= sd[i];
  }
}

void MVNLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                            const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const bool normalize = layer_param_.mvn_param().normalize_variance();
  const float* y = top[0]->cpu_data();
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  const float* sd = sd_.cpu_data();
  for (int i = 0; i < num_; ++i) {
    const float* yi = y + i * dim_;
    const float* gi = dy + i * dim_;
    float* di = dx + i * dim_;
    double sum_g = 0, sum_gy = 0;
    for (int k = 0; k < dim_; ++k) {
      sum_g += gi[k];
      sum_gy += static_cast<double>(gi[k]) * yi[k];
    }
    const float mean_g = static_cast<float>(sum_g / dim_);
    if (normalize) {
      // dx = (dy - mean(dy) - y * mean(dy . y)) / (sqrt(var) + eps)
      const float mean_gy = static_cast<float>(sum_gy / dim_);
      for (int k = 0; k < dim_; ++k) di[k] = (gi[k] - mean_g - yi[k] * mean_gy) / sd[i];
    } else {
      for (int k = 0; k < dim_; ++k) di[k] = gi[k] - mean_g;
    }
  }
}

}  // namespace crema
