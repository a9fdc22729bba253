// Input: shapes from input_param (one for all tops, one per top, none), errors.
#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layer_registry.h"
#include "layers/input_layer.h"

namespace crema {
namespace {

using test::LayerParamFromText;

TEST(InputLayer, OneShapeForAllTops) {
  InputLayer layer(LayerParamFromText("type: 'Input' input_param { shape { dim: 64 dim: 1 dim: 28 dim: 28 } }"));
  Blob a, b;
  layer.SetUp({}, {&a, &b});
  EXPECT_EQ(a.shape(), (std::vector<int>{64, 1, 28, 28}));
  EXPECT_EQ(b.shape(), (std::vector<int>{64, 1, 28, 28}));
}

TEST(InputLayer, OneShapePerTop) {
  InputLayer layer(LayerParamFromText(
      "type: 'Input' input_param { shape { dim: 10 dim: 3 dim: 227 dim: 227 } shape { dim: 10 } }"));
  Blob data, label;
  layer.SetUp({}, {&data, &label});
  EXPECT_EQ(data.shape(), (std::vector<int>{10, 3, 227, 227}));
  EXPECT_EQ(label.shape(), (std::vector<int>{10}));
  EXPECT_EQ(data.shape_string(), "10 3 227 227 (1545870)");
}

TEST(InputLayer, NoShapeKeepsTop) {
  InputLayer layer(LayerParamFromText("type: 'Input'"));
  Blob a({2, 3});
  layer.SetUp({}, {&a});
  EXPECT_EQ(a.shape(), (std::vector<int>{2, 3}));
}

TEST(InputLayer, ForwardKeepsData) {
  InputLayer layer(LayerParamFromText("type: 'Input' input_param { shape { dim: 2 } }"));
  Blob a;
  layer.SetUp({}, {&a});
  a.mutable_cpu_data()[0] = 3.f;
  a.mutable_cpu_data()[1] = 4.f;
  EXPECT_EQ(layer.Forward({}, {&a}), 0.f);
  EXPECT_EQ(a.cpu_data()[0], 3.f);
  EXPECT_EQ(a.cpu_data()[1], 4.f);
}

TEST(InputLayer, WrongNumberOfShapesThrows) {
  InputLayer layer(
      LayerParamFromText("type: 'Input' input_param { shape { dim: 1 } shape { dim: 2 } }"));
  Blob a, b, c;
  EXPECT_THROW(layer.SetUp({}, {&a, &b, &c}), ConfigError);
}

TEST(InputLayer, RejectsBottoms) {
  InputLayer layer(LayerParamFromText("type: 'Input' input_param { shape { dim: 1 } }"));
  Blob bottom({1}), a;
  EXPECT_THROW(layer.SetUp({&bottom}, {&a}), ConfigError);
}

TEST(InputLayer, Registered) {
  auto layer = LayerRegistry::Global().Create(LayerParamFromText("type: 'Input'"));
  EXPECT_STREQ(layer->type(), "Input");
}

}  // namespace
}  // namespace crema
