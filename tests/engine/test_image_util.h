// Helpers for the image tests: PNG fixtures written with libpng directly (independent of
// engine/data/image_io's encoder), MNIST digits from ../shared/data/mnist, list files.
#pragma once

#include <png.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "data/idx.h"

namespace crema::test {

/// Writes an 8-bit PNG: channels 1 (gray) or 3 (pixels interleaved R, G, B), rows top to bottom.
inline void WritePng(const std::string& path, int width, int height, int channels, const uint8_t* pixels) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) throw std::runtime_error("cannot write " + path);
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    std::fclose(f);
    throw std::runtime_error("libpng failed writing " + path);
  }
  png_init_io(png, f);
  png_set_IHDR(png, info, width, height, 8, channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int h = 0; h < height; ++h)
    png_write_row(png, const_cast<png_bytep>(pixels + static_cast<size_t>(h) * width * channels));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  std::fclose(f);
}

/// The first `n` digits of the shared MNIST test set (28 x 28 uint8 each) and their labels.
struct Digits {
  IdxImages images;
  std::vector<uint8_t> labels;
};
inline Digits LoadDigits() {
  const std::string dir = std::string(CREMA_SHARED_DIR) + "/data/mnist/";
  return {ReadIdxImages(dir + "t10k-images-idx3-ubyte.gz"), ReadIdxLabels(dir + "t10k-labels-idx1-ubyte.gz")};
}

inline void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

/// A 2 x 3 RGB test picture; pixel (row 0, col 0) is R=200 G=100 B=10.
inline std::vector<uint8_t> ColorPixelsRgb() {
  return {200, 100, 10,  0, 0, 255,   0, 255, 0,  //
          255, 0, 0,     30, 60, 90,  255, 255, 255};
}

}  // namespace crema::test
