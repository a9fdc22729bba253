#include "layers/scale_layer.h"

#include <cstring>

#include "filler.h"

namespace crema {

void ScaleLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.scale_param();
  if (bottom.size() == 1 && !blobs_.empty()) {
    // Parameters were loaded with the layer; keep them.
  } else if (bottom.size() == 1) {
    const int axis = bottom[0]->CanonicalAxisIndex(p.axis());
    const int num_axes = p.num_axes();
    Check(num_axes >= -1, "num_axes must be non-negative, or -1 to extend to the end of bottom[0]");
    if (num_axes >= 0)
      Check(bottom[0]->num_axes() >= axis + num_axes, "scale blob's shape extends past bottom[0]'s shape when applied "
            "starting with bottom[0] axis = ", axis);
    const auto& shape = bottom[0]->shape();
    const auto end = num_axes == -1 ? shape.end() : shape.begin() + axis + num_axes;
    blobs_.push_back(std::make_shared<Blob>(std::vector<int>(shape.begin() + axis, end)));
    caffe::FillerParameter filler;
    if (p.has_filler()) {
      filler = p.filler();
    } else {
      filler.set_type("constant");
      filler.set_value(1.f);
    }
    FillBlob(filler, blobs_[0].get(), rng());
  }
  if (p.bias_term()) {
    caffe::LayerParameter bias_param;
    bias_param.set_name(name() + "_bias");
    bias_param.set_type("Bias");
    bias_param.set_phase(phase_);
    auto* bp = bias_param.mutable_bias_param();
    bp->set_axis(p.axis());
    bp->set_num_axes(bottom.size() > 1 ? bottom[1]->num_axes() : p.num_axes());
    if (p.has_bias_filler()) *bp->mutable_filler() = p.bias_filler();
    // A loaded model carries the bias as our last blob; hand it to the bias layer.
    const bool have_bias = blobs_.size() + bottom.size() >= 3;
    bias_layer_ = std::make_unique<BiasLayer>(bias_param);
    if (!have_bias) bias_layer_->set_rng(&rng());  // only the filler needs it
    bias_bottom_vec_ = {bottom[0]};
    if (have_bias) {
      bias_param_id_ = static_cast<int>(blobs_.size()) - 1;
      bias_layer_->blobs().push_back(blobs_[bias_param_id_]);
    }
    bias_layer_->SetUp(bias_bottom_vec_, top);
    if (!have_bias) {
      bias_param_id_ = static_cast<int>(blobs_.size());
      blobs_.push_back(bias_layer_->blobs()[0]);
    }
  }
  param_propagate_down_.assign(blobs_.size(), true);
}

void ScaleLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const Blob* scale = bottom.size() > 1 ? bottom[1] : blobs_[0].get();
  // A scalar scale applies to every element, so the axis is ignored.
  const int axis = scale->num_axes() == 0 ? 0 : bottom[0]->CanonicalAxisIndex(layer_param_.scale_param().axis());
  Check(bottom[0]->num_axes() >= axis + scale->num_axes(), "scale blob's shape (", scale->shape_string(),
        ") extends past bottom[0]'s shape (", bottom[0]->shape_string(), ") when applied starting with bottom[0] axis = ",
        axis);
  for (int i = 0; i < scale->num_axes(); ++i)
    Check(bottom[0]->shape(axis + i) == scale->shape(i), "dimension mismatch between bottom[0]->shape(", axis + i,
          ") = ", bottom[0]->shape(axis + i), " and scale->shape(", i, ") = ", scale->shape(i));
  outer_dim_ = bottom[0]->count(0, axis);
  scale_dim_ = scale->count();
  inner_dim_ = bottom[0]->count(axis + scale->num_axes());
  if (bottom[0] == top[0]) {
    temp_.ReshapeLike(*bottom[0]);
  } else {
    top[0]->ReshapeLike(*bottom[0]);
  }
  if (bias_layer_) {
    bias_bottom_vec_[0] = top[0];
    bias_layer_->Reshape(bias_bottom_vec_, top);
  }
}

void ScaleLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int count = bottom[0]->count();
  if (bottom[0] == top[0]) std::memcpy(temp_.mutable_cpu_data(), bottom[0]->cpu_data(), sizeof(float) * count);
  const float* s = (bottom.size() > 1 ? bottom[1] : blobs_[0].get())->cpu_data();
  const float* x = bottom[0]->cpu_data();
  float* y = top[0]->mutable_cpu_data();
  for (int n = 0; n < outer_dim_; ++n)
    for (int d = 0; d < scale_dim_; ++d) {
      const float v = s[d];
      for (int k = 0; k < inner_dim_; ++k) *y++ = *x++ * v;
    }
  if (bias_layer_) bias_layer_->Forward(bias_bottom_vec_, top);
}

void ScaleLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                              const std::vector<Blob*>& bottom) {
  if (bias_layer_ && param_propagate_down(bias_param_id_))
    bias_layer_->Backward(top, std::vector<bool>{false}, bias_bottom_vec_);
  const bool scale_param = bottom.size() == 1;
  Blob* scale = scale_param ? blobs_[0].get() : bottom[1];
  const float* dy = top[0]->cpu_diff();
  if ((scale_param && param_propagate_down(0)) || (!scale_param && propagate_down[1])) {
    const float* x = bottom[0] == top[0] ? temp_.cpu_data() : bottom[0]->cpu_data();
    float* ds = scale->mutable_cpu_diff();
    // Param gradients accumulate; a bottom gradient is overwritten.
    if (!scale_param) std::memset(ds, 0, sizeof(float) * scale->count());
    const float* g = dy;
    for (int n = 0; n < outer_dim_; ++n)
      for (int d = 0; d < scale_dim_; ++d) {
        double acc = 0;
        for (int k = 0; k < inner_dim_; ++k) acc += static_cast<double>(*g++) * *x++;
        ds[d] += static_cast<float>(acc);
      }
  }
  if (propagate_down[0]) {
    const float* s = scale->cpu_data();
    float* dx = bottom[0]->mutable_cpu_diff();
    for (int n = 0; n < outer_dim_; ++n)
      for (int d = 0; d < scale_dim_; ++d) {
        const float v = s[d];
        for (int k = 0; k < inner_dim_; ++k) *dx++ = *dy++ * v;
      }
  }
}

}  // namespace crema
