#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/exp_layer.h"

namespace crema::test {

TEST(ExpLayer, ShapeFollowsBottomAndBaseChecked) {
  ExpLayer layer(LayerParamFromText("type: 'Exp'"));
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
  ExpLayer bad(LayerParamFromText("type: 'Exp' exp_param { base: -2 }"));
  EXPECT_THROW(bad.SetUp({&x}, {&y}), ConfigError);
}

TEST(ExpLayer, Base2ScaleShiftHandComputed) {
  ExpLayer layer(LayerParamFromText("type: 'Exp' exp_param { base: 2 scale: 3 shift: 1 }"));
  Blob x({3}), y;
  const float in[] = {0.f, 1.f, -1.f};
  std::copy(in, in + 3, x.mutable_cpu_data());
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  // 2^(1 + 3x)
  EXPECT_NEAR(y.cpu_data()[0], 2.0, 1e-5);
  EXPECT_NEAR(y.cpu_data()[1], 16.0, 1e-4);
  EXPECT_NEAR(y.cpu_data()[2], 0.25, 1e-6);
  y.set_diff(1.f);
  layer.Backward({&y}, {true}, {&x});
  // y * 3 ln 2
  EXPECT_NEAR(x.cpu_diff()[0], 4.158883083, 1e-5);
  EXPECT_NEAR(x.cpu_diff()[1], 33.27106466, 1e-4);
  EXPECT_NEAR(x.cpu_diff()[2], 0.519860385, 1e-6);
}

TEST(ExpLayer, DefaultIsNaturalExp) {
  ExpLayer layer(LayerParamFromText("type: 'Exp'"));
  Blob x({1}), y;
  x.mutable_cpu_data()[0] = 1.f;
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_NEAR(y.cpu_data()[0], 2.718281828, 1e-6);
}

TEST(ExpLayer, GradientCheck) {
  ExpLayer layer(LayerParamFromText("type: 'Exp' exp_param { base: 2 scale: 0.5 shift: 1 }"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y});
}

}  // namespace crema::test
