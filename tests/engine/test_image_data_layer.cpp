// ImageData layer (Caffe's image_data_layer.cpp) over PNGs of MNIST digits written with libpng:
// list order and labels, wrap, shapes (gray/colour, resize), shuffle determinism, errors.
#include <gtest/gtest.h>


#include <algorithm>

#include "blob.h"
#include "caffe.pb.h"
#include "common.h"
#include "gradient_checker.h"
#include "layer_registry.h"
#include "rng.h"
#include "test_data_tmpdir.h"
#include "test_image_util.h"

namespace crema {
namespace {

constexpr int kImages = 8;

/// dir/imgs/digit <i>.png (a space in the name: Caffe splits lines at the last space) and
/// dir/list.txt with the MNIST labels.
void WriteFixture(const test::TempDir& dir, const test::Digits& digits) {
  std::filesystem::create_directory(dir / "imgs");
  std::string list;
  for (int i = 0; i < kImages; ++i) {
    test::WritePng(dir / ("imgs/digit " + std::to_string(i) + ".png"), 28, 28, 1, digits.images.image(i));
    list += "digit " + std::to_string(i) + ".png " + std::to_string(digits.labels[i]) + "\n";
  }
  test::WriteText(dir / "list.txt", list);
}

std::unique_ptr<Layer> Make(const test::TempDir& dir, const std::string& params, const std::string& extra = "") {
  return LayerRegistry::Global().Create(test::LayerParamFromText(
      "name: 'img' type: 'ImageData' top: 'data' top: 'label' phase: TRAIN image_data_param { source: '" +
      (dir / "list.txt") + "' root_folder: '" + (dir / "imgs/") + "' " + params + " } " + extra));
}

std::vector<int> Labels(const Blob& b) {
  std::vector<int> v;
  for (int i = 0; i < b.count(); ++i) v.push_back(static_cast<int>(b.cpu_data()[i]));
  return v;
}

TEST(ImageDataLayer, ListOrderLabelsPixelsAndWrap) {
  EXPECT_TRUE(LayerRegistry::Global().Has("ImageData"));
  test::TempDir dir;
  const test::Digits digits = test::LoadDigits();
  WriteFixture(dir, digits);
  auto layer = Make(dir, "batch_size: 3 is_color: false", "transform_param { scale: 0.5 }");
  Blob data, label;
  layer->SetUp({}, {&data, &label});
  EXPECT_EQ(data.shape(), (std::vector<int>{3, 1, 28, 28}));
  EXPECT_EQ(label.shape(), (std::vector<int>{3}));
  // 8 images, batch 3: [0,1,2] [3,4,5] [6,7,0] [1,2,3]
  const std::vector<std::vector<int>> order = {{0, 1, 2}, {3, 4, 5}, {6, 7, 0}, {1, 2, 3}};
  for (const auto& idx : order) {
    layer->Forward({}, {&data, &label});
    for (int n = 0; n < 3; ++n) {
      EXPECT_EQ(Labels(label)[n], digits.labels[idx[n]]);
      for (int k = 0; k < 784; ++k)
        ASSERT_FLOAT_EQ(data.cpu_data()[n * 784 + k], digits.images.image(idx[n])[k] * 0.5f);
    }
  }
}

TEST(ImageDataLayer, ColorAndResizeShapes) {
  test::TempDir dir;
  WriteFixture(dir, test::LoadDigits());
  auto color = Make(dir, "batch_size: 2");
  Blob data, label;
  color->SetUp({}, {&data, &label});
  EXPECT_EQ(data.shape(), (std::vector<int>{2, 3, 28, 28}));
  color->Forward({}, {&data, &label});
  for (int k = 0; k < 784; ++k) ASSERT_EQ(data.cpu_data()[k], data.cpu_data()[2 * 784 + k]);  // B == R for gray
  auto resized = Make(dir, "batch_size: 2 new_height: 14 new_width: 20 is_color: false");
  resized->SetUp({}, {&data, &label});
  EXPECT_EQ(data.shape(), (std::vector<int>{2, 1, 14, 20}));
  resized->Forward({}, {&data, &label});
  EXPECT_EQ(data.shape(), (std::vector<int>{2, 1, 14, 20}));
  EXPECT_THROW(Make(dir, "new_height: 14")->SetUp({}, {&data, &label}), ConfigError);
}

std::vector<int> ShuffledLabels(const test::TempDir& dir, int64_t seed, int batches) {
  auto layer = Make(dir, "batch_size: 4 is_color: false shuffle: true");
  Rng rng(seed);
  layer->set_rng(&rng);
  Blob data, label;
  layer->SetUp({}, {&data, &label});
  std::vector<int> all;
  for (int b = 0; b < batches; ++b) {
    layer->Forward({}, {&data, &label});
    const auto l = Labels(label);
    all.insert(all.end(), l.begin(), l.end());
  }
  return all;
}

TEST(ImageDataLayer, ShuffleIsDeterministicPerSeedAndReshufflesEachEpoch) {
  test::TempDir dir;
  // Distinct labels 0..7 so the order is visible in the labels.
  const test::Digits digits = test::LoadDigits();
  std::filesystem::create_directory(dir / "imgs");
  std::string list;
  for (int i = 0; i < kImages; ++i) {
    test::WritePng(dir / ("imgs/" + std::to_string(i) + ".png"), 28, 28, 1, digits.images.image(i));
    list += std::to_string(i) + ".png " + std::to_string(i) + "\n";
  }
  test::WriteText(dir / "list.txt", list);
  const std::vector<int> a = ShuffledLabels(dir, 1701, 4);  // two epochs
  EXPECT_EQ(a, ShuffledLabels(dir, 1701, 4));
  const std::vector<int> epoch1(a.begin(), a.begin() + kImages), epoch2(a.begin() + kImages, a.end());
  std::vector<int> sorted = epoch1;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  sorted = epoch2;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_NE(epoch1, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_NE(epoch1, epoch2);  // reshuffled at the wrap
  EXPECT_NE(a, ShuffledLabels(dir, 1702, 4));
}

// rand_skip: one draw in [0, rand_skip) after the transformer's seed; the same seed skips the same
// number of lines, and the first batch starts there and continues in list order.
TEST(ImageDataLayer, RandSkipStartsAtADrawnLine) {
  test::TempDir dir;
  const test::Digits digits = test::LoadDigits();
  WriteFixture(dir, digits);
  auto layer = Make(dir, "batch_size: 2 is_color: false rand_skip: 5");
  Rng rng(42);
  layer->set_rng(&rng);
  Blob data, label;
  layer->SetUp({}, {&data, &label});
  layer->Forward({}, {&data, &label});
  const int skip = static_cast<int>(Rng(42).NextUInt() % 5);
  for (int n = 0; n < 2; ++n) {
    EXPECT_EQ(Labels(label)[n], digits.labels[skip + n]);
    for (int k = 0; k < 784; ++k) ASSERT_EQ(data.cpu_data()[n * 784 + k], digits.images.image(skip + n)[k]);
  }
}

TEST(ImageDataLayer, CorruptImageErrorNamesTheFile) {
  test::TempDir dir;
  WriteFixture(dir, test::LoadDigits());
  test::WriteText(dir / "imgs/digit 1.png", "\x89PNG\r\n\x1a\ntruncated");
  auto layer = Make(dir, "batch_size: 2 is_color: false");
  Blob data, label;
  layer->SetUp({}, {&data, &label});  // the first image is fine
  try {
    layer->Forward({}, {&data, &label});
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("digit 1.png"), std::string::npos) << e.what();
  }
  test::WriteText(dir / "empty.txt", "");
  caffe::LayerParameter p;
  p.set_name("e");
  p.set_type("ImageData");
  p.add_top("data");
  p.add_top("label");
  p.mutable_image_data_param()->set_source(dir / "empty.txt");
  EXPECT_THROW(LayerRegistry::Global().Create(p)->SetUp({}, {&data, &label}), ConfigError);
}

}  // namespace
}  // namespace crema
