// Concat: joins bottoms along one axis (Caffe src/caffe/layers/concat_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Bottoms must agree in every axis but concat_param.axis (default 1; the
/// legacy concat_dim is used when given, and giving both is an error). The top's
/// axis size is the sum. A single bottom is passed through by sharing its
/// data and diff. Backward copies each slice of the top diff back.
/// Throws ConfigError on mismatched shapes.
class ConcatLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Concat"; }
  int MinBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  int concat_axis_ = 1, num_concats_ = 0, concat_input_size_ = 0;
};

}  // namespace crema
