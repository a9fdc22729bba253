#include "solver/adam_solver.h"

#include <cmath>

namespace crema {

AdamSolver::AdamSolver(const caffe::SolverParameter& param, const std::string& base_dir)
    : SGDSolver(param, base_dir) {}

void AdamSolver::ComputeUpdateValue(int param_id, float rate) {
  Blob* p = net_->learnable_params()[param_id];
  const int num_params = static_cast<int>(net_->learnable_params().size());
  const float beta1 = param_.momentum();
  const float beta2 = param_.momentum2();
  const float eps = param_.delta();
  const float local_rate = rate * net_->params_lr()[param_id];
  const int t = iter_ + 1;
  const float correction = static_cast<float>(std::sqrt(1.0 - std::pow(beta2, t)) / (1.0 - std::pow(beta1, t)));
  const float step_rate = local_rate * correction;
  const int n = p->count();
  float* g = p->mutable_cpu_diff();
  float* m = history_[param_id]->mutable_cpu_data();
  float* v = history_[num_params + param_id]->mutable_cpu_data();
  for (int i = 0; i < n; ++i) {
    m[i] = beta1 * m[i] + (1.f - beta1) * g[i];
    v[i] = beta2 * v[i] + (1.f - beta2) * (g[i] * g[i]);
    g[i] = step_rate * (m[i] / (std::sqrt(v[i]) + eps));
  }
}

}  // namespace crema
