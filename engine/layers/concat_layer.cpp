#include "layers/concat_layer.h"

#include <cstring>

namespace crema {

void ConcatLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.concat_param();
  Check(!(p.has_axis() && p.has_concat_dim()), "either axis or concat_dim should be specified; not both");
}

void ConcatLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.concat_param();
  const int num_axes = bottom[0]->num_axes();
  if (p.has_concat_dim()) {
    concat_axis_ = static_cast<int>(p.concat_dim());
    Check(concat_axis_ < num_axes, "concat_dim ", concat_axis_, " out of range for ", num_axes, "-axis bottoms");
  } else {
    concat_axis_ = bottom[0]->CanonicalAxisIndex(p.axis());
  }
  std::vector<int> top_shape = bottom[0]->shape();
  num_concats_ = bottom[0]->count(0, concat_axis_);
  concat_input_size_ = bottom[0]->count(concat_axis_ + 1);
  for (size_t i = 1; i < bottom.size(); ++i) {
    Check(bottom[i]->num_axes() == num_axes, "all inputs must have the same number of axes (bottom 0 is ",
          bottom[0]->shape_string(), ", bottom ", i, " is ", bottom[i]->shape_string(), ")");
    for (int j = 0; j < num_axes; ++j) {
      if (j == concat_axis_) continue;
      Check(top_shape[j] == bottom[i]->shape(j), "all inputs must have the same shape except at concat axis ",
            concat_axis_, " (bottom 0 is ", bottom[0]->shape_string(), ", bottom ", i, " is ",
            bottom[i]->shape_string(), ")");
    }
    top_shape[concat_axis_] += bottom[i]->shape(concat_axis_);
  }
  top[0]->Reshape(top_shape);
  if (bottom.size() == 1) {
    top[0]->ShareData(*bottom[0]);
    top[0]->ShareDiff(*bottom[0]);
  }
}

void ConcatLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  if (bottom.size() == 1) return;
  float* y = top[0]->mutable_cpu_data();
  const int top_axis = top[0]->shape(concat_axis_);
  int offset = 0;
  for (Blob* b : bottom) {
    const float* x = b->cpu_data();
    const int axis = b->shape(concat_axis_);
    const int chunk = axis * concat_input_size_;
    for (int n = 0; n < num_concats_; ++n)
      std::memcpy(y + (n * top_axis + offset) * concat_input_size_, x + n * chunk, sizeof(float) * chunk);
    offset += axis;
  }
}

void ConcatLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                               const std::vector<Blob*>& bottom) {
  if (bottom.size() == 1) return;
  const float* dy = top[0]->cpu_diff();
  const int top_axis = top[0]->shape(concat_axis_);
  int offset = 0;
  for (size_t i = 0; i < bottom.size(); ++i) {
    const int axis = bottom[i]->shape(concat_axis_);
    if (propagate_down[i]) {
      float* dx = bottom[i]->mutable_cpu_diff();
      const int chunk = axis * concat_input_size_;
      for (int n = 0; n < num_concats_; ++n)
        std::memcpy(dx + n * chunk, dy + (n * top_axis + offset) * concat_input_size_, sizeof(float) * chunk);
    }
    offset += axis;
  }
}

}  // namespace crema
