// CreateSolver: Caffe's SolverRegistry (include/caffe/solver_factory.hpp) with
// the legacy solver_type enum upgraded as in upgrade_proto.cpp.
#include <memory>

#include "common.h"
#include "solver/adadelta_solver.h"
#include "solver/adagrad_solver.h"
#include "solver/adam_solver.h"
#include "solver/nesterov_solver.h"
#include "solver/rmsprop_solver.h"
#include "solver/sgd_solver.h"
#include "solver/solver.h"

namespace crema {

std::unique_ptr<Solver> CreateSolver(const caffe::SolverParameter& in_param, const std::string& base_dir) {
  caffe::SolverParameter param = in_param;
  if (param.has_solver_type()) {
    Require(!param.has_type(),
            "Failed to upgrade solver: old solver_type field (enum) and new type field (string) cannot be both "
            "specified.");
    static const char* kNames[] = {"SGD", "Nesterov", "AdaGrad", "RMSProp", "AdaDelta", "Adam"};
    const int t = static_cast<int>(param.solver_type());
    Require(t >= 0 && t < 6, "Unknown solver_type enum value ", t);
    param.set_type(kNames[t]);
    param.clear_solver_type();
  }
  const std::string& type = param.type();
  if (type == "SGD") return std::make_unique<SGDSolver>(param, base_dir);
  if (type == "Nesterov") return std::make_unique<NesterovSolver>(param, base_dir);
  if (type == "AdaGrad") return std::make_unique<AdaGradSolver>(param, base_dir);
  if (type == "RMSProp") return std::make_unique<RMSPropSolver>(param, base_dir);
  if (type == "AdaDelta") return std::make_unique<AdaDeltaSolver>(param, base_dir);
  if (type == "Adam") return std::make_unique<AdamSolver>(param, base_dir);
  throw ConfigError(Format("Unknown solver type: ", type,
                           " (known types, case-sensitive: AdaDelta, AdaGrad, Adam, Nesterov, RMSProp, SGD)"));
}

}  // namespace crema
