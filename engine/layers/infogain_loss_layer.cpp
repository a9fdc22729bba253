#include "layers/infogain_loss_layer.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <vector>

#include "io/io.h"

namespace crema {
namespace {
constexpr float kLogThreshold = 1e-20f;  // Caffe's kLOG_THRESHOLD
}

void InfogainLossLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  LossLayer::LayerSetUp(bottom, top);
  const auto& lp = layer_param_.loss_param();
  has_ignore_label_ = lp.has_ignore_label();
  if (has_ignore_label_) ignore_label_ = lp.ignore_label();
  Check(!lp.has_normalize(), "normalize is deprecated; use \"normalization\"");
  normalization_ = lp.normalization();
  if (bottom.size() < 3) {
    const auto& p = layer_param_.infogain_loss_param();
    Check(p.has_source(), "infogain matrix source must be specified (infogain_loss_param.source or a third bottom)");
    caffe::BlobProto proto;
    try {
      ReadBinaryProtoFile(p.source(), &proto);
    } catch (const Error& e) {
      Check(false, "cannot read the infogain matrix: ", e.what());
    }
    infogain_.FromProto(proto);
  }
}

void InfogainLossLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  LossLayer::Reshape(bottom, top);
  prob_.ReshapeLike(*bottom[0]);
  axis_ = bottom[0]->CanonicalAxisIndex(layer_param_.infogain_loss_param().axis());
  outer_num_ = bottom[0]->count(0, axis_);
  inner_num_ = bottom[0]->count(axis_ + 1);
  Check(outer_num_ * inner_num_ == bottom[1]->count(), "number of labels (", bottom[1]->count(),
        ") must match number of predictions (", outer_num_ * inner_num_, "); e.g. with axis 1 and predictions "
        "(N, C, H, W) the label count must be N*H*W, with integer values in {0, ..., C-1}");
  num_labels_ = bottom[0]->shape(axis_);
  const Blob& h = bottom.size() < 3 ? infogain_ : *bottom[2];
  Check(h.count() == num_labels_ * num_labels_, "infogain matrix H must be ", num_labels_, "x", num_labels_,
        ", got ", h.shape_string());
  if (top.size() >= 2) top[1]->ReshapeLike(*bottom[0]);
}

const float* InfogainLossLayer::Infogain(const std::vector<Blob*>& bottom) const {
  return bottom.size() < 3 ? infogain_.cpu_data() : bottom[2]->cpu_data();
}

float InfogainLossLayer::Normalizer(int valid_count) const {
  return GetNormalizer(normalization_, outer_num_, inner_num_, valid_count);
}

void InfogainLossLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  // Softmax along the class axis (max-subtracted).
  const float* x = bottom[0]->cpu_data();
  float* p = prob_.mutable_cpu_data();
  const int dim = num_labels_ * inner_num_;
  for (int i = 0; i < outer_num_; ++i)
    for (int j = 0; j < inner_num_; ++j) {
      const int base = i * dim + j;
      float mx = -FLT_MAX;
      for (int k = 0; k < num_labels_; ++k) mx = std::max(mx, x[base + k * inner_num_]);
      double s = 0;
      for (int k = 0; k < num_labels_; ++k) {
        p[base + k * inner_num_] = std::exp(x[base + k * inner_num_] - mx);
        s += p[base + k * inner_num_];
      }
      for (int k = 0; k < num_labels_; ++k) p[base + k * inner_num_] /= static_cast<float>(s);
    }
  const float* label = bottom[1]->cpu_data();
  const float* h = Infogain(bottom);
  double loss = 0;
  int count = 0;
  for (int i = 0; i < outer_num_; ++i)
    for (int j = 0; j < inner_num_; ++j) {
      const int l = static_cast<int>(label[i * inner_num_ + j]);
      if (has_ignore_label_ && l == ignore_label_) continue;
      Check(l >= 0 && l < num_labels_, "label ", l, " is out of range [0, ", num_labels_, ")");
      for (int k = 0; k < num_labels_; ++k)
        loss -= h[l * num_labels_ + k] * std::log(std::max(p[i * dim + k * inner_num_ + j], kLogThreshold));
      ++count;
    }
  top[0]->mutable_cpu_data()[0] = static_cast<float>(loss / Normalizer(count));
  if (top.size() == 2) top[1]->ShareData(prob_);
}

void InfogainLossLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                     const std::vector<Blob*>& bottom) {
  Check(!propagate_down[1], "cannot backpropagate to label inputs");
  Check(!(propagate_down.size() > 2 && propagate_down[2]), "cannot backpropagate to infogain inputs");
  if (!propagate_down[0]) return;
  const float* p = prob_.cpu_data();
  const float* label = bottom[1]->cpu_data();
  const float* h = Infogain(bottom);
  std::vector<float> row_sum(num_labels_, 0.f);
  for (int r = 0; r < num_labels_; ++r)
    for (int c = 0; c < num_labels_; ++c) row_sum[r] += h[r * num_labels_ + c];
  float* dx = bottom[0]->mutable_cpu_diff();
  const int dim = num_labels_ * inner_num_;
  int count = 0;
  for (int i = 0; i < outer_num_; ++i)
    for (int j = 0; j < inner_num_; ++j) {
      const int l = static_cast<int>(label[i * inner_num_ + j]);
      if (has_ignore_label_ && l == ignore_label_) {
        for (int k = 0; k < num_labels_; ++k) dx[i * dim + k * inner_num_ + j] = 0.f;
        continue;
      }
      for (int k = 0; k < num_labels_; ++k) {
        const int idx = i * dim + k * inner_num_ + j;
        dx[idx] = p[idx] * row_sum[l] - h[l * num_labels_ + k];
      }
      ++count;
    }
  const float scale = top[0]->cpu_diff()[0] / Normalizer(count);
  for (int i = 0; i < bottom[0]->count(); ++i) dx[i] *= scale;
}

}  // namespace crema
