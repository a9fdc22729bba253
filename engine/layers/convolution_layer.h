// Convolution (Caffe conv_layer.cpp / base_conv_layer.cpp): cross-correlation (the kernel is
// not flipped) of each bottom with the same filters; bottoms and tops come in pairs and all
// bottoms must have the same shape.
// bottom: [N..., C, spatial...] with the channel axis at convolution_param.axis (default 1)
// and 1 to 3 spatial axes; top: [N..., num_output, out...] with, per spatial axis,
//   out = (in + 2*pad - (dilation*(kernel-1)+1)) / stride + 1   (C++ integer division, which
//   truncates toward zero: in 4, kernel 5, stride 2 gives 1; the part of a window past the
//   image reads zeros, as Caffe's im2col does).
// kernel_size/pad/stride/dilation are repeated (one value for all spatial axes or one per
// axis); kernel_h/w, pad_h/w, stride_h/w are the 2-D forms and cannot be mixed with them.
// Params: W [num_output, C/group, k...], b [num_output] if bias_term (default true); fillers
// default to constant 0. group g: output group j sees input channels [j*C/g, (j+1)*C/g).
// Param diffs ACCUMULATE (oneDNN backward_weights overwrites: it writes a scratch buffer
// that is then added). Bottom diffs are overwritten.
// Runs on oneDNN convolution_direct (forward_training in TRAIN, forward_inference in TEST;
// backward pds built on the first Backward with the forward pd as hint, on the forward's
// src/dst layouts). Weights use format_tag::any; src/dst use format_tag::any, or
// channels-last (nhwc) for 2-D, ungrouped convolutions whose input channels (>= 8) do not
// fill 16-channel blocks (blocked layouts would pad them: LeNet's conv2 has 20). Outputs in
// a non-plain layout are handed on as the top's private copy (see DnnlTensor), inputs are
// read from the bottom's private copy when it has the wanted layout. Right padding handed to
// oneDNN is computed so that oneDNN's output size equals Caffe's truncated size.
// An in-place ReLU that directly follows can be fused (FuseReLU: oneDNN eltwise post-op);
// the top then holds max(x, 0) + negative_slope * min(x, 0), exactly what the ReLU writes.
// Errors: ConfigError for invalid parameters (messages follow Caffe's CHECKs), ShapeError
// for shape mismatches (bottoms, loaded weights, an empty output).
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include "dnnl/dnnl_tensor.h"
#include "layer.h"

namespace crema {

class ConvolutionLayer : public Layer {
 public:
  explicit ConvolutionLayer(const caffe::LayerParameter& param) : Layer(param) {}
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Convolution"; }
  int MinBottomBlobs() const override { return 1; }
  int MinTopBlobs() const override { return 1; }
  bool EqualNumBottomTopBlobs() const override { return true; }

  const std::vector<int>& kernel_shape() const { return kernel_; }
  const std::vector<int>& stride() const { return stride_; }
  const std::vector<int>& pad() const { return pad_; }
  const std::vector<int>& dilation() const { return dilation_; }
  /// True when oneDNN reorders the given tensor (0 src, 1 weights, 2 dst) in forward.
  bool ForwardReorders(int which) const;
  /// Layout the forward reads its bottom in (format_tag::acdb = channels-last, aBcd16b =
  /// 16-channel blocks, abcd = plain, undef before the first Reshape or for other layouts).
  dnnl::memory::format_tag src_layout() const;
  /// Applies the following in-place ReLU as a post-op (single bottom/top only).
  bool FuseReLU(float negative_slope) override;
  bool relu_fused() const { return fused_relu_; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  void BuildForward();
  void BuildBackwardData();
  void BuildBackwardWeights();
  dnnl::convolution_forward::primitive_desc TrainingHint();
  dnnl::convolution_forward::primitive_desc MakeForwardPd(dnnl::prop_kind prop, const dnnl::memory::desc& src,
                                                          const dnnl::memory::desc& dst, bool with_relu) const;

  // Geometry (Caffe names).
  int channel_axis_ = 1, num_spatial_axes_ = 2;
  int num_output_ = 0, group_ = 1, channels_ = 0;
  bool bias_term_ = true;
  bool fused_relu_ = false;
  float relu_slope_ = 0.f;
  std::vector<int> kernel_, stride_, pad_, dilation_;
  std::vector<int> input_shape_;   // spatial input sizes
  std::vector<int> output_shape_;  // spatial output sizes
  int num_ = 0;                    // count(0, channel_axis)

  // oneDNN state, rebuilt when the bottom shape changes.
  std::vector<int> built_shape_;
  dnnl::memory::dims strides_, dilates_, pad_l_, pad_r_;
  dnnl::memory::desc src_plain_, weights_plain_, dst_plain_, bias_md_;
  dnnl::memory::desc src_any_, weights_any_, dst_any_;
  dnnl::convolution_forward::primitive_desc fwd_pd_;
  dnnl::convolution_forward fwd_;
  DnnlTensor src_t_, weights_t_, dst_t_;
  dnnl::memory bias_mem_;

  bool bwd_data_built_ = false;
  dnnl::convolution_backward_data bwd_data_;
  DnnlTensor bd_diff_dst_t_, bd_weights_t_, bd_diff_src_t_;

  bool bwd_weights_built_ = false;
  dnnl::convolution_backward_weights bwd_weights_;
  DnnlTensor bw_src_t_, bw_diff_dst_t_, bw_diff_weights_t_;
  dnnl::memory diff_bias_mem_;
  ScratchBuffer weights_scratch_, bias_scratch_;
};

}  // namespace crema
