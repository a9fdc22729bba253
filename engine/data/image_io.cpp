#include "data/image_io.h"

#include <jpeglib.h>
#include <png.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "common.h"
#include "io/io.h"

namespace crema {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool IsPng(const std::string& b) { return b.size() >= 8 && std::memcmp(b.data(), "\x89PNG\r\n\x1a\n", 8) == 0; }
bool IsJpeg(const std::string& b) {
  return b.size() >= 3 && static_cast<uint8_t>(b[0]) == 0xFF && static_cast<uint8_t>(b[1]) == 0xD8 &&
         static_cast<uint8_t>(b[2]) == 0xFF;
}

// ---------------------------------------------------------------- JPEG
// libjpeg reports fatal errors through error_exit, which must not return: we longjmp
// back to the decode function (only plain-old-data lives between setjmp and longjmp;
// the output buffer is owned by the caller's frame).
struct JpegError {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void JpegErrorExit(j_common_ptr cinfo) {
  JpegError* err = reinterpret_cast<JpegError*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}
void JpegSilence(j_common_ptr, int) {}

/// Interleaved decode result.
struct Decoded {
  int channels = 0, height = 0, width = 0;
  std::vector<uint8_t> pixels;  // HWC
  bool cmyk = false;            // pixels are Adobe (inverted) CMYK, 4 channels
};

// Returns false with err->message set on failure.
bool DecodeJpegRaw(const std::string& bytes, ImageColor color, Decoded* out, JpegError* err) {
  jpeg_decompress_struct cinfo;
  cinfo.err = jpeg_std_error(&err->mgr);
  err->mgr.error_exit = JpegErrorExit;
  err->mgr.emit_message = JpegSilence;  // warnings (e.g. extraneous bytes) are not errors
  if (setjmp(err->jump)) {
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&cinfo, TRUE);
  // OpenCV's JpegDecoder: 1 component is gray, anything else colour; CMYK is read as CMYK
  // and converted afterwards.
  const bool want_color = color == ImageColor::kColor || (color == ImageColor::kNative && cinfo.num_components > 1);
  if (cinfo.num_components == 4) {
    cinfo.out_color_space = JCS_CMYK;
    out->cmyk = true;
  } else {
    cinfo.out_color_space = want_color ? JCS_EXT_BGR : JCS_GRAYSCALE;
  }
  jpeg_start_decompress(&cinfo);
  out->channels = static_cast<int>(cinfo.output_components);
  out->height = static_cast<int>(cinfo.output_height);
  out->width = static_cast<int>(cinfo.output_width);
  out->pixels.resize(static_cast<size_t>(out->channels) * out->height * out->width);
  const size_t stride = static_cast<size_t>(out->channels) * out->width;
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = out->pixels.data() + stride * cinfo.output_scanline;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return true;
}

// ---------------------------------------------------------------- PNG
struct PngReadState {
  const std::string* bytes;
  size_t offset;
};

struct PngError {
  char message[256];
};

void PngErrorFn(png_structp png, png_const_charp msg) {
  PngError* err = static_cast<PngError*>(png_get_error_ptr(png));
  std::snprintf(err->message, sizeof(err->message), "%s", msg);
  png_longjmp(png, 1);
}
void PngWarnFn(png_structp, png_const_charp) {}

void PngReadFn(png_structp png, png_bytep dst, png_size_t n) {
  PngReadState* s = static_cast<PngReadState*>(png_get_io_ptr(png));
  if (s->offset + n > s->bytes->size()) png_error(png, "unexpected end of data (truncated file)");
  std::memcpy(dst, s->bytes->data() + s->offset, n);
  s->offset += n;
}

bool DecodePngRaw(const std::string& bytes, ImageColor color, Decoded* out, PngError* err,
                  std::vector<png_bytep>* rows) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, err, PngErrorFn, PngWarnFn);
  if (!png) {
    std::snprintf(err->message, sizeof(err->message), "out of memory");
    return false;
  }
  png_infop info = png_create_info_struct(png);
  PngReadState state{&bytes, 0};
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_read_struct(&png, &info, nullptr);
    return false;
  }
  if (!info) png_error(png, "out of memory");
  png_set_read_fn(png, &state, PngReadFn);
  png_read_info(png, info);
  const int color_type = png_get_color_type(png, info);
  const int bit_depth = png_get_bit_depth(png, info);
  // OpenCV's PngDecoder::readHeader: gray without alpha is 1 channel; palette, RGB, and
  // anything with alpha is a colour (3 or 4 channel) type, which ANYCOLOR reads as 3 channels.
  const bool file_is_color = color_type != PNG_COLOR_TYPE_GRAY;
  const bool want_color = color == ImageColor::kColor || (color == ImageColor::kNative && file_is_color);
  // The transforms of OpenCV's PngDecoder::readData for an 8-bit, <4-channel result.
  if (bit_depth == 16) png_set_strip_16(png);
  png_set_strip_alpha(png);
  if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if ((color_type & PNG_COLOR_MASK_COLOR) == 0 && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  if ((color_type & PNG_COLOR_MASK_COLOR) && want_color)
    png_set_bgr(png);
  else if (want_color)
    png_set_gray_to_rgb(png);
  else
    png_set_rgb_to_gray_fixed(png, 1, 29900, 58700);  // 0.299 R + 0.587 G + 0.114 B
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  out->channels = static_cast<int>(png_get_channels(png, info));
  out->height = static_cast<int>(png_get_image_height(png, info));
  out->width = static_cast<int>(png_get_image_width(png, info));
  if (out->channels != (want_color ? 3 : 1) || png_get_rowbytes(png, info) != static_cast<size_t>(out->channels) * out->width)
    png_error(png, "unsupported PNG layout");
  out->pixels.resize(static_cast<size_t>(out->channels) * out->height * out->width);
  rows->resize(out->height);
  for (int h = 0; h < out->height; ++h) (*rows)[h] = out->pixels.data() + static_cast<size_t>(h) * out->channels * out->width;
  png_read_image(png, rows->data());
  png_read_end(png, nullptr);
  png_destroy_read_struct(&png, &info, nullptr);
  return true;
}

