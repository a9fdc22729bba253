// The engine's single oneDNN CPU engine and stream, and thread-count control.
// All oneDNN-2.6-specific code lives in engine/dnnl/ and the layers that use it.
#pragma once

#include <string>
#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

namespace crema {

/// Process-wide CPU engine (created on first use).
dnnl::engine& DnnlEngine();
/// Stream for the calling thread's primitives (in-order; we wait after each layer).
dnnl::stream& DnnlStream();

/// Sets the number of threads oneDNN primitives and our OpenMP loops use.
/// n <= 0 restores the default: $CREMA_THREADS, else OpenMP's default.
void SetNumThreads(int n);
int NumThreads();

/// "oneDNN v2.6.3 (ISA: Intel AVX2)"-style description for `crema-cli info`.
std::string DnnlDescription();

/// True for oneDNN's reference implementations (impl_info_str() "ref:any" and the like):
/// correct but typically 100-1000x slower than the jit/brgemm/gemm kernels, so layers
/// prefer other layouts when only a reference kernel supports the requested ones.
inline bool IsReferenceImpl(const char* impl_info) { return std::string(impl_info).rfind("ref", 0) == 0; }

/// Plain row-major memory descriptor for a blob shape (format abcd..., f32).
dnnl::memory::desc PlainDesc(const std::vector<int>& shape);
/// dims from an int shape.
dnnl::memory::dims ToDims(const std::vector<int>& shape);

}  // namespace crema
