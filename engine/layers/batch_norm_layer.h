// BatchNorm: normalises each channel to zero mean and unit variance
// (Ioffe & Szegedy 2015; Caffe src/caffe/layers/batch_norm_layer.cpp).
// Caffe's BatchNorm has no scale/shift; follow it with a Scale layer (bias_term).
#pragma once

#include "layer.h"

namespace crema {

/// Bottom (N, C, ...) (a 1-axis bottom is one channel); top has its shape.
/// Param blobs (all with lr_mult forced to 0, as Caffe does by appending
/// `param { lr_mult: 0 }` to the layer parameter, so read layer_param() after SetUp):
///   0: running mean sum {C}, 1: running variance sum {C}, 2: scale factor {1}.
/// The statistics are blob0/blob2 and blob1/blob2 (0 when blob2 is 0).
/// use_global_stats (default: true in TEST, false in TRAIN) selects the stored
/// statistics; otherwise batch statistics are used and the running sums are
/// updated: f = f * maf + 1, mean = batch_mean + maf * mean,
/// var = m/(m-1) * batch_var + maf * var (m = count / C).
/// y = (x - mean) / sqrt(var + eps). In-place is supported.
/// Throws ConfigError when a param spec gives lr_mult != 0 or C mismatches.
class BatchNormLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "BatchNorm"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  bool use_global_stats_ = false;
  float moving_average_fraction_ = 0.999f;
  float eps_ = 1e-5f;
  int channels_ = 0;
  Blob mean_, variance_;  ///< per-channel statistics; variance_ holds sqrt(var + eps) after Forward
  Blob x_norm_;           ///< normalised output cached for Backward
};

}  // namespace crema
