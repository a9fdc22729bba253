// Adam (Kingma & Ba 2015; Caffe AdamSolver, src/caffe/solvers/adam_solver.cpp).
// beta1 = momentum, beta2 = momentum2, eps = delta, t = iter + 1:
//   m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g^2
//   step = local_rate * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + eps)
// eps is added to the uncorrected sqrt(v). History: P blobs of m, then P of v.
#pragma once

#include "solver/sgd_solver.h"

namespace crema {

class AdamSolver : public SGDSolver {
 public:
  explicit AdamSolver(const caffe::SolverParameter& param, const std::string& base_dir = "");
  const char* type() const override { return "Adam"; }

 protected:
  void ComputeUpdateValue(int param_id, float rate) override;
  int HistoryBlobsPerParam() const override { return 2; }
};

}  // namespace crema
