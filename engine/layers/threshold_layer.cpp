#include "layers/threshold_layer.h"

namespace crema {

void ThresholdLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float t = layer_param_.threshold_param().threshold();
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int i = 0; i < bottom[0]->count(); ++i) y[i] = x[i] > t ? 1.f : 0.f;
}

void ThresholdLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                  const std::vector<Blob*>& bottom) {
  // Caffe: NOT_IMPLEMENTED when a gradient is requested.
  Check(!propagate_down[0], "does not implement Backward (the step function has no useful gradient)");
}

}  // namespace crema
