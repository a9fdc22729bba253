// DataTransformer: Caffe's crop -> mirror -> (x - mean) * scale (cases D2-D4 of caffe-semantics.md §9).
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "caffe.pb.h"
#include "common.h"
#include "data/data_transformer.h"
#include "test_data_tmpdir.h"

namespace crema {
namespace {

caffe::Datum ByteDatum(int c, int h, int w, const std::vector<uint8_t>& bytes) {
  caffe::Datum d;
  d.set_channels(c);
  d.set_height(h);
  d.set_width(w);
  d.set_data(std::string(bytes.begin(), bytes.end()));
  return d;
}

/// 1 x h x w float datum with value 100*row + col.
caffe::Datum CoordDatum(int h, int w) {
  caffe::Datum d;
  d.set_channels(1);
  d.set_height(h);
  d.set_width(w);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) d.add_float_data(100.f * y + x);
  return d;
}

TEST(Transformer, D2_ScaleIsOneOver256) {
  caffe::TransformationParameter p;
  p.set_scale(0.00390625f);
  DataTransformer t(p, caffe::TRAIN);
  EXPECT_FALSE(t.NeedsRandom());
  float out[3];
  t.Transform(ByteDatum(1, 1, 3, {255, 0, 128}), out);
  EXPECT_FLOAT_EQ(out[0], 0.99609375f);  // 1/256, not 1/255
  EXPECT_FLOAT_EQ(out[1], 0.f);
  EXPECT_FLOAT_EQ(out[2], 0.5f);
}

TEST(Transformer, D3_MeanSubtractedBeforeScale) {
  caffe::TransformationParameter p;
  p.set_scale(0.00390625f);
  p.add_mean_value(128);
  DataTransformer t(p, caffe::TEST);
  float out[2];
  t.Transform(ByteDatum(1, 1, 2, {255, 0}), out);
  EXPECT_FLOAT_EQ(out[0], 0.49609375f);
  EXPECT_FLOAT_EQ(out[1], -0.5f);
}

TEST(Transformer, MeanValuePerChannelAndCountCheck) {
  caffe::TransformationParameter p;
  p.add_mean_value(10);
  p.add_mean_value(20);
  p.add_mean_value(30);
  DataTransformer t(p, caffe::TEST);
  float out[3];
  t.Transform(ByteDatum(3, 1, 1, {100, 100, 100}), out);
  EXPECT_FLOAT_EQ(out[0], 90.f);
  EXPECT_FLOAT_EQ(out[1], 80.f);
  EXPECT_FLOAT_EQ(out[2], 70.f);
  float out2[2];
  EXPECT_THROW(t.Transform(ByteDatum(2, 1, 1, {1, 2}), out2), DataError);  // 3 means for 2 channels

  caffe::TransformationParameter one;
  one.add_mean_value(5);
  DataTransformer t1(one, caffe::TEST);
  t1.Transform(ByteDatum(3, 1, 1, {5, 6, 7}), out);  // one value applies to every channel
  EXPECT_FLOAT_EQ(out[0], 0.f);
  EXPECT_FLOAT_EQ(out[1], 1.f);
  EXPECT_FLOAT_EQ(out[2], 2.f);
}

TEST(Transformer, D4_TestCropIsCentred) {
  caffe::TransformationParameter p;
  p.set_crop_size(25);
  DataTransformer t(p, caffe::TEST);
  EXPECT_FALSE(t.NeedsRandom());  // a TEST crop draws nothing
  const caffe::Datum d = CoordDatum(28, 28);
  EXPECT_EQ(t.InferDatumShape(d), (std::vector<int>{1, 25, 25}));
  std::vector<float> out(25 * 25);
  t.Transform(d, out.data());
  EXPECT_FLOAT_EQ(out[0], 101.f);  // offset (28-25)/2 = 1 in both axes
  EXPECT_FLOAT_EQ(out[24 * 25 + 24], 2525.f);
}

TEST(Transformer, D4_TrainCropOffsetsUniformInRange) {
  caffe::TransformationParameter p;
  p.set_crop_size(25);
  DataTransformer t(p, caffe::TRAIN);
  ASSERT_TRUE(t.NeedsRandom());
  Rng layer_rng(42);
  t.InitRand(layer_rng);
  const caffe::Datum d = CoordDatum(28, 28);
  std::vector<float> out(25 * 25);
  int hits[4][4] = {};
  for (int i = 0; i < 800; ++i) {
    t.Transform(d, out.data());
    const int h_off = static_cast<int>(out[0]) / 100, w_off = static_cast<int>(out[0]) % 100;
    ASSERT_GE(h_off, 0);
    ASSERT_LE(h_off, 3);
    ASSERT_GE(w_off, 0);
    ASSERT_LE(w_off, 3);
    ++hits[h_off][w_off];
    // The window is contiguous: the last element is 24 rows and columns further.
    ASSERT_FLOAT_EQ(out[24 * 25 + 24], out[0] + 2424.f);
  }
  for (int h = 0; h < 4; ++h)
    for (int w = 0; w < 4; ++w) EXPECT_GT(hits[h][w], 20) << h << "," << w;  // 50 expected each
}

TEST(Transformer, MirrorIsRandomInTestToo) {
  caffe::TransformationParameter p;
  p.set_mirror(true);
  DataTransformer t(p, caffe::TEST);
  ASSERT_TRUE(t.NeedsRandom());
  Rng layer_rng(7);
  t.InitRand(layer_rng);
  const caffe::Datum d = ByteDatum(1, 2, 3, {1, 2, 3, 4, 5, 6});
  int mirrored = 0, plain = 0;
  for (int i = 0; i < 200; ++i) {
    float out[6];
    t.Transform(d, out);
    const std::vector<float> v(out, out + 6);
    if (v == std::vector<float>{3, 2, 1, 6, 5, 4}) ++mirrored;
    else if (v == std::vector<float>{1, 2, 3, 4, 5, 6}) ++plain;
    else FAIL() << "neither plain nor mirrored";
  }
  EXPECT_GT(mirrored, 50);
  EXPECT_GT(plain, 50);
}

TEST(Transformer, WithoutRandomSourceMirrorIsAnError) {
  caffe::TransformationParameter p;
  p.set_mirror(true);
  DataTransformer t(p, caffe::TEST);
  float out[1];
  EXPECT_THROW(t.Transform(ByteDatum(1, 1, 1, {1}), out), ConfigError);
}

void WriteMean(const std::string& path, int c, int h, int w, const std::vector<float>& values) {
  caffe::BlobProto proto;
  proto.set_num(1);
  proto.set_channels(c);
  proto.set_height(h);
  proto.set_width(w);
  for (float v : values) proto.add_data(v);
  std::ofstream out(path, std::ios::binary);
  ASSERT_TRUE(proto.SerializeToOstream(&out));
}

// Order: crop offset, then mirror, then (x - mean) * scale with the mean at uncropped coordinates.
TEST(Transformer, MeanFileIndexedAtUncroppedCoordinates) {
  test::TempDir dir;
  // 4x4 image x = 100*row + col; mean m = row + col; crop 2 in TEST -> offset (1,1).
  std::vector<float> mean;
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x) mean.push_back(static_cast<float>(y + x));
  WriteMean(dir / "mean.binaryproto", 1, 4, 4, mean);
  caffe::TransformationParameter p;
  p.set_mean_file(dir / "mean.binaryproto");
  p.set_crop_size(2);
  p.set_scale(0.5f);
  DataTransformer t(p, caffe::TEST);
  float out[4];
  t.Transform(CoordDatum(4, 4), out);
  // (x[1+h][1+w] - m[1+h][1+w]) * 0.5
  EXPECT_FLOAT_EQ(out[0], (101.f - 2.f) * 0.5f);
  EXPECT_FLOAT_EQ(out[1], (102.f - 3.f) * 0.5f);
  EXPECT_FLOAT_EQ(out[2], (201.f - 3.f) * 0.5f);
  EXPECT_FLOAT_EQ(out[3], (202.f - 4.f) * 0.5f);

