#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/reshape_layer.h"

namespace crema::test {

namespace {
std::vector<int> ShapeAfter(const std::string& param, const std::vector<int>& in) {
  Blob x(in), y;
  ReshapeLayer layer(LayerParamFromText("type: 'Reshape' reshape_param { " + param + " }"));
  layer.SetUp({&x}, {&y});
  return y.shape();
}
}  // namespace

TEST(ReshapeLayer, ZeroCopiesAndMinusOneInfers) {
  EXPECT_EQ(ShapeAfter("shape { dim: 0 dim: -1 }", {2, 3, 4, 5}), (std::vector<int>{2, 60}));
  EXPECT_EQ(ShapeAfter("shape { dim: 0 dim: 2 dim: -1 dim: 0 }", {2, 6, 4, 5}), (std::vector<int>{2, 2, 12, 5}));
  EXPECT_EQ(ShapeAfter("shape { dim: -1 }", {2, 3, 4, 5}), (std::vector<int>{120}));
  EXPECT_EQ(ShapeAfter("shape { dim: 6 dim: 20 }", {2, 3, 4, 5}), (std::vector<int>{6, 20}));
}

TEST(ReshapeLayer, AxisAndNumAxes) {
  // Replace axis 1 only: (2,3,4,5) -> (2,3,1,4,5).
  EXPECT_EQ(ShapeAfter("shape { dim: 3 dim: 1 } axis: 1 num_axes: 1", {2, 3, 4, 5}),
            (std::vector<int>{2, 3, 1, 4, 5}));
  // Insert axes at the end (axis -1 = after the last axis, num_axes 0).
  EXPECT_EQ(ShapeAfter("shape { dim: 1 dim: 1 } axis: -1 num_axes: 0", {2, 3}), (std::vector<int>{2, 3, 1, 1}));
  // Insert at the front.
  EXPECT_EQ(ShapeAfter("shape { dim: 1 } axis: 0 num_axes: 0", {2, 3}), (std::vector<int>{1, 2, 3}));
  // Negative axes count from "after the last axis" (-1): axis -3 starts at axis 2,
  // so this flattens the last two axes; axis -2 would only replace the last one.
  EXPECT_EQ(ShapeAfter("shape { dim: -1 } axis: -3", {2, 3, 4, 5}), (std::vector<int>{2, 3, 20}));
  EXPECT_EQ(ShapeAfter("shape { dim: -1 } axis: -2", {2, 3, 4, 5}), (std::vector<int>{2, 3, 4, 5}));
}

TEST(ReshapeLayer, Errors) {
  EXPECT_THROW(ShapeAfter("shape { dim: -1 dim: -1 }", {2, 3}), ConfigError);
  EXPECT_THROW(ShapeAfter("shape { dim: 7 dim: -1 }", {2, 3}), ConfigError);
  EXPECT_THROW(ShapeAfter("shape { dim: 4 dim: 2 }", {2, 3}), ConfigError);
  EXPECT_THROW(ShapeAfter("shape { dim: 0 dim: 0 dim: 0 }", {2, 3}), ConfigError);
  Blob x({2, 3});
  ReshapeLayer in_place(LayerParamFromText("type: 'Reshape' reshape_param { shape { dim: 6 } }"));
  EXPECT_THROW(in_place.SetUp({&x}, {&x}), ConfigError);
}

TEST(ReshapeLayer, SharesValuesAndGradient) {
  Blob x({2, 3}), y;
  for (int i = 0; i < 6; ++i) x.mutable_cpu_data()[i] = static_cast<float>(i);
  ReshapeLayer layer(LayerParamFromText("type: 'Reshape' reshape_param { shape { dim: 3 dim: 2 } }"));
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_FLOAT_EQ(y.cpu_data()[5], 5.f);
  y.mutable_cpu_diff()[2] = 9.f;
  layer.Backward({&y}, {true}, {&x});
  EXPECT_FLOAT_EQ(x.cpu_diff()[2], 9.f);
}

TEST(ReshapeLayer, GradientCheck) {
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  ReshapeLayer layer(LayerParamFromText("type: 'Reshape' reshape_param { shape { dim: 0 dim: -1 dim: 5 } }"));
  CheckGradient(layer, {&x}, {&y});
}

}  // namespace crema::test
