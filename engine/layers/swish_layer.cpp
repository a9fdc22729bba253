#include "layers/swish_layer.h"

#include <cmath>

namespace crema {

void SwishLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  NeuronLayer::Reshape(bottom, top);
  sigmoid_output_.ReshapeLike(*bottom[0]);
}

void SwishLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float beta = layer_param_.swish_param().beta();
  const float* x = bottom[0]->cpu_data();
  float* s = sigmoid_output_.mutable_cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int i = 0; i < bottom[0]->count(); ++i) {
    s[i] = 0.5f * std::tanh(0.5f * beta * x[i]) + 0.5f;
    y[i] = x[i] * s[i];
  }
}

void SwishLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                              const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const float beta = layer_param_.swish_param().beta();
  const float* y = top[0]->cpu_data();
  const float* s = sigmoid_output_.cpu_data();
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  for (int i = 0; i < top[0]->count(); ++i) dx[i] = dy[i] * (beta * y[i] + s[i] * (1.f - beta * y[i]));
}

}  // namespace crema
