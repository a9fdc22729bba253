#include "layers/deconvolution_layer.h"
#include "layers/param_blobs.h"

#include <oneapi/dnnl/dnnl.h>

#include "filler.h"

namespace crema {
namespace {

// Row-major C = alpha * op(A) * op(B) + beta * C.
void Gemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, const float* b, float beta,
          float* c) {
  const dnnl_dim_t lda = trans_a ? m : k;
  const dnnl_dim_t ldb = trans_b ? k : n;
  const dnnl_status_t st =
      dnnl_sgemm(trans_a ? 'T' : 'N', trans_b ? 'T' : 'N', m, n, k, alpha, a, lda, b, ldb, beta, c, n);
  Require(st == dnnl_success, "Deconvolution: dnnl_sgemm failed with status ", static_cast<int>(st));
}

}  // namespace

void DeconvolutionLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.convolution_param();
  channel_axis_ = bottom[0]->CanonicalAxisIndex(p.axis());
  Check(bottom[0]->num_axes() - channel_axis_ - 1 == 2, "only 2 spatial axes are supported (bottom ",
        bottom[0]->shape_string(), ", channel axis ", channel_axis_, ")");
  geom_ = ParseConvGeometry(p, Format(type(), " layer '", name(), "': "));
  channels_ = bottom[0]->shape(channel_axis_);
  num_output_ = static_cast<int>(p.num_output());
  Check(num_output_ > 0, "num_output must be positive");
  group_ = static_cast<int>(p.group());
  Check(group_ > 0, "group must be positive");
  Check(channels_ % group_ == 0, "number of input channels (", channels_, ") must be divisible by group (", group_,
        ")");
  Check(num_output_ % group_ == 0, "num_output (", num_output_, ") must be divisible by group (", group_, ")");
  bias_term_ = p.bias_term();
  const std::vector<int> weight_shape = {channels_, num_output_ / group_, geom_.kernel_h, geom_.kernel_w};
  SetUpWeightAndBias(*this, weight_shape, num_output_, bias_term_, p.weight_filler(), p.bias_filler());
}

void DeconvolutionLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  for (size_t i = 0; i < bottom.size(); ++i) {
    Check(bottom[i]->num_axes() == channel_axis_ + 3, "bottom ", i, " must have ", channel_axis_ + 3, " axes, got ",
          bottom[i]->shape_string());
    Check(bottom[i]->shape() == bottom[0]->shape(), "all inputs must have the same shape (bottom 0 is ",
          bottom[0]->shape_string(), ", bottom ", i, " is ", bottom[i]->shape_string(), ")");
  }
  Check(bottom[0]->shape(channel_axis_) == channels_, "input has ", bottom[0]->shape(channel_axis_),
        " channels, the layer was set up for ", channels_);
  num_ = bottom[0]->count(0, channel_axis_);
  in_h_ = bottom[0]->shape(channel_axis_ + 1);
  in_w_ = bottom[0]->shape(channel_axis_ + 2);
  out_h_ = geom_.stride_h * (in_h_ - 1) + geom_.dilation_h * (geom_.kernel_h - 1) + 1 - 2 * geom_.pad_h;
  out_w_ = geom_.stride_w * (in_w_ - 1) + geom_.dilation_w * (geom_.kernel_w - 1) + 1 - 2 * geom_.pad_w;
  Check(out_h_ > 0 && out_w_ > 0, "output size is not positive (", out_h_, "x", out_w_, ") for input ",
        bottom[0]->shape_string());
  std::vector<int> shape(bottom[0]->shape().begin(), bottom[0]->shape().begin() + channel_axis_);
  shape.push_back(num_output_);
  shape.push_back(out_h_);
  shape.push_back(out_w_);
  for (Blob* t : top) t->Reshape(shape);
  col_.resize(static_cast<size_t>(num_output_) * geom_.kernel_h * geom_.kernel_w * in_h_ * in_w_);
}

void DeconvolutionLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float* w = blobs_[0]->cpu_data();
  const int in_spatial = in_h_ * in_w_;
  const int out_spatial = out_h_ * out_w_;
  const int kernel_dim = num_output_ / group_ * geom_.kernel_h * geom_.kernel_w;  // rows of col per group
  const int cin_g = channels_ / group_;
  for (size_t i = 0; i < bottom.size(); ++i) {
    const float* x = bottom[i]->cpu_data();
    float* y = top[i]->mutable_cpu_data();
    for (int n = 0; n < num_; ++n) {
      const float* xn = x + static_cast<size_t>(n) * channels_ * in_spatial;
      for (int g = 0; g < group_; ++g)
        Gemm(true, false, kernel_dim, in_spatial, cin_g, 1.f, w + static_cast<size_t>(g) * cin_g * kernel_dim,
             xn + static_cast<size_t>(g) * cin_g * in_spatial, 0.f,
             col_.data() + static_cast<size_t>(g) * kernel_dim * in_spatial);
      float* yn = y + static_cast<size_t>(n) * num_output_ * out_spatial;
      Col2imCpu(col_.data(), num_output_, out_h_, out_w_, geom_, yn);
      if (bias_term_) {
        const float* b = blobs_[1]->cpu_data();
        for (int c = 0; c < num_output_; ++c)
          for (int k = 0; k < out_spatial; ++k) yn[c * out_spatial + k] += b[c];
      }
    }
  }
}

void DeconvolutionLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                      const std::vector<Blob*>& bottom) {
  const float* w = blobs_[0]->cpu_data();
  float* dw = blobs_[0]->mutable_cpu_diff();
  const int in_spatial = in_h_ * in_w_;
  const int out_spatial = out_h_ * out_w_;
  const int kernel_dim = num_output_ / group_ * geom_.kernel_h * geom_.kernel_w;
  const int cin_g = channels_ / group_;
  for (size_t i = 0; i < top.size(); ++i) {
    const float* dy = top[i]->cpu_diff();
    if (bias_term_ && param_propagate_down(1)) {
      float* db = blobs_[1]->mutable_cpu_diff();
      for (int n = 0; n < num_; ++n)
        for (int c = 0; c < num_output_; ++c) {
          double s = 0;
          const float* p = dy + (static_cast<size_t>(n) * num_output_ + c) * out_spatial;
          for (int k = 0; k < out_spatial; ++k) s += p[k];
          db[c] += static_cast<float>(s);
        }
    }
    if (!param_propagate_down(0) && !propagate_down[i]) continue;
    const float* x = bottom[i]->cpu_data();
    float* dx = bottom[i]->mutable_cpu_diff();
    for (int n = 0; n < num_; ++n) {
      // The top diff seen through the convolution windows.
      Im2colCpu(dy + static_cast<size_t>(n) * num_output_ * out_spatial, num_output_, out_h_, out_w_, geom_,
                col_.data());
      for (int g = 0; g < group_; ++g) {
        const float* col_g = col_.data() + static_cast<size_t>(g) * kernel_dim * in_spatial;
        if (param_propagate_down(0))
          // dW_g += x_g * col_g^T
          Gemm(false, true, cin_g, kernel_dim, in_spatial, 1.f,
               x + (static_cast<size_t>(n) * channels_ + g * cin_g) * in_spatial, col_g, 1.f,
               dw + static_cast<size_t>(g) * cin_g * kernel_dim);
        if (propagate_down[i])
          // dx_g = W_g * col_g
          Gemm(false, false, cin_g, in_spatial, kernel_dim, 1.f, w + static_cast<size_t>(g) * cin_g * kernel_dim,
               col_g, 0.f, dx + (static_cast<size_t>(n) * channels_ + g * cin_g) * in_spatial);
      }
    }
  }
}

}  // namespace crema
