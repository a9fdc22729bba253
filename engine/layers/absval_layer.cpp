#include "layers/absval_layer.h"

#include <cmath>

namespace crema {

void AbsValLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Check(top[0] != bottom[0], "does not allow in-place computation");
}

void AbsValLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int i = 0; i < bottom[0]->count(); ++i) y[i] = std::fabs(x[i]);
}

void AbsValLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                               const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const float* x = bottom[0]->cpu_data();
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  for (int i = 0; i < top[0]->count(); ++i) {
    const float sign = static_cast<float>((0.f < x[i]) - (x[i] < 0.f));
    dx[i] = dy[i] * sign;
  }
}

}  // namespace crema
