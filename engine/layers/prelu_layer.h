// PReLU: y = max(0, x) + a_c * min(0, x) with a learned slope per channel
// (or one shared slope). He et al. 2015, "Delving Deep into Rectifiers";
// semantics of Caffe src/caffe/layers/prelu_layer.cpp.
#pragma once

#include "layer.h"

namespace crema {

/// Bottom (N, C, ...) with at least 2 axes; top has the bottom's shape.
/// Param blob 0: slopes, shape {C} (or {} when channel_shared), filled by
/// prelu_param.filler (default constant 0.25). In-place is supported (the
/// bottom is cached for Backward). Throws ConfigError on a 1-axis bottom or a
/// loaded slope blob of the wrong size.
class PReLULayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "PReLU"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  bool channel_shared_ = false;
  Blob bottom_memory_;  ///< copy of the bottom for in-place use
};

}  // namespace crema
