#include "layers/convolution_layer.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "dnnl/dnnl_context.h"
#include "filler.h"
#include "layers/param_blobs.h"

namespace crema {

using dnnl::algorithm;
using dnnl::prop_kind;
using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

namespace {

/// Reads one spatial parameter given either as a repeated field or in its 2-D h/w form.
/// `required` means at least one value must be given (kernel); otherwise default_value fills.
template <typename CheckFn>
std::vector<int> SpatialParam(const CheckFn& check, const char* name,
                              const google::protobuf::RepeatedField<uint32_t>& values, bool has_h, bool has_w,
                              uint32_t h, uint32_t w, int num_spatial, bool required, int default_value) {
  std::vector<int> out(num_spatial, default_value);
  if (has_h || has_w) {
    check(num_spatial == 2, name, "_h & ", name, "_w can only be used for 2D convolution");
    check(values.size() == 0, "either ", name, " or ", name, "_h/w should be specified; not both");
    out[0] = static_cast<int>(h);
    out[1] = static_cast<int>(w);
    return out;
  }
  const int n = values.size();
  check((required ? n >= 1 : n >= 0) && (n <= 1 || n == num_spatial), name,
        " must be specified once, or once per spatial dimension (", name, " specified ", n, " times; ",
        num_spatial, " spatial dims)");
  for (int i = 0; i < num_spatial && n > 0; ++i) out[i] = static_cast<int>(values.Get(n == 1 ? 0 : i));
  return out;
}

}  // namespace

void ConvolutionLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const caffe::ConvolutionParameter& p = layer_param_.convolution_param();
  auto check = [this](bool cond, const auto&... args) { Check(cond, args...); };
  channel_axis_ = bottom[0]->CanonicalAxisIndex(p.axis());
  num_spatial_axes_ = bottom[0]->num_axes() - channel_axis_ - 1;
  Check(num_spatial_axes_ >= 1 && num_spatial_axes_ <= 3, "supports 1 to 3 spatial axes; bottom ",
        bottom[0]->shape_string(), " with channel axis ", channel_axis_, " has ", num_spatial_axes_);
  kernel_ = SpatialParam(check, "kernel", p.kernel_size(), p.has_kernel_h(), p.has_kernel_w(), p.kernel_h(),
                         p.kernel_w(), num_spatial_axes_, true, 0);
  for (int k : kernel_) Check(k > 0, "filter dimensions must be nonzero");
  stride_ = SpatialParam(check, "stride", p.stride(), p.has_stride_h(), p.has_stride_w(), p.stride_h(),
                         p.stride_w(), num_spatial_axes_, false, 1);
  for (int s : stride_) Check(s > 0, "stride dimensions must be nonzero");
  pad_ = SpatialParam(check, "pad", p.pad(), p.has_pad_h(), p.has_pad_w(), p.pad_h(), p.pad_w(),
                      num_spatial_axes_, false, 0);
  dilation_ = SpatialParam(check, "dilation", p.dilation(), false, false, 0, 0, num_spatial_axes_, false, 1);
  for (int d : dilation_) Check(d > 0, "dilation must be nonzero");

  channels_ = bottom[0]->shape(channel_axis_);
  num_output_ = static_cast<int>(p.num_output());
  Check(num_output_ > 0, "num_output must be > 0");
  group_ = static_cast<int>(p.group());
  Check(group_ > 0, "group must be > 0");
  Check(channels_ % group_ == 0, "number of input channels (", channels_, ") must be a multiple of group (", group_,
        ")");
  Check(num_output_ % group_ == 0, "number of outputs (", num_output_, ") must be a multiple of group (", group_,
        ")");
  bias_term_ = p.bias_term();

  std::vector<int> weight_shape{num_output_, channels_ / group_};
  weight_shape.insert(weight_shape.end(), kernel_.begin(), kernel_.end());
  SetUpWeightAndBias(*this, weight_shape, num_output_, bias_term_, p.weight_filler(), p.bias_filler());
}

void ConvolutionLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const std::vector<int>& shape = bottom[0]->shape();
  Require<ShapeError>(static_cast<int>(shape.size()) == channel_axis_ + 1 + num_spatial_axes_, type(), " layer '",
                      name(), "': bottom has ", shape.size(), " axes, expected ",
                      channel_axis_ + 1 + num_spatial_axes_);
  Require<ShapeError>(shape[channel_axis_] == channels_, type(), " layer '", name(), "': bottom has ",
                      shape[channel_axis_], " channels, the weights expect ", channels_);
  for (size_t i = 1; i < bottom.size(); ++i)
    Require<ShapeError>(bottom[i]->shape() == shape, type(), " layer '", name(), "': all bottoms must have the same shape (",
                        bottom[0]->shape_string(), " vs ", bottom[i]->shape_string(), ")");
  num_ = bottom[0]->count(0, channel_axis_);
  input_shape_.assign(shape.begin() + channel_axis_ + 1, shape.end());
  output_shape_.resize(num_spatial_axes_);
  for (int i = 0; i < num_spatial_axes_; ++i) {
    const int extent = dilation_[i] * (kernel_[i] - 1) + 1;
    // C++ integer division truncates toward zero, exactly as Caffe's compute_output_shape.
    output_shape_[i] = (input_shape_[i] + 2 * pad_[i] - extent) / stride_[i] + 1;
    Require<ShapeError>(output_shape_[i] > 0, type(), " layer '", name(), "': output size ", output_shape_[i],
                        " along spatial axis ", i, " (input ", input_shape_[i], ", kernel ", kernel_[i], ", pad ",
                        pad_[i], ", stride ", stride_[i], ", dilation ", dilation_[i], ")");
  }
  std::vector<int> top_shape(shape.begin(), shape.begin() + channel_axis_);
  top_shape.push_back(num_output_);
  top_shape.insert(top_shape.end(), output_shape_.begin(), output_shape_.end());
  for (Blob* t : top) t->Reshape(top_shape);
  if (shape != built_shape_) {
    if (num_ > 0) BuildForward();
    built_shape_ = shape;
  }
}

dnnl::convolution_forward::primitive_desc ConvolutionLayer::MakeForwardPd(prop_kind prop,
                                                                           const dnnl::memory::desc& src,
                                                                           const dnnl::memory::desc& dst,
                                                                           bool with_relu) const {
  dnnl::primitive_attr attr;
  if (with_relu) {
    dnnl::post_ops ops;
    ops.append_eltwise(1.f, algorithm::eltwise_relu, relu_slope_, 0.f);
    attr.set_post_ops(ops);
  }
  if (bias_term_)
    return dnnl::convolution_forward::primitive_desc({prop, algorithm::convolution_direct, src, weights_any_, bias_md_,
                                                      dst, strides_, dilates_, pad_l_, pad_r_},
                                                     attr, DnnlEngine());
  return dnnl::convolution_forward::primitive_desc(
      {prop, algorithm::convolution_direct, src, weights_any_, dst, strides_, dilates_, pad_l_, pad_r_}, attr,
      DnnlEngine());
}

