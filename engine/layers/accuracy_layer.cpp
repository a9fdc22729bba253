#include "layers/accuracy_layer.h"

#include <algorithm>

namespace crema {

void AccuracyLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const caffe::AccuracyParameter& p = layer_param_.accuracy_param();
  top_k_ = static_cast<int>(p.top_k());
  has_ignore_label_ = p.has_ignore_label();
  if (has_ignore_label_) ignore_label_ = p.ignore_label();
}

void AccuracyLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  axis_ = bottom[0]->CanonicalAxisIndex(layer_param_.accuracy_param().axis());
  const int num_labels = bottom[0]->shape(axis_);
  Check(top_k_ <= num_labels, "top_k (", top_k_, ") must be less than or equal to the number of classes (",
        num_labels, ")");
  outer_ = bottom[0]->count(0, axis_);
  inner_ = bottom[0]->count(axis_ + 1);
  Check(outer_ * inner_ == bottom[1]->count(),
        "number of labels must match number of predictions; with axis ", axis_, " and prediction shape ",
        bottom[0]->shape_string(), " the label count must be ", outer_ * inner_, ", got ", bottom[1]->count());
  top[0]->Reshape({});
  if (top.size() > 1) top[1]->Reshape({num_labels});
  class_counts_.assign(num_labels, 0);
}

void AccuracyLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  if (bottom[0]->count() != outer_ * inner_ * bottom[0]->shape(axis_) || bottom[1]->count() != outer_ * inner_ ||
      static_cast<int>(class_counts_.size()) != bottom[0]->shape(axis_))
    Reshape(bottom, top);  // Caffe reshapes on every Forward
  const float* scores = bottom[0]->cpu_data();
  const float* label = bottom[1]->cpu_data();
  const int num_labels = bottom[0]->shape(axis_);
  const int dim = bottom[0]->count() / outer_;
  float* per_class = top.size() > 1 ? top[1]->mutable_cpu_data() : nullptr;
  if (per_class) std::fill(per_class, per_class + num_labels, 0.f);
  std::fill(class_counts_.begin(), class_counts_.end(), 0);
  int correct = 0, count = 0;
  for (int i = 0; i < outer_; ++i) {
    for (int j = 0; j < inner_; ++j) {
      const int l = static_cast<int>(label[i * inner_ + j]);
      if (has_ignore_label_ && l == ignore_label_) continue;
      if (l < 0 || l >= num_labels)
        throw DataError(Format(type(), " layer '", name(), "': label ", label[i * inner_ + j], " at position ",
                               i * inner_ + j, " is outside [0, ", num_labels, ")"));
      ++class_counts_[l];
      const float true_score = scores[i * dim + l * inner_ + j];
      int better = -1;  // the true class is counted by the loop below
      for (int k = 0; k < num_labels && better < top_k_; ++k)
        better += scores[i * dim + k * inner_ + j] >= true_score ? 1 : 0;
      if (better < top_k_) {
        ++correct;
        if (per_class) per_class[l] += 1.f;
      }
      ++count;
    }
  }
  top[0]->mutable_cpu_data()[0] = count == 0 ? 0.f : static_cast<float>(correct) / count;
  if (per_class)
    for (int c = 0; c < num_labels; ++c)
      per_class[c] = class_counts_[c] == 0 ? 0.f : per_class[c] / class_counts_[c];
}

void AccuracyLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                 const std::vector<Blob*>& bottom) {
  for (size_t i = 0; i < propagate_down.size(); ++i)
    Check(!propagate_down[i], "has no gradient (cannot backpropagate to bottom ", i, ")");
}

}  // namespace crema
