// MemoryData layer: batches from arrays fed from code (Caffe's MemoryDataLayer,
// src/caffe/layers/memory_data_layer.cpp). Used by the UI to run a net on
// digits it already holds.
//
// memory_data_param: batch_size, channels, height, width (all > 0).
// Tops: data (batch_size, channels, height, width) and label (batch_size).
// Reset(data, labels, n) hands in n items (n a multiple of batch_size);
// each Forward returns the next batch_size items and wraps after n.
// No transform is applied to the arrays (as in Caffe's Reset).
#pragma once

#include <vector>

#include "layer.h"

namespace crema {

class MemoryDataLayer : public Layer {
 public:
  explicit MemoryDataLayer(const caffe::LayerParameter& param) : Layer(param) {}

  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override {}

  /// Copies n items: data is n x channels x height x width floats, labels n floats.
  /// Throws ConfigError when a pointer is null or n is not a positive multiple of batch_size.
  void Reset(const float* data, const float* labels, int n);
  /// Changes the batch size (a later Reset must use a multiple of it).
  void set_batch_size(int new_size);

  int batch_size() const { return batch_size_; }
  int channels() const { return channels_; }
  int height() const { return height_; }
  int width() const { return width_; }
  /// Index of the next item Forward will return.
  int position() const { return pos_; }

  const char* type() const override { return "MemoryData"; }
  int ExactNumBottomBlobs() const override { return 0; }
  int ExactNumTopBlobs() const override { return 2; }

 protected:
  /// Throws ConfigError when Reset was never called.
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override {}

 private:
  int batch_size_ = 0, channels_ = 0, height_ = 0, width_ = 0;
  int n_ = 0, pos_ = 0;
  std::vector<float> data_, labels_;
};

}  // namespace crema
