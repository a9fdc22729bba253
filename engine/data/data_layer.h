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

#include <memory>
#include <vector>

#include "data/data_transformer.h"
#include "data/lmdb_db.h"
#include "data/prefetching_data_layer.h"

namespace crema {

class DataLayer : public PrefetchingDataLayer {
 public:
  explicit DataLayer(const caffe::LayerParameter& param);
  /// Stops and joins the prefetch thread.
  ~DataLayer() override;

  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;

  const char* type() const override { return "Data"; }
  int MinTopBlobs() const override { return 1; }
  int MaxTopBlobs() const override { return 2; }

 protected:
  void LoadBatch(Batch* batch) override;

 private:
  std::unique_ptr<LmdbReader> reader_;
  std::unique_ptr<DataTransformer> transformer_;
  caffe::Datum datum_;  // scratch, prefetch thread only
};

}  // namespace crema
