// crema-cli convert-imageset and compute-image-mean (Caffe's tools/convert_imageset.cpp and
// tools/compute_image_mean.cpp): PNGs written with libpng, converted raw and --encoded, read back
// through a Data layer.
#include <gtest/gtest.h>


#include "blob.h"
#include "caffe.pb.h"
#include "common.h"
#include "gradient_checker.h"
#include "io/io.h"
#include "layer_registry.h"
#include "test_data_tmpdir.h"
#include "test_image_util.h"
#include "tools/commands.h"
#include "tools/flags.h"

namespace crema {
namespace {

constexpr int kDigits = 4;

/// dir/imgs/d<i>.png for the first kDigits MNIST digits, dir/digits.txt listing them with their labels.
void WriteDigitFixture(const test::TempDir& dir, const test::Digits& digits) {
  std::filesystem::create_directory(dir / "imgs");
  std::string list;
  for (int i = 0; i < kDigits; ++i) {
    test::WritePng(dir / ("imgs/d" + std::to_string(i) + ".png"), 28, 28, 1, digits.images.image(i));
    list += "d" + std::to_string(i) + ".png " + std::to_string(digits.labels[i]) + "\n";
  }
  test::WriteText(dir / "digits.txt", list);
}

std::unique_ptr<Layer> OpenData(const std::string& db, int batch) {
  return LayerRegistry::Global().Create(
      test::LayerParamFromText("name: 'data' type: 'Data' top: 'data' top: 'label' phase: TEST data_param { source: '" +
                               db + "' batch_size: " + std::to_string(batch) + " backend: LMDB }"));
}

void ExpectDigitsRoundTrip(const std::string& db, const test::Digits& digits) {
  auto layer = OpenData(db, kDigits);
  Blob data, label;
  layer->SetUp({}, {&data, &label});
  layer->Forward({}, {&data, &label});
  ASSERT_EQ(data.shape(), (std::vector<int>{kDigits, 1, 28, 28}));
  for (int n = 0; n < kDigits; ++n) {
    EXPECT_EQ(label.cpu_data()[n], digits.labels[n]);
    for (int k = 0; k < 784; ++k)
      ASSERT_EQ(data.cpu_data()[n * 784 + k], digits.images.image(n)[k]) << "image " << n << " pixel " << k;
  }
}

TEST(ImageTools, ConvertImagesetRawGrayKeysAndPixels) {
  test::TempDir dir;
  const test::Digits digits = test::LoadDigits();
  WriteDigitFixture(dir, digits);
  ASSERT_EQ(tools::ConvertImageset({"--gray", dir / "imgs/", dir / "digits.txt", dir / "db"}), 0);
  LmdbReader reader(dir / "db");
  ASSERT_EQ(reader.size(), static_cast<size_t>(kDigits));
  EXPECT_EQ(reader.key(), "00000000_d0.png");
  caffe::Datum d;
  ASSERT_TRUE(d.ParseFromString(reader.value()));
  EXPECT_FALSE(d.encoded());
  EXPECT_EQ(d.channels(), 1);
  reader.Next();
  EXPECT_EQ(reader.key(), "00000001_d1.png");
  ExpectDigitsRoundTrip(dir / "db", digits);
}

TEST(ImageTools, ConvertImagesetEncodedPngIsExact) {
  test::TempDir dir;
  const test::Digits digits = test::LoadDigits();
  WriteDigitFixture(dir, digits);
  ASSERT_EQ(tools::ConvertImageset({"--gray", "--encoded", dir / "imgs/", dir / "digits.txt", dir / "db"}), 0);
  LmdbReader reader(dir / "db");
  caffe::Datum d;
  ASSERT_TRUE(d.ParseFromString(reader.value()));
  EXPECT_TRUE(d.encoded());
  EXPECT_EQ(d.data().substr(1, 3), "PNG");
  ExpectDigitsRoundTrip(dir / "db", digits);
}

TEST(ImageTools, ConvertImagesetColorIsBgrRawAndJpeg) {
  test::TempDir dir;
  const auto rgb = test::ColorPixelsRgb();
  test::WritePng(dir / "c.png", 3, 2, 3, rgb.data());
  test::WriteText(dir / "list.txt", "c.png 5\n");
  ASSERT_EQ(tools::ConvertImageset({dir.path() + "/", dir / "list.txt", dir / "raw"}), 0);
  {
    auto layer = OpenData(dir / "raw", 1);
    Blob data, label;
    layer->SetUp({}, {&data, &label});
    layer->Forward({}, {&data, &label});
    ASSERT_EQ(data.shape(), (std::vector<int>{1, 3, 2, 3}));
    EXPECT_EQ(label.cpu_data()[0], 5);
    for (int h = 0; h < 2; ++h)
      for (int w = 0; w < 3; ++w)
        for (int c = 0; c < 3; ++c)
          EXPECT_EQ(data.cpu_data()[(c * 2 + h) * 3 + w], rgb[(h * 3 + w) * 3 + (2 - c)]) << c << h << w;
  }
  // The known pixel (0,0) R=200 G=100 B=10 in BGR order, exactly, in the raw record.
  LmdbReader reader(dir / "raw");
  caffe::Datum d;
  ASSERT_TRUE(d.ParseFromString(reader.value()));
  EXPECT_EQ(static_cast<uint8_t>(d.data()[0]), 10);
  EXPECT_EQ(static_cast<uint8_t>(d.data()[6]), 100);
  EXPECT_EQ(static_cast<uint8_t>(d.data()[12]), 200);

  // JPEG (--encode_type implies --encoded): an 8x8 picture of that colour, within JPEG's error.
  std::vector<uint8_t> uniform;
  for (int i = 0; i < 64; ++i) uniform.insert(uniform.end(), {200, 100, 10});
  test::WritePng(dir / "u.png", 8, 8, 3, uniform.data());
  test::WriteText(dir / "list2.txt", "u.png 2\n");
  ASSERT_EQ(tools::ConvertImageset({"--encode_type=jpg", dir.path() + "/", dir / "list2.txt", dir / "jpg"}), 0);
  LmdbReader jreader(dir / "jpg");
  ASSERT_TRUE(d.ParseFromString(jreader.value()));
  EXPECT_TRUE(d.encoded());
  EXPECT_EQ(static_cast<uint8_t>(d.data()[0]), 0xFF);  // JPEG SOI
  auto layer = OpenData(dir / "jpg", 1);
  Blob data, label;
  layer->SetUp({}, {&data, &label});
  layer->Forward({}, {&data, &label});
  ASSERT_EQ(data.shape(), (std::vector<int>{1, 3, 8, 8}));
  const float bgr[3] = {10, 100, 200};
  for (int c = 0; c < 3; ++c)
    for (int k = 0; k < 64; ++k) ASSERT_NEAR(data.cpu_data()[c * 64 + k], bgr[c], 4.f) << "channel " << c;
}

TEST(ImageTools, ConvertImagesetResizes) {
  test::TempDir dir;
  const uint8_t px[] = {0, 255, 100, 50};
  test::WritePng(dir / "s.png", 2, 2, 1, px);
  test::WriteText(dir / "list.txt", "s.png 1\n");
  ASSERT_EQ(tools::ConvertImageset({"--gray", "--resize_height", "3", "--resize_width", "3", dir.path() + "/",
                                    dir / "list.txt", dir / "db"}),
            0);
  LmdbReader reader(dir / "db");
  caffe::Datum d;
  ASSERT_TRUE(d.ParseFromString(reader.value()));
  EXPECT_EQ(d.height(), 3);
  EXPECT_EQ(d.width(), 3);
  EXPECT_EQ(d.data(), std::string("\x00\x80\xff\x32\x65\x99\x64\x4b\x32", 9));  // 0 128 255 50 101 153 100 75 50
}

TEST(ImageTools, ConvertImagesetSkipsUnreadableAndRefusesLeveldb) {
  test::TempDir dir;
  const uint8_t px[] = {1, 2, 3, 4};
  test::WritePng(dir / "a.png", 2, 2, 1, px);
  test::WriteText(dir / "bad.png", "garbage");
  test::WriteText(dir / "list.txt", "bad.png 0\na.png 1\n");
  ASSERT_EQ(tools::ConvertImageset({"--gray", dir.path() + "/", dir / "list.txt", dir / "db"}), 0);
  LmdbReader reader(dir / "db");
  EXPECT_EQ(reader.size(), 1u);
  EXPECT_EQ(reader.key(), "00000001_a.png");  // Caffe keeps the line index
  EXPECT_THROW(tools::ConvertImageset({"--backend", "leveldb", dir.path() + "/", dir / "list.txt", dir / "db2"}),
               tools::UsageError);
}

// Two 1x1x2 gray images [0, 10] and [5, 255]: mean [2.5, 132.5], channel mean 67.5.
TEST(ImageTools, ComputeImageMeanHandComputed) {
  test::TempDir dir;
  const uint8_t a[] = {0, 10}, b[] = {5, 255};
  test::WritePng(dir / "a.png", 2, 1, 1, a);
  test::WritePng(dir / "b.png", 2, 1, 1, b);
  test::WriteText(dir / "list.txt", "a.png 0\nb.png 1\n");
  ASSERT_EQ(tools::ConvertImageset({"--gray", "--encoded", dir.path() + "/", dir / "list.txt", dir / "db"}), 0);
  ASSERT_EQ(tools::ComputeImageMean({dir / "db", dir / "mean.binaryproto"}), 0);
  caffe::BlobProto mean;
  ReadBinaryProtoFile(dir / "mean.binaryproto", &mean);
  EXPECT_EQ(mean.num(), 1);
  EXPECT_EQ(mean.channels(), 1);
  EXPECT_EQ(mean.height(), 1);
  EXPECT_EQ(mean.width(), 2);
  ASSERT_EQ(mean.data_size(), 2);
  EXPECT_FLOAT_EQ(mean.data(0), 2.5f);
  EXPECT_FLOAT_EQ(mean.data(1), 132.5f);
  EXPECT_THROW(tools::ComputeImageMean({"--backend", "leveldb", dir / "db"}), tools::UsageError);
}

TEST(ImageTools, ComputeImageMeanOfDigitsFeedsTransformer) {
  test::TempDir dir;
  const test::Digits digits = test::LoadDigits();
  WriteDigitFixture(dir, digits);
  ASSERT_EQ(tools::ConvertImageset({"--gray", dir / "imgs/", dir / "digits.txt", dir / "db"}), 0);
  ASSERT_EQ(tools::ComputeImageMean({dir / "db", dir / "mean.binaryproto"}), 0);
  caffe::BlobProto mean;
  ReadBinaryProtoFile(dir / "mean.binaryproto", &mean);
  ASSERT_EQ(mean.data_size(), 784);
  for (int k = 0; k < 784; ++k) {
    double s = 0;
    for (int n = 0; n < kDigits; ++n) s += digits.images.image(n)[k];
    ASSERT_FLOAT_EQ(mean.data(k), static_cast<float>(s / kDigits)) << k;
  }
}

}  // namespace
}  // namespace crema
