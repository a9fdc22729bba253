// Base of the data layers that fill batches on a background thread (Caffe's
// BasePrefetchingDataLayer, src/caffe/layers/base_data_layer.cpp): Data and ImageData.
//
// A derived layer's LayerSetUp shapes its tops, sets batch_size_ and output_labels_,
// then calls StartPrefetch(depth). The prefetch thread calls LoadBatch for each free
// batch, so reading and transforming overlap the net's compute; Forward hands the next
// full batch to the tops: data (N, C, H, W) with the batch's own shape (Caffe reshapes
// per batch) and, when output_labels_, label (N). No lock is held while the net runs.
// Errors: an exception thrown by LoadBatch is rethrown by the Forward that would consume
// the batch, and by every later Forward; DataError when prefetching has stopped.
// A derived destructor must call StopPrefetch() first: the thread runs its LoadBatch.
#pragma once

#include <exception>
#include <memory>
#include <thread>
#include <vector>

#include "data/blocking_queue.h"
#include "layer.h"

namespace crema {

class PrefetchingDataLayer : public Layer {
 public:
  explicit PrefetchingDataLayer(const caffe::LayerParameter& param) : Layer(param) {}
  /// Stops and joins the prefetch thread (derived destructors do it before this one).
  ~PrefetchingDataLayer() override;

  /// Tops are shaped at setup and per batch in Forward; nothing to do here.
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override {}
  int ExactNumBottomBlobs() const override { return 0; }

 protected:
  /// One prefetched batch: shape (N, C, H, W), N*C*H*W values and N labels.
  struct Batch {
    std::vector<int> shape;
    std::vector<float> data;
    std::vector<float> label;
  };

  /// Fills `batch` (runs on the prefetch thread; may throw).
  virtual void LoadBatch(Batch* batch) = 0;
  /// Starts the prefetch thread with `depth` (>= 1) batches in flight.
  void StartPrefetch(int depth);
  /// Stops and joins the prefetch thread; safe to call more than once.
  void StopPrefetch();

  /// Copies the next prefetched batch to top[0] (and top[1] when output_labels_).
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  /// Data layers take no gradient.
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override {}

  int batch_size_ = 0;
  bool output_labels_ = false;

 private:
  void PrefetchLoop(bool info_logging);

  std::vector<std::unique_ptr<Batch>> batches_;
  BlockingQueue<Batch*> free_;
  BlockingQueue<Batch*> full_;
  std::thread thread_;
  std::exception_ptr error_;  // written by the prefetch thread before it pushes nullptr
};

}  // namespace crema
