// Accuracy: top-k classification accuracy (Caffe accuracy_layer.cpp, after PR #5836).
// Bottoms: scores with the class axis at accuracy_param.axis (default 1), labels with
// count outer*inner (labels truncated to int). For each position whose label is not
// accuracy_param.ignore_label, count the classes whose score is >= the true class's score
// (the true class counts itself; ties count against it); the position is correct when that
// count - 1 < top_k. top[0] = correct / counted positions (0 when none are counted).
// Optional top[1] (shape [C]): per-class accuracy, 0 for classes with no sample.
// No gradient: Backward with propagate_down throws ConfigError. Errors: ConfigError when
// top_k > C or the label count mismatches; DataError on a label outside [0, C).
#pragma once

#include <vector>

#include "layer.h"

namespace crema {

class AccuracyLayer : public Layer {
 public:
  explicit AccuracyLayer(const caffe::LayerParameter& param) : Layer(param) {}
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Accuracy"; }
  int ExactNumBottomBlobs() const override { return 2; }
  int MinTopBlobs() const override { return 1; }
  int MaxTopBlobs() const override { return 2; }
  bool AllowForceBackward(int bottom_index) const override { return false; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  int top_k_ = 1;
  bool has_ignore_label_ = false;
  int ignore_label_ = 0;
  int axis_ = 1, outer_ = 0, inner_ = 0;
  std::vector<int> class_counts_;
};

}  // namespace crema
