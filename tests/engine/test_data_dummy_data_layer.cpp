// DummyData layer: shapes (new and legacy forms), constant and random fillers, count checks.
#include <gtest/gtest.h>

#include "blob.h"
#include "common.h"
#include "data/dummy_data_layer.h"
#include "gradient_checker.h"

namespace crema {
namespace {

using test::LayerParamFromText;

TEST(DummyDataLayer, DefaultIsZerosWithOneShapeForAllTops) {
  DummyDataLayer layer(
      LayerParamFromText("name: 'd' type: 'DummyData' top: 'a' top: 'b' "
                         "dummy_data_param { shape { dim: 2 dim: 3 } }"));
  Blob a, b;
  layer.SetUp({}, {&a, &b});  // constant fillers need no rng
  EXPECT_EQ(a.shape(), (std::vector<int>{2, 3}));
  EXPECT_EQ(b.shape(), (std::vector<int>{2, 3}));
  layer.Forward({}, {&a, &b});
  EXPECT_FLOAT_EQ(a.asum_data(), 0.f);
  EXPECT_FLOAT_EQ(b.asum_data(), 0.f);
}

TEST(DummyDataLayer, LegacyDimsAndPerTopFillers) {
  DummyDataLayer layer(LayerParamFromText(
      "name: 'd' type: 'DummyData' top: 'a' top: 'b' dummy_data_param { "
      "num: 2 channels: 3 channels: 1 height: 4 width: 5 "
      "data_filler { type: 'constant' value: 7 } data_filler { type: 'uniform' min: 1 max: 2 } }"));
  Blob a, b;
  Rng rng(5);
  layer.set_rng(&rng);
  layer.SetUp({}, {&a, &b});
  EXPECT_EQ(a.shape(), (std::vector<int>{2, 3, 4, 5}));
  EXPECT_EQ(b.shape(), (std::vector<int>{2, 1, 4, 5}));
  EXPECT_FLOAT_EQ(a.cpu_data()[0], 7.f);
  layer.Forward({}, {&a, &b});
  EXPECT_FLOAT_EQ(a.asum_data(), 7.f * a.count());
  const std::vector<float> first(b.cpu_data(), b.cpu_data() + b.count());
  for (float v : first) {
    EXPECT_GE(v, 1.f);
    EXPECT_LE(v, 2.f);
  }
  layer.Forward({}, {&a, &b});  // random fillers refill every Forward
  EXPECT_NE(std::vector<float>(b.cpu_data(), b.cpu_data() + b.count()), first);
}

TEST(DummyDataLayer, CountErrors) {
  Blob a, b, c;
  DummyDataLayer two_fillers(LayerParamFromText(
      "name: 'd' type: 'DummyData' top: 'a' top: 'b' top: 'c' dummy_data_param { "
      "shape { dim: 1 } data_filler { value: 1 } data_filler { value: 2 } }"));
  EXPECT_THROW(two_fillers.SetUp({}, {&a, &b, &c}), ConfigError);
  DummyDataLayer both(
      LayerParamFromText("name: 'd' type: 'DummyData' top: 'a' dummy_data_param { "
                         "shape { dim: 1 } num: 1 channels: 1 height: 1 width: 1 }"));
  EXPECT_THROW(both.SetUp({}, {&a}), ConfigError);
  DummyDataLayer shapes(LayerParamFromText(
      "name: 'd' type: 'DummyData' top: 'a' top: 'b' top: 'c' dummy_data_param { "
      "shape { dim: 1 } shape { dim: 2 } }"));
  EXPECT_THROW(shapes.SetUp({}, {&a, &b, &c}), ConfigError);
}

}  // namespace
}  // namespace crema
