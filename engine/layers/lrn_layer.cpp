#include "layers/lrn_layer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace crema {

void LRNLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.lrn_param();
  size_ = static_cast<int>(p.local_size());
  Check(size_ % 2 == 1, "only supports odd values for local_size, got ", size_);
  pre_pad_ = (size_ - 1) / 2;
  alpha_ = p.alpha();
  beta_ = p.beta();
  k_ = p.k();
  across_ = p.norm_region() == caffe::LRNParameter::ACROSS_CHANNELS;
}

void LRNLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Check(bottom[0]->num_axes() == 4, "input must have 4 axes, corresponding to (num, channels, height, width); got ",
        bottom[0]->shape_string());
  top[0]->ReshapeLike(*bottom[0]);
  scale_.ReshapeLike(*bottom[0]);
  if (top[0] == bottom[0]) bottom_copy_.ReshapeLike(*bottom[0]);
}

void LRNLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int num = bottom[0]->num(), channels = bottom[0]->channels();
  const int height = bottom[0]->height(), width = bottom[0]->width();
  const int spatial = height * width;
  if (top[0] == bottom[0])
    std::memcpy(bottom_copy_.mutable_cpu_data(), bottom[0]->cpu_data(), sizeof(float) * bottom[0]->count());
  const float* x = top[0] == bottom[0] ? bottom_copy_.cpu_data() : bottom[0]->cpu_data();
  float* s = scale_.mutable_cpu_data();
  float* y = top[0]->mutable_cpu_data();
  if (across_) {
    const float alpha_over_size = alpha_ / size_;
#pragma omp parallel for
    for (int n = 0; n < num; ++n) {
      std::vector<float> sq(spatial);
      for (int c = 0; c < channels; ++c) {
        float* sc = s + (static_cast<size_t>(n) * channels + c) * spatial;
        std::fill(sc, sc + spatial, 0.f);
        const int lo = std::max(0, c - pre_pad_), hi = std::min(channels - 1, c + size_ - 1 - pre_pad_);
        for (int cc = lo; cc <= hi; ++cc) {
          const float* xc = x + (static_cast<size_t>(n) * channels + cc) * spatial;
          for (int k = 0; k < spatial; ++k) sc[k] += xc[k] * xc[k];
        }
        for (int k = 0; k < spatial; ++k) sc[k] = k_ + alpha_over_size * sc[k];
      }
    }
  } else {
    const float alpha_over_area = alpha_ / static_cast<float>(size_ * size_);
#pragma omp parallel for
    for (int nc = 0; nc < num * channels; ++nc) {
      const float* xc = x + static_cast<size_t>(nc) * spatial;
      float* sc = s + static_cast<size_t>(nc) * spatial;
      for (int h = 0; h < height; ++h)
        for (int w = 0; w < width; ++w) {
          const int h0 = std::max(0, h - pre_pad_), h1 = std::min(height, h - pre_pad_ + size_);
          const int w0 = std::max(0, w - pre_pad_), w1 = std::min(width, w - pre_pad_ + size_);
          float sum = 0.f;
          for (int hh = h0; hh < h1; ++hh)
            for (int ww = w0; ww < w1; ++ww) sum += xc[hh * width + ww] * xc[hh * width + ww];
          sc[h * width + w] = 1.f + alpha_over_area * sum;
        }
    }
  }
  const int count = bottom[0]->count();
  for (int i = 0; i < count; ++i) y[i] = x[i] * std::pow(s[i], -beta_);
}

void LRNLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                            const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const int num = bottom[0]->num(), channels = bottom[0]->channels();
  const int height = bottom[0]->height(), width = bottom[0]->width();
  const int spatial = height * width;
  const int count = bottom[0]->count();
  const float* x = top[0] == bottom[0] ? bottom_copy_.cpu_data() : bottom[0]->cpu_data();
  const float* y = top[0]->cpu_data();
  const float* s = scale_.cpu_data();
  const float* dy = top[0]->cpu_diff();
  // ratio = dy * y / s = dy * x * s^(-beta-1): the part shared by every neighbour.
  std::vector<float> ratio(count);
  for (int i = 0; i < count; ++i) ratio[i] = dy[i] * y[i] / s[i];
  std::vector<float> out(count);
  if (across_) {
    const float cache_ratio = 2.f * alpha_ * beta_ / size_;
#pragma omp parallel for
    for (int n = 0; n < num; ++n) {
      std::vector<float> acc(spatial);
      for (int c = 0; c < channels; ++c) {
        // Channels j whose window contains c: j in [c - (size-1-pre_pad), c + pre_pad].
        std::fill(acc.begin(), acc.end(), 0.f);
        const int lo = std::max(0, c - (size_ - 1 - pre_pad_)), hi = std::min(channels - 1, c + pre_pad_);
        for (int j = lo; j <= hi; ++j) {
          const float* r = ratio.data() + (static_cast<size_t>(n) * channels + j) * spatial;
          for (int k = 0; k < spatial; ++k) acc[k] += r[k];
        }
        const size_t off = (static_cast<size_t>(n) * channels + c) * spatial;
        for (int k = 0; k < spatial; ++k)
          out[off + k] = dy[off + k] * std::pow(s[off + k], -beta_) - cache_ratio * x[off + k] * acc[k];
      }
    }
  } else {
    const float cache_ratio = 2.f * alpha_ * beta_ / static_cast<float>(size_ * size_);
#pragma omp parallel for
    for (int nc = 0; nc < num * channels; ++nc) {
      const size_t off = static_cast<size_t>(nc) * spatial;
      const float* r = ratio.data() + off;
      for (int h = 0; h < height; ++h)
        for (int w = 0; w < width; ++w) {
          // Windows are centred and clipped the same way, so pixel (h, w) lies in the
          // window of (h', w') exactly when (h', w') lies in the window of (h, w).
          const int h0 = std::max(0, h - pre_pad_), h1 = std::min(height, h - pre_pad_ + size_);
          const int w0 = std::max(0, w - pre_pad_), w1 = std::min(width, w - pre_pad_ + size_);
          float acc = 0.f;
          for (int hh = h0; hh < h1; ++hh)
            for (int ww = w0; ww < w1; ++ww) acc += r[hh * width + ww];
          const size_t i = off + h * width + w;
          out[i] = dy[i] * std::pow(s[i], -beta_) - cache_ratio * x[i] * acc;
        }
    }
  }
  std::memcpy(bottom[0]->mutable_cpu_diff(), out.data(), sizeof(float) * count);
}

}  // namespace crema
