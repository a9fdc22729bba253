// Threshold: y = (x > threshold) ? 1 : 0 (Caffe src/caffe/layers/threshold_layer.cpp).
// Top has the bottom's shape. Like Caffe, there is no gradient: Backward with
// propagate_down throws ConfigError ("does not implement Backward").
#pragma once

#include "layer.h"

namespace crema {

class ThresholdLayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  const char* type() const override { return "Threshold"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;
};

}  // namespace crema
