// Slice: splits one bottom along an axis into several tops
// (Caffe src/caffe/layers/slice_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// slice_param.axis (default 1; legacy slice_dim, not both). With slice_point
/// (one fewer than the tops, strictly increasing) the tops take the ranges
/// between the points; without, the axis is split evenly (it must divide).
/// A single top shares the bottom's data and diff.
/// Throws ConfigError on bad slice points or an uneven split.
class SliceLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Slice"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int MinTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  int slice_axis_ = 1, num_slices_ = 0, slice_size_ = 0;
};

}  // namespace crema
