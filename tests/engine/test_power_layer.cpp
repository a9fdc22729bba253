#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/power_layer.h"

namespace crema::test {

namespace {
void RunPower(PowerLayer& layer, Blob& x, Blob& y, float top_diff) {
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  y.set_diff(top_diff);
  layer.Backward({&y}, {true}, {&x});
}
}  // namespace

TEST(PowerLayer, ShapeFollowsBottom) {
  PowerLayer layer(LayerParamFromText("type: 'Power'"));
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
}

TEST(PowerLayer, SquareWithScaleAndShift) {
  PowerLayer layer(LayerParamFromText("type: 'Power' power_param { power: 2 scale: 3 shift: 1 }"));
  Blob x({3}), y;
  const float in[] = {1.f, -1.f, 0.5f};
  std::copy(in, in + 3, x.mutable_cpu_data());
  RunPower(layer, x, y, 1.f);
  // (3x + 1)^2 and its derivative 6 (3x + 1).
  EXPECT_FLOAT_EQ(y.cpu_data()[0], 16.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[1], 4.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[2], 6.25f);
  EXPECT_FLOAT_EQ(x.cpu_diff()[0], 24.f);
  EXPECT_FLOAT_EQ(x.cpu_diff()[1], -12.f);
  EXPECT_FLOAT_EQ(x.cpu_diff()[2], 15.f);
}

TEST(PowerLayer, CubeWithoutShiftUsesYOverX) {
  PowerLayer layer(LayerParamFromText("type: 'Power' power_param { power: 3 scale: 2 }"));
  Blob x({2}), y;
  x.mutable_cpu_data()[0] = 1.f;
  x.mutable_cpu_data()[1] = 2.f;
  RunPower(layer, x, y, 1.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[0], 8.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[1], 64.f);
  EXPECT_FLOAT_EQ(x.cpu_diff()[0], 24.f);  // 24 x^2
  EXPECT_FLOAT_EQ(x.cpu_diff()[1], 96.f);
}

TEST(PowerLayer, ZeroPowerOrScaleGivesConstant) {
  PowerLayer p0(LayerParamFromText("type: 'Power' power_param { power: 0 shift: 5 }"));
  Blob x({2}), y;
  x.mutable_cpu_data()[0] = 3.f;
  x.mutable_cpu_data()[1] = -7.f;
  RunPower(p0, x, y, 1.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[0], 1.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[1], 1.f);
  EXPECT_FLOAT_EQ(x.cpu_diff()[0], 0.f);
  PowerLayer s0(LayerParamFromText("type: 'Power' power_param { power: 2 scale: 0 shift: 3 }"));
  Blob y2;
  RunPower(s0, x, y2, 1.f);
  EXPECT_FLOAT_EQ(y2.cpu_data()[0], 9.f);
  EXPECT_FLOAT_EQ(x.cpu_diff()[1], 0.f);
}

TEST(PowerLayer, GradientCheckGeneral) {
  PowerLayer layer(LayerParamFromText("type: 'Power' power_param { power: 0.37 scale: 0.83 shift: -2.4 }"));
  Blob x(2, 3, 4, 5), y;
  FillUniformTest(&x, 3.5f, 6.f);  // keep shift + scale * x > 0
  CheckGradient(layer, {&x}, {&y});
}

TEST(PowerLayer, GradientCheckSquareAndNoShift) {
  PowerLayer sq(LayerParamFromText("type: 'Power' power_param { power: 2 scale: 0.83 shift: -2.4 }"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(sq, {&x}, {&y});
  PowerLayer ns(LayerParamFromText("type: 'Power' power_param { power: 1.5 scale: 0.5 }"));
  Blob x2(2, 3, 4, 5), y2;
  FillUniformTest(&x2, 0.5f, 2.f);
  CheckGradient(ns, {&x2}, {&y2});
}

}  // namespace crema::test
