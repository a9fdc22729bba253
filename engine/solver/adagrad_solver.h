// AdaGrad (Duchi et al. 2011; Caffe AdaGradSolver, src/caffe/solvers/adagrad_solver.cpp):
//   H += g^2;  step = local_rate * g / (sqrt(H) + delta)    (delta outside the sqrt)
// momentum must be 0.
#pragma once

#include "solver/sgd_solver.h"

namespace crema {

class AdaGradSolver : public SGDSolver {
 public:
  /// Throws ConfigError "Momentum cannot be used with AdaGrad." when momentum != 0.
  explicit AdaGradSolver(const caffe::SolverParameter& param, const std::string& base_dir = "");
  const char* type() const override { return "AdaGrad"; }

 protected:
  void ComputeUpdateValue(int param_id, float rate) override;
  bool AcceptsMomentum(float momentum) const override { return momentum == 0.f; }
};

}  // namespace crema
