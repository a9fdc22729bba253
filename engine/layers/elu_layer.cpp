#include "layers/elu_layer.h"

#include <algorithm>
#include <cmath>

namespace crema {

void ELULayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float alpha = layer_param_.elu_param().alpha();
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int i = 0; i < bottom[0]->count(); ++i)
    y[i] = std::max(x[i], 0.f) + alpha * (std::exp(std::min(x[i], 0.f)) - 1.f);
}

void ELULayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                            const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const float alpha = layer_param_.elu_param().alpha();
  // In place, x is y; y <= 0 exactly when x <= 0, and y + alpha = alpha * exp(x) there.
  const float* x = bottom[0]->cpu_data();
  const float* y = top[0]->cpu_data();
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  for (int i = 0; i < bottom[0]->count(); ++i) dx[i] = dy[i] * (x[i] > 0.f ? 1.f : y[i] + alpha);
}

}  // namespace crema
