// Clip: y = max(min, min(max, x)) with clip_param min and max (both required,
// min <= max; Caffe src/caffe/layers/clip_layer.cpp). Backward: dy where
// min <= x <= max, else 0. Throws ConfigError when clip_param is missing or min > max.
#pragma once

#include "layer.h"

namespace crema {

class ClipLayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Clip"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;
};

}  // namespace crema
