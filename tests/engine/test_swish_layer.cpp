#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/swish_layer.h"

namespace crema::test {

TEST(SwishLayer, ShapeFollowsBottom) {
  SwishLayer layer(LayerParamFromText("type: 'Swish'"));
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
}

TEST(SwishLayer, ForwardBackwardHandComputed) {
  SwishLayer layer(LayerParamFromText("type: 'Swish'"));
  Blob x({3}), y;
  const float in[] = {0.f, 1.f, -2.f};
  std::copy(in, in + 3, x.mutable_cpu_data());
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_NEAR(y.cpu_data()[0], 0.0, 1e-7);
  EXPECT_NEAR(y.cpu_data()[1], 0.731058579, 1e-6);
  EXPECT_NEAR(y.cpu_data()[2], -0.238405844, 1e-6);
  y.set_diff(1.f);
  layer.Backward({&y}, {true}, {&x});
  EXPECT_NEAR(x.cpu_diff()[0], 0.5, 1e-6);
  EXPECT_NEAR(x.cpu_diff()[1], 0.927670512, 1e-6);
  EXPECT_NEAR(x.cpu_diff()[2], -0.090784249, 1e-6);
}

TEST(SwishLayer, BetaScalesSigmoidInput) {
  SwishLayer layer(LayerParamFromText("type: 'Swish' swish_param { beta: 2 }"));
  Blob x({1}), y;
  x.mutable_cpu_data()[0] = 1.f;
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_NEAR(y.cpu_data()[0], 0.880797078, 1e-6);  // 1 * sigmoid(2)
}

TEST(SwishLayer, GradientCheck) {
  SwishLayer layer(LayerParamFromText("type: 'Swish' swish_param { beta: 1.5 }"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y});
}

}  // namespace crema::test
