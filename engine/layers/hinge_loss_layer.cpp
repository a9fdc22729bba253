#include "layers/hinge_loss_layer.h"

#include <algorithm>

namespace crema {

void HingeLossLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  LossLayer::Reshape(bottom, top);
  margins_.ReshapeLike(*bottom[0]);
}

void HingeLossLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float* x = bottom[0]->cpu_data();
  const float* label = bottom[1]->cpu_data();
  float* m = margins_.mutable_cpu_data();
  const int num = bottom[0]->shape(0);
  const int dim = bottom[0]->count() / num;
  double loss = 0;
  const bool l2 = layer_param_.hinge_loss_param().norm() == caffe::HingeLossParameter::L2;
  for (int n = 0; n < num; ++n) {
    const int l = static_cast<int>(label[n]);
    Check(l >= 0 && l < dim, "label ", label[n], " of item ", n, " is out of range [0, ", dim, ")");
    for (int k = 0; k < dim; ++k) {
      const float v = k == l ? -x[n * dim + k] : x[n * dim + k];
      m[n * dim + k] = std::max(0.f, 1.f + v);
      loss += l2 ? static_cast<double>(m[n * dim + k]) * m[n * dim + k] : m[n * dim + k];
    }
  }
  top[0]->mutable_cpu_data()[0] = static_cast<float>(loss / num);
}

void HingeLossLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                  const std::vector<Blob*>& bottom) {
  Check(!propagate_down[1], "cannot backpropagate to label inputs");
  if (!propagate_down[0]) return;
  const float* label = bottom[1]->cpu_data();
  const float* m = margins_.cpu_data();
  float* dx = bottom[0]->mutable_cpu_diff();
  const int num = bottom[0]->shape(0);
  const int dim = bottom[0]->count() / num;
  const float w = top[0]->cpu_diff()[0];
  const bool l2 = layer_param_.hinge_loss_param().norm() == caffe::HingeLossParameter::L2;
  for (int n = 0; n < num; ++n) {
    const int l = static_cast<int>(label[n]);
    for (int k = 0; k < dim; ++k) {
      const float t = k == l ? -1.f : 1.f;  // d(1 + t' x)/dx with t' = -t_nk
      const float mk = m[n * dim + k];
      const float g = l2 ? 2.f * mk : static_cast<float>((0.f < mk) - (mk < 0.f));
      dx[n * dim + k] = t * g * w / num;
    }
  }
}

}  // namespace crema
