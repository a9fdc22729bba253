// Deconvolution (transposed convolution): the backward pass of Convolution used
// as a forward pass (Caffe src/caffe/layers/deconv_layer.cpp, base_conv_layer.cpp).
#pragma once

#include <vector>

#include "layer.h"
#include "layers/im2col_layer.h"

namespace crema {

/// Same parameters as Convolution (num_output, kernel/pad/stride/dilation in the
/// repeated or _h/_w forms, group, bias_term, fillers default constant 0, axis);
/// 2 spatial axes only. Bottom (N, C, H, W); top (N, num_output, H', W') with
/// H' = stride * (H - 1) + dilation * (kernel - 1) + 1 - 2 * pad.
/// Weights {C, num_output / group, kh, kw} (Caffe's reversed layout), bias {num_output}.
/// Computed per item and group as col = W_g^T x_g, then col2im; GEMMs by oneDNN's sgemm.
/// Param gradients accumulate. Throws ConfigError on bad geometry, channels or
/// num_output not divisible by group, or loaded blobs of the wrong shape.
class DeconvolutionLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Deconvolution"; }
  int MinBottomBlobs() const override { return 1; }
  int MinTopBlobs() const override { return 1; }
  bool EqualNumBottomTopBlobs() const override { return true; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  ConvGeometry geom_;
  int channel_axis_ = 1, num_ = 0, channels_ = 0, num_output_ = 0, group_ = 1;
  int in_h_ = 0, in_w_ = 0, out_h_ = 0, out_w_ = 0;
  bool bias_term_ = true;
  std::vector<float> col_;
};

}  // namespace crema
