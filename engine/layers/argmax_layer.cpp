#include "layers/argmax_layer.h"

#include <algorithm>
#include <functional>
#include <utility>
#include <vector>

namespace crema {

void ArgMaxLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.argmax_param();
  out_max_val_ = p.out_max_val();
  top_k_ = static_cast<int>(p.top_k());
  has_axis_ = p.has_axis();
  Check(top_k_ >= 1, "top k must not be less than 1");
  if (has_axis_) {
    axis_ = bottom[0]->CanonicalAxisIndex(p.axis());
    Check(axis_ >= 0, "axis must not be less than 0");
    Check(axis_ < bottom[0]->num_axes(), "axis must be less than the number of axes");
    Check(top_k_ <= bottom[0]->shape(axis_), "top_k (", top_k_,
          ") must be less than or equal to the dimension of the axis (", bottom[0]->shape(axis_), ")");
  } else {
    Check(top_k_ <= bottom[0]->count(1), "top_k (", top_k_, ") must be less than or equal to the number of classes (",
          bottom[0]->count(1), ")");
  }
}

void ArgMaxLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int num_top_axes = std::max(bottom[0]->num_axes(), 3);
  std::vector<int> shape(num_top_axes, 1);
  if (has_axis_) {
    shape = bottom[0]->shape();
    shape[axis_] = top_k_;
  } else {
    shape[0] = bottom[0]->shape(0);
    shape[2] = top_k_;
    if (out_max_val_) shape[1] = 2;
  }
  top[0]->Reshape(shape);
}

void ArgMaxLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  int dim, axis_dist;
  if (has_axis_) {
    dim = bottom[0]->shape(axis_);
    axis_dist = bottom[0]->count(axis_) / dim;
  } else {
    dim = bottom[0]->count(1);
    axis_dist = 1;
  }
  const int num = bottom[0]->count() / dim;
  std::vector<std::pair<float, int>> pairs(dim);
  for (int i = 0; i < num; ++i) {
    const int base = (i / axis_dist) * dim * axis_dist + i % axis_dist;
    for (int j = 0; j < dim; ++j) pairs[j] = {x[base + j * axis_dist], j};
    std::partial_sort(pairs.begin(), pairs.begin() + top_k_, pairs.end(), std::greater<std::pair<float, int>>());
    for (int j = 0; j < top_k_; ++j) {
      if (has_axis_) {
        const int out = ((i / axis_dist) * top_k_ + j) * axis_dist + i % axis_dist;
        y[out] = out_max_val_ ? pairs[j].first : static_cast<float>(pairs[j].second);
      } else if (out_max_val_) {
        y[2 * i * top_k_ + j] = static_cast<float>(pairs[j].second);
        y[2 * i * top_k_ + top_k_ + j] = pairs[j].first;
      } else {
        y[i * top_k_ + j] = static_cast<float>(pairs[j].second);
      }
    }
  }
}

void ArgMaxLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                               const std::vector<Blob*>& bottom) {
  Check(!propagate_down[0], "does not implement Backward (argmax has no gradient)");
}

}  // namespace crema
