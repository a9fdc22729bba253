#include "layers/slice_layer.h"

#include <cstring>

namespace crema {

void SliceLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.slice_param();
  Check(!(p.has_axis() && p.has_slice_dim()), "either axis or slice_dim should be specified; not both");
}

void SliceLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.slice_param();
  const int num_axes = bottom[0]->num_axes();
  if (p.has_slice_dim()) {
    slice_axis_ = static_cast<int>(p.slice_dim());
    Check(slice_axis_ >= 0 && slice_axis_ < num_axes, "slice_dim ", slice_axis_, " out of range for ", num_axes,
          "-axis bottom");
  } else {
    slice_axis_ = bottom[0]->CanonicalAxisIndex(p.axis());
  }
  std::vector<int> top_shape = bottom[0]->shape();
  const int bottom_axis = bottom[0]->shape(slice_axis_);
  num_slices_ = bottom[0]->count(0, slice_axis_);
  slice_size_ = bottom[0]->count(slice_axis_ + 1);
  const int ntop = static_cast<int>(top.size());
  if (p.slice_point_size() != 0) {
    Check(p.slice_point_size() == ntop - 1, "needs ", ntop - 1, " slice points for ", ntop, " tops, got ",
          p.slice_point_size());
    Check(ntop <= bottom_axis, "cannot cut an axis of size ", bottom_axis, " into ", ntop, " slices");
    int prev = 0;
    for (int i = 0; i < ntop; ++i) {
      const int point = i < ntop - 1 ? static_cast<int>(p.slice_point(i)) : bottom_axis;
      Check(point > prev, "slice points must be strictly increasing and below the axis size ", bottom_axis);
      top_shape[slice_axis_] = point - prev;
      top[i]->Reshape(top_shape);
      prev = point;
    }
  } else {
    Check(bottom_axis % ntop == 0, "number of top blobs (", ntop, ") should evenly divide input slice axis (",
          bottom_axis, ")");
    top_shape[slice_axis_] = bottom_axis / ntop;
    for (Blob* t : top) t->Reshape(top_shape);
  }
  if (ntop == 1) {
    top[0]->ShareData(*bottom[0]);
    top[0]->ShareDiff(*bottom[0]);
  }
}

void SliceLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  if (top.size() == 1) return;
  const float* x = bottom[0]->cpu_data();
  const int bottom_axis = bottom[0]->shape(slice_axis_);
  int offset = 0;
  for (Blob* t : top) {
    float* y = t->mutable_cpu_data();
    const int axis = t->shape(slice_axis_);
    const int chunk = axis * slice_size_;
    for (int n = 0; n < num_slices_; ++n)
      std::memcpy(y + n * chunk, x + (n * bottom_axis + offset) * slice_size_, sizeof(float) * chunk);
    offset += axis;
  }
}

void SliceLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                              const std::vector<Blob*>& bottom) {
  if (!propagate_down[0] || top.size() == 1) return;
  float* dx = bottom[0]->mutable_cpu_diff();
  const int bottom_axis = bottom[0]->shape(slice_axis_);
  int offset = 0;
  for (Blob* t : top) {
    const float* dy = t->cpu_diff();
    const int axis = t->shape(slice_axis_);
    const int chunk = axis * slice_size_;
    for (int n = 0; n < num_slices_; ++n)
      std::memcpy(dx + (n * bottom_axis + offset) * slice_size_, dy + n * chunk, sizeof(float) * chunk);
    offset += axis;
  }
}

}  // namespace crema
