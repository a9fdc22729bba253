#include "layer.h"

#include <algorithm>

namespace crema {

Layer::Layer(const caffe::LayerParameter& param) : layer_param_(param), phase_(param.phase()) {
  // Layers constructed from a model (e.g. for fine-tuning) carry their blobs in the param.
  blobs_.reserve(param.blobs_size());
  for (const auto& bp : param.blobs()) {
    auto b = std::make_shared<Blob>();
    b->FromProto(bp);
    blobs_.push_back(b);
  }
}

void Layer::SetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  CheckBlobCounts(bottom, top);
  LayerSetUp(bottom, top);
  Reshape(bottom, top);
  SetLossWeights(top);
}

Rng& Layer::rng() {
  if (!rng_) throw ConfigError(Format(type(), " layer '", name(), "': no random source (set_rng not called)"));
  return *rng_;
}

void Layer::set_loss(int top_index, float value) {
  if (static_cast<int>(loss_.size()) <= top_index) loss_.resize(top_index + 1, 0.f);
  loss_[top_index] = value;
}

void Layer::set_param_propagate_down(int param_id, bool value) {
  if (static_cast<int>(param_propagate_down_.size()) <= param_id) param_propagate_down_.resize(param_id + 1, true);
  param_propagate_down_[param_id] = value;
}

void Layer::CheckBlobCounts(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) const {
  const int nb = static_cast<int>(bottom.size());
  const int nt = static_cast<int>(top.size());
  if (ExactNumBottomBlobs() >= 0)
    Check(nb == ExactNumBottomBlobs(), "takes ", ExactNumBottomBlobs(), " bottom blob(s) as input, got ", nb);
  if (MinBottomBlobs() >= 0) Check(nb >= MinBottomBlobs(), "takes at least ", MinBottomBlobs(), " bottom blob(s), got ", nb);
  if (MaxBottomBlobs() >= 0) Check(nb <= MaxBottomBlobs(), "takes at most ", MaxBottomBlobs(), " bottom blob(s), got ", nb);
  if (ExactNumTopBlobs() >= 0)
    Check(nt == ExactNumTopBlobs(), "produces ", ExactNumTopBlobs(), " top blob(s) as output, got ", nt);
  if (MinTopBlobs() >= 0) Check(nt >= MinTopBlobs(), "produces at least ", MinTopBlobs(), " top blob(s), got ", nt);
  if (MaxTopBlobs() >= 0) Check(nt <= MaxTopBlobs(), "produces at most ", MaxTopBlobs(), " top blob(s), got ", nt);
  if (EqualNumBottomTopBlobs())
    Check(nb == nt, "produces one top blob as output for each bottom blob input (", nb, " vs ", nt, ")");
}

void Layer::SetLossWeights(const std::vector<Blob*>& top) {
  const int num_loss_weights = layer_param_.loss_weight_size();
  if (num_loss_weights) {
    Check(num_loss_weights == static_cast<int>(top.size()),
          "loss_weight must be unspecified or specified once per top blob (", top.size(), " vs ", num_loss_weights,
          ")");
    for (int i = 0; i < static_cast<int>(top.size()); ++i) {
      const float w = layer_param_.loss_weight(i);
      if (w == 0.f) continue;
      set_loss(i, w);
      // The top diff holds the loss weight so that Forward's dot product gives the weighted loss
      // and Backward of a loss layer reads its own weight (Caffe Layer::SetLossWeights).
      top[i]->set_diff(w);
    }
  }
}

float Layer::Forward(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Forward_cpu(bottom, top);
  float loss = 0.f;
  for (int i = 0; i < static_cast<int>(top.size()); ++i) {
    if (this->loss(i) == 0.f) continue;
    const float* d = top[i]->cpu_data();
    const float* w = top[i]->cpu_diff();
    double s = 0;
    for (int k = 0; k < top[i]->count(); ++k) s += static_cast<double>(d[k]) * w[k];
    loss += static_cast<float>(s);
  }
  return loss;
}

void Layer::Backward(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                     const std::vector<Blob*>& bottom) {
  Backward_cpu(top, propagate_down, bottom);
}

void Layer::ToProto(caffe::LayerParameter* param, bool write_diff) const {
  param->CopyFrom(layer_param_);
  param->clear_blobs();
  for (const auto& b : blobs_) b->ToProto(param->add_blobs(), write_diff);
}

void LossLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  // Loss layers weigh their first top by 1 unless told otherwise.
  if (layer_param_.loss_weight_size() == 0) layer_param_.add_loss_weight(1.f);
}

void LossLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Check(bottom[0]->shape(0) == bottom[1]->shape(0),
        "the data and label should have the same first dimension (", bottom[0]->shape_string(), " vs ",
        bottom[1]->shape_string(), ")");
  top[0]->Reshape({});  // loss is a scalar (0-axis blob with count 1)
}

float LossLayer::GetNormalizer(caffe::LossParameter::NormalizationMode mode, int outer, int inner,
                               int valid_count) const {
  float n = 1.f;
  switch (mode) {
    case caffe::LossParameter::FULL: n = static_cast<float>(outer * inner); break;
    case caffe::LossParameter::VALID:
      n = valid_count < 0 ? static_cast<float>(outer * inner) : static_cast<float>(valid_count);
      break;
    case caffe::LossParameter::BATCH_SIZE: n = static_cast<float>(outer); break;
    case caffe::LossParameter::NONE: n = 1.f; break;
    default: Check(false, "unknown normalization mode ", static_cast<int>(mode));
  }
  return std::max(1.f, n);
}

void NeuronLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  top[0]->ReshapeLike(*bottom[0]);
}

}  // namespace crema
