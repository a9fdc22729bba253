// Image decoding, resizing and encoding for Caffe-style image data (BVLC Caffe's
// src/caffe/util/io.cpp: ReadImageToCVMat, ReadImageToDatum, DecodeDatum*,
// CVMatToDatum), without OpenCV: JPEG through libjpeg-turbo, PNG through libpng.
//
// Pixel conventions follow OpenCV as Caffe uses it:
//   * colour images are stored in BGR channel order (channel 0 = blue),
//     grayscale images have 1 channel; alpha is dropped;
//   * images are planar C x H x W uint8 (CVMatToDatum's layout);
//   * colour-to-gray conversion is done by the codec as OpenCV asks it to
//     (libjpeg's JCS_GRAYSCALE output; libpng's rgb_to_gray with 0.299/0.587),
//     so grayscale values match OpenCV built on the same libraries;
//   * 16-bit PNGs are reduced to 8 bits (png_set_strip_16), as imread does.
// EXIF orientation is ignored (as OpenCV 2.4, which Caffe was built against; OpenCV >= 3.1's
// imread rotates by it).
// Only JPEG and PNG are supported (OpenCV also reads BMP, TIFF, ...): other
// formats raise DataError.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "caffe.pb.h"

namespace crema {

/// Colour handling on decode, as OpenCV's imread/imdecode flags used by Caffe.
enum class ImageColor {
  kNative,  ///< IMREAD_ANYCOLOR (Caffe's DecodeDatumNative): 1 channel for gray files, else 3 (BGR)
  kColor,   ///< IMREAD_COLOR (is_color: true): always 3 channels BGR, gray replicated
  kGray,    ///< IMREAD_GRAYSCALE (is_color: false): always 1 channel
};

/// An 8-bit planar image: data[(c * height + h) * width + w], channels 1 (gray) or 3 (B, G, R).
struct Image {
  int channels = 0;
  int height = 0;
  int width = 0;
  std::vector<uint8_t> data;
  uint8_t at(int c, int h, int w) const { return data[(static_cast<size_t>(c) * height + h) * width + w]; }
};

/// Decodes a JPEG or PNG held in memory (format detected from its signature).
/// `name` (a file name or record key) is put into error messages.
/// Throws DataError for unknown formats and truncated or corrupt data.
Image DecodeImage(const std::string& bytes, ImageColor color, const std::string& name);

/// Reads and decodes an image file, then resizes it to new_height x new_width when
/// both are > 0 (Caffe's ReadImageToCVMat). Throws DataError naming the file when it
/// cannot be read or decoded.
Image ReadImageFile(const std::string& path, ImageColor color, int new_height = 0, int new_width = 0);

/// Bilinear resize matching OpenCV's cv::resize(..., INTER_LINEAR) for 8-bit images
/// (modules/imgproc/src/resize.cpp): half-pixel centres, source x = (dx + 0.5) * sw/dw - 0.5
/// clamped at the borders, 11-bit fixed-point weights rounded to nearest, and the final value
/// (b0*row0 + b1*row1 + 2^21) >> 22. This is OpenCV's scalar path; OpenCV's SIMD path for the
/// bulk of rows at least 8-16 pixels wide rounds the two vertical terms separately and can
/// differ by 1. Throws DataError for non-positive sizes.
Image ResizeBilinear(const Image& src, int new_height, int new_width);

/// Encodes to "png" or "jpg"/"jpeg" (case-insensitive): PNG 8-bit gray or RGB, JPEG quality 95
/// (OpenCV's imencode default). Throws DataError for other types.
std::string EncodeImage(const Image& image, const std::string& type);

/// Stores an image as a raw Datum (channels, height, width, data; float_data cleared,
/// encoded = false; label untouched), like Caffe's CVMatToDatum.
void ImageToDatum(const Image& image, caffe::Datum* datum);

/// Replaces an encoded Datum by its decoded pixels (Caffe's DecodeDatumNative /
/// DecodeDatum(datum, is_color)); the label is kept. Returns false and does nothing for a
/// raw Datum. Throws DataError (naming `name`) if the bytes do not decode.
bool DecodeDatumInPlace(caffe::Datum* datum, ImageColor color, const std::string& name);

/// Caffe's ReadImageToDatum: reads `path` (gray unless is_color), resizes when height and
/// width are > 0, sets the label. With a non-empty `encoding` ("png", "jpg") the Datum holds
/// encoded bytes (encoded = true): the file's own bytes when its extension matches the
/// encoding, no resize is asked and its channel count already matches is_color; otherwise the
/// decoded image re-encoded. Throws DataError naming the file when it cannot be read/decoded.
void ReadImageToDatum(const std::string& path, int label, int height, int width, bool is_color,
                      const std::string& encoding, caffe::Datum* datum);

}  // namespace crema
