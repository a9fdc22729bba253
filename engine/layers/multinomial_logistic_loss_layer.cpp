#include "layers/multinomial_logistic_loss_layer.h"

#include <algorithm>
#include <cmath>

namespace crema {
namespace {
constexpr float kLogThreshold = 1e-20f;  // Caffe's kLOG_THRESHOLD
}

void MultinomialLogisticLossLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  LossLayer::Reshape(bottom, top);
  Check(bottom[1]->count() == bottom[1]->shape(0), "labels must be one value per item (N, 1, 1, 1), got ",
        bottom[1]->shape_string());
}

void MultinomialLogisticLossLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const float* p = bottom[0]->cpu_data();
  const float* label = bottom[1]->cpu_data();
  const int num = bottom[0]->shape(0);
  const int dim = bottom[0]->count() / num;
  double loss = 0;
  for (int n = 0; n < num; ++n) {
    const int l = static_cast<int>(label[n]);
    Check(l >= 0 && l < dim, "label ", label[n], " of item ", n, " is out of range [0, ", dim, ")");
    loss -= std::log(std::max(p[n * dim + l], kLogThreshold));
  }
  top[0]->mutable_cpu_data()[0] = static_cast<float>(loss / num);
}

void MultinomialLogisticLossLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                                const std::vector<Blob*>& bottom) {
  Check(!propagate_down[1], "cannot backpropagate to label inputs");
  if (!propagate_down[0]) return;
  const float* p = bottom[0]->cpu_data();
  const float* label = bottom[1]->cpu_data();
  float* dx = bottom[0]->mutable_cpu_diff();
  const int num = bottom[0]->shape(0);
  const int dim = bottom[0]->count() / num;
  bottom[0]->set_diff(0.f);
  const float scale = -top[0]->cpu_diff()[0] / num;
  for (int n = 0; n < num; ++n) {
    const int l = static_cast<int>(label[n]);
    dx[n * dim + l] = scale / std::max(p[n * dim + l], kLogThreshold);
  }
}

}  // namespace crema
