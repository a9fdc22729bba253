#include "solver/sgd_solver.h"

#include <cstring>

#include "engine_options.h"

namespace crema {

SGDSolver::SGDSolver(const caffe::SolverParameter& param, const std::string& base_dir) : Solver(param, base_dir) {}

void SGDSolver::ComputeUpdateValue(int param_id, float rate) {
  Blob* p = net_->learnable_params()[param_id];
  const float momentum = param_.momentum();
  const float local_rate = rate * net_->params_lr()[param_id];
  const int n = p->count();
  float* g = p->mutable_cpu_diff();
  float* h = history_[param_id]->mutable_cpu_data();
  for (int i = 0; i < n; ++i) {
    h[i] = momentum * h[i] + local_rate * g[i];
    g[i] = h[i];
  }
}

bool SGDSolver::FusedUpdate(float rate) {
  if (!GetEngineOptions().fused_update || std::strcmp(type(), "SGD") != 0) return false;
  const bool l1 = param_.regularization_type() == "L1";
  if (!l1 && param_.regularization_type() != "L2") return false;  // the separate passes report it
  const float momentum = param_.momentum();
  const int iter_size = param_.iter_size();
  const float norm = 1.f / iter_size;
  const auto& params = net_->learnable_params();
  for (size_t id = 0; id < params.size(); ++id) {
    Blob* p = params[id];
    const float local_rate = rate * net_->params_lr()[id];
    const float decay = param_.weight_decay() * net_->params_weight_decay()[id];
    const int n = p->count();
    float* w = p->mutable_cpu_data();
    float* g = p->mutable_cpu_diff();
    float* h = history_[id]->mutable_cpu_data();
#pragma omp parallel for simd if (n > 32768) schedule(static)
    for (int i = 0; i < n; ++i) {
      float d = g[i];
      if (iter_size != 1) d *= norm;
      if (decay != 0.f) d += decay * (l1 ? static_cast<float>((0.f < w[i]) - (w[i] < 0.f)) : w[i]);
      h[i] = momentum * h[i] + local_rate * d;
      g[i] = h[i];
      w[i] -= g[i];
    }
  }
  return true;
}

}  // namespace crema
