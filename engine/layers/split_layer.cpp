#include "layers/split_layer.h"

#include <cstring>

namespace crema {

void SplitLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  for (size_t i = 0; i < top.size(); ++i) {
    // In-place would make the summed diff overwrite the tops' diffs (Caffe CHECKs this too).
    Check(top[i] != bottom[0], "does not allow in-place computation (top ", i, " is the bottom)");
    top[i]->ReshapeLike(*bottom[0]);
    top[i]->ShareData(*bottom[0]);
  }
}

void SplitLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  // Data is shared; re-share in case the bottom was reallocated since Reshape.
  for (Blob* t : top)
    if (!t->SharesDataWith(*bottom[0])) t->ShareData(*bottom[0]);
}

void SplitLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                              const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const int n = bottom[0]->count();
  float* bd = bottom[0]->mutable_cpu_diff();
  std::memcpy(bd, top[0]->cpu_diff(), sizeof(float) * n);
  for (size_t i = 1; i < top.size(); ++i) {
    const float* td = top[i]->cpu_diff();
    for (int k = 0; k < n; ++k) bd[k] += td[k];
  }
}

}  // namespace crema