void ConvolutionLayer::BuildForward() {
  strides_.clear();
  dilates_.clear();
  pad_l_.clear();
  pad_r_.clear();
  for (int i = 0; i < num_spatial_axes_; ++i) {
    const int extent = dilation_[i] * (kernel_[i] - 1) + 1;
    strides_.push_back(stride_[i]);
    dilates_.push_back(dilation_[i] - 1);  // oneDNN counts the gaps
    pad_l_.push_back(pad_[i]);
    // Right padding that makes oneDNN's size (in - extent + l + r) / stride + 1 equal Caffe's;
    // positive beyond `pad` when Caffe's truncation lets the last window hang past the image.
    pad_r_.push_back(std::max(0, (output_shape_[i] - 1) * stride_[i] + extent - input_shape_[i] - pad_[i]));
  }
  std::vector<int> src_shape{num_, channels_}, dst_shape{num_, num_output_}, w_shape;
  src_shape.insert(src_shape.end(), input_shape_.begin(), input_shape_.end());
  dst_shape.insert(dst_shape.end(), output_shape_.begin(), output_shape_.end());
  if (group_ > 1) w_shape = {group_, num_output_ / group_, channels_ / group_};
  else w_shape = {num_output_, channels_};
  w_shape.insert(w_shape.end(), kernel_.begin(), kernel_.end());

  src_plain_ = PlainDesc(src_shape);
  dst_plain_ = PlainDesc(dst_shape);
  weights_plain_ = PlainDesc(w_shape);  // [O, C/g, k...] == [g, O/g, C/g, k...] in plain layout
  bias_md_ = dnnl::memory::desc({num_output_}, dt::f32, tag::a);
  weights_any_ = dnnl::memory::desc(ToDims(w_shape), dt::f32, tag::any);

  const prop_kind prop = phase_ == caffe::TRAIN ? prop_kind::forward_training : prop_kind::forward_inference;
  // Channels-last when blocked layouts would pad the input channels (measured on LeNet's conv2,
  // 20 channels: nhwc runs oneDNN's brgconv about 25% faster than nChw16c's padded blocks).
  const bool nhwc = GetEngineOptions().nhwc_conv && num_spatial_axes_ == 2 && group_ == 1 && channels_ >= 8 &&
                    channels_ % 16 != 0;
  bool built = false;
  if (nhwc) {
    try {
      src_any_ = dnnl::memory::desc(ToDims(src_shape), dt::f32, tag::nhwc);
      dst_any_ = dnnl::memory::desc(ToDims(dst_shape), dt::f32, tag::nhwc);
      fwd_pd_ = MakeForwardPd(prop, src_any_, dst_any_, fused_relu_);
      // Only worth it with an optimised kernel; the reference one is orders of magnitude slower.
      built = !IsReferenceImpl(fwd_pd_.impl_info_str());
    } catch (const dnnl::error&) {
      built = false;
    }
  }
  try {
    if (!built) {
      src_any_ = dnnl::memory::desc(ToDims(src_shape), dt::f32, tag::any);
      dst_any_ = dnnl::memory::desc(ToDims(dst_shape), dt::f32, tag::any);
      fwd_pd_ = MakeForwardPd(prop, src_any_, dst_any_, fused_relu_);
    }
    fwd_ = dnnl::convolution_forward(fwd_pd_);
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN convolution setup failed: ", e.what());
  }
  src_t_.Init(src_plain_, fwd_pd_.src_desc());
  weights_t_.Init(weights_plain_, fwd_pd_.weights_desc());
  dst_t_.Init(dst_plain_, fwd_pd_.dst_desc());
  bias_mem_ = dnnl::memory(bias_md_, DnnlEngine(), DNNL_MEMORY_NONE);
  diff_bias_mem_ = dnnl::memory(bias_md_, DnnlEngine(), DNNL_MEMORY_NONE);
  bwd_data_built_ = bwd_weights_built_ = false;
}

bool ConvolutionLayer::FuseReLU(float negative_slope) {
  if (!GetEngineOptions().fuse_relu || layer_param_.bottom_size() != 1 || layer_param_.top_size() != 1) return false;
  fused_relu_ = true;
  relu_slope_ = negative_slope;
  if (!built_shape_.empty() && num_ > 0) BuildForward();
  return true;
}

dnnl::memory::format_tag ConvolutionLayer::src_layout() const {
  return src_t_.initialized() ? TagOf(src_t_.chosen()) : dnnl::memory::format_tag::undef;
}

bool ConvolutionLayer::ForwardReorders(int which) const {
  const DnnlTensor& t = which == 0 ? src_t_ : which == 1 ? weights_t_ : dst_t_;
  return t.reordered();
}

