// Dropout (Srivastava et al. 2014; Caffe src/caffe/layers/dropout_layer.cpp).
#pragma once

#include <vector>

#include "layer.h"

namespace crema {

/// TRAIN: each unit is kept with probability 1 - dropout_ratio (a Bernoulli
/// draw from the layer's rng()), kept units are scaled by 1 / (1 - ratio),
/// dropped units are 0; Backward applies the same mask and scale.
/// TEST: identity (forward and backward). In-place is supported (the mask is kept).
/// Throws ConfigError unless 0 <= dropout_ratio < 1.
class DropoutLayer : public NeuronLayer {
 public:
  using NeuronLayer::NeuronLayer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Dropout"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  float threshold_ = 0.5f;  ///< dropout ratio p
  float scale_ = 2.f;       ///< 1 / (1 - p)
  std::vector<unsigned char> mask_;
};

}  // namespace crema