/// HWC (or CMYK) to planar CHW in the requested colour mode.
Image ToPlanar(const Decoded& d, ImageColor color) {
  Image img;
  img.height = d.height;
  img.width = d.width;
  const size_t plane = static_cast<size_t>(d.height) * d.width;
  if (d.cmyk) {
    // OpenCV's icvCvt_CMYK2BGR_8u_C4C3R (Adobe JPEGs store inverted CMYK), then BGR2Gray
    // with its fixed-point weights when gray is asked.
    const bool gray = color == ImageColor::kGray;
    img.channels = gray ? 1 : 3;
    img.data.resize(img.channels * plane);
    for (size_t i = 0; i < plane; ++i) {
      const int k = d.pixels[4 * i + 3];
      const int c = k - ((255 - d.pixels[4 * i + 0]) * k >> 8);
      const int m = k - ((255 - d.pixels[4 * i + 1]) * k >> 8);
      const int y = k - ((255 - d.pixels[4 * i + 2]) * k >> 8);
      if (gray) {
        img.data[i] = static_cast<uint8_t>((y * 1868 + m * 9617 + c * 4899 + (1 << 13)) >> 14);
      } else {
        img.data[i] = static_cast<uint8_t>(y);
        img.data[plane + i] = static_cast<uint8_t>(m);
        img.data[2 * plane + i] = static_cast<uint8_t>(c);
      }
    }
    return img;
  }
  img.channels = d.channels;
  img.data.resize(img.channels * plane);
  for (size_t i = 0; i < plane; ++i)
    for (int c = 0; c < img.channels; ++c) img.data[c * plane + i] = d.pixels[i * img.channels + c];
  return img;
}

// Image readers report DataError (convert-imageset skips such files, as Caffe does).
std::string ReadWholeFile(const std::string& path) {
  try {
    return ReadFileBytes(path);
  } catch (const IoError& e) {
    throw DataError(Format("could not open or find image file '", path, "': ", e.what()));
  }
}

// ---------------------------------------------------------------- encoders
void PngWriteFn(png_structp png, png_bytep src, png_size_t n) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(src), n);
}
void PngFlushFn(png_structp) {}

