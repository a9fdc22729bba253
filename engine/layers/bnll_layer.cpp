#include "layers/bnll_layer.h"

#include <algorithm>
#include <cmath>

namespace crema {
namespace {
constexpr float kBNLLThreshold = 50.f;  // Caffe's kBNLL_THRESHOLD: caps exp() in Backward
}

void BNLLLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int i = 0; i < bottom[0]->count(); ++i)
    y[i] = x[i] > 0.f ? x[i] + std::log(1.f + std::exp(-x[i])) : std::log(1.f + std::exp(x[i]));
}

void BNLLLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                             const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const float* x = bottom[0]->cpu_data();
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  for (int i = 0; i < top[0]->count(); ++i) {
    const float e = std::exp(std::min(x[i], kBNLLThreshold));
    dx[i] = dy[i] * e / (e + 1.f);
  }
}

}  // namespace crema
