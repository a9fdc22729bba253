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

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "data/data_transformer.h"
#include "data/prefetching_data_layer.h"
#include "rng.h"

namespace crema {

/// Reads an image list: one (path, label) per non-empty line, split at the last space.
/// Throws DataError naming the file when it cannot be opened or a line has no label.
std::vector<std::pair<std::string, int>> ReadImageList(const std::string& path);

/// Shuffles an image list in place: Fisher-Yates from the back with rng.UniformInt, as
/// caffe::shuffle (include/caffe/util/rng.hpp) used by ImageData and convert_imageset.
void ShuffleImageList(std::vector<std::pair<std::string, int>>* lines, Rng& rng);

class ImageDataLayer : public PrefetchingDataLayer {
 public:
  explicit ImageDataLayer(const caffe::LayerParameter& param);
  /// Stops and joins the prefetch thread.
  ~ImageDataLayer() override;

  void LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) override;

  const char* type() const override { return "ImageData"; }
  int ExactNumTopBlobs() const override { return 2; }

 protected:
  void LoadBatch(Batch* batch) override;

 private:
  void ShuffleImages();

  int new_height_ = 0, new_width_ = 0;
  bool is_color_ = true;
  std::string root_folder_;
  std::vector<std::pair<std::string, int>> lines_;
  size_t lines_id_ = 0;
  std::unique_ptr<Rng> prefetch_rng_;  // shuffle stream (Caffe's prefetch_rng_)
  std::unique_ptr<DataTransformer> transformer_;
};

}  // namespace crema
