// MVN: mean-variance normalisation per (n, c) map, or per n across channels
// (Caffe src/caffe/layers/mvn_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Bottom (N, C, H, W) (legacy 4-D view); top has its shape.
/// y = x - mean; with normalize_variance (default) y /= (sqrt(var) + eps) —
/// note eps is added after the square root, as in Caffe. Groups are the
/// C*H*W values of an item (across_channels) or the H*W values of a map.
class MVNLayer : public Layer {
 public:
  using Layer::Layer;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "MVN"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  int num_ = 0, dim_ = 0;
  Blob sd_;  ///< per group sqrt(var) + eps
};

}  // namespace crema
