// Layer: Caffe's layer contract (include/caffe/layer.hpp).
//
// A layer reads `bottom` blobs and writes `top` blobs. SetUp() is non-virtual:
// it checks blob counts, calls LayerSetUp() (one-time setup, param blobs and
// fillers), then Reshape() (top shapes from bottom shapes), then installs
// loss weights. Forward() runs Forward_cpu() and returns the weighted loss of
// the tops that carry a loss weight; Backward() runs Backward_cpu().
// Param gradients are ACCUMULATED into blobs()[i]->diff (the solver clears
// them once per iteration); bottom gradients are overwritten.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "blob.h"
#include "caffe.pb.h"
#include "common.h"
#include "rng.h"

namespace crema {

class Layer {
 public:
  explicit Layer(const caffe::LayerParameter& param);
  virtual ~Layer() = default;
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

  /// Full setup: CheckBlobCounts, LayerSetUp, Reshape, SetLossWeights.
  /// Throws ConfigError/ShapeError naming the layer.
  void SetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top);

  /// One-time layer-specific setup (read params, create and fill param blobs).
  virtual void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {}
  /// Shapes tops (and internal buffers) from the bottoms' shapes; called on every shape change.
  virtual void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) = 0;

  /// Computes tops; returns sum over tops of loss_weight * sum(top data).
  float Forward(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top);
  /// Computes bottom diffs where propagate_down[i], and accumulates param diffs.
  void Backward(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                const std::vector<Blob*>& bottom);

  std::vector<std::shared_ptr<Blob>>& blobs() { return blobs_; }
  const std::vector<std::shared_ptr<Blob>>& blobs() const { return blobs_; }
  const caffe::LayerParameter& layer_param() const { return layer_param_; }
  const std::string& name() const { return layer_param_.name(); }
  /// Writes the layer parameter and its param blobs (data, and diff if write_diff).
  virtual void ToProto(caffe::LayerParameter* param, bool write_diff = false) const;

  float loss(int top_index) const { return top_index < static_cast<int>(loss_.size()) ? loss_[top_index] : 0.f; }
  void set_loss(int top_index, float value);

  /// The prototxt type string, e.g. "Convolution".
  virtual const char* type() const = 0;

  // Blob-count contract; -1 means "no constraint".
  virtual int ExactNumBottomBlobs() const { return -1; }
  virtual int MinBottomBlobs() const { return -1; }
  virtual int MaxBottomBlobs() const { return -1; }
  virtual int ExactNumTopBlobs() const { return -1; }
  virtual int MinTopBlobs() const { return -1; }
  virtual int MaxTopBlobs() const { return -1; }
  virtual bool EqualNumBottomTopBlobs() const { return false; }
  /// When true the Net creates anonymous tops up to the required count.
  virtual bool AutoTopBlobs() const { return false; }
  /// False for inputs that cannot take a gradient (e.g. labels of loss layers).
  virtual bool AllowForceBackward(int bottom_index) const { return true; }
  /// True for loss layers (they get loss_weight 1 on top 0 by default).
  virtual bool IsLossLayer() const { return false; }

  /// Fusion hook (see FuseInPlaceReLUs in dnnl/dnnl_fusion.h): asks this layer to apply the
  /// in-place ReLU that directly follows it on its only top as part of its own forward.
  /// Returns true when it will; the ReLU layer's forward then has nothing left to do.
  virtual bool FuseReLU(float negative_slope) { return false; }

  bool param_propagate_down(int param_id) const {
    return param_id < static_cast<int>(param_propagate_down_.size()) && param_propagate_down_[param_id];
  }
  void set_param_propagate_down(int param_id, bool value);

  caffe::Phase phase() const { return phase_; }
  /// Random source used by fillers and stochastic layers; set by the Net before SetUp.
  void set_rng(Rng* rng) { rng_ = rng; }
  Rng& rng();

 protected:
  virtual void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) = 0;
  virtual void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                            const std::vector<Blob*>& bottom) = 0;

  /// Throws ConfigError with "<type> layer '<name>': " prefixed, for Caffe's CHECKs.
  template <typename... Args>
  void Check(bool cond, const Args&... args) const {
    if (!cond) throw ConfigError(Format(type(), " layer '", name(), "': ", args...));
  }

  caffe::LayerParameter layer_param_;
  caffe::Phase phase_;
  std::vector<std::shared_ptr<Blob>> blobs_;
  std::vector<bool> param_propagate_down_;
  std::vector<float> loss_;

 private:
  void CheckBlobCounts(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) const;
  void SetLossWeights(const std::vector<Blob*>& top);
  Rng* rng_ = nullptr;
};

/// Base of loss layers: two bottoms by default, one top, loss_weight 1 on top 0,
/// never backpropagates into the label (bottom 1) (Caffe LossLayer).
class LossLayer : public Layer {
 public:
  using Layer::Layer;
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  int ExactNumBottomBlobs() const override { return 2; }
  int ExactNumTopBlobs() const override { return 1; }
  bool AutoTopBlobs() const override { return true; }
  bool AllowForceBackward(int bottom_index) const override { return bottom_index != 1; }
  bool IsLossLayer() const override { return true; }

 protected:
  /// Caffe's LossLayer::GetNormalizer (src/caffe/layers/loss_layer.cpp), floored at 1 so that
  /// a batch without labels does not divide by zero: FULL = outer * inner, VALID = valid_count
  /// (outer * inner when valid_count < 0, i.e. no ignore label), BATCH_SIZE = outer, NONE = 1.
  /// Throws ConfigError for an unknown mode.
  float GetNormalizer(caffe::LossParameter::NormalizationMode mode, int outer, int inner, int valid_count) const;
};

/// Base of element-wise layers whose top has the bottom's shape (Caffe NeuronLayer).
class NeuronLayer : public Layer {
 public:
  using Layer::Layer;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }
};

}  // namespace crema
