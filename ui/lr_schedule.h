// Caffe's learning-rate policies (src/caffe/solvers/sgd_solver.cpp,
// GetLearningRate), for the solver panel's schedule preview. The solver
// computes the rate it trains with itself; this copy only draws the curve.
#pragma once

#include <QString>

#include "caffe.pb.h"

namespace crema::ui {

/// Rate at `iter` for the solver's lr_policy: fixed, step, exp, inv,
/// multistep, poly, sigmoid. Returns NaN (and sets `error`) for an unknown
/// or missing policy, or step without stepsize.
double learningRate(const caffe::SolverParameter& solver, int iter, QString* error = nullptr);

}  // namespace crema::ui
