#include "layers/pooling_layer.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "dnnl/dnnl_context.h"

namespace crema {

using dnnl::algorithm;
using dnnl::prop_kind;
using P = caffe::PoolingParameter;

void PoolingLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const P& p = layer_param_.pooling_param();
  pool_ = p.pool();
  Check(pool_ != P::STOCHASTIC, "STOCHASTIC pooling is not supported (use MAX or AVE)");
  global_pooling_ = p.global_pooling();
  if (global_pooling_) {
    Check(!(p.has_kernel_size() || p.has_kernel_h() || p.has_kernel_w()),
          "with global_pooling: true the filter size cannot be specified");
  } else {
    Check(!p.has_kernel_size() != !(p.has_kernel_h() && p.has_kernel_w()),
          "filter size is kernel_size OR kernel_h and kernel_w; not both");
    Check(p.has_kernel_size() || (p.has_kernel_h() && p.has_kernel_w()),
          "for non-square filters both kernel_h and kernel_w are required");
  }
  Check((!p.has_pad() && p.has_pad_h() && p.has_pad_w()) || (!p.has_pad_h() && !p.has_pad_w()),
        "pad is pad OR pad_h and pad_w are required");
  Check((!p.has_stride() && p.has_stride_h() && p.has_stride_w()) || (!p.has_stride_h() && !p.has_stride_w()),
        "stride is stride OR stride_h and stride_w are required");
  Require<ShapeError>(bottom[0]->num_axes() == 4, type(), " layer '", name(),
                      "': input must have 4 axes (num, channels, height, width), got ", bottom[0]->shape_string());
  if (global_pooling_) {
    kernel_h_ = bottom[0]->shape(2);
    kernel_w_ = bottom[0]->shape(3);
  } else if (p.has_kernel_size()) {
    kernel_h_ = kernel_w_ = static_cast<int>(p.kernel_size());
  } else {
    kernel_h_ = static_cast<int>(p.kernel_h());
    kernel_w_ = static_cast<int>(p.kernel_w());
  }
  Check(kernel_h_ > 0 && kernel_w_ > 0, "filter dimensions cannot be zero");
  if (!p.has_pad_h()) {
    pad_h_ = pad_w_ = static_cast<int>(p.pad());
  } else {
    pad_h_ = static_cast<int>(p.pad_h());
    pad_w_ = static_cast<int>(p.pad_w());
  }
  if (!p.has_stride_h()) {
    stride_h_ = stride_w_ = static_cast<int>(p.stride());
  } else {
    stride_h_ = static_cast<int>(p.stride_h());
    stride_w_ = static_cast<int>(p.stride_w());
  }
  Check(stride_h_ > 0 && stride_w_ > 0, "stride cannot be zero");
  if (global_pooling_)
    Check(pad_h_ == 0 && pad_w_ == 0 && stride_h_ == 1 && stride_w_ == 1,
          "with global_pooling: true only pad = 0 and stride = 1 are allowed");
  if (pad_h_ != 0 || pad_w_ != 0) {
    Check(pool_ == P::AVE || pool_ == P::MAX, "padding is implemented only for average and max pooling");
    Check(pad_h_ < kernel_h_, "pad_h (", pad_h_, ") must be less than kernel_h (", kernel_h_, ")");
    Check(pad_w_ < kernel_w_, "pad_w (", pad_w_, ") must be less than kernel_w (", kernel_w_, ")");
  }
}

namespace {

int PooledSize(int in, int k, int s, int pad, bool ceil_mode) {
  const float q = static_cast<float>(in + 2 * pad - k) / s;
  int out = static_cast<int>(ceil_mode ? std::ceil(q) : std::floor(q)) + 1;
  // Drop a last window that would start inside the bottom/right padding (only with pad > 0).
  if (pad > 0 && (out - 1) * s >= in + pad) --out;
  return out;
}

}  // namespace

void PoolingLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Require<ShapeError>(bottom[0]->num_axes() == 4, type(), " layer '", name(),
                      "': input must have 4 axes (num, channels, height, width), got ", bottom[0]->shape_string());
  num_ = bottom[0]->shape(0);
  channels_ = bottom[0]->shape(1);
  height_ = bottom[0]->shape(2);
  width_ = bottom[0]->shape(3);
  if (global_pooling_) {
    kernel_h_ = height_;
    kernel_w_ = width_;
  }
  const bool ceil_mode = layer_param_.pooling_param().round_mode() == P::CEIL;
  pooled_h_ = PooledSize(height_, kernel_h_, stride_h_, pad_h_, ceil_mode);
  pooled_w_ = PooledSize(width_, kernel_w_, stride_w_, pad_w_, ceil_mode);
  Require<ShapeError>(pooled_h_ > 0 && pooled_w_ > 0, type(), " layer '", name(), "': empty output ", pooled_h_,
                      "x", pooled_w_, " for input ", bottom[0]->shape_string(), ", kernel ", kernel_h_, "x",
                      kernel_w_);
  top[0]->Reshape({num_, channels_, pooled_h_, pooled_w_});
  reshaped_shape_ = bottom[0]->shape();
  if (top.size() > 1) top[1]->ReshapeLike(*top[0]);
  max_idx_valid_ = false;
  workspace_valid_ = false;
  fast_mask_valid_ = false;
  if (!force_reference_ && top.size() == 1 && bottom[0]->count() > 0 && GetEngineOptions().fast_pooling) {
    engine_ = Engine::kFast;
    return;  // layouts are bound at Forward, from the bottom's current layout
  }

  // Engine choice (see the header). pr = right/bottom padding that makes oneDNN's window
  // count equal ours; pr < kernel means every window holds a real cell.
  const int pr_h = (pooled_h_ - 1) * stride_h_ + kernel_h_ - height_ - pad_h_;
  const int pr_w = (pooled_w_ - 1) * stride_w_ + kernel_w_ - width_ - pad_w_;
  bool dnnl_ok = !force_reference_ && top.size() == 1 && bottom[0]->count() > 0 && pr_h < kernel_h_ &&
                 pr_w < kernel_w_;
  algorithm alg = algorithm::pooling_max;
  if (pool_ == P::AVE) {
    if (pr_h <= pad_h_ && pr_w <= pad_w_)
      alg = algorithm::pooling_avg_include_padding;  // no overhang: divisor kernel_h*kernel_w
    else if (pad_h_ == 0 && pad_w_ == 0)
      alg = algorithm::pooling_avg_exclude_padding;  // no padding: divisor = real cells
    else
      dnnl_ok = false;
  }
  engine_ = dnnl_ok ? Engine::kDnnl : Engine::kReference;
  if (!dnnl_ok) return;
  std::vector<int> key = bottom[0]->shape();
  key.push_back(static_cast<int>(alg));
  if (key == built_key_) return;
  built_key_ = key;
  algorithm_ = alg;
  strides_ = {stride_h_, stride_w_};
  kernel_ = {kernel_h_, kernel_w_};
  pad_l_ = {pad_h_, pad_w_};
  pad_r_ = {std::max(0, pr_h), std::max(0, pr_w)};
  BuildForward();
}

void PoolingLayer::BuildForward() {
  src_md_ = PlainDesc({num_, channels_, height_, width_});
  dst_md_ = PlainDesc({num_, channels_, pooled_h_, pooled_w_});
  const prop_kind prop = phase_ == caffe::TRAIN ? prop_kind::forward_training : prop_kind::forward_inference;
  try {
    fwd_pd_ = dnnl::pooling_forward::primitive_desc(
        {prop, algorithm_, src_md_, dst_md_, strides_, kernel_, pad_l_, pad_r_}, DnnlEngine());
    fwd_ = dnnl::pooling_forward(fwd_pd_);
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN pooling setup failed: ", e.what());
  }
  const dnnl::engine& eng = DnnlEngine();
  src_mem_ = dnnl::memory(src_md_, eng, DNNL_MEMORY_NONE);
  dst_mem_ = dnnl::memory(dst_md_, eng, DNNL_MEMORY_NONE);
  diff_src_mem_ = dnnl::memory(src_md_, eng, DNNL_MEMORY_NONE);
  diff_dst_mem_ = dnnl::memory(dst_md_, eng, DNNL_MEMORY_NONE);
  const dnnl::memory::desc ws = fwd_pd_.workspace_desc();
  workspace_ = ws.get_size() > 0 ? dnnl::memory(ws, eng) : dnnl::memory();
  bwd_built_ = false;
}

void PoolingLayer::BuildBackward() {
  try {
    dnnl::pooling_backward::primitive_desc pd(
        {algorithm_, src_md_, dst_md_, strides_, kernel_, pad_l_, pad_r_}, DnnlEngine(), fwd_pd_);
    bwd_ = dnnl::pooling_backward(pd);
  } catch (const dnnl::error& e) {
    Check(false, "oneDNN pooling backward setup failed: ", e.what());
  }
  bwd_built_ = true;
}

