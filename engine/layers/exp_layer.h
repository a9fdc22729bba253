// Exp: y = base ^ (shift + scale * x); base -1 means e (Caffe src/caffe/layers/exp_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Top has the bottom's shape; computed as outer * exp(inner * x) with
/// inner = scale * ln(base), outer = base^shift. Backward: dy * y * inner (in-place OK).
/// Throws ConfigError unless base > 0 or base == -1.
class ExpLayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Exp"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  float inner_scale_ = 1.f, outer_scale_ = 1.f;
};

}  // namespace crema
