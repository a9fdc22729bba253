// Log: y = log_base(shift + scale * x); base -1 means e (Caffe src/caffe/layers/log_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Top has the bottom's shape. Backward: dy * scale / ln(base) / (shift + scale * x).
/// Not in-place safe (Backward reads x). Throws ConfigError unless base > 0 or base == -1.
class LogLayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Log"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  float base_scale_ = 1.f, input_scale_ = 1.f, input_shift_ = 0.f, backward_num_scale_ = 1.f;
};

}  // namespace crema
