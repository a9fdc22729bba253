// AdaDelta (Zeiler 2012; Caffe AdaDeltaSolver, src/caffe/solvers/adadelta_solver.cpp).
// momentum is the decay rho and delta the epsilon; base_lr still multiplies:
//   Eg  = rho * Eg + (1 - rho) * g^2
//   u   = g * sqrt((Edx + delta) / (Eg + delta))
//   Edx = rho * Edx + (1 - rho) * u^2          (before the lr scaling)
//   step = local_rate * u
// History: P blobs of Eg, then P blobs of Edx.
#pragma once

#include "solver/sgd_solver.h"

namespace crema {

class AdaDeltaSolver : public SGDSolver {
 public:
  explicit AdaDeltaSolver(const caffe::SolverParameter& param, const std::string& base_dir = "");
  const char* type() const override { return "AdaDelta"; }

 protected:
  void ComputeUpdateValue(int param_id, float rate) override;
  int HistoryBlobsPerParam() const override { return 2; }
};

}  // namespace crema
