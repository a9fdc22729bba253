#include "layers/reshape_layer.h"

namespace crema {

void ReshapeLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Check(top[0] != bottom[0], "does not allow in-place computation");
  copy_axes_.clear();
  inferred_axis_ = -1;
  constant_count_ = 1;
  const auto& shape = layer_param_.reshape_param().shape();
  for (int i = 0; i < shape.dim_size(); ++i) {
    const long long dim = shape.dim(i);
    if (dim == 0) {
      copy_axes_.push_back(i);
    } else if (dim == -1) {
      Check(inferred_axis_ == -1, "new shape contains multiple -1 dims; at most a single (1) value of -1 may be "
            "specified");
      inferred_axis_ = i;
    } else {
      Check(dim > 0, "new shape dim ", i, " is ", dim, "; dims must be positive, 0 (copy) or -1 (infer)");
      constant_count_ *= dim;
    }
  }
}

void ReshapeLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.reshape_param();
  const int bottom_axes = bottom[0]->num_axes();
  const int input_start = p.axis();
  const int start = input_start >= 0 ? input_start : bottom_axes + input_start + 1;
  Check(start >= 0 && start <= bottom_axes, "axis ", input_start, " out of range for a ", bottom_axes,
        "-axis bottom");
  const int num_axes = p.num_axes();
  Check(num_axes >= -1, "num_axes must be >= 0, or -1 for all");
  const int end = num_axes == -1 ? bottom_axes : start + num_axes;
  Check(end <= bottom_axes, "axis + num_axes (", start, " + ", num_axes, ") must be <= the bottom's ", bottom_axes,
        " axes");
  const int num_new = p.shape().dim_size();
  std::vector<int> shape;
  for (int i = 0; i < start; ++i) shape.push_back(bottom[0]->shape(i));
  for (int i = 0; i < num_new; ++i) shape.push_back(static_cast<int>(p.shape().dim(i)));
  for (int i = end; i < bottom_axes; ++i) shape.push_back(bottom[0]->shape(i));
  for (int c : copy_axes_) {
    Check(start + c < bottom_axes, "new shape contains a 0, but there was no corresponding bottom axis to copy");
    shape[start + c] = bottom[0]->shape(start + c);
  }
  if (inferred_axis_ >= 0) {
    long long explicit_count = constant_count_ * bottom[0]->count(0, start) * bottom[0]->count(end);
    for (int c : copy_axes_) explicit_count *= shape[start + c];
    Check(explicit_count > 0 && bottom[0]->count() % explicit_count == 0, "bottom count (", bottom[0]->count(),
          ") must be divisible by the product of the specified dimensions (", explicit_count, ")");
    shape[start + inferred_axis_] = static_cast<int>(bottom[0]->count() / explicit_count);
  }
  long long count = 1;
  for (int d : shape) count *= d;
  Check(count == bottom[0]->count(), "output count (", count, ") must match input count (", bottom[0]->count(),
        "); bottom shape ", bottom[0]->shape_string());
  top[0]->Reshape(shape);
  top[0]->ShareData(*bottom[0]);
  top[0]->ShareDiff(*bottom[0]);
}

void ReshapeLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  // Re-share in case the bottom's memory was replaced since Reshape.
  top[0]->ShareData(*bottom[0]);
  top[0]->ShareDiff(*bottom[0]);
}

}  // namespace crema
