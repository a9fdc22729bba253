// Silence: consumes bottoms so they are not net outputs; produces nothing
// (Caffe src/caffe/layers/silence_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Any number (>= 1) of bottoms, no tops. Backward zeroes the diff of every
/// bottom that asks for a gradient.
class SilenceLayer : public Layer {
 public:
  using Layer::Layer;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override {}
  const char* type() const override { return "Silence"; }
  int MinBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 0; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override {}
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;
};

}  // namespace crema
