#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/prelu_layer.h"

namespace crema::test {

TEST(PReLULayer, ShapesAndDefaultSlope) {
  Rng rng(1);
  PReLULayer layer(LayerParamFromText("type: 'PReLU'"));
  layer.set_rng(&rng);
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
  ASSERT_EQ(layer.blobs().size(), 1u);
  EXPECT_EQ(layer.blobs()[0]->shape(), std::vector<int>{3});
  for (int c = 0; c < 3; ++c) EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_data()[c], 0.25f);

  PReLULayer shared(LayerParamFromText("type: 'PReLU' prelu_param { channel_shared: true }"));
  shared.set_rng(&rng);
  shared.SetUp({&x}, {&y});
  EXPECT_EQ(shared.blobs()[0]->count(), 1);
  EXPECT_EQ(shared.blobs()[0]->num_axes(), 0);

  Blob flat({5});
  PReLULayer one_axis(LayerParamFromText("type: 'PReLU'"));
  one_axis.set_rng(&rng);
  EXPECT_THROW(one_axis.SetUp({&flat}, {&y}), ConfigError);
}

TEST(PReLULayer, ForwardBackwardPerChannel) {
  Rng rng(1);
  PReLULayer layer(LayerParamFromText("type: 'PReLU'"));
  layer.set_rng(&rng);
  Blob x(1, 2, 1, 2), y;
  const float in[] = {-4.f, 2.f, -2.f, 1.f};
  std::copy(in, in + 4, x.mutable_cpu_data());
  layer.SetUp({&x}, {&y});
  layer.blobs()[0]->mutable_cpu_data()[1] = 0.5f;  // slopes [0.25, 0.5]
  layer.Forward({&x}, {&y});
  const float expect_y[] = {-1.f, 2.f, -1.f, 1.f};
  for (int i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect_y[i]);
  y.set_diff(1.f);
  layer.blobs()[0]->set_diff(0.f);
  layer.Backward({&y}, {true}, {&x});
  const float expect_dx[] = {0.25f, 1.f, 0.5f, 1.f};
  for (int i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(x.cpu_diff()[i], expect_dx[i]);
  EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_diff()[0], -4.f);  // sum of dy * x over x <= 0
  EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_diff()[1], -2.f);
  // Param gradients accumulate.
  layer.Backward({&y}, {true}, {&x});
  EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_diff()[0], -8.f);
}

TEST(PReLULayer, InPlaceMatchesOutOfPlace) {
  Rng rng(1);
  PReLULayer a(LayerParamFromText("type: 'PReLU'")), b(LayerParamFromText("type: 'PReLU'"));
  a.set_rng(&rng);
  b.set_rng(&rng);
  Blob x(2, 3, 2, 2), y, xi(2, 3, 2, 2);
  FillGaussianTest(&x);
  xi.CopyFrom(x);
  a.SetUp({&x}, {&y});
  b.SetUp({&xi}, {&xi});
  a.Forward({&x}, {&y});
  b.Forward({&xi}, {&xi});
  for (int i = 0; i < y.count(); ++i) {
    const float g = 0.1f * static_cast<float>(i % 7) - 0.3f;  // same top diff for both
    y.mutable_cpu_diff()[i] = g;
    xi.mutable_cpu_diff()[i] = g;
  }
  a.blobs()[0]->set_diff(0.f);
  b.blobs()[0]->set_diff(0.f);
  a.Backward({&y}, {true}, {&x});
  b.Backward({&xi}, {true}, {&xi});
  for (int i = 0; i < x.count(); ++i) {
    EXPECT_FLOAT_EQ(xi.cpu_data()[i], y.cpu_data()[i]);
    EXPECT_FLOAT_EQ(xi.cpu_diff()[i], x.cpu_diff()[i]);
  }
  for (int c = 0; c < 3; ++c) EXPECT_FLOAT_EQ(b.blobs()[0]->cpu_diff()[c], a.blobs()[0]->cpu_diff()[c]);
}

TEST(PReLULayer, GradientCheck) {
  PReLULayer layer(LayerParamFromText("type: 'PReLU' prelu_param { filler { type: 'gaussian' std: 0.3 } }"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y}, KinkAtZero());
}

TEST(PReLULayer, GradientCheckChannelShared) {
  PReLULayer layer(LayerParamFromText("type: 'PReLU' prelu_param { channel_shared: true }"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y}, KinkAtZero());
}

}  // namespace crema::test
