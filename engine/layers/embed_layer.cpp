#include "layers/embed_layer.h"

#include <cstring>

#include "filler.h"

namespace crema {

void EmbedLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.embed_param();
  N_ = static_cast<int>(p.num_output());
  Check(N_ > 0, "embed_param.num_output must be positive");
  K_ = static_cast<int>(p.input_dim());
  Check(K_ > 0, "embed_param.input_dim must be positive");
  bias_term_ = p.bias_term();
  if (!blobs_.empty()) {
    Check(static_cast<int>(blobs_.size()) == 1 + bias_term_, "expects ", 1 + bias_term_, " param blobs, got ",
          blobs_.size());
    Check(blobs_[0]->count() == K_ * N_, "weight blob has shape ", blobs_[0]->shape_string(), ", expected ", K_, " ",
          N_);
  } else {
    blobs_.push_back(std::make_shared<Blob>(std::vector<int>{K_, N_}));
    FillBlob(p.weight_filler(), blobs_[0].get(), rng());
    if (bias_term_) {
      blobs_.push_back(std::make_shared<Blob>(std::vector<int>{N_}));
      FillBlob(p.bias_filler(), blobs_[1].get(), rng());
    }
  }
  param_propagate_down_.assign(blobs_.size(), true);
}

void EmbedLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  M_ = bottom[0]->count();
  std::vector<int> shape = bottom[0]->shape();
  shape.push_back(N_);
  top[0]->Reshape(shape);
}

void EmbedLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float* ids = bottom[0]->cpu_data();
  const float* w = blobs_[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int n = 0; n < M_; ++n) {
    const int index = static_cast<int>(ids[n]);
    Check(index >= 0 && index < K_, "id ", ids[n], " at position ", n, " is out of range [0, ", K_, ")");
    Check(static_cast<float>(index) == ids[n], "non-integer input ", ids[n], " at position ", n);
    std::memcpy(y + n * N_, w + index * N_, sizeof(float) * N_);
  }
  if (bias_term_) {
    const float* b = blobs_[1]->cpu_data();
    for (int n = 0; n < M_; ++n)
      for (int j = 0; j < N_; ++j) y[n * N_ + j] += b[j];
  }
}

void EmbedLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                              const std::vector<Blob*>& bottom) {
  Check(!propagate_down[0], "cannot backpropagate to its input (ids are not differentiable)");
  const float* dy = top[0]->cpu_diff();
  if (param_propagate_down(0)) {
    const float* ids = bottom[0]->cpu_data();
    float* dw = blobs_[0]->mutable_cpu_diff();
    for (int n = 0; n < M_; ++n) {
      const int index = static_cast<int>(ids[n]);
      for (int j = 0; j < N_; ++j) dw[index * N_ + j] += dy[n * N_ + j];
    }
  }
  if (bias_term_ && param_propagate_down(1)) {
    float* db = blobs_[1]->mutable_cpu_diff();
    for (int n = 0; n < M_; ++n)
      for (int j = 0; j < N_; ++j) db[j] += dy[n * N_ + j];
  }
}

}  // namespace crema
