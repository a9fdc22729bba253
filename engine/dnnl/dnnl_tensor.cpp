#include "dnnl/dnnl_tensor.h"

#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <sstream>
#include <string>

#include "dnnl/dnnl_context.h"

namespace crema {

DnnlPrivate::DnnlPrivate(const dnnl::memory::desc& plain, const dnnl::memory::desc& layout)
    : buffer_((layout.get_size() + sizeof(float) - 1) / sizeof(float)),
      // Blocked layouts pad channels; oneDNN expects the padding to hold zeros, and a
      // Buffer starts zeroed.
      mem_(layout, DnnlEngine(), buffer_.data()),
      plain_(plain, DnnlEngine(), DNNL_MEMORY_NONE),
      to_plain_(mem_, plain_) {}

void DnnlPrivate::ToPlain(float* plain) const {
  dnnl::stream& s = DnnlStream();
  plain_.set_data_handle(plain);
  to_plain_.execute(s, {{DNNL_ARG_FROM, mem_}, {DNNL_ARG_TO, plain_}});
  s.wait();
}

const DnnlPrivate* PrivateOf(const Blob& blob, bool diff) {
  return dynamic_cast<const DnnlPrivate*>(diff ? blob.private_diff() : blob.private_data());
}

void DnnlTensor::Init(const dnnl::memory::desc& plain, const dnnl::memory::desc& chosen) {
  dnnl::engine& eng = DnnlEngine();
  plain_md_ = plain;
  chosen_ = chosen;
  reordered_ = !(plain == chosen);
  // User memory is created without a handle; the blob pointer is attached at each use
  // because a blob may be reallocated by Reshape.
  user_ = dnnl::memory(plain, eng, DNNL_MEMORY_NONE);
  from_md_ = dnnl::memory::desc();
  from_mem_ = dnnl::memory();
  from_private_ = dnnl::reorder();
  if (reordered_) {
    private_ = std::make_shared<DnnlPrivate>(plain, chosen);
    internal_ = private_->memory();
    to_internal_ = dnnl::reorder(user_, internal_);
    to_user_ = dnnl::reorder(internal_, user_);
  } else {
    private_.reset();
    internal_ = dnnl::memory();
    to_internal_ = dnnl::reorder();
    to_user_ = dnnl::reorder();
  }
  initialized_ = true;
}

dnnl::memory DnnlTensor::In(const float* plain, dnnl::stream& s) {
  user_.set_data_handle(const_cast<float*>(plain));
  if (!reordered_) return user_;
  to_internal_.execute(s, {{DNNL_ARG_FROM, user_}, {DNNL_ARG_TO, internal_}});
  return internal_;
}

dnnl::memory DnnlTensor::In(const Blob& blob, bool diff, dnnl::stream& s) {
  if (const DnnlPrivate* p = PrivateOf(blob, diff)) {
    const dnnl::memory::desc md = p->desc();
    if (md == chosen_) return p->memory();  // the producer's layout is ours: no copy
    if (reordered_ && md.dims() == chosen_.dims()) {
      // Layout to layout, skipping plain (e.g. nChw16c -> nhwc).
      if (!(md == from_md_)) {
        from_md_ = md;
        from_mem_ = dnnl::memory(md, DnnlEngine(), DNNL_MEMORY_NONE);
        from_private_ = dnnl::reorder(from_mem_, internal_);
      }
      from_mem_.set_data_handle(p->memory().get_data_handle());
      from_private_.execute(s, {{DNNL_ARG_FROM, from_mem_}, {DNNL_ARG_TO, internal_}});
      return internal_;
    }
  }
  return In(diff ? blob.cpu_diff() : blob.cpu_data(), s);
}

dnnl::memory DnnlTensor::Out(float* plain) {
  user_.set_data_handle(plain);
  return reordered_ ? internal_ : user_;
}

void DnnlTensor::Commit(float* plain, dnnl::stream& s) {
  if (!reordered_) return;
  user_.set_data_handle(plain);
  to_user_.execute(s, {{DNNL_ARG_FROM, internal_}, {DNNL_ARG_TO, user_}});
}

bool DnnlTensor::UsePrivate(bool allow_private) const {
  return reordered_ && allow_private && GetEngineOptions().private_layouts;
}

dnnl::memory DnnlTensor::Out(Blob& blob, bool diff, bool allow_private) {
  if (UsePrivate(allow_private)) return internal_;
  return Out(diff ? blob.mutable_cpu_diff() : blob.mutable_cpu_data());
}

void DnnlTensor::Publish(Blob& blob, bool diff, dnnl::stream& s, bool allow_private) {
  if (UsePrivate(allow_private)) {
    if (diff)
      blob.set_private_diff(private_);
    else
      blob.set_private_data(private_);
    return;
  }
  Commit(diff ? blob.mutable_cpu_diff() : blob.mutable_cpu_data(), s);
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
#pragma omp parallel for simd if (n > 32768) schedule(static)
  for (long i = 0; i < n; ++i) dst[i] += src[i];
}

dnnl::memory::format_tag TagOf(const dnnl::memory::desc& md) {
  using tag = dnnl::memory::format_tag;
  const dnnl::memory::dims dims = md.dims();
  std::vector<tag> candidates;
  switch (dims.size()) {
    case 3: candidates = {tag::abc, tag::acb, tag::aBc8b, tag::aBc16b}; break;
    case 4: candidates = {tag::abcd, tag::acdb, tag::aBcd8b, tag::aBcd16b}; break;
    case 5: candidates = {tag::abcde, tag::acdeb, tag::aBcde8b, tag::aBcde16b}; break;
    default: return tag::undef;
  }
  for (tag t : candidates)
    if (md == dnnl::memory::desc(dims, md.data_type(), t)) return t;
  return tag::undef;
}

}  // namespace crema
