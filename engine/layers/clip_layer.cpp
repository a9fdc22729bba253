#include "layers/clip_layer.h"

#include <algorithm>

namespace crema {

void ClipLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.clip_param();
  Check(layer_param_.has_clip_param() && p.has_min() && p.has_max(), "clip_param { min max } is required");
  Check(p.min() <= p.max(), "min (", p.min(), ") must be <= max (", p.max(), ")");
}

void ClipLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float lo = layer_param_.clip_param().min();
  const float hi = layer_param_.clip_param().max();
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int i = 0; i < bottom[0]->count(); ++i) y[i] = std::max(lo, std::min(x[i], hi));
}

void ClipLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                             const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const float lo = layer_param_.clip_param().min();
  const float hi = layer_param_.clip_param().max();
  const float* x = bottom[0]->cpu_data();
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  for (int i = 0; i < top[0]->count(); ++i) dx[i] = (x[i] >= lo && x[i] <= hi) ? dy[i] : 0.f;
}

}  // namespace crema
