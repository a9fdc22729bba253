#include "layers/softmax_loss_layer.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace crema {

void SoftmaxWithLossLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  if (layer_param_.loss_weight_size() == 0) {
    layer_param_.add_loss_weight(1.f);
    if (top.size() == 2) layer_param_.add_loss_weight(0.f);  // the prob top carries no loss
  }
  caffe::LayerParameter softmax_param = layer_param_;
  softmax_param.set_type("Softmax");
  softmax_param.clear_loss_weight();
  softmax_param.clear_bottom();
  softmax_param.clear_top();
  softmax_ = std::make_unique<SoftmaxLayer>(softmax_param);
  softmax_bottom_ = {bottom[0]};
  softmax_top_ = {&prob_};
  softmax_->SetUp(softmax_bottom_, softmax_top_);

  const caffe::LossParameter& lp = layer_param_.loss_param();
  has_ignore_label_ = lp.has_ignore_label();
  if (has_ignore_label_) ignore_label_ = lp.ignore_label();
  if (!lp.has_normalization() && lp.has_normalize())
    normalization_ = lp.normalize() ? caffe::LossParameter::VALID : caffe::LossParameter::BATCH_SIZE;
  else
    normalization_ = lp.normalization();
}

void SoftmaxWithLossLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  LossLayer::Reshape(bottom, top);
  softmax_bottom_[0] = bottom[0];
  softmax_->Reshape(softmax_bottom_, softmax_top_);
  axis_ = bottom[0]->CanonicalAxisIndex(layer_param_.softmax_param().axis());
  outer_ = bottom[0]->count(0, axis_);
  inner_ = bottom[0]->count(axis_ + 1);
  channels_ = bottom[0]->shape(axis_);
  Check(outer_ * inner_ == bottom[1]->count(),
        "number of labels must match number of predictions; with softmax axis ", axis_, " and prediction shape ",
        bottom[0]->shape_string(), " the label count must be ", outer_ * inner_, ", got ", bottom[1]->count(),
        " (label shape ", bottom[1]->shape_string(), ")");
  if (top.size() >= 2) {
    top[1]->ReshapeLike(*bottom[0]);
    top[1]->ShareData(prob_);
  }
}

float SoftmaxWithLossLayer::Normalizer(int valid_count) const {
  return GetNormalizer(normalization_, outer_, inner_, valid_count);
}

int SoftmaxWithLossLayer::LabelAt(const float* label, int index) const {
  const int value = static_cast<int>(label[index]);  // truncation, as Caffe's cast
  if (has_ignore_label_ && value == ignore_label_) return value;
  if (value < 0 || value >= channels_)
    throw DataError(Format(type(), " layer '", name(), "': label ", label[index], " at position ", index,
                           " is outside [0, ", channels_, ")"));
  return value;
}

void SoftmaxWithLossLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  if (bottom[0]->shape() != prob_.shape() || bottom[1]->count() != outer_ * inner_) Reshape(bottom, top);  // as Caffe
  softmax_->Forward(softmax_bottom_, softmax_top_);
  const float* prob = prob_.cpu_data();
  const float* label = bottom[1]->cpu_data();
  const int dim = prob_.count() / outer_;
  double loss = 0;
  int count = 0;
  for (int i = 0; i < outer_; ++i) {
    for (int j = 0; j < inner_; ++j) {
      const int l = LabelAt(label, i * inner_ + j);
      if (has_ignore_label_ && l == ignore_label_) continue;
      loss -= std::log(std::max(prob[i * dim + l * inner_ + j], FLT_MIN));
      ++count;
    }
  }
  top[0]->mutable_cpu_data()[0] = static_cast<float>(loss) / Normalizer(has_ignore_label_ ? count : -1);
  if (top.size() == 2 && !top[1]->SharesDataWith(prob_)) top[1]->ShareData(prob_);
}

void SoftmaxWithLossLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                        const std::vector<Blob*>& bottom) {
  Check(propagate_down.size() < 2 || !propagate_down[1], "cannot backpropagate to label inputs");
  if (!propagate_down[0]) return;
  float* diff = bottom[0]->mutable_cpu_diff();
  const float* prob = prob_.cpu_data();
  const float* label = bottom[1]->cpu_data();
  std::copy(prob, prob + prob_.count(), diff);
  const int dim = prob_.count() / outer_;
  int count = 0;
  for (int i = 0; i < outer_; ++i) {
    for (int j = 0; j < inner_; ++j) {
      const int l = LabelAt(label, i * inner_ + j);
      if (has_ignore_label_ && l == ignore_label_) {
        for (int c = 0; c < channels_; ++c) diff[i * dim + c * inner_ + j] = 0.f;
      } else {
        diff[i * dim + l * inner_ + j] -= 1.f;
        ++count;
      }
    }
  }
  const float scale = top[0]->cpu_diff()[0] / Normalizer(has_ignore_label_ ? count : -1);
  const int n = bottom[0]->count();
  for (int k = 0; k < n; ++k) diff[k] *= scale;
}

}  // namespace crema
