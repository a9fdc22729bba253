// ELU: y = x for x > 0, alpha * (exp(x) - 1) otherwise (Clevert et al. 2015,
// "Fast and Accurate Deep Network Learning by Exponential Linear Units";
// Caffe src/caffe/layers/elu_layer.cpp). Top has the bottom's shape; in-place OK.
// Backward: dy * (x > 0 ? 1 : y + alpha).
#pragma once

#include "layer.h"

namespace crema {

class ELULayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  const char* type() const override { return "ELU"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;
};

}  // namespace crema
