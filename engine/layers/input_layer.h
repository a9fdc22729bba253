// Input: tops whose shapes come from input_param.shape (Caffe input_layer.cpp).
// Either one shape for every top, one shape per top, or none (tops keep the
// shape set from outside, e.g. by the UI or a test). Forward and Backward do
// nothing: the tops' data is written by whoever feeds the net.
#pragma once

#include "layer.h"

namespace crema {

class InputLayer : public Layer {
 public:
  explicit InputLayer(const caffe::LayerParameter& param) : Layer(param) {}
  /// Shapes the tops. Throws ConfigError when the number of shapes is neither 0, 1
  /// nor the number of tops, ShapeError on a negative dimension.
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  /// Data layers do not reshape from bottoms (there are none).
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override {}
  const char* type() const override { return "Input"; }
  int ExactNumBottomBlobs() const override { return 0; }
  int MinTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override {}
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override {}
};

}  // namespace crema
