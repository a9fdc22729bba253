// crema-cli info: what `caffe device_query` tells a Caffe user, for the CPU
// engine: oneDNN version and ISA, and the thread count training will use.
//   info [--threads N]
#include <omp.h>

#include <cstdlib>
#include <iostream>
#include <thread>

#include "dnnl/dnnl_context.h"
#include "tools/commands.h"
#include "tools/flags.h"

namespace crema::tools {

int Info(const Args& args) {
  const Flags flags(args, {"threads"});
  if (!flags.positional().empty()) throw UsageError("unexpected argument '" + flags.positional()[0] + "'");
  SetNumThreads(flags.GetInt("threads", 0));
  const char* env = std::getenv("CREMA_THREADS");
  std::cout << "Engine: " << DnnlDescription() << "\n"
            << "Threads: " << NumThreads() << "\n"
            << "Processors: " << omp_get_num_procs() << " (hardware threads: " << std::thread::hardware_concurrency()
            << ")\n"
            << "CREMA_THREADS: " << (env ? env : "(unset)") << "\n";
  return 0;
}

}  // namespace crema::tools
