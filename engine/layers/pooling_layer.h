// Pooling, MAX and AVE, with Caffe's exact rules (Caffe pooling_layer.cpp, Caffe master).
// bottom: (N, C, H, W); top: (N, C, PH, PW) with
//   PH = ceil((H + 2*pad_h - kernel_h) / (float)stride_h) + 1   (round_mode CEIL, default;
//        FLOOR uses floor), then, only when pad > 0, if (PH - 1)*stride_h >= H + pad_h, PH -= 1
//        (a last window starting inside the bottom padding is dropped). Same for W.
// MAX: the window is clipped to the image, so padding is never a candidate; the maximum starts
//   at -FLT_MAX and the comparison is strict, so on ties the first element in row-major order
//   wins. Backward routes each top diff to that element (adding up where windows share it).
//   An optional second top receives the argmax index h*W + w (as float).
// AVE: divisor = window clipped to the padded extent [-pad, H + pad) (padding counts, the
//   ceil overhang past the padding does not); the sum runs over real cells. Backward gives
//   top_diff / divisor to every real cell of the window.
// global_pooling: kernel = H x W (requires pad 0, stride 1). STOCHASTIC is not supported.
//
// Engine choice (fixed at Reshape, documented per case):
//  * Crema's own kernels (EngineOptions::fast_pooling, the default) for every geometry with
//    one top: Caffe's loops above, run over a layout view [outer][H][W][block] so that the
//    same code pools plain NCHW (block 1), channels-last (block C) and oneDNN's nChw16c /
//    nChw8c (block 16 / 8, padded channels are zeros and stay zero). When the bottom's
//    newest values are a oneDNN private copy in one of those layouts (e.g. a Convolution's
//    output) the kernels read it directly and hand the top on in the same layout (private
//    copy), and the backward writes the bottom diff in it: no reorders between oneDNN
//    layers. The argmax is kept per output element (window position h*W + w). oneDNN 2.6's
//    own pooling was 5-10x slower than this on LeNet's shapes (1.3 ms vs ~0.2 ms per pass).
//  With fast_pooling off:
//  * oneDNN pooling_max (forward_training with its workspace in TRAIN, forward_inference in
//    TEST) whenever every window holds at least one real cell: oneDNN also skips padded cells,
//    starts at the lowest float and keeps the first maximum on ties, so it matches exactly.
//  * oneDNN pooling_avg_include_padding when no window overhangs the padded extent (divisor
//    is kernel_h*kernel_w for every window, as in Caffe); pooling_avg_exclude_padding when pad
//    is 0 (divisor = real cells, as in Caffe).
//  * Otherwise plain C++ (Caffe's loops): AVE with both pad > 0 and a ceil overhang (oneDNN
//    has no divisor rule for that mix), windows with no real cell (stride > kernel overhang;
//    Caffe then yields -FLT_MAX for MAX and divides 0 by 0 for AVE, here the AVE output is 0),
//    a requested argmax top, and Backward in the TEST phase (no training workspace).
// Errors: ConfigError for invalid parameters (Caffe's CHECK messages), ShapeError for a
// non-4-D bottom or an empty output.
#pragma once

#include <algorithm>
#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

#include "dnnl/dnnl_tensor.h"
#include "layer.h"

namespace crema {

class PoolingLayer : public Layer {
 public:
  explicit PoolingLayer(const caffe::LayerParameter& param) : Layer(param) {}
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Pooling"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int MinTopBlobs() const override { return 1; }
  int MaxTopBlobs() const override {
    return layer_param_.pooling_param().pool() == caffe::PoolingParameter::MAX ? 2 : 1;
  }

  /// Which code pools the current shape (see the engine choice above).
  enum class Engine { kReference, kFast, kDnnl };
  Engine engine() const { return engine_; }
  /// True when Forward runs on oneDNN for the current shape.
  bool uses_dnnl() const { return engine_ == Engine::kDnnl; }
  /// Tests: force the plain C++ path (takes effect at the next Reshape).
  void set_force_reference(bool value) { force_reference_ = value; }
  int pooled_height() const { return pooled_h_; }
  int pooled_width() const { return pooled_w_; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  void BuildForward();
  void BuildBackward();
  /// Window of pooled output (ph, pw): [hstart, hend) x [wstart, wend) clipped to the image
  /// (MAX and AVE alike), and AVE's divisor `pool_size`, the window clipped to the padded
  /// extent only (see above). Caffe pooling_layer.cpp.
  struct Window {
    int hstart, hend, wstart, wend, pool_size;
  };
  Window WindowAt(int ph, int pw) const {
    const int hstart = ph * stride_h_ - pad_h_, wstart = pw * stride_w_ - pad_w_;
    const int hend = std::min(hstart + kernel_h_, height_ + pad_h_);
    const int wend = std::min(wstart + kernel_w_, width_ + pad_w_);
    return {std::max(hstart, 0), std::min(hend, height_), std::max(wstart, 0), std::min(wend, width_),
            (hend - hstart) * (wend - wstart)};
  }
  void ReferenceForward(const float* bottom, float* top, int* mask, float* top_mask) const;
  void ReferenceBackward(const float* top_diff, const int* mask, const float* top_mask, float* bottom_diff) const;
  /// Layout view of the fast kernels: `outer` slices of [H][W][block] floats.
  struct View {
    int outer = 0, block = 1;
  };
  /// (Re)binds the fast path to bottom layout `tag` (plain, nhwc, nChw16c, nChw8c).
  void BindFastLayout(dnnl::memory::format_tag tag);
  void FastForward(const float* bottom, float* top, int* mask) const;
  void FastBackward(const float* top_diff, const int* mask, float* bottom_diff) const;

  caffe::PoolingParameter::PoolMethod pool_ = caffe::PoolingParameter::MAX;
  bool global_pooling_ = false;
  int kernel_h_ = 0, kernel_w_ = 0, stride_h_ = 1, stride_w_ = 1, pad_h_ = 0, pad_w_ = 0;
  int num_ = 0, channels_ = 0, height_ = 0, width_ = 0, pooled_h_ = 0, pooled_w_ = 0;
  bool force_reference_ = false;

  Engine engine_ = Engine::kReference;
  // Fast path: layout of the last forward, its view, argmax, and the blob bindings.
  dnnl::memory::format_tag fast_tag_ = dnnl::memory::format_tag::undef;
  std::vector<int> fast_shape_;  // bottom shape the bindings were made for
  View view_;
  std::vector<int> fast_mask_;
  bool fast_mask_valid_ = false;
  DnnlTensor fast_dst_t_, fast_diff_dst_t_, fast_diff_src_t_;
  std::vector<int> reshaped_shape_;  // bottom shape at the last Reshape
  std::vector<int> built_key_;  // bottom shape + algorithm of the built primitives
  dnnl::algorithm algorithm_ = dnnl::algorithm::pooling_max;
  dnnl::memory::desc src_md_, dst_md_;
  dnnl::memory::dims strides_, kernel_, pad_l_, pad_r_;
  dnnl::pooling_forward::primitive_desc fwd_pd_;
  dnnl::pooling_forward fwd_;
  dnnl::memory src_mem_, dst_mem_, workspace_;
  bool bwd_built_ = false;
  dnnl::pooling_backward bwd_;
  dnnl::memory diff_src_mem_, diff_dst_mem_;
  bool workspace_valid_ = false;

  std::vector<int> max_idx_;  // argmax of the plain C++ MAX path
  bool max_idx_valid_ = false;
  std::vector<float> scratch_top_;
};

}  // namespace crema
