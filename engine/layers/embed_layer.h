// Embed: a learned lookup table from integer ids to vectors
// (Caffe src/caffe/layers/embed_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Bottom: ids of any shape, stored as floats that must be integers in
/// [0, input_dim). Top: bottom shape + [num_output]. Param blobs: weights
/// {input_dim, num_output} (weight_filler) and, with bias_term (default),
/// bias {num_output} (bias_filler). Only the params get gradients: asking for
/// a gradient of the ids throws ConfigError (as in Caffe), and the layer
/// refuses force_backward for its input. Forward throws ConfigError on an id out
/// of range or not an integer.
class EmbedLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Embed"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }
  bool AllowForceBackward(int bottom_index) const override { return false; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  int M_ = 0, K_ = 0, N_ = 0;
  bool bias_term_ = true;
};

}  // namespace crema
