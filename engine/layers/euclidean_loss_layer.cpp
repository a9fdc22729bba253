#include "layers/euclidean_loss_layer.h"

namespace crema {

void EuclideanLossLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  LossLayer::Reshape(bottom, top);
  Check(bottom[0]->count(1) == bottom[1]->count(1), "inputs must have the same dimension (",
        bottom[0]->shape_string(), " vs ", bottom[1]->shape_string(), ")");
  diff_.ReshapeLike(*bottom[0]);
}

void EuclideanLossLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int count = bottom[0]->count();
  const float* a = bottom[0]->cpu_data();
  const float* b = bottom[1]->cpu_data();
  float* d = diff_.mutable_cpu_data();
  double dot = 0;
  for (int i = 0; i < count; ++i) {
    d[i] = a[i] - b[i];
    dot += static_cast<double>(d[i]) * d[i];
  }
  top[0]->mutable_cpu_data()[0] = static_cast<float>(dot / bottom[0]->shape(0) / 2.0);
}

void EuclideanLossLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                      const std::vector<Blob*>& bottom) {
  const float* d = diff_.cpu_data();
  for (int i = 0; i < 2; ++i) {
    if (!propagate_down[i]) continue;
    const float sign = i == 0 ? 1.f : -1.f;
    const float alpha = sign * top[0]->cpu_diff()[0] / bottom[i]->shape(0);
    float* dx = bottom[i]->mutable_cpu_diff();
    for (int k = 0; k < bottom[i]->count(); ++k) dx[k] = alpha * d[k];
  }
}

}  // namespace crema
