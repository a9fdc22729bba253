#include "blob.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>

#include <sys/mman.h>

#include "common.h"

namespace crema {

namespace {
constexpr size_t kMapThreshold = size_t(1) << 20;  // bytes; smaller buffers come from malloc
}  // namespace

Buffer::Buffer(size_t count) : count_(count) {
  const size_t bytes = ((std::max<size_t>(count, 1) * sizeof(float) + 63) / 64) * 64;
  if (bytes >= kMapThreshold) {
    // Anonymous mappings are page-aligned and zero-filled by the kernel on first touch.
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    ptr_ = static_cast<float*>(p);
    mapped_bytes_ = bytes;
    return;
  }
  ptr_ = static_cast<float*>(std::aligned_alloc(64, bytes));
  if (!ptr_) throw std::bad_alloc();
  std::memset(ptr_, 0, bytes);
}

Buffer::~Buffer() {
  if (mapped_bytes_) {
    munmap(ptr_, mapped_bytes_);
  } else {
    std::free(ptr_);
  }
}

void Blob::Reshape(const std::vector<int>& shape) {
  long long count = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    Require<ShapeError>(shape[i] >= 0, "Blob::Reshape: axis ", i, " has negative size ", shape[i]);
    count *= shape[i];
    Require<ShapeError>(count <= std::numeric_limits<int>::max(), "Blob::Reshape: blob size exceeds INT_MAX");
  }
  if (shape != shape_) {
    // A private layout describes the old shape: bring the plain values up to date and forget it.
    if (data_) data_->DropPrivate();
    if (diff_) diff_->DropPrivate();
  }
  shape_ = shape;
  count_ = static_cast<int>(count);
  if (static_cast<size_t>(count_) > capacity_ || !data_) {
    capacity_ = count_;
    data_ = std::make_shared<Buffer>(capacity_);
    diff_ = std::make_shared<Buffer>(capacity_);
  }
}

int Blob::count(int start_axis, int end_axis) const {
  Require<ShapeError>(start_axis >= 0 && start_axis <= end_axis && end_axis <= num_axes(),
                      "Blob::count: bad axis range [", start_axis, ", ", end_axis, ") for ", num_axes(),
                      "-axis blob");
  int c = 1;
  for (int i = start_axis; i < end_axis; ++i) c *= shape_[i];
  return c;
}

int Blob::CanonicalAxisIndex(int axis_index) const {
  const int n = num_axes();
  Require<ShapeError>(axis_index >= -n && axis_index < n, "axis ", axis_index, " out of range for ", n,
                      "-D blob with shape ", shape_string());
  return axis_index < 0 ? axis_index + n : axis_index;
}

int Blob::LegacyShape(int index) const {
  Require<ShapeError>(num_axes() <= 4, "Cannot use legacy accessors on blobs with > 4 axes");
  if (index >= num_axes() || index < -num_axes()) return 1;
  return shape(index);
}

const float* Blob::cpu_data() const {
  if (!data_) return nullptr;
  data_->SyncPlain();
  return data_->data();
}
const float* Blob::cpu_diff() const {
  if (!diff_) return nullptr;
  diff_->SyncPlain();
  return diff_->data();
}
float* Blob::mutable_cpu_data() {
  if (!data_) return nullptr;
  data_->DropPrivate();
  return data_->data();
}
float* Blob::mutable_cpu_diff() {
  if (!diff_) return nullptr;
  diff_->DropPrivate();
  return diff_->data();
}
void Blob::set_private_data(std::shared_ptr<const PrivateLayout> layout) {
  if (data_) data_->SetPrivate(std::move(layout));
}
void Blob::set_private_diff(std::shared_ptr<const PrivateLayout> layout) {
  if (diff_) diff_->SetPrivate(std::move(layout));
}

void Blob::ShareData(const Blob& other) {
  Require<ShapeError>(count_ == other.count_, "ShareData: count mismatch ", count_, " vs ", other.count_);
  data_ = other.data_;
}

void Blob::ShareDiff(const Blob& other) {
  Require<ShapeError>(count_ == other.count_, "ShareDiff: count mismatch ", count_, " vs ", other.count_);
  diff_ = other.diff_;
}

void Blob::Update() {
  float* d = mutable_cpu_data();
  const float* g = cpu_diff();
  for (int i = 0; i < count_; ++i) d[i] -= g[i];
}

static float Asum(const float* p, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += std::fabs(p[i]);
  return static_cast<float>(s);
}
static float Sumsq(const float* p, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += static_cast<double>(p[i]) * p[i];
  return static_cast<float>(s);
}

