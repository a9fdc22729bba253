// Binding between a plain row-major blob buffer and the memory layout a oneDNN
// primitive chose (format_tag::any). Used by the layers that run on oneDNN.
//
// Blobs always stay plain (NCHW...) so the UI, tests and plain C++ layers read
// them directly. When a primitive prefers another layout (e.g. nChw8c), a
// DnnlTensor owns one internal buffer in that layout, allocated in Init (never
// per iteration), plus the two reorder primitives; otherwise the primitive works
// on the blob memory in place and no copy happens.
#pragma once

#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

namespace crema {

class DnnlTensor {
 public:
  /// (Re)binds the tensor: `plain` describes the blob memory, `chosen` what the
  /// primitive wants. Allocates the internal buffer only when the two differ.
  void Init(const dnnl::memory::desc& plain, const dnnl::memory::desc& chosen);
  bool initialized() const { return initialized_; }
  /// True when the primitive's layout differs from the plain one (a copy is made).
  bool reordered() const { return reordered_; }

  /// Memory for a primitive argument that is READ: copies the plain data in when
  /// reordered (the copy runs on `s` before the primitive).
  dnnl::memory& In(const float* plain, dnnl::stream& s);
  /// Memory for a primitive argument that is WRITTEN; call Commit afterwards.
  dnnl::memory& Out(float* plain);
  /// Copies the primitive's result back into the plain buffer when reordered.
  void Commit(float* plain, dnnl::stream& s);

 private:
  dnnl::memory user_;
  dnnl::memory internal_;
  dnnl::reorder to_internal_;
  dnnl::reorder to_user_;
  bool reordered_ = false;
  bool initialized_ = false;
};

/// A 64-byte aligned float scratch buffer that only grows (for param-diff
/// accumulation: oneDNN backward_weights overwrites, Caffe accumulates).
class ScratchBuffer {
 public:
  float* Get(size_t count);

 private:
  std::vector<float> storage_;
  float* aligned_ = nullptr;
  size_t capacity_ = 0;
};

/// dst[i] += src[i] for i < n (OpenMP-parallel for large n).
void AddTo(float* dst, const float* src, long n);

/// Same memory descriptor (dims, data type and layout)?
inline bool SameDesc(const dnnl::memory::desc& a, const dnnl::memory::desc& b) { return a == b; }

}  // namespace crema
