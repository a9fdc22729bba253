// DummyData layer: tops filled by fillers (Caffe's DummyDataLayer,
// src/caffe/layers/dummy_data_layer.cpp).
//
// dummy_data_param: `shape` (one for all tops, or one per top) or the legacy
// num/channels/height/width lists (each 1 or one per top; not both forms);
// `data_filler` (0 = constant 0, 1 for all tops, or one per top).
// Constant fillers fill once at setup; other fillers refill on every Forward,
// drawing from the layer's rng().
#pragma once

#include <vector>

#include "layer.h"

namespace crema {

class DummyDataLayer : public Layer {
 public:
  explicit DummyDataLayer(const caffe::LayerParameter& param) : Layer(param) {}

  /// Throws ConfigError when the filler/shape counts do not fit the number of tops.
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override {}

  const char* type() const override { return "DummyData"; }
  int ExactNumBottomBlobs() const override { return 0; }
  int MinTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override {}

 private:
  void Fill(int filler_index, Blob* blob);
  std::vector<caffe::FillerParameter> fillers_;
  std::vector<bool> refill_;
};

}  // namespace crema
