#include "dnnl/dnnl_context.h"

#include <omp.h>

#include <cstdlib>
#include <sstream>

namespace crema {

dnnl::engine& DnnlEngine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

dnnl::stream& DnnlStream() {
  thread_local dnnl::stream stream(DnnlEngine());
  return stream;
}

void SetNumThreads(int n) {
  if (n <= 0) {
    const char* env = std::getenv("CREMA_THREADS");
    n = env ? std::atoi(env) : 0;
    if (n <= 0) n = omp_get_num_procs();
  }
  omp_set_num_threads(n);
}

int NumThreads() { return omp_get_max_threads(); }

std::string DnnlDescription() {
  const dnnl_version_t* v = dnnl_version();
  std::ostringstream os;
  os << "oneDNN v" << v->major << "." << v->minor << "." << v->patch << " (cpu runtime "
     << (v->cpu_runtime == DNNL_RUNTIME_OMP ? "OpenMP" : "other") << ", ISA ";
  switch (dnnl::get_effective_cpu_isa()) {
    case dnnl::cpu_isa::sse41: os << "SSE4.1"; break;
    case dnnl::cpu_isa::avx: os << "AVX"; break;
    case dnnl::cpu_isa::avx2: os << "AVX2"; break;
    case dnnl::cpu_isa::avx512_core: os << "AVX-512"; break;
    case dnnl::cpu_isa::avx512_core_vnni: os << "AVX-512 VNNI"; break;
    case dnnl::cpu_isa::avx512_core_bf16: os << "AVX-512 BF16"; break;
    case dnnl::cpu_isa::avx512_core_amx: os << "AVX-512 AMX"; break;
    case dnnl::cpu_isa::avx2_vnni: os << "AVX2 VNNI"; break;
    default: os << "generic"; break;
  }
  os << ")";
  return os.str();
}

dnnl::memory::dims ToDims(const std::vector<int>& shape) {
  return dnnl::memory::dims(shape.begin(), shape.end());
}

dnnl::memory::desc PlainDesc(const std::vector<int>& shape) {
  using tag = dnnl::memory::format_tag;
  static const tag tags[] = {tag::a, tag::a, tag::ab, tag::abc, tag::abcd, tag::abcde, tag::abcdef};
  const size_t n = shape.size();
  return dnnl::memory::desc(ToDims(shape.empty() ? std::vector<int>{1} : shape), dnnl::memory::data_type::f32,
                            n < 7 ? tags[n] : tag::undef);
}

}  // namespace crema
