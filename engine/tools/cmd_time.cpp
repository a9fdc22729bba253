// crema-cli time: Caffe's `caffe time` (tools/caffe.cpp): layer-by-layer
// forward and backward timing over --iterations passes (default 50).
//   time --model M [--iterations 50] [--phase TRAIN|TEST] [--threads N] [--stage s] [--level L]
// Besides Caffe's wall-clock lines it prints the process CPU time (all threads) per
// layer and per pass: on a shared machine CPU time is far less sensitive to other
// processes than wall time, which makes it the better figure for comparing variants.
#include <time.h>

#include <chrono>
#include <iomanip>
#include <sstream>

#include "common.h"
#include "dnnl/dnnl_context.h"
#include "io/io.h"
#include "log.h"
#include "net.h"
#include "tools/commands.h"
#include "tools/flags.h"

namespace crema::tools {
namespace {

using Clock = std::chrono::steady_clock;

double MillisSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

/// CPU time of the whole process (all threads), in milliseconds.
double ProcessCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec * 1e-6;
}

std::string Padded(const std::string& name) {
  std::ostringstream os;
  os << std::setfill(' ') << std::setw(10) << name;
  return os.str();
}

}  // namespace

int Time(const Args& args) {
  const Flags flags(args, {"model", "iterations", "phase", "threads", "stage", "level", "gpu"});
  if (!flags.positional().empty()) throw UsageError("unexpected argument '" + flags.positional()[0] + "'");
  if (!flags.Has("model")) throw UsageError("Need a model definition to time (--model)");
  const int iterations = flags.GetInt("iterations", 50);
  if (iterations <= 0) throw UsageError("--iterations must be > 0");
  const std::string phase_flag = flags.Get("phase", "TRAIN");
  if (phase_flag != "TRAIN" && phase_flag != "TEST") throw UsageError("--phase must be TRAIN or TEST");
  SetNumThreads(flags.GetInt("threads", 0));
  LOG_INFO("Using ", NumThreads(), " threads; ", DnnlDescription());

  const std::string model = flags.Get("model");
  caffe::NetParameter param = ReadNetParamFromTextFile(model);
  caffe::NetState* state = param.mutable_state();
  state->set_phase(phase_flag == "TRAIN" ? caffe::TRAIN : caffe::TEST);
  if (flags.Has("level")) state->set_level(flags.GetInt("level", 0));
  std::stringstream stages(flags.Get("stage"));
  for (std::string s; std::getline(stages, s, ',');) {
    if (!s.empty()) state->add_stage(s);
  }
  Net net(param, nullptr, DirName(model));

  LOG_INFO("Performing Forward");
  const float initial_loss = net.Forward();
  LOG_INFO("Initial loss: ", initial_loss);
  LOG_INFO("Performing Backward");
  net.Backward();

  const auto& layers = net.layers();
  const int n = static_cast<int>(layers.size());
  std::vector<double> forward_ms(n, 0.0), backward_ms(n, 0.0);
  std::vector<double> forward_cpu(n, 0.0), backward_cpu(n, 0.0);
  double forward_total = 0, backward_total = 0;
  LOG_INFO("*** Benchmark begins ***");
  LOG_INFO("Testing for ", iterations, " iterations.");
  const Clock::time_point total = Clock::now();
  const double total_cpu = ProcessCpuMs();
  for (int j = 0; j < iterations; ++j) {
    const Clock::time_point iter_start = Clock::now();
    Clock::time_point pass = Clock::now();
    for (int i = 0; i < n; ++i) {
      const Clock::time_point t = Clock::now();
      const double c = ProcessCpuMs();
      layers[i]->Forward(net.bottom_vecs()[i], net.top_vecs()[i]);
      forward_ms[i] += MillisSince(t);
      forward_cpu[i] += ProcessCpuMs() - c;
    }
    forward_total += MillisSince(pass);
    pass = Clock::now();
    for (int i = n - 1; i >= 0; --i) {
      if (!net.layer_need_backward()[i]) continue;
      const Clock::time_point t = Clock::now();
      const double c = ProcessCpuMs();
      layers[i]->Backward(net.top_vecs()[i], net.bottom_need_backward()[i], net.bottom_vecs()[i]);
      backward_ms[i] += MillisSince(t);
      backward_cpu[i] += ProcessCpuMs() - c;
    }
    backward_total += MillisSince(pass);
    LOG_INFO("Iteration: ", j + 1, " forward-backward time: ", MillisSince(iter_start), " ms.");
  }
  const double total_ms = MillisSince(total);
  const double cpu_ms = ProcessCpuMs() - total_cpu;
  LOG_INFO("Average time per layer: ");
  for (int i = 0; i < n; ++i) {
    const std::string name = Padded(net.layer_names()[i]);
    LOG_INFO(name, "\tforward: ", forward_ms[i] / iterations, " ms.");
    LOG_INFO(name, "\tbackward: ", backward_ms[i] / iterations, " ms.");
  }
  LOG_INFO("Average Forward pass: ", forward_total / iterations, " ms.");
  LOG_INFO("Average Backward pass: ", backward_total / iterations, " ms.");
  LOG_INFO("Average Forward-Backward: ", total_ms / iterations, " ms.");
  LOG_INFO("Total Time: ", total_ms, " ms.");
  LOG_INFO("Average CPU time per layer (all threads): ");
  for (int i = 0; i < n; ++i) {
    const std::string name = Padded(net.layer_names()[i]);
    LOG_INFO(name, "\tforward CPU: ", forward_cpu[i] / iterations, " ms.");
    LOG_INFO(name, "\tbackward CPU: ", backward_cpu[i] / iterations, " ms.");
  }
  LOG_INFO("Average Forward-Backward CPU time (all threads): ", cpu_ms / iterations, " ms.");
  LOG_INFO("*** Benchmark ends ***");
  return 0;
}

}  // namespace crema::tools
