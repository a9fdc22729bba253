#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/bias_layer.h"

namespace crema::test {

TEST(BiasLayer, ShapesAndDefaultZero) {
  Rng rng(1);
  BiasLayer layer(LayerParamFromText("type: 'Bias'"));
  layer.set_rng(&rng);
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
  ASSERT_EQ(layer.blobs().size(), 1u);
  EXPECT_EQ(layer.blobs()[0]->shape(), std::vector<int>{3});
  EXPECT_FLOAT_EQ(layer.blobs()[0]->asum_data(), 0.f);

  BiasLayer scalar(LayerParamFromText("type: 'Bias' bias_param { num_axes: 0 }"));
  scalar.set_rng(&rng);
  scalar.SetUp({&x}, {&y});
  EXPECT_EQ(scalar.blobs()[0]->num_axes(), 0);

  BiasLayer too_long(LayerParamFromText("type: 'Bias' bias_param { axis: 3 num_axes: 2 }"));
  too_long.set_rng(&rng);
  EXPECT_THROW(too_long.SetUp({&x}, {&y}), ConfigError);
}

TEST(BiasLayer, ForwardBackwardHandComputed) {
  Rng rng(1);
  BiasLayer layer(LayerParamFromText("type: 'Bias' bias_param { axis: 1 num_axes: 1 }"));
  layer.set_rng(&rng);
  Blob x({2, 2, 2}), y;
  for (int i = 0; i < 8; ++i) x.mutable_cpu_data()[i] = static_cast<float>(i);
  layer.SetUp({&x}, {&y});
  layer.blobs()[0]->mutable_cpu_data()[0] = 10.f;
  layer.blobs()[0]->mutable_cpu_data()[1] = -1.f;
  layer.Forward({&x}, {&y});
  const float expect[] = {10.f, 11.f, 1.f, 2.f, 14.f, 15.f, 5.f, 6.f};
  for (int i = 0; i < 8; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect[i]);
  for (int i = 0; i < 8; ++i) y.mutable_cpu_diff()[i] = static_cast<float>(i + 1);
  layer.blobs()[0]->set_diff(0.f);
  layer.Backward({&y}, {true}, {&x});
  EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_diff()[0], 1.f + 2.f + 5.f + 6.f);
  EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_diff()[1], 3.f + 4.f + 7.f + 8.f);
  for (int i = 0; i < 8; ++i) EXPECT_FLOAT_EQ(x.cpu_diff()[i], static_cast<float>(i + 1));
}

TEST(BiasLayer, GradientCheckParam) {
  BiasLayer layer(LayerParamFromText("type: 'Bias' bias_param { axis: 1 num_axes: 2 filler { type: 'gaussian' } }"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y});
}

TEST(BiasLayer, GradientCheckTwoBottoms) {
  BiasLayer layer(LayerParamFromText("type: 'Bias' bias_param { axis: 2 }"));
  Blob x(2, 3, 4, 5), b({4, 5}), y;
  FillGaussianTest(&x);
  FillGaussianTest(&b, 1.f, 4);
  CheckGradient(layer, {&x, &b}, {&y});
}

}  // namespace crema::test
