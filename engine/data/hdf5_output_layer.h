// HDF5Output layer: writes its two bottoms to an HDF5 file (Caffe's
// HDF5OutputLayer, src/caffe/layers/hdf5_output_layer.cpp).
//
// Bottoms: bottom[0] -> dataset "data", bottom[1] -> dataset "label"; both must
// have the same first dimension N and at most 4 axes. As in Caffe each is
// written with its legacy 4-D shape (N, C, H, W), missing axes = 1, so a (N, 10)
// blob becomes (N, 10, 1, 1) and a label (N) becomes (N, 1, 1, 1). No tops.
//
// File: hdf5_output_param.file_name is created (truncated) at the first Forward;
// Caffe truncates it at setup, but then merely building a net that contains the
// layer (the editor's live analysis, `crema-cli time`, the app's extra TEST net)
// would empty an existing file. Setup only checks that its folder is writable.
// Every Forward opens it, APPENDS its N rows to "data" and "label" and
// closes it again, so the file on disk is always complete. After the first
// Forward the file holds exactly what Caffe writes; Caffe fails at the second
// Forward (it creates the datasets again: BVLC/caffe#1726), Crema appends, so k
// Forwards give k*N rows in batch order.
// Errors: ConfigError for an empty file_name, different N, or more than 4 axes;
// IoError when the file cannot be created or written.
#pragma once

#include <string>
#include <vector>

#include "layer.h"

namespace crema {

class HDF5OutputLayer : public Layer {
 public:
  explicit HDF5OutputLayer(const caffe::LayerParameter& param) : Layer(param) {}

  /// Checks that the output file can be written (IoError if its folder is missing or
  /// read-only); the file itself is created (truncated) by the first Forward.
  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override {}

  const char* type() const override { return "HDF5Output"; }
  int ExactNumBottomBlobs() const override { return 2; }
  int ExactNumTopBlobs() const override { return 0; }

  /// The file written (hdf5_output_param.file_name as given).
  const std::string& file_name() const { return file_name_; }
  /// Rows written so far (sum of N over Forwards since setup).
  int rows_written() const { return rows_written_; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  /// Nothing flows back (Caffe's Backward_cpu is empty too).
  void Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                    const std::vector<Blob*>& bottom) override {}

 private:
  std::string file_name_;
  int rows_written_ = 0;
  bool created_ = false;  ///< the file was created (truncated) by this layer
};

}  // namespace crema
