#include "solver/adagrad_solver.h"

#include <cmath>

namespace crema {
namespace {
const caffe::SolverParameter& Checked(const caffe::SolverParameter& param) {
  Require(param.momentum() == 0.f, "Momentum cannot be used with AdaGrad (momentum: ", param.momentum(),
          "; set it to 0).");
  return param;
}
}  // namespace

AdaGradSolver::AdaGradSolver(const caffe::SolverParameter& param, const std::string& base_dir)
    : SGDSolver(Checked(param), base_dir) {}

void AdaGradSolver::ComputeUpdateValue(int param_id, float rate) {
  Blob* p = net_->learnable_params()[param_id];
  const float delta = param_.delta();
  const float local_rate = rate * net_->params_lr()[param_id];
  const int n = p->count();
  float* g = p->mutable_cpu_diff();
  float* h = history_[param_id]->mutable_cpu_data();
  for (int i = 0; i < n; ++i) {
    h[i] += g[i] * g[i];
    g[i] = local_rate * (g[i] / (std::sqrt(h[i]) + delta));
  }
}

}  // namespace crema
