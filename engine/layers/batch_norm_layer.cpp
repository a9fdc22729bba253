#include "layers/batch_norm_layer.h"

#include <cmath>
#include <cstring>

namespace crema {

void BatchNormLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.batch_norm_param();
  moving_average_fraction_ = p.moving_average_fraction();
  use_global_stats_ = phase_ == caffe::TEST;
  if (p.has_use_global_stats()) use_global_stats_ = p.use_global_stats();
  channels_ = bottom[0]->num_axes() == 1 ? 1 : bottom[0]->shape(1);
  eps_ = p.eps();
  if (!blobs_.empty()) {
    Check(blobs_.size() == 3, "expects 3 param blobs (mean, variance, scale factor), got ", blobs_.size());
  } else {
    blobs_.push_back(std::make_shared<Blob>(std::vector<int>{channels_}));
    blobs_.push_back(std::make_shared<Blob>(std::vector<int>{channels_}));
    blobs_.push_back(std::make_shared<Blob>(std::vector<int>{1}));
    for (auto& b : blobs_) b->set_data(0.f);
  }
  // The statistics are not learned: pin their learning rates to zero.
  for (int i = 0; i < 3; ++i) {
    if (layer_param_.param_size() == i) {
      layer_param_.add_param()->set_lr_mult(0.f);
    } else {
      Check(layer_param_.param(i).lr_mult() == 0.f,
            "cannot configure batch normalization statistics as layer parameters (param ", i, " has lr_mult ",
            layer_param_.param(i).lr_mult(), ", must be 0)");
    }
  }
  param_propagate_down_.assign(3, false);
}

void BatchNormLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  if (bottom[0]->num_axes() >= 1 && bottom[0]->num_axes() != 1)
    Check(bottom[0]->shape(1) == channels_, "bottom has ", bottom[0]->shape(1), " channels, expected ", channels_);
  top[0]->ReshapeLike(*bottom[0]);
  mean_.Reshape({channels_});
  variance_.Reshape({channels_});
  x_norm_.ReshapeLike(*bottom[0]);
}

void BatchNormLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int count = bottom[0]->count();
  const int num = bottom[0]->shape(0);
  const int spatial = count / (channels_ * num);
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  float* mean = mean_.mutable_cpu_data();
  float* var = variance_.mutable_cpu_data();

  if (use_global_stats_) {
    const float f = blobs_[2]->cpu_data()[0];
    const float scale_factor = f == 0.f ? 0.f : 1.f / f;
    for (int c = 0; c < channels_; ++c) {
      mean[c] = scale_factor * blobs_[0]->cpu_data()[c];
      var[c] = scale_factor * blobs_[1]->cpu_data()[c];
    }
  } else {
    for (int c = 0; c < channels_; ++c) {
      double s = 0;
      for (int n = 0; n < num; ++n) {
        const float* p = x + (n * channels_ + c) * spatial;
        for (int k = 0; k < spatial; ++k) s += p[k];
      }
      mean[c] = static_cast<float>(s / (static_cast<double>(num) * spatial));
    }
  }
  // Centre.
  for (int n = 0; n < num; ++n)
    for (int c = 0; c < channels_; ++c) {
      const int off = (n * channels_ + c) * spatial;
      for (int k = 0; k < spatial; ++k) y[off + k] = x[off + k] - mean[c];
    }
  if (!use_global_stats_) {
    for (int c = 0; c < channels_; ++c) {
      double s = 0;
      for (int n = 0; n < num; ++n) {
        const float* p = y + (n * channels_ + c) * spatial;
        for (int k = 0; k < spatial; ++k) s += static_cast<double>(p[k]) * p[k];
      }
      var[c] = static_cast<float>(s / (static_cast<double>(num) * spatial));
    }
    // Running sums (Caffe keeps unnormalised sums plus a scale factor).
    float* f = blobs_[2]->mutable_cpu_data();
    f[0] = f[0] * moving_average_fraction_ + 1.f;
    float* rmean = blobs_[0]->mutable_cpu_data();
    float* rvar = blobs_[1]->mutable_cpu_data();
    const int m = count / channels_;
    const float bias_correction = m > 1 ? static_cast<float>(m) / (m - 1) : 1.f;
    for (int c = 0; c < channels_; ++c) {
      rmean[c] = mean[c] + moving_average_fraction_ * rmean[c];
      rvar[c] = bias_correction * var[c] + moving_average_fraction_ * rvar[c];
    }
  }
  for (int c = 0; c < channels_; ++c) var[c] = std::sqrt(var[c] + eps_);
  for (int n = 0; n < num; ++n)
    for (int c = 0; c < channels_; ++c) {
      const int off = (n * channels_ + c) * spatial;
      for (int k = 0; k < spatial; ++k) y[off + k] /= var[c];
    }
  std::memcpy(x_norm_.mutable_cpu_data(), y, sizeof(float) * count);
}

void BatchNormLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                  const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const int count = bottom[0]->count();
  const int num = bottom[0]->shape(0);
  const int spatial = count / (channels_ * num);
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  const float* sd = variance_.cpu_data();
  if (use_global_stats_) {
    for (int n = 0; n < num; ++n)
      for (int c = 0; c < channels_; ++c) {
        const int off = (n * channels_ + c) * spatial;
        for (int k = 0; k < spatial; ++k) dx[off + k] = dy[off + k] / sd[c];
      }
    return;
  }
  // dE/dx = (dE/dy - mean(dE/dy) - mean(dE/dy . y) . y) / sqrt(var + eps), means per channel.
  const float* yn = x_norm_.cpu_data();
  const double m = static_cast<double>(num) * spatial;
  for (int c = 0; c < channels_; ++c) {
    double sum_dy = 0, sum_dy_y = 0;
    for (int n = 0; n < num; ++n) {
      const int off = (n * channels_ + c) * spatial;
      for (int k = 0; k < spatial; ++k) {
        sum_dy += dy[off + k];
        sum_dy_y += static_cast<double>(dy[off + k]) * yn[off + k];
      }
    }
    const float mean_dy = static_cast<float>(sum_dy / m);
    const float mean_dy_y = static_cast<float>(sum_dy_y / m);
    for (int n = 0; n < num; ++n) {
      const int off = (n * channels_ + c) * spatial;
      for (int k = 0; k < spatial; ++k) dx[off + k] = (dy[off + k] - mean_dy - mean_dy_y * yn[off + k]) / sd[c];
    }
  }
}

}  // namespace crema
