// Power: y = (shift + scale * x) ^ power (Caffe src/caffe/layers/power_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Top has the bottom's shape. Follows Caffe's special cases exactly:
/// power * scale == 0 gives a constant top (1 when power is 0, else shift^power)
/// and a zero gradient; power 1 and 2 use closed forms; shift 0 uses
/// dy/dx = power * y / x (so x == 0 gives NaN there, as in Caffe).
/// Not in-place safe (Backward reads x).
class PowerLayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Power"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  float power_ = 1.f, scale_ = 1.f, shift_ = 0.f, diff_scale_ = 1.f;
};

}  // namespace crema
