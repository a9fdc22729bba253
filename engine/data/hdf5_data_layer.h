// HDF5Data layer: batches of rows from HDF5 files (Caffe's HDF5DataLayer,
// src/caffe/layers/hdf5_data_layer.cpp).
//
// hdf5_data_param.source is a text file listing .h5 files, one per line (blank
// lines skipped; surrounding whitespace trimmed). Relative entries resolve
// against the list file's folder, then the working directory (Caffe: working
// directory only); the source itself is resolved by the Net like Data sources.
// Each top reads the dataset of the same name: any rank >= 1, first dimension =
// rows, float/double/integer converted to float. Every dataset of a file must
// have the same number of rows, and every file the same per-row shape.
//
// Tops: top[i] has shape (batch_size, dims of dataset i after the first).
// Each Forward copies batch_size rows; at the end of a file the next one is
// loaded (the whole file is held in memory, as in Caffe), wrapping to the first.
// shuffle (Caffe's semantics): the file order is shuffled at setup and at every
// wrap-around, the row order of a file when it is loaded and again when its rows
// are used up. The shuffles draw from a generator seeded with one draw from the
// layer's rng() at setup (Caffe uses std::random_shuffle, unseeded); without
// shuffle nothing is drawn.
// Errors: ConfigError for transform_param (Caffe: "does not transform data"),
// batch_size 0, or an empty list; IoError for an unreadable list or .h5 file;
// DataError naming file and dataset for a missing dataset, an unsupported type,
// a row-count mismatch or a per-row shape change.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "layer.h"

namespace crema {

class HDF5DataLayer : public Layer {
 public:
  explicit HDF5DataLayer(const caffe::LayerParameter& param) : Layer(param) {}

  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  /// Tops are shaped at setup and do not change.
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override {}

  const char* type() const override { return "HDF5Data"; }
  int ExactNumBottomBlobs() const override { return 0; }
  int MinTopBlobs() const override { return 1; }

  /// The .h5 files named by the source list, resolved, in list order.
  const std::vector<std::string>& files() const { return files_; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override {}

 private:
  struct Dataset {
    std::vector<int> shape;  // rows, then the per-row dims
    std::vector<float> data;
  };
  void LoadFile(const std::string& path);
  /// Advances to the next row, loading the next file at the end of this one.
  void Next();

  int batch_size_ = 0;
  bool shuffle_ = false;
  std::mt19937 shuffle_rng_;
  std::vector<std::string> files_;
  std::vector<int> file_permutation_;
  int current_file_ = 0;
  std::vector<Dataset> datasets_;  // one per top, for the loaded file
  std::vector<std::vector<int>> row_shapes_;  // per top: dims after the first, fixed by the first file
  std::vector<int> row_permutation_;
  int current_row_ = 0;
};

}  // namespace crema
