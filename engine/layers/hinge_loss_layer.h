// HingeLoss: one-vs-all hinge loss (Caffe src/caffe/layers/hinge_loss_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Bottom 0: scores (N, K...) with D = count/N; bottom 1: labels (N), read as int.
/// With t_nk = +1 for the label and -1 otherwise, m_nk = max(0, 1 - t_nk * x_nk):
/// L1 (default): L = sum m / N; L2: L = sum m^2 / N.
/// Gradient: L1 -t * [m > 0] * w / N (Caffe's sign(m)); L2 -2 t m w / N.
/// Backpropagating into the labels throws ConfigError.
class HingeLossLayer : public LossLayer {
 public:
  using LossLayer::LossLayer;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "HingeLoss"; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  Blob margins_;  ///< m_nk from Forward (Caffe keeps them in the bottom diff)
};

}  // namespace crema
