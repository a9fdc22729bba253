#include "layers/prelu_layer.h"

#include <algorithm>
#include <cstring>

#include "filler.h"

namespace crema {

void PReLULayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Check(bottom[0]->num_axes() >= 2, "number of axes of bottom blob must be >= 2, got ", bottom[0]->num_axes());
  const auto& p = layer_param_.prelu_param();
  channel_shared_ = p.channel_shared();
  const int channels = bottom[0]->shape(1);
  const std::vector<int> slope_shape = channel_shared_ ? std::vector<int>{} : std::vector<int>{channels};
  if (!blobs_.empty()) {
    Check(blobs_.size() == 1, "expects 1 param blob, got ", blobs_.size());
    Check(blobs_[0]->count() == (channel_shared_ ? 1 : channels), "slope blob has ", blobs_[0]->count(),
          " values, expected ", channel_shared_ ? 1 : channels);
  } else {
    blobs_.push_back(std::make_shared<Blob>(slope_shape));
    caffe::FillerParameter filler;
    if (p.has_filler()) {
      filler = p.filler();
    } else {
      filler.set_type("constant");
      filler.set_value(0.25f);
    }
    FillBlob(filler, blobs_[0].get(), rng());
  }
  param_propagate_down_.assign(blobs_.size(), true);
}

void PReLULayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Check(bottom[0]->num_axes() >= 2, "number of axes of bottom blob must be >= 2, got ", bottom[0]->num_axes());
  top[0]->ReshapeLike(*bottom[0]);
  if (bottom[0] == top[0]) bottom_memory_.ReshapeLike(*bottom[0]);
}

void PReLULayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int count = bottom[0]->count();
  const int dim = bottom[0]->count(2);
  const int channels = bottom[0]->shape(1);
  const float* slope = blobs_[0]->cpu_data();
  if (bottom[0] == top[0]) std::memcpy(bottom_memory_.mutable_cpu_data(), bottom[0]->cpu_data(), sizeof(float) * count);
  const float* x = bottom[0] == top[0] ? bottom_memory_.cpu_data() : bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int i = 0; i < count; ++i) {
    const int c = channel_shared_ ? 0 : (i / dim) % channels;
    y[i] = std::max(x[i], 0.f) + slope[c] * std::min(x[i], 0.f);
  }
}

void PReLULayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                              const std::vector<Blob*>& bottom) {
  const int count = bottom[0]->count();
  const int dim = bottom[0]->count(2);
  const int channels = bottom[0]->shape(1);
  const float* x = bottom[0] == top[0] ? bottom_memory_.cpu_data() : bottom[0]->cpu_data();
  const float* dy = top[0]->cpu_diff();
  // Slope gradient first: an in-place bottom diff overwrites the top diff.
  if (param_propagate_down(0)) {
    float* dslope = blobs_[0]->mutable_cpu_diff();
    for (int i = 0; i < count; ++i) {
      const int c = channel_shared_ ? 0 : (i / dim) % channels;
      if (x[i] <= 0.f) dslope[c] += dy[i] * x[i];
    }
  }
  if (propagate_down[0]) {
    const float* slope = blobs_[0]->cpu_data();
    float* dx = bottom[0]->mutable_cpu_diff();
    for (int i = 0; i < count; ++i) {
      const int c = channel_shared_ ? 0 : (i / dim) % channels;
      dx[i] = dy[i] * (x[i] > 0.f ? 1.f : slope[c]);
    }
  }
}

}  // namespace crema
