// BNLL (binomial normal log likelihood): y = log(1 + exp(x)), computed as
// x + log(1 + exp(-x)) for x > 0 (Caffe src/caffe/layers/bnll_layer.cpp).
// Backward: dy * e / (e + 1) with e = exp(min(x, 50)). Not in-place safe (reads x).
#pragma once

#include "layer.h"

namespace crema {

class BNLLLayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  const char* type() const override { return "BNLL"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;
};

}  // namespace crema
