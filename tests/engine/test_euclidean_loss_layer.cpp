#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/euclidean_loss_layer.h"

namespace crema::test {

TEST(EuclideanLossLayer, ShapesAndErrors) {
  Blob a(2, 3, 4, 5), b(2, 60, 1, 1), y;
  EuclideanLossLayer layer(LayerParamFromText("type: 'EuclideanLoss'"));
  layer.SetUp({&a, &b}, {&y});
  EXPECT_EQ(y.count(), 1);
  EXPECT_EQ(y.num_axes(), 0);
  EXPECT_TRUE(layer.AllowForceBackward(1));
  Blob c(2, 59, 1, 1);
  EuclideanLossLayer bad(LayerParamFromText("type: 'EuclideanLoss'"));
  EXPECT_THROW(bad.SetUp({&a, &c}, {&y}), ConfigError);
}

TEST(EuclideanLossLayer, ForwardBackwardHandComputed) {
  Blob a({2, 2}), b({2, 2}), y;
  const float av[] = {1, 2, 3, 4}, bv[] = {0, 2, 1, 1};
  std::copy(av, av + 4, a.mutable_cpu_data());
  std::copy(bv, bv + 4, b.mutable_cpu_data());
  EuclideanLossLayer layer(LayerParamFromText("type: 'EuclideanLoss' loss_weight: 2"));
  layer.SetUp({&a, &b}, {&y});
  // (1 + 0 + 4 + 9) / 2 / 2 = 3.5, times loss_weight 2.
  EXPECT_FLOAT_EQ(layer.Forward({&a, &b}, {&y}), 7.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[0], 3.5f);
  layer.Backward({&y}, {true, true}, {&a, &b});
  const float da[] = {1, 0, 2, 3};  // 2 * diff / N
  for (int i = 0; i < 4; ++i) {
    EXPECT_FLOAT_EQ(a.cpu_diff()[i], da[i]);
    EXPECT_FLOAT_EQ(b.cpu_diff()[i], -da[i]);
  }
}

TEST(EuclideanLossLayer, GradientCheckBothInputs) {
  // Small loss keeps the float32 loss precise enough for central differences.
  Blob a(2, 3, 2, 2), b(2, 3, 2, 2), y;
  FillGaussianTest(&a, 0.5f);
  FillGaussianTest(&b, 0.5f, 2);
  EuclideanLossLayer layer(LayerParamFromText("type: 'EuclideanLoss' loss_weight: 1.5"));
  CheckGradient(layer, {&a, &b}, {&y});
}

}  // namespace crema::test
