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
  /// Plain SGD only (not the rules derived from it), when EngineOptions::fused_update:
  /// per element g *= 1/iter_size; g += decay * w (L2) or decay * sign(w) (L1);
  /// h = momentum * h + local_rate * g; g = h; w -= g -- the same float operations in the
  /// same order as the separate passes, in one OpenMP-threaded, vectorised loop per param.
  bool FusedUpdate(float rate) override;
};

}  // namespace crema
