// Reduction: SUM, ASUM, SUMSQ or MEAN over all axes from `axis` on, times coeff
// (Caffe src/caffe/layers/reduction_layer.cpp).
#pragma once

#include "layer.h"

namespace crema {

/// Top shape: bottom.shape[0, axis) (axis 0, the default, gives a scalar).
/// y_i = coeff * op(x_i[...]); MEAN divides by the reduced count.
/// Backward: SUM/MEAN dy*coeff, ASUM dy*coeff*sign(x), SUMSQ 2*dy*coeff*x.
class ReductionLayer : public Layer {
 public:
  using Layer::Layer;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  const char* type() const override { return "Reduction"; }
  int ExactNumBottomBlobs() const override { return 1; }
  int ExactNumTopBlobs() const override { return 1; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override;

 private:
  caffe::ReductionParameter::ReductionOp op_ = caffe::ReductionParameter::SUM;
  float coeff_ = 1.f;
  int num_ = 0, dim_ = 0;
};

}  // namespace crema
