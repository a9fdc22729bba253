// engine/data/image_io: PNG/JPEG decoding (BGR order, gray), OpenCV-compatible bilinear
// resize, encoding, encoded Datum records through the DataTransformer, errors naming files.
#include <gtest/gtest.h>

#include <cstdlib>

#include "caffe.pb.h"
#include "common.h"
#include "data/data_transformer.h"
#include "data/image_io.h"
#include "test_data_tmpdir.h"
#include "test_image_util.h"

namespace crema {
namespace {

Image Make(int c, int h, int w, std::vector<uint8_t> data) {
  Image img;
  img.channels = c;
  img.height = h;
  img.width = w;
  img.data = std::move(data);
  return img;
}

TEST(ImageIo, PngGrayDigitDecodesExactly) {
  test::TempDir dir;
  const test::Digits digits = test::LoadDigits();
  test::WritePng(dir / "d.png", 28, 28, 1, digits.images.image(0));
  const Image native = ReadImageFile(dir / "d.png", ImageColor::kNative);
  ASSERT_EQ(native.channels, 1);
  ASSERT_EQ(native.height, 28);
  ASSERT_EQ(native.width, 28);
  EXPECT_EQ(native.data, std::vector<uint8_t>(digits.images.image(0), digits.images.image(0) + 784));
  // IMREAD_COLOR on a gray file: three equal planes.
  const Image color = ReadImageFile(dir / "d.png", ImageColor::kColor);
  ASSERT_EQ(color.channels, 3);
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < 784; ++i) ASSERT_EQ(color.data[c * 784 + i], digits.images.image(0)[i]);
}

TEST(ImageIo, PngColorIsBgrAndGrayUsesBt601Weights) {
  test::TempDir dir;
  const auto rgb = test::ColorPixelsRgb();
  test::WritePng(dir / "c.png", 3, 2, 3, rgb.data());
  const Image img = ReadImageFile(dir / "c.png", ImageColor::kNative);
  ASSERT_EQ(img.channels, 3);
  ASSERT_EQ(img.height, 2);
  ASSERT_EQ(img.width, 3);
  EXPECT_EQ(img.at(0, 0, 0), 10);   // B
  EXPECT_EQ(img.at(1, 0, 0), 100);  // G
  EXPECT_EQ(img.at(2, 0, 0), 200);  // R
  for (int h = 0; h < 2; ++h)
    for (int w = 0; w < 3; ++w)
      for (int c = 0; c < 3; ++c) EXPECT_EQ(img.at(c, h, w), rgb[(h * 3 + w) * 3 + (2 - c)]);
  const Image gray = ReadImageFile(dir / "c.png", ImageColor::kGray);
  ASSERT_EQ(gray.channels, 1);
  for (int i = 0; i < 6; ++i) {
    const double y = 0.299 * rgb[3 * i] + 0.587 * rgb[3 * i + 1] + 0.114 * rgb[3 * i + 2];
    EXPECT_NEAR(gray.data[i], y, 1.0) << "pixel " << i;
  }
}

// OpenCV INTER_LINEAR, 2x2 -> 3x3: x = (dx + 0.5) * 2/3 - 0.5 = -1/6 (clamped to 0), 1/2, 7/6 (clamped
// to 1), same for y; 11-bit weights 1024/1024 in the middle; (sum + 2^21) >> 22 rounds 127.5 up
// to 128, 101.25 to 101 and 152.5 to 153.
TEST(ImageIo, ResizeBilinear2x2To3x3MatchesOpenCvFormula) {
  const Image src = Make(1, 2, 2, {0, 255, 100, 50});
  const Image dst = ResizeBilinear(src, 3, 3);
  ASSERT_EQ(dst.height, 3);
  ASSERT_EQ(dst.width, 3);
  EXPECT_EQ(dst.data, (std::vector<uint8_t>{0, 128, 255, 50, 101, 153, 100, 75, 50}));
}

// Halving: every output is the rounded mean of a 2x2 block, (a + b + c + d + 2) >> 2, which is
// also what OpenCV's INTER_AREA shortcut for exact 2x downscaling gives.
TEST(ImageIo, ResizeBilinearHalvingAveragesBlocks) {
  const Image src = Make(2, 2, 4, {1, 2, 10, 20, 3, 5, 30, 41,  // channel 0
                                   0, 0, 255, 255, 0, 1, 255, 254});
  const Image dst = ResizeBilinear(src, 1, 2);
  EXPECT_EQ(dst.data, (std::vector<uint8_t>{(1 + 2 + 3 + 5 + 2) >> 2, (10 + 20 + 30 + 41 + 2) >> 2,
                                            (0 + 0 + 0 + 1 + 2) >> 2, (255 * 3 + 254 + 2) >> 2}));
}

TEST(ImageIo, PngEncodeRoundTripsExactly) {
  const test::Digits digits = test::LoadDigits();
  const Image gray = Make(1, 28, 28, std::vector<uint8_t>(digits.images.image(1), digits.images.image(1) + 784));
  const Image back = DecodeImage(EncodeImage(gray, "PNG"), ImageColor::kNative, "mem");
  EXPECT_EQ(back.channels, 1);
  EXPECT_EQ(back.data, gray.data);
  const Image color = Make(3, 1, 2, {1, 2, 3, 4, 5, 6});
  const Image back3 = DecodeImage(EncodeImage(color, "png"), ImageColor::kNative, "mem");
  EXPECT_EQ(back3.channels, 3);
  EXPECT_EQ(back3.data, color.data);
}

TEST(ImageIo, JpegRoundTripWithinToleranceKeepsBgr) {
  // A smooth 16x16 picture: blue ramps along x, green along y, red constant.
  Image img = Make(3, 16, 16, std::vector<uint8_t>(3 * 256));
  for (int h = 0; h < 16; ++h)
    for (int w = 0; w < 16; ++w) {
      img.data[0 * 256 + h * 16 + w] = static_cast<uint8_t>(40 + 8 * w);
      img.data[1 * 256 + h * 16 + w] = static_cast<uint8_t>(60 + 6 * h);
      img.data[2 * 256 + h * 16 + w] = 200;
    }
  const std::string jpeg = EncodeImage(img, "jpg");
  ASSERT_GT(jpeg.size(), 2u);
  EXPECT_EQ(static_cast<uint8_t>(jpeg[0]), 0xFF);
  const Image back = DecodeImage(jpeg, ImageColor::kNative, "mem.jpg");
  ASSERT_EQ(back.channels, 3);
  ASSERT_EQ(back.height, 16);
  int max_diff = 0;
  for (size_t i = 0; i < img.data.size(); ++i) max_diff = std::max(max_diff, std::abs(back.data[i] - img.data[i]));
  EXPECT_LE(max_diff, 10);  // quality 95 with 4:2:0 chroma subsampling
  const Image gray = DecodeImage(jpeg, ImageColor::kGray, "mem.jpg");
  EXPECT_EQ(gray.channels, 1);
  // Y of (R 200, G 60, B 40) = 0.299*200 + 0.587*60 + 0.114*40 = 99.6
  EXPECT_NEAR(gray.at(0, 0, 0), 99.6, 4.0);
}

TEST(ImageIo, UnreadableFilesNameTheFile) {
  test::TempDir dir;
  try {
    ReadImageFile(dir / "missing.png", ImageColor::kColor);
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.png"), std::string::npos) << e.what();
  }
  // A PNG cut off after its header.
  test::WritePng(dir / "ok.png", 3, 2, 3, test::ColorPixelsRgb().data());
  std::ifstream in(dir / "ok.png", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  test::WriteText(dir / "cut.png", bytes.substr(0, 40));
  try {
    ReadImageFile(dir / "cut.png", ImageColor::kColor);
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("cut.png"), std::string::npos) << e.what();
  }
  test::WriteText(dir / "text.jpg", "hello, not an image");
  EXPECT_THROW(ReadImageFile(dir / "text.jpg", ImageColor::kColor), DataError);
}

TEST(ImageIo, TransformerDecodesEncodedDatum) {
  const Image color = Make(3, 1, 2, {10, 20, 30, 40, 50, 60});  // B plane, G plane, R plane
  caffe::Datum datum;
  datum.set_data(EncodeImage(color, "png"));
  datum.set_encoded(true);
  datum.set_label(7);
  caffe::TransformationParameter tp;
  tp.set_scale(0.5f);
  DataTransformer native(tp, caffe::TEST);
  EXPECT_EQ(native.InferDatumShape(datum), (std::vector<int>{3, 1, 2}));
  std::vector<float> out(6);
  native.Transform(datum, out.data());
  EXPECT_EQ(out, (std::vector<float>{5, 10, 15, 20, 25, 30}));
  tp.set_force_gray(true);
  DataTransformer gray(tp, caffe::TEST);
  EXPECT_EQ(gray.InferDatumShape(datum), (std::vector<int>{1, 1, 2}));
  caffe::Datum copy = datum;
  EXPECT_TRUE(gray.DecodeIfEncoded(&copy));
  EXPECT_FALSE(copy.encoded());
  EXPECT_EQ(copy.label(), 7);
  EXPECT_EQ(copy.channels(), 1);
  tp.set_force_color(true);
  EXPECT_THROW(DataTransformer(tp, caffe::TEST), ConfigError);
}

}  // namespace
}  // namespace crema
