// Scale: top = bottom[0] * s (+ b), with s broadcast over the axes of bottom[0]
// outside [axis, axis + s.num_axes) (Caffe src/caffe/layers/scale_layer.cpp).
#pragma once

#include <memory>

#include "layer.h"
#include "layers/bias_layer.h"

namespace crema {

/// One bottom: s is a learned param blob of shape bottom.shape[axis, axis+num_axes)
/// (num_axes -1 = to the end), filled by scale_param.filler (default constant 1).
/// Two bottoms: s is bottom[1] (gets a gradient when propagate_down[1]).
/// bias_term adds a learned bias of s's shape (a BiasLayer inside, filled by
/// bias_filler, default 0); it is the last param blob. In-place is supported
/// (the bottom is cached for the gradient of s). Throws ConfigError on shape mismatch.
class ScaleLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Scale"; }
  int MinBottomBlobs() const override { return 1; }
  int MaxBottomBlobs() const override { return 2; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  std::unique_ptr<BiasLayer> bias_layer_;
  std::vector<Blob*> bias_bottom_vec_;
  int bias_param_id_ = -1;
  int outer_dim_ = 0, scale_dim_ = 0, inner_dim_ = 0;
  Blob temp_;  ///< bottom copy when in place
};

}  // namespace crema
