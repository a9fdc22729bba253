#include "layers/contrastive_loss_layer.h"

#include <algorithm>
#include <cmath>

namespace crema {

void ContrastiveLossLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  LossLayer::Reshape(bottom, top);
  Check(bottom[0]->channels() == bottom[1]->channels() && bottom[0]->count() == bottom[1]->count(),
        "the two feature inputs must have the same shape (", bottom[0]->shape_string(), " vs ",
        bottom[1]->shape_string(), ")");
  Check(bottom[0]->height() == 1 && bottom[0]->width() == 1, "features must be (N, C, 1, 1), got ",
        bottom[0]->shape_string());
  Check(bottom[2]->shape(0) == bottom[0]->shape(0) && bottom[2]->count() == bottom[2]->shape(0),
        "the similarity input must hold one value per pair, got ", bottom[2]->shape_string());
  diff_.ReshapeLike(*bottom[0]);
  dist_sq_.Reshape({bottom[0]->shape(0)});
}

void ContrastiveLossLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.contrastive_loss_param();
  const float margin = p.margin();
  const int num = bottom[0]->shape(0);
  const int channels = bottom[0]->count() / num;
  const float* a = bottom[0]->cpu_data();
  const float* b = bottom[1]->cpu_data();
  const float* y = bottom[2]->cpu_data();
  float* d = diff_.mutable_cpu_data();
  float* dsq = dist_sq_.mutable_cpu_data();
  double loss = 0;
  for (int n = 0; n < num; ++n) {
    double s = 0;
    for (int c = 0; c < channels; ++c) {
      const int i = n * channels + c;
      d[i] = a[i] - b[i];
      s += static_cast<double>(d[i]) * d[i];
    }
    dsq[n] = static_cast<float>(s);
    if (static_cast<int>(y[n])) {
      loss += dsq[n];
    } else if (p.legacy_version()) {
      loss += std::max(margin - dsq[n], 0.f);
    } else {
      const float m = std::max(margin - std::sqrt(dsq[n]), 0.f);
      loss += static_cast<double>(m) * m;
    }
  }
  top[0]->mutable_cpu_data()[0] = static_cast<float>(loss / num / 2.0);
}

void ContrastiveLossLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                        const std::vector<Blob*>& bottom) {
  Check(!propagate_down[2], "cannot backpropagate to the similarity input");
  const auto& p = layer_param_.contrastive_loss_param();
  const float margin = p.margin();
  const int num = bottom[0]->shape(0);
  const int channels = bottom[0]->count() / num;
  const float* y = bottom[2]->cpu_data();
  const float* d = diff_.cpu_data();
  const float* dsq = dist_sq_.cpu_data();
  for (int k = 0; k < 2; ++k) {
    if (!propagate_down[k]) continue;
    const float alpha = (k == 0 ? 1.f : -1.f) * top[0]->cpu_diff()[0] / num;
    float* dx = bottom[k]->mutable_cpu_diff();
    for (int n = 0; n < num; ++n) {
      float* out = dx + n * channels;
      const float* dn = d + n * channels;
      float coef;
      if (static_cast<int>(y[n])) {
        coef = alpha;
      } else {
        float mdist, beta;
        if (p.legacy_version()) {
          mdist = margin - dsq[n];
          beta = -alpha;
        } else {
          const float dist = std::sqrt(dsq[n]);
          mdist = margin - dist;
          beta = -alpha * mdist / (dist + 1e-4f);
        }
        coef = mdist > 0.f ? beta : 0.f;
      }
      for (int c = 0; c < channels; ++c) out[c] = coef * dn[c];
    }
  }
}

}  // namespace crema
