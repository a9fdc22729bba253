#include <gtest/gtest.h>

#include <cmath>

#include "gradient_checker.h"
#include "layers/mvn_layer.h"

namespace crema::test {

TEST(MVNLayer, ShapeFollowsBottom) {
  Blob x(2, 3, 4, 5), y;
  MVNLayer layer(LayerParamFromText("type: 'MVN'"));
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
}

TEST(MVNLayer, PerChannelHandComputed) {
  // Map 0: [1, 3, 5, 7] mean 4, std sqrt(5). Map 1: [2, 2, 2, 2].
  Blob x(1, 2, 2, 2), y;
  const float v[] = {1, 3, 5, 7, 2, 2, 2, 2};
  std::copy(v, v + 8, x.mutable_cpu_data());
  MVNLayer layer(LayerParamFromText("type: 'MVN' mvn_param { eps: 0.01 }"));
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  const double sd = std::sqrt(5.0) + 0.01;  // eps after the square root
  const double expect[] = {-3 / sd, -1 / sd, 1 / sd, 3 / sd, 0, 0, 0, 0};
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(y.cpu_data()[i], expect[i], 1e-6) << i;
}

TEST(MVNLayer, MeanOnlyAndAcrossChannels) {
  Blob x(1, 2, 1, 2), y;
  const float v[] = {1, 3, 5, 7};
  std::copy(v, v + 4, x.mutable_cpu_data());
  MVNLayer mean_only(LayerParamFromText("type: 'MVN' mvn_param { normalize_variance: false }"));
  mean_only.SetUp({&x}, {&y});
  mean_only.Forward({&x}, {&y});
  const float e1[] = {-1, 1, -1, 1};
  for (int i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], e1[i]);
  y.set_diff(0.f);
  y.mutable_cpu_diff()[0] = 1.f;
  mean_only.Backward({&y}, {true}, {&x});
  EXPECT_FLOAT_EQ(x.cpu_diff()[0], 0.5f);
  EXPECT_FLOAT_EQ(x.cpu_diff()[1], -0.5f);
  EXPECT_FLOAT_EQ(x.cpu_diff()[2], 0.f);
  MVNLayer across(LayerParamFromText("type: 'MVN' mvn_param { across_channels: true normalize_variance: false }"));
  across.SetUp({&x}, {&y});
  across.Forward({&x}, {&y});
  const float e2[] = {-3, -1, 1, 3};
  for (int i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], e2[i]);
}

TEST(MVNLayer, GradientCheckAllModes) {
  for (const char* p : {"", "mvn_param { across_channels: true }", "mvn_param { normalize_variance: false }"}) {
    Blob x(2, 3, 4, 5), y;
    FillGaussianTest(&x);
    MVNLayer layer(LayerParamFromText(std::string("type: 'MVN' ") + p));
    CheckGradient(layer, {&x}, {&y});
  }
}

}  // namespace crema::test
