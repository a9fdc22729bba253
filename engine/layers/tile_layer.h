// Tile: repeats the bottom `tiles` times along one axis (Caffe src/caffe/layers/tile_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Top shape: bottom shape with shape[axis] *= tiles (axis default 1). Each
/// block count(axis) is repeated `tiles` times; Backward sums the copies.
/// Throws ConfigError unless tiles > 0.
class TileLayer : public Layer {
 public:
  using Layer::Layer;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Tile"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  int axis_ = 1, tiles_ = 1, outer_dim_ = 0, inner_dim_ = 0;
};

}  // namespace crema
