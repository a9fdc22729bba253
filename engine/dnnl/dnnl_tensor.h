// Binding between a blob and the memory layout a oneDNN primitive chose
// (format_tag::any, or channels-last), plus the engine's optimisation switches.
// Used by the layers that run on oneDNN.
//
// Blobs are plain (NCHW...) for every reader. When a primitive prefers another
// layout (e.g. nChw16c), a DnnlTensor owns one internal buffer in that layout,
// allocated in Init (never per iteration), plus the reorder primitives. A
// primitive's output in that layout is published as the blob's private copy
// (DnnlPrivate, see PrivateLayout in blob.h) instead of being converted back:
// the next oneDNN layer reads it without a copy when it wants the same layout,
// and anything else that reads the blob gets plain values converted on demand.
#pragma once

#include <memory>
#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

#include "blob.h"
#include "engine_options.h"

namespace crema {

/// A oneDNN memory in a non-plain layout holding a blob's newest values (its private
/// copy). Owns its buffer; converts to plain row-major with a reorder on the calling
/// thread's stream.
class DnnlPrivate : public PrivateLayout {
 public:
  /// Allocates a zeroed buffer in `layout` for values whose plain form is `plain` (a
  /// crema::Buffer: large ones cost RAM only once written).
  DnnlPrivate(const dnnl::memory::desc& plain, const dnnl::memory::desc& layout);
  const dnnl::memory& memory() const { return mem_; }
  dnnl::memory::desc desc() const { return mem_.get_desc(); }
  void ToPlain(float* plain) const override;

 private:
  Buffer buffer_;  ///< the storage of mem_ (declared first: constructed before it)
  dnnl::memory mem_;
  dnnl::memory plain_;
  dnnl::reorder to_plain_;
};

/// The DnnlPrivate holding a blob's data (or diff), or null when the blob has none.
const DnnlPrivate* PrivateOf(const Blob& blob, bool diff);

class DnnlTensor {
 public:
  /// (Re)binds the tensor: `plain` describes the blob memory, `chosen` what the
  /// primitive wants. Allocates the internal buffer only when the two differ.
  void Init(const dnnl::memory::desc& plain, const dnnl::memory::desc& chosen);
  bool initialized() const { return initialized_; }
  /// True when the primitive's layout differs from the plain one.
  bool reordered() const { return reordered_; }
  const dnnl::memory::desc& chosen() const { return chosen_; }

  /// Memory for a primitive argument that is READ from a plain buffer: copies the plain
  /// data in when reordered (the copy runs on `s` before the primitive).
  dnnl::memory In(const float* plain, dnnl::stream& s);
  /// Memory for a primitive argument READ from a blob's data (diff when `diff`): the
  /// blob's private copy itself when it is in the chosen layout (no copy), else a
  /// reorder from the private copy or from the plain values.
  dnnl::memory In(const Blob& blob, bool diff, dnnl::stream& s);
  /// Memory for a primitive argument that is WRITTEN to a plain buffer; call Commit afterwards.
  dnnl::memory Out(float* plain);
  /// Copies the primitive's result back into the plain buffer when reordered.
  void Commit(float* plain, dnnl::stream& s);
  /// Memory for a primitive argument WRITTEN into a blob's data (diff when `diff`); call
  /// Publish afterwards. `allow_private` false forces plain output (e.g. several tops).
  dnnl::memory Out(Blob& blob, bool diff, bool allow_private = true);
  /// After the primitive ran: hands the internal buffer to the blob as its private copy
  /// (when allowed and enabled), or converts it into the blob's plain values.
  void Publish(Blob& blob, bool diff, dnnl::stream& s, bool allow_private = true);

 private:
  bool UsePrivate(bool allow_private) const;

  dnnl::memory::desc plain_md_;
  dnnl::memory::desc chosen_;
  dnnl::memory user_;
  dnnl::memory internal_;
  std::shared_ptr<DnnlPrivate> private_;  // owns internal_'s buffer when reordered
  dnnl::reorder to_internal_;
  dnnl::reorder to_user_;
  // Reorder from another blob's private layout into ours (rebuilt when that layout changes).
  dnnl::memory::desc from_md_;
  dnnl::memory from_mem_;
  dnnl::reorder from_private_;
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

/// The format tag among plain (abcd...), channels-last (acdb / acdeb) and the 8/16
/// channel-blocked layouts that describes `md`, or format_tag::undef.
dnnl::memory::format_tag TagOf(const dnnl::memory::desc& md);

}  // namespace crema
