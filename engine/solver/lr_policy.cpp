#include "solver/lr_policy.h"

#include <cmath>

#include "common.h"
#include "log.h"

namespace crema {

const std::vector<std::string>& LrPolicyNames() {
  static const std::vector<std::string> names = {"fixed", "step", "exp", "inv", "multistep", "poly", "sigmoid"};
  return names;
}

void ValidateLrPolicy(const caffe::SolverParameter& param) {
  const std::string& policy = param.lr_policy();
  if (!param.has_lr_policy() || policy.empty()) {
    throw ConfigError("Unknown learning rate policy: lr_policy is not set (Caffe has no default; use one of "
                      "fixed, step, exp, inv, multistep, poly, sigmoid)");
  }
  bool known = false;
  for (const auto& n : LrPolicyNames()) known = known || n == policy;
  if (!known) {
    throw ConfigError(Format("Unknown learning rate policy: '", policy,
                             "' (known: fixed, step, exp, inv, multistep, poly, sigmoid)"));
  }
  if (policy == "step" || policy == "sigmoid") {
    Require(param.stepsize() > 0, "lr_policy '", policy, "' needs stepsize > 0 (got ", param.stepsize(), ")");
  }
  if (policy != "fixed" && policy != "poly") {
    Require(param.gamma() >= 0, "lr_policy '", policy, "' needs gamma >= 0 (got ", param.gamma(), ")");
  }
  if (policy == "poly") {
    Require(param.max_iter() > 0, "lr_policy 'poly' needs max_iter > 0 (got ", param.max_iter(), ")");
  }
}

float ComputeLearningRate(const caffe::SolverParameter& param, int iter, int* current_step, bool log) {
  ValidateLrPolicy(param);
  const std::string& policy = param.lr_policy();
  const float base_lr = param.base_lr();
  const float gamma = param.gamma();
  float rate = base_lr;
  if (policy == "fixed") {
    rate = base_lr;
  } else if (policy == "step") {
    *current_step = iter / param.stepsize();
    rate = static_cast<float>(base_lr * std::pow(gamma, *current_step));
  } else if (policy == "exp") {
    rate = static_cast<float>(base_lr * std::pow(gamma, iter));
  } else if (policy == "inv") {
    rate = base_lr * std::pow(1.f + gamma * static_cast<float>(iter), -param.power());
  } else if (policy == "multistep") {
    if (*current_step < param.stepvalue_size() && iter >= param.stepvalue(*current_step)) {
      ++*current_step;
      if (log) LOG_INFO("MultiStep Status: Iteration ", iter, ", step = ", *current_step);
    }
    rate = static_cast<float>(base_lr * std::pow(gamma, *current_step));
  } else if (policy == "poly") {
    rate = base_lr * std::pow(1.f - static_cast<float>(iter) / static_cast<float>(param.max_iter()), param.power());
  } else if (policy == "sigmoid") {
    rate = base_lr *
           (1.f / (1.f + std::exp(-gamma * (static_cast<float>(iter) - static_cast<float>(param.stepsize())))));
  }
  return rate;
}

std::vector<float> LearningRateSchedule(const caffe::SolverParameter& param, int num_iters) {
  std::vector<float> rates;
  rates.reserve(num_iters > 0 ? num_iters : 0);
  int step = 0;
  for (int i = 0; i < num_iters; ++i) rates.push_back(ComputeLearningRate(param, i, &step, false));
  return rates;
}

}  // namespace crema
