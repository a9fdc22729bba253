// ImageData layer: batches of images listed in a text file (BVLC Caffe's
// src/caffe/layers/image_data_layer.cpp).
//
// image_data_param.source holds one "path label" per line; the line is split at its
// LAST space (paths may contain spaces), the label parsed with atoi. Each image is
// root_folder + path, decoded as in engine/data/image_io.h (JPEG/PNG; BGR colour, or
// 1 channel gray when is_color is false), resized bilinearly to new_height x new_width
// when both are > 0 (both or neither must be set), then transformed by transform_param.
//
// Tops: data (N, C, H, W) with N = batch_size (default 1) and C x H x W from the image
// after resize and crop; label (N). Exactly two tops, as in Caffe.
// Order: list order, or with shuffle a Fisher-Yates shuffle at setup and again every
// time the list wraps (Caffe's ShuffleImages). rand_skip > 0 skips a random
// number in [0, rand_skip) of lines at setup. Random draws from the layer's RNG, in
// Caffe's order: the transformer seed, then the shuffle seed, then the skip.
// A prefetch thread (like the Data layer's) decodes up to 3 batches ahead.
// Errors: ConfigError for an empty source file, bad new_height/new_width or
// batch_size 0; DataError naming the file for unreadable/corrupt images (Caffe aborts
// with "Could not load <file>"), reported by the Forward that needs the image.
#pragma once

#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "data/blocking_queue.h"
#include "data/data_transformer.h"
#include "layer.h"
#include "rng.h"

namespace crema {

/// Reads an image list: one (path, label) per non-empty line, split at the last space.
/// Throws DataError naming the file when it cannot be opened or a line has no label.
std::vector<std::pair<std::string, int>> ReadImageList(const std::string& path);

class ImageDataLayer : public Layer {
 public:
  explicit ImageDataLayer(const caffe::LayerParameter& param);
  /// Stops and joins the prefetch thread.
  ~ImageDataLayer() override;

  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
  /// Tops are shaped at setup and per batch in Forward.
  void Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override {}

  const char* type() const override { return "ImageData"; }
  int ExactNumBottomBlobs() const override { return 0; }
  int ExactNumTopBlobs() const override { return 2; }

 protected:
  void Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;
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
  void ShuffleImages();
  void StopPrefetch();

  int batch_size_ = 0;
  int new_height_ = 0, new_width_ = 0;
  bool is_color_ = true;
  std::string root_folder_;
  std::vector<std::pair<std::string, int>> lines_;
  size_t lines_id_ = 0;
  std::unique_ptr<Rng> prefetch_rng_;  // shuffle stream (Caffe's prefetch_rng_)
  std::unique_ptr<DataTransformer> transformer_;
  std::vector<std::unique_ptr<Batch>> batches_;
  BlockingQueue<Batch*> free_;
  BlockingQueue<Batch*> full_;
  std::thread thread_;
  std::exception_ptr error_;  // written by the prefetch thread before it pushes nullptr
};

}  // namespace crema
