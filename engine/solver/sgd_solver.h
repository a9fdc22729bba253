// Stochastic gradient descent with momentum (Caffe SGDSolver,
// src/caffe/solvers/sgd_solver.cpp):
//   h = momentum * h + local_rate * g;  step = h   (w -= step)
// with local_rate = lr * lr_mult and g the clipped, normalised, regularised diff.
#pragma once

#include "solver/solver.h"

namespace crema {

class SGDSolver : public Solver {
 public:
  /// Throws ConfigError as Solver.
  explicit SGDSolver(const caffe::SolverParameter& param, const std::string& base_dir = "");
  const char* type() const override { return "SGD"; }

 protected:
  void ComputeUpdateValue(int param_id, float rate) override;
};

}  // namespace crema
