#include "layers/log_layer.h"

#include <cmath>

namespace crema {

void LogLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.log_param();
  const float base = p.base();
  if (base != -1.f) Check(base > 0.f, "base must be strictly positive (or -1 for e), got ", base);
  const float log_base = base == -1.f ? 1.f : std::log(base);
  Check(!std::isnan(log_base), "NaN result: log(base) = log(", base, ")");
  Check(!std::isinf(log_base), "Inf result: log(base) = log(", base, ")");
  base_scale_ = 1.f / log_base;
  Check(!std::isnan(base_scale_), "NaN result: 1/log(base) = 1/log(", base, ")");
  Check(!std::isinf(base_scale_), "Inf result: 1/log(base) = 1/log(", base, ")");
  input_scale_ = p.scale();
  input_shift_ = p.shift();
  backward_num_scale_ = input_scale_ / log_base;
}

void LogLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int i = 0; i < bottom[0]->count(); ++i) {
    float v = std::log(input_scale_ * x[i] + input_shift_);
    if (base_scale_ != 1.f) v *= base_scale_;
    y[i] = v;
  }
}

void LogLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                            const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const float* x = bottom[0]->cpu_data();
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  for (int i = 0; i < top[0]->count(); ++i)
    dx[i] = dy[i] * (backward_num_scale_ * (1.f / (input_scale_ * x[i] + input_shift_)));
}

}  // namespace crema
