// Data layer: batches of Caffe Datum records from an LMDB (Caffe's DataLayer,
// src/caffe/layers/data_layer.cpp, base_data_layer.cpp).
//
// Tops: data (N, C, H, W), N = data_param.batch_size, C x H x W from the first
// datum of each batch after the transform (crop); optional label (N).
// Encoded (JPEG/PNG) records, as written by convert-imageset --encoded, are decoded
// when loaded (see DataTransformer: native channels unless force_color/force_gray).
// Records are read sequentially in key order and wrap to the first record at
// the end ("Restarting data prefetching from start."); there is no shuffle and
// rand_skip is ignored, as in Caffe. A prefetch thread keeps up to
// data_param.prefetch (default 4) transformed batches ready, so reading
// overlaps the net's compute; no lock is held while the net runs.
// Errors: ConfigError for an unsupported backend (LEVELDB) or batch_size 0;
// DataError naming the path for a missing/corrupt database; a record that
// fails to parse or transform is reported by the Forward that would consume it.
#pragma once

#include <atomic>
#include <exception>
#include <memory>
#include <thread>
#include <vector>

#include "data/blocking_queue.h"
#include "data/data_transformer.h"
#include "data/lmdb_db.h"
#include "layer.h"

namespace crema {

class DataLayer : public Layer {
 public:
  explicit DataLayer(const caffe::LayerParameter& param);
  /// Stops and joins the prefetch thread.
  ~DataLayer() override;

  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  /// Tops are shaped at setup and per batch in Forward; nothing to do here.
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override {}

  const char* type() const override { return "Data"; }
  int ExactNumBottomBlobs() const override { return 0; }
  int MinTopBlobs() const override { return 1; }
  int MaxTopBlobs() const override { return 2; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  /// Data layers take no gradient.
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override {}

 private:
  struct Batch {
    std::vector<int> shape;  // N, C, H, W
    std::vector<float> data;
    std::vector<float> label;
  };
  void PrefetchLoop(bool info_logging);
  void LoadBatch(Batch* batch);
  void StopPrefetch();

  int batch_size_ = 0;
  bool output_labels_ = false;
  std::unique_ptr<LmdbReader> reader_;
  std::unique_ptr<DataTransformer> transformer_;
  std::vector<std::unique_ptr<Batch>> batches_;
  BlockingQueue<Batch*> free_;
  BlockingQueue<Batch*> full_;
  std::thread thread_;
  std::exception_ptr error_;  // written by the prefetch thread before it pushes nullptr
  caffe::Datum datum_;        // scratch, prefetch thread only
};

}  // namespace crema
