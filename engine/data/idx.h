// IDX files, the MNIST container format (http://yann.lecun.com/exdb/mnist/,
// read as in Caffe's examples/mnist/convert_mnist_data.cpp).
//
// Layout: a big-endian uint32 magic (2051 = 0x00000803 for uint8 images of
// rank 3, 2049 = 0x00000801 for uint8 labels of rank 1), then one big-endian
// uint32 per dimension, then the uint8 payload row-major. Files may be raw or
// gzip-compressed (detected from the content, not the name).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace crema {

/// A stack of uint8 images, row-major: image i starts at pixels[i * rows * cols].
struct IdxImages {
  int count = 0;
  int rows = 0;
  int cols = 0;
  std::vector<uint8_t> pixels;
  /// Pointer to the first pixel of image i (0 <= i < count).
  const uint8_t* image(int i) const { return pixels.data() + static_cast<size_t>(i) * rows * cols; }
  size_t image_size() const { return static_cast<size_t>(rows) * cols; }
};

/// Reads an IDX3 image file (magic 2051). Throws DataError naming the file and
/// what was wrong (missing, bad magic, truncated payload, trailing bytes).
IdxImages ReadIdxImages(const std::string& path);

/// Reads an IDX1 label file (magic 2049); one uint8 per item. Throws DataError.
std::vector<uint8_t> ReadIdxLabels(const std::string& path);

/// Whole content of a file, transparently gunzipped when it starts with the
/// gzip magic (1f 8b). Throws DataError if the file cannot be opened or the
/// compressed stream is corrupt.
std::string ReadMaybeGzFile(const std::string& path);

}  // namespace crema
