#include "layers/reduction_layer.h"

#include <cmath>

namespace crema {

void ReductionLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.reduction_param();
  op_ = p.operation();
  // Axis 0 on a 0-axis blob is allowed (reduce everything).
  const int axis = bottom[0]->num_axes() == 0 && p.axis() == 0 ? 0 : bottom[0]->CanonicalAxisIndex(p.axis());
  top[0]->Reshape(std::vector<int>(bottom[0]->shape().begin(), bottom[0]->shape().begin() + axis));
  num_ = bottom[0]->count(0, axis);
  dim_ = bottom[0]->count(axis);
  coeff_ = p.coeff();
  if (op_ == caffe::ReductionParameter::MEAN) coeff_ /= static_cast<float>(dim_);
}

void ReductionLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int i = 0; i < num_; ++i) {
    double s = 0;
    for (int k = 0; k < dim_; ++k) {
      const float v = x[k];
      switch (op_) {
        case caffe::ReductionParameter::ASUM: s += std::fabs(v); break;
        case caffe::ReductionParameter::SUMSQ: s += static_cast<double>(v) * v; break;
        default: s += v; break;  // SUM, MEAN
      }
    }
    y[i] = static_cast<float>(s) * coeff_;
    x += dim_;
  }
}

void ReductionLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                  const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  const float* x = bottom[0]->cpu_data();
  const float* dy = top[0]->cpu_diff();
  float* dx = bottom[0]->mutable_cpu_diff();
  for (int i = 0; i < num_; ++i) {
    const float g = dy[i] * coeff_;
    for (int k = 0; k < dim_; ++k) {
      switch (op_) {
        case caffe::ReductionParameter::ASUM: dx[k] = g * static_cast<float>((0.f < x[k]) - (x[k] < 0.f)); break;
        case caffe::ReductionParameter::SUMSQ: dx[k] = 2.f * g * x[k]; break;
        default: dx[k] = g; break;
      }
    }
    x += dim_;
    dx += dim_;
  }
}

}  // namespace crema
