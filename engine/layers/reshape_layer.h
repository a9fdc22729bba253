// Reshape: changes the shape without touching values (Caffe src/caffe/layers/reshape_layer.cpp).
#pragma once

#include <vector>

#include "layer.h"

namespace crema {

/// reshape_param.shape replaces bottom axes [axis, axis + num_axes) (defaults:
/// all). A dim of 0 copies the bottom's dim at the same position; one dim may
/// be -1 and is inferred from the count. The top shares the bottom's data and
/// diff. Throws ConfigError on two -1 dims, a count mismatch, or in-place use.
class ReshapeLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Reshape"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override {}

 private:
  std::vector<int> copy_axes_;
  int inferred_axis_ = -1;
  long long constant_count_ = 1;
};

}  // namespace crema
