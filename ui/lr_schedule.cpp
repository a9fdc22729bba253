#include "lr_schedule.h"

#include <QCoreApplication>

#include <cmath>
#include <limits>

namespace crema::ui {

double learningRate(const caffe::SolverParameter& s, int iter, QString* error) {
  const std::string& policy = s.lr_policy();
  const double base = s.base_lr();
  const double gamma = s.gamma();
  const double power = s.power();
  auto fail = [&](const QString& message) {
    if (error) *error = message;
    return std::numeric_limits<double>::quiet_NaN();
  };
  if (policy == "fixed") return base;
  if (policy == "step") {
    if (s.stepsize() <= 0) return fail(QCoreApplication::translate("LrSchedule", "lr_policy step needs stepsize > 0"));
    return base * std::pow(gamma, std::floor(static_cast<double>(iter) / s.stepsize()));
  }
  if (policy == "exp") return base * std::pow(gamma, iter);
  if (policy == "inv") return base * std::pow(1.0 + gamma * iter, -power);
  if (policy == "multistep") {
    int step = 0;
    while (step < s.stepvalue_size() && iter >= s.stepvalue(step)) ++step;
    return base * std::pow(gamma, step);
  }
  if (policy == "poly") {
    if (s.max_iter() <= 0) return fail(QCoreApplication::translate("LrSchedule", "lr_policy poly needs max_iter"));
    return base * std::pow(1.0 - static_cast<double>(iter) / s.max_iter(), power);
  }
  if (policy == "sigmoid") return base * (1.0 / (1.0 + std::exp(-gamma * (iter - s.stepsize()))));
  if (policy.empty()) return fail(QCoreApplication::translate("LrSchedule", "lr_policy is not set"));
  return fail(QCoreApplication::translate("LrSchedule", "unknown lr_policy '%1'").arg(QString::fromStdString(policy)));
}

}  // namespace crema::ui
