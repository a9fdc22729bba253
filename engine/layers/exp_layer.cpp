#include "layers/exp_layer.h"

#include <cmath>

namespace crema {

void ExpLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.exp_param();
  const float base = p.base();
  if (base != -1.f) Check(base > 0.f, "base must be strictly positive (or -1 for e), got ", base);
  const float log_base = base == -1.f ? 1.f : std::log(base);
  Check(!std::isnan(log_base), "NaN result: log(base) = log(", base, ")");
  Check(!std::isinf(log_base), "Inf result: log(base) = log(", base, ")");
  inner_scale_ = log_base * p.scale();
  outer_scale_ = p.shift() == 0.f ? 1.f : (base != -1.f ? std::pow(base, p.shift()) : std::exp(p.shift()));
}

void ExpLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int i = 0; i < bottom[0]->count(); ++i) {
    const float v = std::exp(inner_scale_ == 1.f ? x[i] : inner_scale_ * x[i]);
    y[i] = outer_scale_ == 1.f ? v : outer_scale_ * v;
  }
}

void ExpLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                            const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const float* y = top[0]->cpu_data();
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  for (int i = 0; i < top[0]->count(); ++i) {
    const float v = dy[i] * y[i];
    dx[i] = inner_scale_ == 1.f ? v : inner_scale_ * v;
  }
}

}  // namespace crema
