#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/tanh_layer.h"

namespace crema::test {

TEST(TanHLayer, ShapeFollowsBottom) {
  TanHLayer layer(LayerParamFromText("type: 'TanH'"));
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
}

TEST(TanHLayer, ForwardBackwardHandComputed) {
  TanHLayer layer(LayerParamFromText("type: 'TanH'"));
  Blob x({3}), y;
  const float in[] = {0.f, 0.5f, -2.f};
  std::copy(in, in + 3, x.mutable_cpu_data());
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_NEAR(y.cpu_data()[0], 0.0, 1e-7);
  EXPECT_NEAR(y.cpu_data()[1], 0.462117157, 1e-6);
  EXPECT_NEAR(y.cpu_data()[2], -0.964027580, 1e-6);
  y.set_diff(2.f);
  layer.Backward({&y}, {true}, {&x});
  EXPECT_NEAR(x.cpu_diff()[0], 2.0, 1e-6);
  EXPECT_NEAR(x.cpu_diff()[1], 2 * 0.786447733, 1e-5);
  EXPECT_NEAR(x.cpu_diff()[2], 2 * 0.070650825, 1e-5);
}

TEST(TanHLayer, GradientCheck) {
  TanHLayer layer(LayerParamFromText("type: 'TanH'"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y});
}

}  // namespace crema::test