dnnl::convolution_forward::primitive_desc ConvolutionLayer::TrainingHint() {
  // The backward pds need a forward_training pd without post-ops as hint; the layouts chosen
  // for src/dst are passed explicitly so that gradients flow in the forward's layouts.
  if (phase_ == caffe::TRAIN && !fused_relu_) return fwd_pd_;
  return MakeForwardPd(prop_kind::forward_training, fwd_pd_.src_desc(), fwd_pd_.dst_desc(), false);
}

void ConvolutionLayer::BuildBackwardData() {
  try {
    const auto hint = TrainingHint();
    auto make = [&](const dnnl::memory::desc& src, const dnnl::memory::desc& dst) {
      return dnnl::convolution_backward_data::primitive_desc(
          {algorithm::convolution_direct, src, weights_any_, dst, strides_, dilates_, pad_l_, pad_r_}, DnnlEngine(),
          hint);
    };
    dnnl::convolution_backward_data::primitive_desc pd;
    try {
      pd = make(hint.src_desc(), hint.dst_desc());
    } catch (const dnnl::error&) {
      pd = make(src_any_, dst_any_);
    }
    if (IsReferenceImpl(pd.impl_info_str())) {
      // The forward's layouts (e.g. an inference layout, or the plain 3-channel input of a
      // first layer) may have only oneDNN's reference kernel, which is 100-1000x slower
      // (CaffeNet conv1: 224 s against 0.17 s): let oneDNN choose the layouts instead.
      try {
        auto alt = make(src_any_, dst_any_);
        if (!IsReferenceImpl(alt.impl_info_str())) pd = alt;
      } catch (const dnnl::error&) {
      }
    }
    bwd_data_ = dnnl::convolution_backward_data(pd);
    bd_diff_dst_t_.Init(dst_plain_, pd.diff_dst_desc());
    bd_weights_t_.Init(weights_plain_, pd.weights_desc());
    bd_diff_src_t_.Init(src_plain_, pd.diff_src_desc());
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN convolution backward-data setup failed: ", e.what());
  }
  bwd_data_built_ = true;
}

void ConvolutionLayer::BuildBackwardWeights() {
  try {
    const auto hint = TrainingHint();
    auto make = [&](const dnnl::memory::desc& src, const dnnl::memory::desc& dst) {
      return bias_term_ ? dnnl::convolution_backward_weights::primitive_desc(
                              {algorithm::convolution_direct, src, weights_any_, bias_md_, dst, strides_, dilates_,
                               pad_l_, pad_r_},
                              DnnlEngine(), hint)
                        : dnnl::convolution_backward_weights::primitive_desc(
                              {algorithm::convolution_direct, src, weights_any_, dst, strides_, dilates_, pad_l_,
                               pad_r_},
                              DnnlEngine(), hint);
    };
    dnnl::convolution_backward_weights::primitive_desc pd;
    try {
      pd = make(hint.src_desc(), hint.dst_desc());
    } catch (const dnnl::error&) {
      pd = make(src_any_, dst_any_);
    }
    if (IsReferenceImpl(pd.impl_info_str())) {  // as in BuildBackwardData
      try {
        auto alt = make(src_any_, dst_any_);
        if (!IsReferenceImpl(alt.impl_info_str())) pd = alt;
      } catch (const dnnl::error&) {
      }
    }
    bwd_weights_ = dnnl::convolution_backward_weights(pd);
    bw_src_t_.Init(src_plain_, pd.src_desc());
    bw_diff_dst_t_.Init(dst_plain_, pd.diff_dst_desc());
    bw_diff_weights_t_.Init(weights_plain_, pd.diff_weights_desc());
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN convolution backward-weights setup failed: ", e.what());
  }
  bwd_weights_built_ = true;
}

void ConvolutionLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  if (bottom[0]->shape() != built_shape_ || top[0]->shape(channel_axis_) != num_output_) Reshape(bottom, top);  // as Caffe
  if (num_ == 0) return;
  dnnl::stream& s = DnnlStream();
  dnnl::memory weights = weights_t_.In(blobs_[0]->cpu_data(), s);
  if (bias_term_) bias_mem_.set_data_handle(const_cast<float*>(blobs_[1]->cpu_data()));
  // One internal output buffer: with several tops, each result is converted to plain in turn.
  const bool allow_private = top.size() == 1;
  for (size_t i = 0; i < bottom.size(); ++i) {
    std::unordered_map<int, dnnl::memory> args{{DNNL_ARG_SRC, src_t_.In(*bottom[i], false, s)},
                                               {DNNL_ARG_WEIGHTS, weights},
                                               {DNNL_ARG_DST, dst_t_.Out(*top[i], false, allow_private)}};
    if (bias_term_) args[DNNL_ARG_BIAS] = bias_mem_;
    fwd_.execute(s, args);
    dst_t_.Publish(*top[i], false, s, allow_private);
  }
  s.wait();
}

void ConvolutionLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                    const std::vector<Blob*>& bottom) {
  if (num_ == 0) return;
  dnnl::stream& s = DnnlStream();
  const bool want_w = param_propagate_down(0);
  const bool want_b = bias_term_ && param_propagate_down(1);
  bool any_data = false;
  for (size_t i = 0; i < bottom.size(); ++i) any_data |= propagate_down[i];
  if (any_data && !bwd_data_built_) BuildBackwardData();
  if ((want_w || want_b) && !bwd_weights_built_) BuildBackwardWeights();
  // When both passes want top's diff in the same layout, the copy made for the first serves both.
  const bool share_diff_dst = any_data && (want_w || want_b) && bw_diff_dst_t_.chosen() == bd_diff_dst_t_.chosen();
  std::vector<dnnl::memory> diff_dst(top.size());
  if (want_w || want_b) {
    float* w_scratch = weights_scratch_.Get(blobs_[0]->count());
    float* b_scratch = bias_term_ ? bias_scratch_.Get(num_output_) : nullptr;
    for (size_t i = 0; i < top.size(); ++i) {
      diff_dst[i] = bw_diff_dst_t_.In(*top[i], true, s);
      std::unordered_map<int, dnnl::memory> args{{DNNL_ARG_SRC, bw_src_t_.In(*bottom[i], false, s)},
                                                 {DNNL_ARG_DIFF_DST, diff_dst[i]},
                                                 {DNNL_ARG_DIFF_WEIGHTS, bw_diff_weights_t_.Out(w_scratch)}};
      if (bias_term_) {
        diff_bias_mem_.set_data_handle(b_scratch);
        args[DNNL_ARG_DIFF_BIAS] = diff_bias_mem_;
      }
      bwd_weights_.execute(s, args);
      bw_diff_weights_t_.Commit(w_scratch, s);
      s.wait();
      // oneDNN overwrites; Caffe accumulates param diffs (over bottoms and over iter_size passes).
      if (want_w) AddTo(blobs_[0]->mutable_cpu_diff(), w_scratch, blobs_[0]->count());
      if (want_b) AddTo(blobs_[1]->mutable_cpu_diff(), b_scratch, num_output_);
      // The internal diff_dst buffer is reused for the next top: only one top can share it.
      if (top.size() > 1) diff_dst[i] = dnnl::memory();
    }
  }
  if (!any_data) return;
  dnnl::memory weights = bd_weights_t_.In(blobs_[0]->cpu_data(), s);
  const bool allow_private = bottom.size() == 1;
  for (size_t i = 0; i < bottom.size(); ++i) {
    if (!propagate_down[i]) continue;
    dnnl::memory dd = share_diff_dst && diff_dst[i] ? diff_dst[i] : bd_diff_dst_t_.In(*top[i], true, s);
    bwd_data_.execute(s, {{DNNL_ARG_DIFF_DST, dd},
                          {DNNL_ARG_WEIGHTS, weights},
                          {DNNL_ARG_DIFF_SRC, bd_diff_src_t_.Out(*bottom[i], true, allow_private)}});
    bd_diff_src_t_.Publish(*bottom[i], true, s, allow_private);
  }
  s.wait();
}

}  // namespace crema
