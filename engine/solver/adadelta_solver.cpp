#include "solver/adadelta_solver.h"

#include <cmath>

namespace crema {

AdaDeltaSolver::AdaDeltaSolver(const caffe::SolverParameter& param, const std::string& base_dir)
    : SGDSolver(param, base_dir) {}

void AdaDeltaSolver::ComputeUpdateValue(int param_id, float rate) {
  Blob* p = net_->learnable_params()[param_id];
  const int num_params = static_cast<int>(net_->learnable_params().size());
  const float delta = param_.delta();
  const float rho = param_.momentum();
  const float local_rate = rate * net_->params_lr()[param_id];
  const int n = p->count();
  float* g = p->mutable_cpu_diff();
  float* eg = history_[param_id]->mutable_cpu_data();
  float* edx = history_[num_params + param_id]->mutable_cpu_data();
  for (int i = 0; i < n; ++i) {
    eg[i] = rho * eg[i] + (1.f - rho) * (g[i] * g[i]);
    const float u = g[i] * std::sqrt((edx[i] + delta) / (eg[i] + delta));
    edx[i] = rho * edx[i] + (1.f - rho) * (u * u);
    g[i] = local_rate * u;
  }
}

}  // namespace crema
