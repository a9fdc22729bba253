#include "layers/bias_layer.h"

#include <cstring>

#include "filler.h"

namespace crema {

void BiasLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  if (bottom.size() == 1 && !blobs_.empty()) {
    // Parameters were loaded with the layer; keep them.
  } else if (bottom.size() == 1) {
    const auto& p = layer_param_.bias_param();
    const int axis = bottom[0]->CanonicalAxisIndex(p.axis());
    const int num_axes = p.num_axes();
    Check(num_axes >= -1, "num_axes must be non-negative, or -1 to extend to the end of bottom[0]");
    if (num_axes >= 0)
      Check(bottom[0]->num_axes() >= axis + num_axes, "bias blob's shape extends past bottom[0]'s shape when applied "
            "starting with bottom[0] axis = ", axis);
    const auto& shape = bottom[0]->shape();
    const auto end = num_axes == -1 ? shape.end() : shape.begin() + axis + num_axes;
    blobs_.push_back(std::make_shared<Blob>(std::vector<int>(shape.begin() + axis, end)));
    FillBlob(p.filler(), blobs_[0].get(), rng());  // default filler: constant 0
  }
  param_propagate_down_.assign(blobs_.size(), true);
}

void BiasLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const Blob* bias = bottom.size() > 1 ? bottom[1] : blobs_[0].get();
  // A scalar bias applies to every element, so the axis is ignored.
  const int axis = bias->num_axes() == 0 ? 0 : bottom[0]->CanonicalAxisIndex(layer_param_.bias_param().axis());
  Check(bottom[0]->num_axes() >= axis + bias->num_axes(), "bias blob's shape (", bias->shape_string(),
        ") extends past bottom[0]'s shape (", bottom[0]->shape_string(), ") when applied starting with bottom[0] axis = ",
        axis);
  for (int i = 0; i < bias->num_axes(); ++i)
    Check(bottom[0]->shape(axis + i) == bias->shape(i), "dimension mismatch between bottom[0]->shape(", axis + i,
          ") = ", bottom[0]->shape(axis + i), " and bias->shape(", i, ") = ", bias->shape(i));
  outer_dim_ = bottom[0]->count(0, axis);
  bias_dim_ = bias->count();
  inner_dim_ = bottom[0]->count(axis + bias->num_axes());
  if (bottom[0] != top[0]) top[0]->ReshapeLike(*bottom[0]);
}

void BiasLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float* b = (bottom.size() > 1 ? bottom[1] : blobs_[0].get())->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  if (bottom[0] != top[0]) std::memcpy(y, bottom[0]->cpu_data(), sizeof(float) * bottom[0]->count());
  for (int n = 0; n < outer_dim_; ++n)
    for (int d = 0; d < bias_dim_; ++d) {
      const float v = b[d];
      for (int k = 0; k < inner_dim_; ++k) *y++ += v;
    }
}

void BiasLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                             const std::vector<Blob*>& bottom) {
  const float* dy = top[0]->cpu_diff();
  // Bias gradient first: in place, the bottom diff is the top diff.
  const bool bias_param = bottom.size() == 1;
  if ((bias_param && param_propagate_down(0)) || (!bias_param && propagate_down[1])) {
    Blob* bias = bias_param ? blobs_[0].get() : bottom[1];
    float* db = bias->mutable_cpu_diff();
    // Param gradients accumulate; a bottom gradient is overwritten.
    if (!bias_param) std::memset(db, 0, sizeof(float) * bias->count());
    const float* g = dy;
    for (int n = 0; n < outer_dim_; ++n)
      for (int d = 0; d < bias_dim_; ++d) {
        double s = 0;
        for (int k = 0; k < inner_dim_; ++k) s += *g++;
        db[d] += static_cast<float>(s);
      }
  }
  if (propagate_down[0] && bottom[0] != top[0])
    std::memcpy(bottom[0]->mutable_cpu_diff(), dy, sizeof(float) * bottom[0]->count());
}

}  // namespace crema
