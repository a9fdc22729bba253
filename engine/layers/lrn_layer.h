// LRN: local response normalisation (Krizhevsky et al. 2012; Caffe
// src/caffe/layers/lrn_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Bottom (N, C, H, W), top of the same shape; n = local_size (odd, default 5).
/// ACROSS_CHANNELS: s = k + alpha/n * sum of x^2 over channels c-(n-1)/2 .. c+(n-1)/2
///   (missing channels count as 0); y = x * s^-beta.
/// WITHIN_CHANNEL: s = 1 + alpha/n^2 * sum of x^2 over the n x n spatial window
///   centred on the pixel (clipped to the image; the divisor stays n^2, as Caffe's
///   padded AVE pooling gives); y = x * s^-beta. Note k is not used here, as in Caffe.
/// Throws ConfigError for an even local_size or a non-4-D bottom.
class LRNLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "LRN"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  int size_ = 5, pre_pad_ = 2;
  float alpha_ = 1.f, beta_ = 0.75f, k_ = 1.f;
  bool across_ = true;
  Blob scale_;  ///< s for every element
  Blob bottom_copy_;  ///< the input, kept when running in place
};

}  // namespace crema