void PoolingLayer::ReferenceForward(const float* bottom, float* top, int* mask, float* top_mask) const {
  const int in_plane = height_ * width_;
  const int out_plane = pooled_h_ * pooled_w_;
  const int planes = num_ * channels_;
#pragma omp parallel for if (planes * out_plane > 4096)
  for (int nc = 0; nc < planes; ++nc) {
    const float* b = bottom + static_cast<long>(nc) * in_plane;
    float* t = top + static_cast<long>(nc) * out_plane;
    for (int ph = 0; ph < pooled_h_; ++ph) {
      for (int pw = 0; pw < pooled_w_; ++pw) {
        const Window win = WindowAt(ph, pw);
        const int out_index = ph * pooled_w_ + pw;
        if (pool_ == P::MAX) {
          float best = -FLT_MAX;
          int arg = -1;
          for (int h = win.hstart; h < win.hend; ++h)
            for (int w = win.wstart; w < win.wend; ++w)
              if (b[h * width_ + w] > best) {  // strict: the first maximum wins
                best = b[h * width_ + w];
                arg = h * width_ + w;
              }
          t[out_index] = best;
          if (mask) mask[static_cast<long>(nc) * out_plane + out_index] = arg;
          if (top_mask) top_mask[static_cast<long>(nc) * out_plane + out_index] = static_cast<float>(arg);
        } else {
          // Divisor from the window clipped to the padded extent, before clipping to the image.
          float sum = 0.f;
          for (int h = win.hstart; h < win.hend; ++h)
            for (int w = win.wstart; w < win.wend; ++w) sum += b[h * width_ + w];
          t[out_index] = win.pool_size > 0 ? sum / win.pool_size : 0.f;
        }
      }
    }
  }
}

void PoolingLayer::ReferenceBackward(const float* top_diff, const int* mask, const float* top_mask,
                                     float* bottom_diff) const {
  const int in_plane = height_ * width_;
  const int out_plane = pooled_h_ * pooled_w_;
  const int planes = num_ * channels_;
  std::memset(bottom_diff, 0, sizeof(float) * static_cast<size_t>(planes) * in_plane);
#pragma omp parallel for if (planes * out_plane > 4096)
  for (int nc = 0; nc < planes; ++nc) {
    float* b = bottom_diff + static_cast<long>(nc) * in_plane;
    const float* t = top_diff + static_cast<long>(nc) * out_plane;
    for (int ph = 0; ph < pooled_h_; ++ph) {
      for (int pw = 0; pw < pooled_w_; ++pw) {
        const int out_index = ph * pooled_w_ + pw;
        if (pool_ == P::MAX) {
          const long m = static_cast<long>(nc) * out_plane + out_index;
          const int arg = top_mask ? static_cast<int>(top_mask[m]) : mask[m];
          if (arg >= 0) b[arg] += t[out_index];
        } else {
          const Window win = WindowAt(ph, pw);
          if (win.pool_size <= 0) continue;
          const float g = t[out_index] / win.pool_size;
          for (int h = win.hstart; h < win.hend; ++h)
            for (int w = win.wstart; w < win.wend; ++w) b[h * width_ + w] += g;
        }
      }
    }
  }
}

void PoolingLayer::BindFastLayout(dnnl::memory::format_tag t) {
  using tag = dnnl::memory::format_tag;
  const dnnl::memory::dims src_dims{num_, channels_, height_, width_};
  const dnnl::memory::dims dst_dims{num_, channels_, pooled_h_, pooled_w_};
  const auto f32 = dnnl::memory::data_type::f32;
  const dnnl::memory::desc src_plain(src_dims, f32, tag::abcd), dst_plain(dst_dims, f32, tag::abcd);
  const dnnl::memory::desc src_md(src_dims, f32, t), dst_md(dst_dims, f32, t);
  // Out() hands back the blob's own memory for plain, a private buffer in `t` otherwise.
  fast_dst_t_.Init(dst_plain, dst_md);
  fast_diff_dst_t_.Init(dst_plain, dst_md);
  fast_diff_src_t_.Init(src_plain, src_md);
  if (t == tag::acdb) {
    view_ = {num_, channels_};
  } else if (t == tag::aBcd16b || t == tag::aBcd8b) {
    const int b = t == tag::aBcd16b ? 16 : 8;
    view_ = {num_ * ((channels_ + b - 1) / b), b};
  } else {
    view_ = {num_ * channels_, 1};
  }
  fast_mask_.assign(static_cast<size_t>(view_.outer) * pooled_h_ * pooled_w_ * view_.block, -1);
  fast_tag_ = t;
  fast_shape_ = {num_, channels_, height_, width_};
  fast_mask_valid_ = false;
}

