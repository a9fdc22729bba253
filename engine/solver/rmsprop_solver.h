// RMSProp (Tieleman & Hinton 2012; Caffe RMSPropSolver, src/caffe/solvers/rmsprop_solver.cpp):
//   M = rms_decay * M + (1 - rms_decay) * g^2;  step = local_rate * g / (sqrt(M) + delta)
// momentum must be 0 and rms_decay in [0, 1).
#pragma once

#include "solver/sgd_solver.h"

namespace crema {

class RMSPropSolver : public SGDSolver {
 public:
  /// Throws ConfigError when momentum != 0 or rms_decay is outside [0, 1).
  explicit RMSPropSolver(const caffe::SolverParameter& param, const std::string& base_dir = "");
  const char* type() const override { return "RMSProp"; }

 protected:
  void ComputeUpdateValue(int param_id, float rate) override;
  bool AcceptsMomentum(float momentum) const override { return momentum == 0.f; }
};

}  // namespace crema
