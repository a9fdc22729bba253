// Swish: y = x * sigmoid(beta * x) (Ramachandran et al. 2017, "Searching for
// Activation Functions"; Caffe src/caffe/layers/swish_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Top has the bottom's shape. Backward (as Caffe writes it):
/// dy * (beta * y + s * (1 - beta * y)) with s = sigmoid(beta * x) cached from Forward.
class SwishLayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Swish"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  Blob sigmoid_output_;
};

}  // namespace crema
