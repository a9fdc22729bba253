#include "layers/flatten_layer.h"

namespace crema {

void FlattenLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Check(top[0] != bottom[0], "does not allow in-place computation");
  const auto& p = layer_param_.flatten_param();
  const int start = bottom[0]->CanonicalAxisIndex(p.axis());
  const int end = bottom[0]->CanonicalAxisIndex(p.end_axis());
  Check(start <= end, "axis ", start, " must not come after end_axis ", end);
  std::vector<int> shape(bottom[0]->shape().begin(), bottom[0]->shape().begin() + start);
  shape.push_back(bottom[0]->count(start, end + 1));
  shape.insert(shape.end(), bottom[0]->shape().begin() + end + 1, bottom[0]->shape().end());
  top[0]->Reshape(shape);
  top[0]->ShareData(*bottom[0]);
  top[0]->ShareDiff(*bottom[0]);
}

void FlattenLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  // Re-share in case the bottom's memory was replaced since Reshape.
  top[0]->ShareData(*bottom[0]);
  top[0]->ShareDiff(*bottom[0]);
}

void FlattenLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                const std::vector<Blob*>& bottom) {
  // The top's diff is the bottom's diff: nothing to do.
}

}  // namespace crema
