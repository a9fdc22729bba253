// crema-cli train: Caffe's `caffe train` (tools/caffe.cpp).
//   train --solver S [--weights a.caffemodel[,b.caffemodel]] [--snapshot X.solverstate]
//         [--threads N] [--sigint_effect stop|snapshot|none] [--sighup_effect snapshot|stop|none]
//         [--stage s1,s2] [--level L]
// SIGINT and SIGHUP set requests in the solver's TrainingControl, which the
// training loop polls once per iteration (and between test batches).
#include <csignal>

#include <atomic>
#include <sstream>

#include "common.h"
#include "dnnl/dnnl_context.h"
#include "io/io.h"
#include "log.h"
#include "solver/solver.h"
#include "tools/commands.h"
#include "tools/flags.h"

namespace crema::tools {
namespace {

enum class Effect { None, Stop, Snapshot };

Effect ParseEffect(const std::string& flag, const std::string& value) {
  if (value == "stop") return Effect::Stop;
  if (value == "snapshot") return Effect::Snapshot;
  if (value == "none") return Effect::None;
  throw UsageError("--" + flag + " must be stop, snapshot or none (got '" + value + "')");
}

std::atomic<TrainingControl*> g_control{nullptr};
std::atomic<int> g_sigint_effect{static_cast<int>(Effect::Stop)};
std::atomic<int> g_sighup_effect{static_cast<int>(Effect::Snapshot)};

extern "C" void HandleTrainingSignal(int sig) {
  TrainingControl* control = g_control.load();
  if (!control) return;
  const auto effect = static_cast<Effect>(sig == SIGINT ? g_sigint_effect.load() : g_sighup_effect.load());
  if (effect == Effect::Stop) control->RequestStop();
  if (effect == Effect::Snapshot) control->RequestSnapshot();
}

/// Installs the handlers for the lifetime of the object and restores the old ones after.
class SignalScope {
 public:
  SignalScope(TrainingControl* control, Effect on_int, Effect on_hup) {
    g_sigint_effect = static_cast<int>(on_int);
    g_sighup_effect = static_cast<int>(on_hup);
    g_control = control;
    struct sigaction sa {};
    sa.sa_handler = HandleTrainingSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGHUP, &sa, &old_hup_);
  }
  ~SignalScope() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGHUP, &old_hup_, nullptr);
    g_control = nullptr;
  }
  SignalScope(const SignalScope&) = delete;
  SignalScope& operator=(const SignalScope&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_hup_ {};
};

}  // namespace

int Train(const Args& args) {
  const Flags flags(args, {"solver", "weights", "snapshot", "threads", "sigint_effect", "sighup_effect", "stage",
                           "level", "gpu"});
  if (!flags.positional().empty()) throw UsageError("unexpected argument '" + flags.positional()[0] + "'");
  if (!flags.Has("solver")) throw UsageError("Need a solver definition to train (--solver)");
  if (flags.Has("snapshot") && flags.Has("weights")) {
    throw UsageError("Give a snapshot to resume training or weights to finetune but not both.");
  }
  const Effect on_int = ParseEffect("sigint_effect", flags.Get("sigint_effect", "stop"));
  const Effect on_hup = ParseEffect("sighup_effect", flags.Get("sighup_effect", "snapshot"));
  if (flags.Has("gpu")) LOG_WARN("--gpu ignored: Crema trains on the CPU (oneDNN)");

  SetNumThreads(flags.GetInt("threads", 0));
  LOG_INFO("Using ", NumThreads(), " threads; ", DnnlDescription());

  const std::string solver_path = flags.Get("solver");
  caffe::SolverParameter param = ReadSolverParamFromTextFile(solver_path);
  ResolveSnapshotPrefix(solver_path, &param);
  if (flags.Has("level")) param.mutable_train_state()->set_level(flags.GetInt("level", 0));
  if (flags.Has("stage")) {
    std::stringstream ss(flags.Get("stage"));
    std::string stage;
    while (std::getline(ss, stage, ',')) {
      if (!stage.empty()) param.mutable_train_state()->add_stage(stage);
    }
  }
  std::unique_ptr<Solver> solver = CreateSolver(param, DirName(solver_path));
  if (flags.Has("weights")) solver->LoadWeights(flags.Get("weights"));

  SignalScope signals(&solver->control(), on_int, on_hup);
  LOG_INFO("Starting Optimization");
  solver->Solve(flags.Get("snapshot"));
  return 0;
}

}  // namespace crema::tools
