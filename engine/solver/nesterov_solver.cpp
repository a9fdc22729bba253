#include "solver/nesterov_solver.h"

namespace crema {

NesterovSolver::NesterovSolver(const caffe::SolverParameter& param, const std::string& base_dir)
    : SGDSolver(param, base_dir) {}

void NesterovSolver::ComputeUpdateValue(int param_id, float rate) {
  Blob* p = net_->learnable_params()[param_id];
  const float momentum = param_.momentum();
  const float local_rate = rate * net_->params_lr()[param_id];
  const int n = p->count();
  float* g = p->mutable_cpu_diff();
  float* h = history_[param_id]->mutable_cpu_data();
  for (int i = 0; i < n; ++i) {
    const float h_prev = h[i];
    h[i] = momentum * h[i] + local_rate * g[i];
    g[i] = (1.f + momentum) * h[i] - momentum * h_prev;
  }
}

}  // namespace crema
