// Flatten: collapses axes [axis, end_axis] into one (Caffe src/caffe/layers/flatten_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// (N, C, H, W) with defaults axis 1, end_axis -1 gives (N, C*H*W). The top
/// shares the bottom's data and diff (no copy). In-place is refused (ConfigError).
class FlattenLayer : public Layer {
 public:
  using Layer::Layer;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Flatten"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;
};

}  // namespace crema
