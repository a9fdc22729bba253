#include "dnnl/dnnl_tensor.h"

#include <cstdint>

#include "dnnl/dnnl_context.h"

namespace crema {

void DnnlTensor::Init(const dnnl::memory::desc& plain, const dnnl::memory::desc& chosen) {
  dnnl::engine& eng = DnnlEngine();
  reordered_ = !(plain == chosen);
  // User memory is created without a handle; the blob pointer is attached at each use
  // because a blob may be reallocated by Reshape.
  user_ = dnnl::memory(plain, eng, DNNL_MEMORY_NONE);
  if (reordered_) {
    internal_ = dnnl::memory(chosen, eng);  // owns its buffer
    to_internal_ = dnnl::reorder(user_, internal_);
    to_user_ = dnnl::reorder(internal_, user_);
  } else {
    internal_ = dnnl::memory();
    to_internal_ = dnnl::reorder();
    to_user_ = dnnl::reorder();
  }
  initialized_ = true;
}

dnnl::memory& DnnlTensor::In(const float* plain, dnnl::stream& s) {
  user_.set_data_handle(const_cast<float*>(plain));
  if (!reordered_) return user_;
  to_internal_.execute(s, {{DNNL_ARG_FROM, user_}, {DNNL_ARG_TO, internal_}});
  return internal_;
}

dnnl::memory& DnnlTensor::Out(float* plain) {
  user_.set_data_handle(plain);
  return reordered_ ? internal_ : user_;
}

void DnnlTensor::Commit(float* plain, dnnl::stream& s) {
  if (!reordered_) return;
  user_.set_data_handle(plain);
  to_user_.execute(s, {{DNNL_ARG_FROM, internal_}, {DNNL_ARG_TO, user_}});
}

float* ScratchBuffer::Get(size_t count) {
  if (count > capacity_ || !aligned_) {
    storage_.assign(count + 16, 0.f);
    auto addr = reinterpret_cast<std::uintptr_t>(storage_.data());
    aligned_ = reinterpret_cast<float*>((addr + 63) & ~static_cast<std::uintptr_t>(63));
    capacity_ = count;
  }
  return aligned_;
}

void AddTo(float* dst, const float* src, long n) {
#pragma omp parallel for if (n > 32768) schedule(static)
  for (long i = 0; i < n; ++i) dst[i] += src[i];
}

}  // namespace crema