// The fast kernels run Caffe's window loops (see ReferenceForward) with the `block` channels
// of one pixel innermost and contiguous, so the per-channel work vectorises.
void PoolingLayer::FastForward(const float* bottom, float* top, int* mask) const {
  const int B = view_.block;
  const long in_slice = static_cast<long>(height_) * width_ * B;
  const long out_slice = static_cast<long>(pooled_h_) * pooled_w_ * B;
  const bool is_max = pool_ == P::MAX;
#pragma omp parallel for schedule(static) if (view_.outer * out_slice > 4096)
  for (int o = 0; o < view_.outer; ++o) {
    const float* in = bottom + o * in_slice;
    for (int ph = 0; ph < pooled_h_; ++ph) {
      for (int pw = 0; pw < pooled_w_; ++pw) {
        const long out_index = (static_cast<long>(ph) * pooled_w_ + pw) * B;
        float* t = top + o * out_slice + out_index;
        const Window win = WindowAt(ph, pw);
        if (is_max) {
          int* m = mask + o * out_slice + out_index;
#pragma omp simd
          for (int b = 0; b < B; ++b) {
            t[b] = -FLT_MAX;
            m[b] = -1;
          }
          for (int h = win.hstart; h < win.hend; ++h) {
            for (int w = win.wstart; w < win.wend; ++w) {
              const int pos = h * width_ + w;
              const float* v = in + static_cast<long>(pos) * B;
#pragma omp simd
              for (int b = 0; b < B; ++b) {
                // Strict, so the first maximum wins; the quiet comparison lets the loop vectorise.
                const bool greater = __builtin_isgreater(v[b], t[b]);
                t[b] = greater ? v[b] : t[b];
                m[b] = greater ? pos : m[b];
              }
            }
          }
        } else {
#pragma omp simd
          for (int b = 0; b < B; ++b) t[b] = 0.f;
          for (int h = win.hstart; h < win.hend; ++h) {
            for (int w = win.wstart; w < win.wend; ++w) {
              const float* v = in + (static_cast<long>(h) * width_ + w) * B;
#pragma omp simd
              for (int b = 0; b < B; ++b) t[b] += v[b];
            }
          }
          if (win.pool_size > 0) {
            const int pool_size = win.pool_size;
#pragma omp simd
            for (int b = 0; b < B; ++b) t[b] /= pool_size;
          }
        }
      }
    }
  }
}

void PoolingLayer::FastBackward(const float* top_diff, const int* mask, float* bottom_diff) const {
  const int B = view_.block;
  const long in_slice = static_cast<long>(height_) * width_ * B;
  const long out_slice = static_cast<long>(pooled_h_) * pooled_w_ * B;
  const bool is_max = pool_ == P::MAX;
#pragma omp parallel for schedule(static) if (view_.outer * in_slice > 4096)
  for (int o = 0; o < view_.outer; ++o) {
    float* in = bottom_diff + o * in_slice;
    std::memset(in, 0, sizeof(float) * in_slice);
    for (int ph = 0; ph < pooled_h_; ++ph) {
      for (int pw = 0; pw < pooled_w_; ++pw) {
        const long out_index = (static_cast<long>(ph) * pooled_w_ + pw) * B;
        const float* t = top_diff + o * out_slice + out_index;
        if (is_max) {
          const int* m = mask + o * out_slice + out_index;
          for (int b = 0; b < B; ++b)
            if (m[b] >= 0) in[static_cast<long>(m[b]) * B + b] += t[b];
        } else {
          const Window win = WindowAt(ph, pw);
          if (win.pool_size <= 0) continue;
          const int pool_size = win.pool_size;
          for (int h = win.hstart; h < win.hend; ++h) {
            for (int w = win.wstart; w < win.wend; ++w) {
              float* v = in + (static_cast<long>(h) * width_ + w) * B;
#pragma omp simd
              for (int b = 0; b < B; ++b) v[b] += t[b] / pool_size;
            }
          }
        }
      }
    }
  }
}

void PoolingLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  if (bottom[0]->shape() != reshaped_shape_ || top[0]->count() != num_ * channels_ * pooled_h_ * pooled_w_)
    Reshape(bottom, top);  // Caffe reshapes on every Forward
  if (bottom[0]->count() == 0) return;
  if (engine_ == Engine::kFast) {
    // Read the bottom in the layout it already has when that is one the kernels know.
    using tag = dnnl::memory::format_tag;
    const DnnlPrivate* prv = GetEngineOptions().private_layouts ? PrivateOf(*bottom[0], false) : nullptr;
    tag t = prv ? TagOf(prv->desc()) : tag::abcd;
    if (t != tag::acdb && t != tag::aBcd16b && t != tag::aBcd8b) {
      t = tag::abcd;
      prv = nullptr;
    }
    if (t != fast_tag_ || bottom[0]->shape() != fast_shape_) BindFastLayout(t);
    dnnl::stream& s = DnnlStream();
    const float* src = prv ? static_cast<const float*>(prv->memory().get_data_handle()) : bottom[0]->cpu_data();
    float* dst = static_cast<float*>(fast_dst_t_.Out(*top[0], false).get_data_handle());
    FastForward(src, dst, fast_mask_.data());
    fast_dst_t_.Publish(*top[0], false, s);
    fast_mask_valid_ = pool_ == P::MAX;
    return;
  }
  if (engine_ == Engine::kDnnl) {
    src_mem_.set_data_handle(const_cast<float*>(bottom[0]->cpu_data()));
    dst_mem_.set_data_handle(top[0]->mutable_cpu_data());
    std::unordered_map<int, dnnl::memory> args{{DNNL_ARG_SRC, src_mem_}, {DNNL_ARG_DST, dst_mem_}};
    if (workspace_) args[DNNL_ARG_WORKSPACE] = workspace_;
    dnnl::stream& s = DnnlStream();
    fwd_.execute(s, args);
    s.wait();
    workspace_valid_ = static_cast<bool>(workspace_) || algorithm_ != algorithm::pooling_max;
    max_idx_valid_ = false;
    return;
  }
  const bool want_mask = pool_ == P::MAX && top.size() == 1;
  if (want_mask) max_idx_.resize(top[0]->count());
  ReferenceForward(bottom[0]->cpu_data(), top[0]->mutable_cpu_data(), want_mask ? max_idx_.data() : nullptr,
                   top.size() > 1 ? top[1]->mutable_cpu_data() : nullptr);
  max_idx_valid_ = want_mask;
}

void PoolingLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                const std::vector<Blob*>& bottom) {
  if (!propagate_down[0] || bottom[0]->count() == 0) return;
  if (engine_ == Engine::kFast && (fast_mask_valid_ || pool_ == P::AVE)) {
    dnnl::stream& s = DnnlStream();
    const dnnl::memory dd = fast_diff_dst_t_.In(*top[0], true, s);
    s.wait();
    float* ds = static_cast<float*>(fast_diff_src_t_.Out(*bottom[0], true).get_data_handle());
    FastBackward(static_cast<const float*>(dd.get_data_handle()), fast_mask_.data(), ds);
    fast_diff_src_t_.Publish(*bottom[0], true, s);
    return;
  }
  if (engine_ == Engine::kFast) {
    // MAX backward without a forward on this shape: recompute the argmax on plain values.
    BindFastLayout(dnnl::memory::format_tag::abcd);
    scratch_top_.resize(top[0]->count());
    FastForward(bottom[0]->cpu_data(), scratch_top_.data(), fast_mask_.data());
    FastBackward(top[0]->cpu_diff(), fast_mask_.data(), bottom[0]->mutable_cpu_diff());
    return;
  }
  if (engine_ == Engine::kDnnl && phase_ == caffe::TRAIN && workspace_valid_) {
    if (!bwd_built_) BuildBackward();
    diff_dst_mem_.set_data_handle(const_cast<float*>(top[0]->cpu_diff()));
    diff_src_mem_.set_data_handle(bottom[0]->mutable_cpu_diff());
    std::unordered_map<int, dnnl::memory> args{{DNNL_ARG_DIFF_DST, diff_dst_mem_},
                                               {DNNL_ARG_DIFF_SRC, diff_src_mem_}};
    if (workspace_) args[DNNL_ARG_WORKSPACE] = workspace_;
    dnnl::stream& s = DnnlStream();
    bwd_.execute(s, args);
    s.wait();
    return;
  }
  if (pool_ == P::MAX && top.size() == 1 && !max_idx_valid_) {
    // oneDNN ran the forward without a usable workspace (TEST phase): recompute the argmax.
    max_idx_.resize(top[0]->count());
    scratch_top_.resize(top[0]->count());
    ReferenceForward(bottom[0]->cpu_data(), scratch_top_.data(), max_idx_.data(), nullptr);
    max_idx_valid_ = true;
  }
  ReferenceBackward(top[0]->cpu_diff(), max_idx_.data(), top.size() > 1 ? top[1]->cpu_data() : nullptr,
                    bottom[0]->mutable_cpu_diff());
}

}  // namespace crema
