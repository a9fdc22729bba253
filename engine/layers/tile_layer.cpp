#include "layers/tile_layer.h"

#include <cstring>

namespace crema {

void TileLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.tile_param();
  axis_ = bottom[0]->CanonicalAxisIndex(p.axis());
  Check(p.has_tiles(), "tile_param.tiles must be specified");
  tiles_ = p.tiles();
  Check(tiles_ > 0, "number of tiles must be positive, got ", tiles_);
  std::vector<int> shape = bottom[0]->shape();
  shape[axis_] *= tiles_;
  top[0]->Reshape(shape);
  outer_dim_ = bottom[0]->count(0, axis_);
  inner_dim_ = bottom[0]->count(axis_);
}

void TileLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int i = 0; i < outer_dim_; ++i) {
    for (int t = 0; t < tiles_; ++t) {
      std::memcpy(y, x, sizeof(float) * inner_dim_);
      y += inner_dim_;
    }
    x += inner_dim_;
  }
}

void TileLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                             const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  for (int i = 0; i < outer_dim_; ++i) {
    std::memcpy(dx, dy, sizeof(float) * inner_dim_);
    dy += inner_dim_;
    for (int t = 1; t < tiles_; ++t) {
      for (int k = 0; k < inner_dim_; ++k) dx[k] += dy[k];
      dy += inner_dim_;
    }
    dx += inner_dim_;
  }
}

}  // namespace crema
