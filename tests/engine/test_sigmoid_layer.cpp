#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/sigmoid_layer.h"

namespace crema::test {

TEST(SigmoidLayer, ShapeFollowsBottom) {
  SigmoidLayer layer(LayerParamFromText("type: 'Sigmoid'"));
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
}

TEST(SigmoidLayer, ForwardBackwardHandComputed) {
  SigmoidLayer layer(LayerParamFromText("type: 'Sigmoid'"));
  Blob x({3}), y;
  const float in[] = {0.f, 2.f, -1.f};
  std::copy(in, in + 3, x.mutable_cpu_data());
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_NEAR(y.cpu_data()[0], 0.5, 1e-6);
  EXPECT_NEAR(y.cpu_data()[1], 0.880797078, 1e-6);
  EXPECT_NEAR(y.cpu_data()[2], 0.268941421, 1e-6);
  y.set_diff(1.f);
  layer.Backward({&y}, {true}, {&x});
  EXPECT_NEAR(x.cpu_diff()[0], 0.25, 1e-6);
  EXPECT_NEAR(x.cpu_diff()[1], 0.104993585, 1e-6);
  EXPECT_NEAR(x.cpu_diff()[2], 0.196611933, 1e-6);
}

TEST(SigmoidLayer, GradientCheck) {
  SigmoidLayer layer(LayerParamFromText("type: 'Sigmoid'"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y});
}

}  // namespace crema::test
