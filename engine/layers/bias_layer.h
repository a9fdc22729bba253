// Bias: top = bottom[0] + b, with b broadcast over the axes of bottom[0] outside
// [axis, axis + b.num_axes) (Caffe src/caffe/layers/bias_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// One bottom: b is a learned param blob of shape bottom.shape[axis, axis+num_axes)
/// (num_axes -1 = to the end; 0 = a scalar), filled by bias_param.filler (default 0).
/// Two bottoms: b is bottom[1] and gets a gradient when propagate_down[1].
/// A 0-axis b applies to every element (axis is then ignored). In-place OK.
/// Throws ConfigError when b's shape does not match bottom[0] at axis.
class BiasLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Bias"; }
  int MinBottomBlobs() const override { return 1; }
  int MaxBottomBlobs() const override { return 2; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  int outer_dim_ = 0, bias_dim_ = 0, inner_dim_ = 0;
};

}  // namespace crema
