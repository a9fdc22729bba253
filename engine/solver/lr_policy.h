// Learning-rate policies of Caffe's SGDSolver::GetLearningRate
// (src/caffe/solvers/sgd_solver.cpp). `iter` is the number of completed
// updates (0 for the first update).
//   fixed:     base_lr
//   step:      base_lr * gamma^floor(iter / stepsize)
//   exp:       base_lr * gamma^iter
//   inv:       base_lr * (1 + gamma * iter)^(-power)
//   multistep: base_lr * gamma^current_step; current_step rises by at most one
//              per call when iter >= stepvalue[current_step] (stateful; saved
//              in the solverstate)
//   poly:      base_lr * (1 - iter / max_iter)^power
//   sigmoid:   base_lr / (1 + exp(-gamma * (iter - stepsize)))
// lr_policy has no default: a missing or unknown policy is a ConfigError.
#pragma once

#include <string>
#include <vector>

#include "caffe.pb.h"

namespace crema {

/// The policy names Caffe knows, in the order above.
const std::vector<std::string>& LrPolicyNames();

/// Throws ConfigError unless `param.lr_policy` is set, known, and its fields are
/// valid (stepsize > 0 for step/sigmoid, gamma >= 0, max_iter > 0 for poly).
void ValidateLrPolicy(const caffe::SolverParameter& param);

/// The learning rate of update number `iter`. `current_step` carries the step
/// state: "step" sets it to iter/stepsize, "multistep" advances it by at most
/// one per call (logging "MultiStep Status: Iteration N, step = k" when `log`).
/// Float arithmetic follows Caffe's. Throws ConfigError as ValidateLrPolicy.
float ComputeLearningRate(const caffe::SolverParameter& param, int iter, int* current_step, bool log = true);

/// Learning rates of updates 0..num_iters-1 for a fresh run (current_step 0),
/// e.g. for a schedule preview. Throws ConfigError as ValidateLrPolicy.
std::vector<float> LearningRateSchedule(const caffe::SolverParameter& param, int num_iters);

}  // namespace crema
