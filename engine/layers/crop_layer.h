// Crop: crops bottom[0] to the shape of bottom[1] from crop_param.axis on
// (Caffe src/caffe/layers/crop_layer.cpp; used by FCNs).
#pragma once

#include <vector>

#include "layer.h"

namespace crema {

/// Axes before `axis` (default 2) keep bottom[0]'s size; axes from `axis` on
/// take bottom[1]'s size, starting at offset (one value for all cropped axes,
/// one per cropped axis, or none = 0). Backward writes the top diff into the
/// cropped window of bottom[0]'s diff (zero elsewhere); bottom[1] only gives
/// a shape and gets no gradient. Throws ConfigError when the window does not fit.
class CropLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Crop"; }
  int ExactNumBottomBlobs() const override { return 2; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  /// Copies the window (forward: bottom -> top; backward: top -> bottom).
  void Copy(const Blob& big, const Blob& small, const float* src, float* dst, bool forward) const;
  std::vector<int> offsets_;
};

}  // namespace crema
