// ArgMax: indices (and optionally values) of the top_k largest entries
// (Caffe src/caffe/layers/argmax_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Without axis: per item n, over bottom.count(1) values; top (N, 1, top_k),
/// or (N, 2, top_k) with out_max_val (indices then values). With axis: along
/// that axis; top is the bottom's shape with that axis set to top_k, holding
/// indices, or the values when out_max_val. Ties rank the larger index first
/// (Caffe sorts (value, index) pairs in descending order). Indices are floats.
/// No gradient: Backward with propagate_down throws ConfigError, as in Caffe.
class ArgMaxLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "ArgMax"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  bool out_max_val_ = false, has_axis_ = false;
  int top_k_ = 1, axis_ = 0;
};

}  // namespace crema
