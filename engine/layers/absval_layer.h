// AbsVal: y = |x| (Caffe src/caffe/layers/absval_layer.cpp). Top has the bottom's
// shape. Backward: dy * sign(x), sign(0) = 0. In-place is refused (ConfigError), as in Caffe.
#pragma once

#include "layer.h"

namespace crema {

class AbsValLayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "AbsVal"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;
};

}  // namespace crema
