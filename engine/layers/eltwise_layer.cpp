#include "layers/eltwise_layer.h"

#include <cfloat>
#include <cstring>

namespace crema {

void EltwiseLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.eltwise_param();
  op_ = p.operation();
  Check(p.coeff_size() == 0 || p.coeff_size() == static_cast<int>(bottom.size()),
        "takes one coefficient per bottom blob (", bottom.size(), " bottoms, ", p.coeff_size(), " coeffs)");
  // Caffe refuses coefficients only for PROD (MAX ignores them).
  Check(!(op_ == caffe::EltwiseParameter::PROD && p.coeff_size()), "only takes coefficients for summation");
  coeffs_.assign(bottom.size(), 1.f);
  for (int i = 0; i < p.coeff_size(); ++i) coeffs_[i] = p.coeff(i);
  stable_prod_grad_ = p.stable_prod_grad();
}

void EltwiseLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  for (size_t i = 1; i < bottom.size(); ++i)
    Check(bottom[i]->shape() == bottom[0]->shape(), "bottom ", i, " has shape ", bottom[i]->shape_string(),
          ", expected ", bottom[0]->shape_string());
  top[0]->ReshapeLike(*bottom[0]);
  if (op_ == caffe::EltwiseParameter::MAX) max_idx_.resize(bottom[0]->count());
}

void EltwiseLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int count = top[0]->count();
  float* y = top[0]->mutable_cpu_data();
  switch (op_) {
    case caffe::EltwiseParameter::PROD: {
      const float* a = bottom[0]->cpu_data();
      const float* b = bottom[1]->cpu_data();
      for (int i = 0; i < count; ++i) y[i] = a[i] * b[i];
      for (size_t k = 2; k < bottom.size(); ++k) {
        const float* x = bottom[k]->cpu_data();
        for (int i = 0; i < count; ++i) y[i] *= x[i];
      }
      break;
    }
    case caffe::EltwiseParameter::SUM: {
      std::memset(y, 0, sizeof(float) * count);
      for (size_t k = 0; k < bottom.size(); ++k) {
        const float* x = bottom[k]->cpu_data();
        const float c = coeffs_[k];
        for (int i = 0; i < count; ++i) y[i] += c * x[i];
      }
      break;
    }
    case caffe::EltwiseParameter::MAX: {
      const float* a = bottom[0]->cpu_data();
      const float* b = bottom[1]->cpu_data();
      for (int i = 0; i < count; ++i) {
        if (a[i] > b[i]) {
          y[i] = a[i];
          max_idx_[i] = 0;
        } else {
          y[i] = b[i];
          max_idx_[i] = 1;
        }
      }
      for (size_t k = 2; k < bottom.size(); ++k) {
        const float* x = bottom[k]->cpu_data();
        for (int i = 0; i < count; ++i)
          if (x[i] > y[i]) {
            y[i] = x[i];
            max_idx_[i] = static_cast<int>(k);
          }
      }
      break;
    }
    default:
      Check(false, "unknown elementwise operation ", static_cast<int>(op_));
  }
}

void EltwiseLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                const std::vector<Blob*>& bottom) {
  const int count = top[0]->count();
  const float* y = top[0]->cpu_data();
  const float* dy = top[0]->cpu_diff();
  for (size_t k = 0; k < bottom.size(); ++k) {
    if (!propagate_down[k]) continue;
    const float* x = bottom[k]->cpu_data();
    float* dx = bottom[k]->mutable_cpu_diff();
    switch (op_) {
      case caffe::EltwiseParameter::PROD:
        if (stable_prod_grad_) {
          bool initialized = false;
          for (size_t j = 0; j < bottom.size(); ++j) {
            if (j == k) continue;
            const float* o = bottom[j]->cpu_data();
            if (!initialized) {
              std::memcpy(dx, o, sizeof(float) * count);
              initialized = true;
            } else {
              for (int i = 0; i < count; ++i) dx[i] *= o[i];
            }
          }
        } else {
          for (int i = 0; i < count; ++i) dx[i] = y[i] / x[i];
        }
        for (int i = 0; i < count; ++i) dx[i] *= dy[i];
        break;
      case caffe::EltwiseParameter::SUM:
        for (int i = 0; i < count; ++i) dx[i] = coeffs_[k] == 1.f ? dy[i] : coeffs_[k] * dy[i];
        break;
      case caffe::EltwiseParameter::MAX:
        for (int i = 0; i < count; ++i) dx[i] = max_idx_[i] == static_cast<int>(k) ? dy[i] : 0.f;
        break;
      default:
        break;
    }
  }
}

}  // namespace crema