  // With mirror, the mean moves with its pixel: out[h][w] uses source column 1 + (1 - w).
  p.set_mirror(true);
  DataTransformer tm(p, caffe::TEST);
  Rng rng(3);
  tm.InitRand(rng);
  bool saw_mirror = false;
  for (int i = 0; i < 50 && !saw_mirror; ++i) {
    tm.Transform(CoordDatum(4, 4), out);
    if (out[0] == (102.f - 3.f) * 0.5f) {
      saw_mirror = true;
      EXPECT_FLOAT_EQ(out[1], (101.f - 2.f) * 0.5f);
      EXPECT_FLOAT_EQ(out[2], (202.f - 4.f) * 0.5f);
      EXPECT_FLOAT_EQ(out[3], (201.f - 3.f) * 0.5f);
    }
  }
  EXPECT_TRUE(saw_mirror);

  // A mean of a different shape than the data is an error.
  float big[9];
  caffe::TransformationParameter p2;
  p2.set_mean_file(dir / "mean.binaryproto");
  DataTransformer t2(p2, caffe::TEST);
  EXPECT_THROW(t2.Transform(CoordDatum(3, 3), big), DataError);
}

TEST(Transformer, MeanFileAndMeanValueTogetherIsAnError) {
  test::TempDir dir;
  WriteMean(dir / "m.binaryproto", 1, 1, 1, {0.f});
  caffe::TransformationParameter p;
  p.set_mean_file(dir / "m.binaryproto");
  p.add_mean_value(1);
  EXPECT_THROW(DataTransformer(p, caffe::TRAIN), ConfigError);
}

TEST(Transformer, MissingMeanFileNamesIt) {
  caffe::TransformationParameter p;
  p.set_mean_file("/nonexistent/mean.binaryproto");
  try {
    DataTransformer t(p, caffe::TRAIN);
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/mean.binaryproto"), std::string::npos);
  }
}

TEST(Transformer, SizeMismatchAndCropTooLarge) {
  caffe::TransformationParameter p;
  DataTransformer t(p, caffe::TEST);
  float out[8];
  EXPECT_THROW(t.Transform(ByteDatum(1, 2, 2, {1, 2, 3}), out), DataError);  // 3 bytes for 2x2
  caffe::TransformationParameter c;
  c.set_crop_size(5);
  DataTransformer tc(c, caffe::TEST);
  EXPECT_THROW(tc.InferDatumShape(ByteDatum(1, 4, 4, std::vector<uint8_t>(16))), DataError);
}

}  // namespace
}  // namespace crema