bool EncodePngRaw(const std::vector<uint8_t>& hwc, int channels, int height, int width, std::string* out,
                  PngError* err) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, err, PngErrorFn, PngWarnFn);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  if (!info) png_error(png, "out of memory");
  png_set_write_fn(png, out, PngWriteFn, PngFlushFn);
  png_set_IHDR(png, info, width, height, 8, channels == 1 ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  if (channels == 3) png_set_bgr(png);  // our pixels are BGR
  for (int h = 0; h < height; ++h)
    png_write_row(png, const_cast<png_bytep>(hwc.data() + static_cast<size_t>(h) * channels * width));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

bool EncodeJpegRaw(const std::vector<uint8_t>& hwc, int channels, int height, int width, std::string* out,
                   JpegError* err) {
  jpeg_compress_struct cinfo;
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  cinfo.err = jpeg_std_error(&err->mgr);
  err->mgr.error_exit = JpegErrorExit;
  if (setjmp(err->jump)) {
    jpeg_destroy_compress(&cinfo);
    std::free(buffer);
    return false;
  }
  jpeg_create_compress(&cinfo);
  jpeg_mem_dest(&cinfo, &buffer, &size);
  cinfo.image_width = static_cast<JDIMENSION>(width);
  cinfo.image_height = static_cast<JDIMENSION>(height);
  cinfo.input_components = channels;
  cinfo.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_EXT_BGR;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, 95, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(hwc.data() + static_cast<size_t>(cinfo.next_scanline) * channels * width);
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  out->assign(reinterpret_cast<const char*>(buffer), size);
  jpeg_destroy_compress(&cinfo);
  std::free(buffer);
  return true;
}

}  // namespace

Image DecodeImage(const std::string& bytes, ImageColor color, const std::string& name) {
  Decoded decoded;
  if (IsJpeg(bytes)) {
    JpegError err;
    if (!DecodeJpegRaw(bytes, color, &decoded, &err))
      throw DataError(Format("cannot decode JPEG '", name, "': ", err.message));
  } else if (IsPng(bytes)) {
    PngError err;
    std::vector<png_bytep> rows;
    if (!DecodePngRaw(bytes, color, &decoded, &err, &rows))
      throw DataError(Format("cannot decode PNG '", name, "': ", err.message));
  } else {
    throw DataError(Format("cannot decode '", name, "': not a JPEG or PNG image (", bytes.size(),
                           " bytes; Crema reads only JPEG and PNG)"));
  }
  if (decoded.height <= 0 || decoded.width <= 0) throw DataError(Format("image '", name, "' is empty"));
  return ToPlanar(decoded, color);
}

Image ReadImageFile(const std::string& path, ImageColor color, int new_height, int new_width) {
  Image img = DecodeImage(ReadWholeFile(path), color, path);
  if (new_height > 0 && new_width > 0) img = ResizeBilinear(img, new_height, new_width);
  return img;
}

Image ResizeBilinear(const Image& src, int new_height, int new_width) {
  if (new_height <= 0 || new_width <= 0 || src.height <= 0 || src.width <= 0)
    throw DataError(Format("cannot resize a ", src.height, "x", src.width, " image to ", new_height, "x", new_width));
  if (new_height == src.height && new_width == src.width) return src;  // cv::resize copies
  const int sh = src.height, sw = src.width, dh = new_height, dw = new_width;
  constexpr int kOne = 1 << 11;  // INTER_RESIZE_COEF_SCALE
  // OpenCV computes the scale as 1 / (dsize / ssize) in double and the source
  // coordinate in float; do the same so floor() and the weights agree bit for bit.
  const double scale_x = 1.0 / (static_cast<double>(dw) / sw);
  const double scale_y = 1.0 / (static_cast<double>(dh) / sh);
  std::vector<int> xofs(dw);
  std::vector<int> alpha(2 * dw);
  for (int dx = 0; dx < dw; ++dx) {
    float fx = static_cast<float>((dx + 0.5) * scale_x - 0.5);
    int sx = static_cast<int>(std::floor(fx));
    fx -= static_cast<float>(sx);
    if (sx < 0) fx = 0.f, sx = 0;
    if (sx >= sw - 1) fx = 0.f, sx = sw - 1;
    xofs[dx] = sx;
    alpha[2 * dx] = static_cast<int>(std::lrint((1.f - fx) * kOne));
    alpha[2 * dx + 1] = static_cast<int>(std::lrint(fx * kOne));
  }
  std::vector<int> y0(dh), y1(dh), beta(2 * dh);
  for (int dy = 0; dy < dh; ++dy) {
    float fy = static_cast<float>((dy + 0.5) * scale_y - 0.5);
    const int sy = static_cast<int>(std::floor(fy));
    fy -= static_cast<float>(sy);
    y0[dy] = std::clamp(sy, 0, sh - 1);
    y1[dy] = std::clamp(sy + 1, 0, sh - 1);
    beta[2 * dy] = static_cast<int>(std::lrint((1.f - fy) * kOne));
    beta[2 * dy + 1] = static_cast<int>(std::lrint(fy * kOne));
  }
  Image dst;
  dst.channels = src.channels;
  dst.height = dh;
  dst.width = dw;
  dst.data.resize(static_cast<size_t>(dst.channels) * dh * dw);
  std::vector<int> row0(dw), row1(dw);
  auto horizontal = [&](const uint8_t* s, std::vector<int>& row) {
    for (int dx = 0; dx < dw; ++dx) {
      const int sx = xofs[dx];
      row[dx] = sx + 1 < sw ? s[sx] * alpha[2 * dx] + s[sx + 1] * alpha[2 * dx + 1] : s[sx] * kOne;
    }
  };
  for (int c = 0; c < src.channels; ++c) {
    const uint8_t* plane = src.data.data() + static_cast<size_t>(c) * sh * sw;
    uint8_t* out = dst.data.data() + static_cast<size_t>(c) * dh * dw;
    for (int dy = 0; dy < dh; ++dy) {
      horizontal(plane + static_cast<size_t>(y0[dy]) * sw, row0);
      horizontal(plane + static_cast<size_t>(y1[dy]) * sw, row1);
      const int64_t b0 = beta[2 * dy], b1 = beta[2 * dy + 1];
      for (int dx = 0; dx < dw; ++dx) {
        const int64_t v = (b0 * row0[dx] + b1 * row1[dx] + (int64_t{1} << 21)) >> 22;
        out[static_cast<size_t>(dy) * dw + dx] = static_cast<uint8_t>(std::clamp<int64_t>(v, 0, 255));
      }
    }
  }
  return dst;
}

