#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/absval_layer.h"

namespace crema::test {

TEST(AbsValLayer, ShapeFollowsBottomAndRefusesInPlace) {
  AbsValLayer layer(LayerParamFromText("type: 'AbsVal'"));
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
  AbsValLayer inplace(LayerParamFromText("type: 'AbsVal'"));
  EXPECT_THROW(inplace.SetUp({&x}, {&x}), ConfigError);
}

TEST(AbsValLayer, ForwardBackwardHandComputed) {
  AbsValLayer layer(LayerParamFromText("type: 'AbsVal'"));
  Blob x({3}), y;
  const float in[] = {-3.f, 0.f, 2.f};
  std::copy(in, in + 3, x.mutable_cpu_data());
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_FLOAT_EQ(y.cpu_data()[0], 3.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[1], 0.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[2], 2.f);
  y.set_diff(0.5f);
  layer.Backward({&y}, {true}, {&x});
  EXPECT_FLOAT_EQ(x.cpu_diff()[0], -0.5f);
  EXPECT_FLOAT_EQ(x.cpu_diff()[1], 0.f);  // sign(0) = 0
  EXPECT_FLOAT_EQ(x.cpu_diff()[2], 0.5f);
}

TEST(AbsValLayer, GradientCheck) {
  AbsValLayer layer(LayerParamFromText("type: 'AbsVal'"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y}, KinkAtZero());
}

}  // namespace crema::test
