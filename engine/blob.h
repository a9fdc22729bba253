// Blob: Caffe's N-D float32 tensor with a value (`data`) and a gradient (`diff`).
// Memory is plain row-major (NCHW for 4-D blobs), 64-byte aligned, so the UI,
// tests and oneDNN (as format_tag::abcd / nchw user memory) read it directly.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "caffe.pb.h"

namespace crema {

/// A copy of a blob's values (data or diff) in a layout other than plain
/// row-major, e.g. oneDNN's blocked nChw16c or channels-last nhwc, written by an
/// engine backend so that consecutive oneDNN layers skip the conversion to plain
/// and back. The plain values are produced from it on demand: the first
/// cpu_data()/cpu_diff() after a backend write converts (ToPlain) and keeps both
/// copies; mutable_cpu_data()/mutable_cpu_diff() convert and then drop the
/// private copy (plain code is about to change the values). Readers of a blob
/// therefore always see plain NCHW; only backend-aware layers look at the
/// private copy. Not thread-safe: one thread uses a blob at a time.
class PrivateLayout {
 public:
  virtual ~PrivateLayout() = default;
  /// Writes the values, in plain row-major order, into `plain` (the blob's count floats).
  virtual void ToPlain(float* plain) const = 0;
};

/// A 64-byte aligned, zero-initialised float buffer. Shared between blobs by
/// ShareData/ShareDiff (in-place layers, weight sharing, test nets sharing the train
/// net's weights). Buffers of 1 MiB and more are anonymous memory maps: their zero
/// pages cost no RAM until written, so a net built only for its shapes (the editor's
/// analysis) or a diff never used stays cheap. Throws std::bad_alloc when out of memory.
class Buffer {
 public:
  explicit Buffer(size_t count);
  ~Buffer();
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  float* data() { return ptr_; }
  const float* data() const { return ptr_; }
  size_t size() const { return count_; }

  /// The backend copy (see PrivateLayout), or null.
  const PrivateLayout* private_layout() const { return private_.get(); }
  /// Records that the current values live in `layout`; the plain values are stale.
  void SetPrivate(std::shared_ptr<const PrivateLayout> layout) {
    private_ = std::move(layout);
    plain_current_ = !private_;
  }
  /// Makes the plain values current (converting from the private copy if needed).
  void SyncPlain() {
    if (!plain_current_) {
      private_->ToPlain(ptr_);
      plain_current_ = true;
    }
  }
  /// The private copy was changed in place (e.g. an in-place layer): the plain values are stale.
  void PrivateWritten() {
    if (private_) plain_current_ = false;
  }
  /// SyncPlain, then forgets the private copy (the plain values are about to change).
  void DropPrivate() {
    SyncPlain();
    private_.reset();
  }

 private:
  float* ptr_ = nullptr;
  size_t count_ = 0;
  size_t mapped_bytes_ = 0;  ///< > 0: ptr_ is an mmap of this many bytes
  std::shared_ptr<const PrivateLayout> private_;
  bool plain_current_ = true;
};

/// N-D tensor, Caffe semantics. Shape axes are ints; count() is their product.
class Blob {
 public:
  Blob() = default;
  explicit Blob(const std::vector<int>& shape) { Reshape(shape); }
  /// Legacy 4-D constructor (num, channels, height, width).
  Blob(int n, int c, int h, int w) { Reshape({n, c, h, w}); }

  /// Changes the shape. Memory is reallocated (and zero-filled) only when the
  /// new count exceeds the capacity; otherwise existing values are kept.
  /// Throws ShapeError on a negative dimension.
  void Reshape(const std::vector<int>& shape);
  void ReshapeLike(const Blob& other) { Reshape(other.shape()); }