std::string EncodeImage(const Image& image, const std::string& type) {
  const std::string t = Lower(type);
  if (image.channels != 1 && image.channels != 3)
    throw DataError(Format("cannot encode an image with ", image.channels, " channels (1 or 3 expected)"));
  const size_t plane = static_cast<size_t>(image.height) * image.width;
  std::vector<uint8_t> hwc(image.data.size());
  for (size_t i = 0; i < plane; ++i)
    for (int c = 0; c < image.channels; ++c) hwc[i * image.channels + c] = image.data[c * plane + i];
  std::string out;
  if (t == "png") {
    PngError err;
    if (!EncodePngRaw(hwc, image.channels, image.height, image.width, &out, &err))
      throw DataError(Format("PNG encoding failed: ", err.message));
  } else if (t == "jpg" || t == "jpeg") {
    JpegError err;
    if (!EncodeJpegRaw(hwc, image.channels, image.height, image.width, &out, &err))
      throw DataError(Format("JPEG encoding failed: ", err.message));
  } else {
    throw DataError(Format("unsupported encode type '", type, "' (Crema encodes png or jpg)"));
  }
  return out;
}

void ImageToDatum(const Image& image, caffe::Datum* datum) {
  datum->set_channels(image.channels);
  datum->set_height(image.height);
  datum->set_width(image.width);
  datum->clear_float_data();
  datum->set_encoded(false);
  datum->set_data(image.data.data(), image.data.size());
}

bool DecodeDatumInPlace(caffe::Datum* datum, ImageColor color, const std::string& name) {
  if (!datum->encoded()) return false;
  const Image img = DecodeImage(datum->data(), color, name);
  ImageToDatum(img, datum);
  return true;
}

void ReadImageToDatum(const std::string& path, int label, int height, int width, bool is_color,
                      const std::string& encoding, caffe::Datum* datum) {
  const std::string bytes = ReadWholeFile(path);
  Image img = DecodeImage(bytes, is_color ? ImageColor::kColor : ImageColor::kGray, path);
  if (height > 0 && width > 0) img = ResizeBilinear(img, height, width);
  datum->Clear();
  if (!encoding.empty()) {
    // Caffe stores the file itself when nothing about it changes. (Caffe's matchExt compares
    // the extension *with* its dot against the encoding, so in BVLC Caffe this shortcut never
    // fires and the image is always re-encoded; for PNG the decoded pixels are the same, for
    // JPEG keeping the original avoids a second lossy pass.)
    const size_t dot = path.rfind('.');
    std::string ext = dot == std::string::npos ? std::string() : Lower(path.substr(dot + 1));
    std::string enc = Lower(encoding);
    if (ext == "jpeg") ext = "jpg";
    if (enc == "jpeg") enc = "jpg";
    // The decoder in kColor/kGray mode always yields the asked channel count, so "channels
    // match is_color" means: the file itself is gray exactly when gray is asked.
    const bool file_color = DecodeImage(bytes, ImageColor::kNative, path).channels == 3;
    if (ext == enc && height <= 0 && width <= 0 && file_color == is_color) {
      datum->set_data(bytes);
    } else {
      datum->set_data(EncodeImage(img, enc));
    }
    datum->set_encoded(true);
  } else {
    ImageToDatum(img, datum);
  }
  datum->set_label(label);
}

}  // namespace crema
