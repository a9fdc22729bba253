// Nesterov's accelerated gradient (Caffe NesterovSolver,
// src/caffe/solvers/nesterov_solver.cpp; Sutskever et al. 2013 formulation):
//   h' = momentum * h + local_rate * g;  step = (1 + momentum) * h' - momentum * h
#pragma once

#include "solver/sgd_solver.h"

namespace crema {

class NesterovSolver : public SGDSolver {
 public:
  explicit NesterovSolver(const caffe::SolverParameter& param, const std::string& base_dir = "");
  const char* type() const override { return "Nesterov"; }

 protected:
  void ComputeUpdateValue(int param_id, float rate) override;
};

}  // namespace crema