  const std::vector<int>& shape() const { return shape_; }
  /// Axis size; negative index counts from the end (Caffe's CanonicalAxisIndex).
  int shape(int index) const { return shape_[CanonicalAxisIndex(index)]; }
  int num_axes() const { return static_cast<int>(shape_.size()); }
  int count() const { return count_; }
  /// Product of shape[start, end).
  int count(int start_axis, int end_axis) const;
  int count(int start_axis) const { return count(start_axis, num_axes()); }
  /// Maps a possibly negative axis into [0, num_axes()); throws ShapeError when out of range.
  int CanonicalAxisIndex(int axis_index) const;
  /// Legacy accessors: axis 0..3, or 1 when the blob has fewer axes.
  int num() const { return LegacyShape(0); }
  int channels() const { return LegacyShape(1); }
  int height() const { return LegacyShape(2); }
  int width() const { return LegacyShape(3); }
  int LegacyShape(int index) const;
  /// Row-major offset of (n, c, h, w).
  int offset(int n, int c = 0, int h = 0, int w = 0) const {
    return ((n * channels() + c) * height() + h) * width() + w;
  }

  /// Plain row-major values. Converts from a backend's private layout first when that
  /// holds the newest values (see PrivateLayout).
  const float* cpu_data() const;
  const float* cpu_diff() const;
  /// As cpu_data()/cpu_diff(), and drops the private copy: the caller may write.
  float* mutable_cpu_data();
  float* mutable_cpu_diff();

  /// The backend copy of the values in a private layout, or null (see PrivateLayout).
  /// Valid while nobody writes the blob.
  const PrivateLayout* private_data() const { return data_ ? data_->private_layout() : nullptr; }
  const PrivateLayout* private_diff() const { return diff_ ? diff_->private_layout() : nullptr; }
  /// A backend wrote the newest values into `layout`: the plain values become stale and are
  /// converted on the next cpu_data()/cpu_diff(). Blobs sharing the memory (ShareData) see it too.
  void set_private_data(std::shared_ptr<const PrivateLayout> layout);
  void set_private_diff(std::shared_ptr<const PrivateLayout> layout);
  /// The existing private copy was modified in place: the plain values become stale.
  void private_data_written() {
    if (data_) data_->PrivateWritten();
  }
  void private_diff_written() {
    if (diff_) diff_->PrivateWritten();
  }

  /// Makes this blob use other's data (resp. diff) memory. Counts must match.
  void ShareData(const Blob& other);
  void ShareDiff(const Blob& other);
  /// True when both blobs point at the same data memory.
  bool SharesDataWith(const Blob& other) const { return data_ && data_ == other.data_; }

  /// data -= diff (Caffe's Blob::Update, used by Net::Update).
  void Update();
  float asum_data() const;
  float asum_diff() const;
  float sumsq_data() const;
  float sumsq_diff() const;
  void scale_data(float factor);
  void scale_diff(float factor);
  void set_data(float value);
  void set_diff(float value);
  /// Copies shape (if reshape) and data or diff from source. Throws ShapeError on a size mismatch.
  void CopyFrom(const Blob& source, bool copy_diff = false, bool reshape = false);

  /// True when the proto's shape (new `shape` or legacy num/channels/height/width) equals ours.
  bool ShapeEquals(const caffe::BlobProto& other) const;
  /// Loads values (and diff if present); reshapes when `reshape`, else requires equal shape.
  void FromProto(const caffe::BlobProto& proto, bool reshape = true);
  void ToProto(caffe::BlobProto* proto, bool write_diff = false) const;

  /// "64 20 24 24 (737280)" as in Caffe's "Top shape:" log lines.
  std::string shape_string() const;

 private:
  std::vector<int> shape_;
  int count_ = 0;
  size_t capacity_ = 0;
  std::shared_ptr<Buffer> data_;
  std::shared_ptr<Buffer> diff_;
};

/// Shape of a BlobProto (new `shape` field, or legacy 4-D num/channels/height/width).
std::vector<int> ShapeOf(const caffe::BlobProto& proto);
/// "10 500" style rendering of a shape.
std::string ShapeToString(const std::vector<int>& shape);

}  // namespace crema
