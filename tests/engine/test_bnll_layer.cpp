#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/bnll_layer.h"

namespace crema::test {

TEST(BNLLLayer, ShapeFollowsBottom) {
  BNLLLayer layer(LayerParamFromText("type: 'BNLL'"));
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
}

TEST(BNLLLayer, ForwardBackwardHandComputed) {
  BNLLLayer layer(LayerParamFromText("type: 'BNLL'"));
  Blob x({4}), y;
  const float in[] = {0.f, 1.f, -1.f, 100.f};
  std::copy(in, in + 4, x.mutable_cpu_data());
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_NEAR(y.cpu_data()[0], 0.693147181, 1e-6);  // ln 2
  EXPECT_NEAR(y.cpu_data()[1], 1.313261687, 1e-6);
  EXPECT_NEAR(y.cpu_data()[2], 0.313261687, 1e-6);
  EXPECT_FLOAT_EQ(y.cpu_data()[3], 100.f);  // stable for large x
  y.set_diff(1.f);
  layer.Backward({&y}, {true}, {&x});
  EXPECT_NEAR(x.cpu_diff()[0], 0.5, 1e-6);
  EXPECT_NEAR(x.cpu_diff()[1], 0.731058579, 1e-6);
  EXPECT_NEAR(x.cpu_diff()[2], 0.268941421, 1e-6);
  EXPECT_NEAR(x.cpu_diff()[3], 1.0, 1e-6);  // exp capped at 50: no inf/inf
}

TEST(BNLLLayer, GradientCheck) {
  BNLLLayer layer(LayerParamFromText("type: 'BNLL'"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y});
}

}  // namespace crema::test
