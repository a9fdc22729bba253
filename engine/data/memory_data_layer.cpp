#include "data/memory_data_layer.h"

#include <algorithm>

#include "log.h"

namespace crema {

void MemoryDataLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.memory_data_param();
  batch_size_ = static_cast<int>(p.batch_size());
  channels_ = static_cast<int>(p.channels());
  height_ = static_cast<int>(p.height());
  width_ = static_cast<int>(p.width());
  Check(batch_size_ > 0 && channels_ > 0 && height_ > 0 && width_ > 0,
        "batch_size, channels, height, and width must be specified and positive in memory_data_param (got ",
        batch_size_, ", ", channels_, ", ", height_, ", ", width_, ")");
  top[0]->Reshape({batch_size_, channels_, height_, width_});
  top[1]->Reshape({batch_size_});
}

void MemoryDataLayer::Reset(const float* data, const float* labels, int n) {
  Check(data != nullptr && labels != nullptr, "Reset needs data and labels");
  Check(n > 0 && n % batch_size_ == 0, "n must be a positive multiple of batch size (n = ", n, ", batch_size = ",
        batch_size_, ")");
  if (layer_param_.has_transform_param()) LOG_WARN(type(), " does not transform array data on Reset()");
  const size_t item = static_cast<size_t>(channels_) * height_ * width_;
  data_.assign(data, data + item * n);
  labels_.assign(labels, labels + n);
  n_ = n;
  pos_ = 0;
}

void MemoryDataLayer::set_batch_size(int new_size) {
  Check(new_size > 0, "batch size must be > 0, got ", new_size);
  batch_size_ = new_size;
  n_ = 0;  // the data handed in before may not be a multiple of the new size
  data_.clear();
  labels_.clear();
  pos_ = 0;
}

void MemoryDataLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Check(n_ > 0, "needs to be initialized by calling Reset");
  const size_t item = static_cast<size_t>(channels_) * height_ * width_;
  top[0]->Reshape({batch_size_, channels_, height_, width_});
  top[1]->Reshape({batch_size_});
  std::copy_n(data_.data() + item * pos_, item * batch_size_, top[0]->mutable_cpu_data());
  std::copy_n(labels_.data() + pos_, batch_size_, top[1]->mutable_cpu_data());
  pos_ = (pos_ + batch_size_) % n_;
}

}  // namespace crema
