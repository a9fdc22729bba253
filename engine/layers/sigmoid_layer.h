// Sigmoid: y = 1 / (1 + exp(-x)), computed as 0.5 * tanh(0.5 x) + 0.5 like
// Caffe src/caffe/layers/sigmoid_layer.cpp. Top has the bottom's shape; in-place OK.
// Backward: dy * y * (1 - y).
#pragma once

#include "layer.h"

namespace crema {

class SigmoidLayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  const char* type() const override { return "Sigmoid"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;
};

}  // namespace crema
