// Legacy net/solver upgrades (see io.h). Net upgrade chain landing next.
#include "common.h"
#include "io/io.h"
#include "log.h"

namespace crema {
bool NetNeedsUpgrade(const caffe::NetParameter&) { return false; }
bool UpgradeNetAsNeeded(const std::string&, caffe::NetParameter*) { return false; }

bool UpgradeSolverAsNeeded(const std::string& source_name, caffe::SolverParameter* param) {
  if (!param->has_solver_type()) return false;
  LOG_INFO("Attempting to upgrade input file specified using deprecated 'solver_type' field (enum)': ", source_name);
  Require(!param->has_type(), source_name,
          ": failed to upgrade solver: the old solver_type field (enum) and the new type field (string) "
          "cannot both be specified");
  switch (param->solver_type()) {
    case caffe::SolverParameter::SGD: param->set_type("SGD"); break;
    case caffe::SolverParameter::NESTEROV: param->set_type("Nesterov"); break;
    case caffe::SolverParameter::ADAGRAD: param->set_type("AdaGrad"); break;
    case caffe::SolverParameter::RMSPROP: param->set_type("RMSProp"); break;
    case caffe::SolverParameter::ADADELTA: param->set_type("AdaDelta"); break;
    case caffe::SolverParameter::ADAM: param->set_type("Adam"); break;
    default: throw ConfigError(Format(source_name, ": unknown solver_type ", static_cast<int>(param->solver_type())));
  }
  param->clear_solver_type();
  LOG_INFO("Successfully upgraded file specified using deprecated 'solver_type' field (enum) to 'type' field (string).");
  LOG_WARN("Note that future Caffe releases will only support 'type' field (string) for a solver's type.");
  return true;
}
}  // namespace crema
