#include "layers/im2col_layer.h"

#include <cstring>

namespace crema {
namespace {

// Reads one of Caffe's "repeated or explicit h/w" fields into (h, w).
template <typename Repeated>
void ReadPair(const Repeated& values, bool has_h, bool has_w, int h_value, int w_value, int default_value,
              const char* name, const std::string& where, int* h, int* w) {
  if (has_h || has_w) {
    Require(values.size() == 0, where, "either ", name, " or ", name, "_h/w should be specified; not both");
    *h = h_value;
    *w = w_value;
    return;
  }
  Require(values.size() == 0 || values.size() == 1 || values.size() == 2, where, name,
          " must be specified once, or once per spatial dimension (", name, "=", values.size(), ", 2 spatial dims)");
  if (values.size() == 0) {
    *h = *w = default_value;
  } else {
    *h = static_cast<int>(values.Get(0));
    *w = static_cast<int>(values.Get(values.size() == 1 ? 0 : 1));
  }
}

}  // namespace

ConvGeometry ParseConvGeometry(const caffe::ConvolutionParameter& p, const std::string& where) {
  ConvGeometry g;
  if (p.has_kernel_h() || p.has_kernel_w()) {
    Require(p.has_kernel_h() && p.has_kernel_w(), where, "kernel_h & kernel_w must both be specified");
    Require(p.kernel_size_size() == 0, where, "either kernel_size or kernel_h/w should be specified; not both");
    g.kernel_h = static_cast<int>(p.kernel_h());
    g.kernel_w = static_cast<int>(p.kernel_w());
  } else {
    Require(p.kernel_size_size() == 1 || p.kernel_size_size() == 2, where,
            "kernel_size must be specified once, or once per spatial dimension (kernel_size=", p.kernel_size_size(),
            ", 2 spatial dims)");
    g.kernel_h = static_cast<int>(p.kernel_size(0));
    g.kernel_w = static_cast<int>(p.kernel_size(p.kernel_size_size() == 1 ? 0 : 1));
  }
  Require(g.kernel_h > 0 && g.kernel_w > 0, where, "filter dimensions must be nonzero");
  ReadPair(p.stride(), p.has_stride_h(), p.has_stride_w(), static_cast<int>(p.stride_h()),
           static_cast<int>(p.stride_w()), 1, "stride", where, &g.stride_h, &g.stride_w);
  Require(g.stride_h > 0 && g.stride_w > 0, where, "stride dimensions must be nonzero");
  ReadPair(p.pad(), p.has_pad_h(), p.has_pad_w(), static_cast<int>(p.pad_h()), static_cast<int>(p.pad_w()), 0,
           "pad", where, &g.pad_h, &g.pad_w);
  Require(p.dilation_size() <= 2, where, "dilation must be specified once, or once per spatial dimension");
  g.dilation_h = p.dilation_size() ? static_cast<int>(p.dilation(0)) : 1;
  g.dilation_w = p.dilation_size() ? static_cast<int>(p.dilation(p.dilation_size() == 1 ? 0 : 1)) : 1;
  Require(g.dilation_h > 0 && g.dilation_w > 0, where, "dilation must be positive");
  return g;
}

void Im2colCpu(const float* data_im, int channels, int height, int width, const ConvGeometry& g, float* data_col) {
  const int out_h = g.OutH(height), out_w = g.OutW(width);
  const int channel_size = height * width;
  for (int c = 0; c < channels; ++c, data_im += channel_size) {
    for (int kr = 0; kr < g.kernel_h; ++kr) {
      for (int kc = 0; kc < g.kernel_w; ++kc) {
        int in_row = -g.pad_h + kr * g.dilation_h;
        for (int oh = 0; oh < out_h; ++oh, in_row += g.stride_h) {
          if (in_row < 0 || in_row >= height) {
            std::memset(data_col, 0, sizeof(float) * out_w);
            data_col += out_w;
            continue;
          }
          int in_col = -g.pad_w + kc * g.dilation_w;
          for (int ow = 0; ow < out_w; ++ow, in_col += g.stride_w)
            *data_col++ = (in_col >= 0 && in_col < width) ? data_im[in_row * width + in_col] : 0.f;
        }
      }
    }
  }
}

void Col2imCpu(const float* data_col, int channels, int height, int width, const ConvGeometry& g, float* data_im) {
  std::memset(data_im, 0, sizeof(float) * channels * height * width);
  const int out_h = g.OutH(height), out_w = g.OutW(width);
  const int channel_size = height * width;
  for (int c = 0; c < channels; ++c, data_im += channel_size) {
    for (int kr = 0; kr < g.kernel_h; ++kr) {
      for (int kc = 0; kc < g.kernel_w; ++kc) {
        int in_row = -g.pad_h + kr * g.dilation_h;
        for (int oh = 0; oh < out_h; ++oh, in_row += g.stride_h) {
          if (in_row < 0 || in_row >= height) {
            data_col += out_w;
            continue;
          }
          int in_col = -g.pad_w + kc * g.dilation_w;
          for (int ow = 0; ow < out_w; ++ow, in_col += g.stride_w, ++data_col)
            if (in_col >= 0 && in_col < width) data_im[in_row * width + in_col] += *data_col;
        }
      }
    }
  }
}

void Im2colLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.convolution_param();
  channel_axis_ = bottom[0]->CanonicalAxisIndex(p.axis());
  Check(bottom[0]->num_axes() - channel_axis_ - 1 == 2, "only 2 spatial axes are supported (bottom ",
        bottom[0]->shape_string(), ", channel axis ", channel_axis_, ")");
  geom_ = ParseConvGeometry(p, Format(type(), " layer '", name(), "': "));
}

void Im2colLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Check(bottom[0]->num_axes() - channel_axis_ - 1 == 2, "only 2 spatial axes are supported (bottom ",
        bottom[0]->shape_string(), ")");
  num_ = bottom[0]->count(0, channel_axis_);
  channels_ = bottom[0]->shape(channel_axis_);
  height_ = bottom[0]->shape(channel_axis_ + 1);
  width_ = bottom[0]->shape(channel_axis_ + 2);
  const int out_h = geom_.OutH(height_), out_w = geom_.OutW(width_);
  Check(out_h > 0 && out_w > 0, "output size is not positive (", out_h, "x", out_w, ") for input ",
        bottom[0]->shape_string());
  std::vector<int> shape = bottom[0]->shape();
  shape[channel_axis_] = channels_ * geom_.kernel_h * geom_.kernel_w;
  shape[channel_axis_ + 1] = out_h;
  shape[channel_axis_ + 2] = out_w;
  top[0]->Reshape(shape);
}

void Im2colLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int bottom_dim = bottom[0]->count(channel_axis_);
  const int top_dim = top[0]->count(channel_axis_);
  for (int n = 0; n < num_; ++n)
    Im2colCpu(bottom[0]->cpu_data() + n * bottom_dim, channels_, height_, width_, geom_,
              top[0]->mutable_cpu_data() + n * top_dim);
}

void Im2colLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                               const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const int bottom_dim = bottom[0]->count(channel_axis_);
  const int top_dim = top[0]->count(channel_axis_);
  for (int n = 0; n < num_; ++n)
    Col2imCpu(top[0]->cpu_diff() + n * top_dim, channels_, height_, width_, geom_,
              bottom[0]->mutable_cpu_diff() + n * bottom_dim);
}

}  // namespace crema
