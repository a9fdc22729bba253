// TanH: y = tanh(x) (Caffe src/caffe/layers/tanh_layer.cpp). Top has the
// bottom's shape; in-place OK. Backward: dy * (1 - y^2).
#pragma once

#include "layer.h"

namespace crema {

class TanHLayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  const char* type() const override { return "TanH"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;
};

}  // namespace crema
