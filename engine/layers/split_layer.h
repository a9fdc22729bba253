// Split: copies one bottom to N tops (Caffe split_layer.cpp); the Net inserts it
// when a blob feeds several layers. Tops share the bottom's data memory (no copy).
// Backward: bottom diff = sum of the top diffs.
#pragma once

#include "layer.h"

namespace crema {

class SplitLayer : public Layer {
 public:
  explicit SplitLayer(const caffe::LayerParameter& param) : Layer(param) {}
  /// Shapes each top like the bottom and shares its data. Throws ConfigError for in-place use.
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Split"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int MinTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;
};

}  // namespace crema
