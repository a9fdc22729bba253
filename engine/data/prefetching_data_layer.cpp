#include "data/prefetching_data_layer.h"

#include <algorithm>
#include <cstring>

#include "log.h"

namespace crema {

PrefetchingDataLayer::~PrefetchingDataLayer() { StopPrefetch(); }

void PrefetchingDataLayer::StopPrefetch() {
  free_.Close();
  full_.Close();
  if (thread_.joinable()) thread_.join();
}

void PrefetchingDataLayer::StartPrefetch(int depth) {
  for (int i = 0; i < std::max(1, depth); ++i) {
    batches_.push_back(std::make_unique<Batch>());
    free_.Push(batches_.back().get());
  }
  // The prefetch thread logs like the thread that built the net (quiet test nets stay quiet).
  thread_ = std::thread(&PrefetchingDataLayer::PrefetchLoop, this, InfoLoggingEnabled());
}

void PrefetchingDataLayer::PrefetchLoop(bool info_logging) {
  SetInfoLoggingEnabled(info_logging);
  try {
    Batch* batch = nullptr;
    while (free_.Pop(&batch)) {
      LoadBatch(batch);
      full_.Push(batch);
    }
  } catch (...) {
    error_ = std::current_exception();
    full_.Push(nullptr);
  }
}

void PrefetchingDataLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Batch* batch = nullptr;
  if (!full_.Pop(&batch)) throw DataError(Format(type(), " layer '", name(), "': prefetching stopped"));
  if (!batch) {
    full_.Push(nullptr);  // keep reporting the same failure on later calls
    std::rethrow_exception(error_);
  }
  top[0]->Reshape(batch->shape);
  std::memcpy(top[0]->mutable_cpu_data(), batch->data.data(), batch->data.size() * sizeof(float));
  if (output_labels_) {
    top[1]->Reshape({static_cast<int>(batch->label.size())});
    std::memcpy(top[1]->mutable_cpu_data(), batch->label.data(), batch->label.size() * sizeof(float));
  }
  free_.Push(batch);
}

}  // namespace crema