float Blob::asum_data() const { return Asum(cpu_data(), count_); }
float Blob::asum_diff() const { return Asum(cpu_diff(), count_); }
float Blob::sumsq_data() const { return Sumsq(cpu_data(), count_); }
float Blob::sumsq_diff() const { return Sumsq(cpu_diff(), count_); }
void Blob::scale_data(float f) {
  float* p = mutable_cpu_data();
  for (int i = 0; i < count_; ++i) p[i] *= f;
}
void Blob::scale_diff(float f) {
  float* p = mutable_cpu_diff();
  for (int i = 0; i < count_; ++i) p[i] *= f;
}
void Blob::set_data(float v) { std::fill_n(mutable_cpu_data(), count_, v); }
void Blob::set_diff(float v) { std::fill_n(mutable_cpu_diff(), count_, v); }

void Blob::CopyFrom(const Blob& source, bool copy_diff, bool reshape) {
  if (source.count() != count_ || source.shape() != shape_) {
    Require<ShapeError>(reshape, "Trying to copy blobs of different sizes: ", source.shape_string(), " vs ",
                        shape_string());
    ReshapeLike(source);
  }
  if (copy_diff) {
    std::memcpy(mutable_cpu_diff(), source.cpu_diff(), sizeof(float) * count_);
  } else {
    std::memcpy(mutable_cpu_data(), source.cpu_data(), sizeof(float) * count_);
  }
}

std::vector<int> ShapeOf(const caffe::BlobProto& proto) {
  std::vector<int> shape;
  if (proto.has_num() || proto.has_channels() || proto.has_height() || proto.has_width()) {
    shape = {proto.num(), proto.channels(), proto.height(), proto.width()};
  } else {
    for (int i = 0; i < proto.shape().dim_size(); ++i) shape.push_back(static_cast<int>(proto.shape().dim(i)));
  }
  return shape;
}

std::string ShapeToString(const std::vector<int>& shape) {
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? " " : "") + std::to_string(shape[i]);
  return s;
}

bool Blob::ShapeEquals(const caffe::BlobProto& other) const {
  if (other.has_num() || other.has_channels() || other.has_height() || other.has_width()) {
    // Legacy 4-D proto: compare with the legacy view of our shape (Caffe accepts
    // 1x1x10x500 for a [10,500] InnerProduct weight).
    return num_axes() <= 4 && LegacyShape(-4) == other.num() && LegacyShape(-3) == other.channels() &&
           LegacyShape(-2) == other.height() && LegacyShape(-1) == other.width();
  }
  return ShapeOf(other) == shape_;
}

void Blob::FromProto(const caffe::BlobProto& proto, bool reshape) {
  if (reshape) {
    Reshape(ShapeOf(proto));
  } else {
    Require<ShapeError>(ShapeEquals(proto), "Blob shape mismatch: expected ", shape_string(), ", file has ",
                        ShapeToString(ShapeOf(proto)));
  }
  float* d = mutable_cpu_data();
  if (proto.double_data_size() > 0) {
    Require<ShapeError>(proto.double_data_size() == count_, "BlobProto has ", proto.double_data_size(),
                        " values, expected ", count_);
    for (int i = 0; i < count_; ++i) d[i] = static_cast<float>(proto.double_data(i));
  } else {
    Require<ShapeError>(proto.data_size() == count_, "BlobProto has ", proto.data_size(), " values, expected ",
                        count_);
    std::memcpy(d, proto.data().data(), sizeof(float) * count_);
  }
  float* g = mutable_cpu_diff();
  if (proto.double_diff_size() > 0) {
    Require<ShapeError>(proto.double_diff_size() == count_, "BlobProto diff size mismatch");
    for (int i = 0; i < count_; ++i) g[i] = static_cast<float>(proto.double_diff(i));
  } else if (proto.diff_size() > 0) {
    Require<ShapeError>(proto.diff_size() == count_, "BlobProto diff size mismatch");
    std::memcpy(g, proto.diff().data(), sizeof(float) * count_);
  }
}

void Blob::ToProto(caffe::BlobProto* proto, bool write_diff) const {
  proto->Clear();
  for (int d : shape_) proto->mutable_shape()->add_dim(d);
  proto->mutable_data()->Resize(count_, 0.f);
  if (count_) std::memcpy(proto->mutable_data()->mutable_data(), cpu_data(), sizeof(float) * count_);
  if (write_diff) {
    proto->mutable_diff()->Resize(count_, 0.f);
    if (count_) std::memcpy(proto->mutable_diff()->mutable_data(), cpu_diff(), sizeof(float) * count_);
  }
}

std::string Blob::shape_string() const { return ShapeToString(shape_) + " (" + std::to_string(count_) + ")"; }

}  // namespace crema
