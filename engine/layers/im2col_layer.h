// Im2col: unrolls convolution windows into columns (Caffe src/caffe/layers/im2col_layer.cpp,
// src/caffe/util/im2col.cpp). The free functions are shared with Deconvolution.
#pragma once

#include "layer.h"

namespace crema {

/// 2-D convolution geometry read from a ConvolutionParameter with Caffe's rules:
/// kernel_size / pad / stride / dilation give one value for both axes or one per
/// axis; kernel_h/w, pad_h/w, stride_h/w are the explicit 2-D forms and cannot
/// be mixed with the repeated ones. Defaults: pad 0, stride 1, dilation 1.
struct ConvGeometry {
  int kernel_h = 0, kernel_w = 0;
  int pad_h = 0, pad_w = 0;
  int stride_h = 1, stride_w = 1;
  int dilation_h = 1, dilation_w = 1;
  /// Conv output size for input size `in` along an axis (integer division, as Caffe).
  int OutH(int in) const { return (in + 2 * pad_h - (dilation_h * (kernel_h - 1) + 1)) / stride_h + 1; }
  int OutW(int in) const { return (in + 2 * pad_w - (dilation_w * (kernel_w - 1) + 1)) / stride_w + 1; }
};

/// Parses the 2-D geometry. `where` prefixes error messages. Throws ConfigError on
/// mixed forms, a wrong number of values, or non-positive kernel/stride/dilation.
ConvGeometry ParseConvGeometry(const caffe::ConvolutionParameter& p, const std::string& where);

/// data_im (channels, height, width) -> data_col (channels*kh*kw, out_h*out_w);
/// padded cells read as 0.
void Im2colCpu(const float* data_im, int channels, int height, int width, const ConvGeometry& g, float* data_col);
/// Adjoint of Im2colCpu: sets data_im to zero, then adds every column entry back
/// to its image cell (cells in padding are dropped).
void Col2imCpu(const float* data_col, int channels, int height, int width, const ConvGeometry& g, float* data_im);

/// Bottom (N, C, H, W) (channel axis convolution_param.axis, default 1; 2-D only).
/// Top (N, C*kh*kw, out_h, out_w). Backward is col2im. Throws ConfigError for
/// other than 2 spatial axes.
class Im2colLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Im2col"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  ConvGeometry geom_;
  int channel_axis_ = 1, num_ = 0, channels_ = 0, height_ = 0, width_ = 0;
};

}  // namespace crema
