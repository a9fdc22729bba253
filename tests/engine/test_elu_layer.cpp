#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/elu_layer.h"

namespace crema::test {

TEST(ELULayer, ShapeFollowsBottom) {
  ELULayer layer(LayerParamFromText("type: 'ELU'"));
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
}

TEST(ELULayer, ForwardBackwardHandComputed) {
  ELULayer layer(LayerParamFromText("type: 'ELU' elu_param { alpha: 0.5 }"));
  Blob x({3}), y;
  const float in[] = {-1.f, 0.f, 2.f};
  std::copy(in, in + 3, x.mutable_cpu_data());
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_NEAR(y.cpu_data()[0], 0.5 * (std::exp(-1.0) - 1.0), 1e-6);  // -0.3160603
  EXPECT_FLOAT_EQ(y.cpu_data()[1], 0.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[2], 2.f);
  y.set_diff(1.f);
  layer.Backward({&y}, {true}, {&x});
  EXPECT_NEAR(x.cpu_diff()[0], 0.5 * std::exp(-1.0), 1e-6);  // 0.1839397
  EXPECT_FLOAT_EQ(x.cpu_diff()[1], 0.5f);                   // x = 0 takes the alpha branch
  EXPECT_FLOAT_EQ(x.cpu_diff()[2], 1.f);
}

TEST(ELULayer, InPlaceMatchesOutOfPlaceGradient) {
  ELULayer a(LayerParamFromText("type: 'ELU' elu_param { alpha: 0.7 }"));
  ELULayer b(LayerParamFromText("type: 'ELU' elu_param { alpha: 0.7 }"));
  Blob x({2, 3}), y, xi({2, 3});
  FillGaussianTest(&x);
  xi.CopyFrom(x);
  a.SetUp({&x}, {&y});
  b.SetUp({&xi}, {&xi});
  a.Forward({&x}, {&y});
  b.Forward({&xi}, {&xi});
  y.set_diff(1.f);
  xi.set_diff(1.f);
  a.Backward({&y}, {true}, {&x});
  b.Backward({&xi}, {true}, {&xi});
  for (int i = 0; i < 6; ++i) {
    EXPECT_FLOAT_EQ(xi.cpu_data()[i], y.cpu_data()[i]);
    EXPECT_NEAR(xi.cpu_diff()[i], x.cpu_diff()[i], 1e-6);
  }
}

TEST(ELULayer, GradientCheck) {
  ELULayer layer(LayerParamFromText("type: 'ELU' elu_param { alpha: 0.5 }"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y}, KinkAtZero());
}

}  // namespace crema::test
