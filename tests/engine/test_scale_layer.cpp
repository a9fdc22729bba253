#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/scale_layer.h"

namespace crema::test {

TEST(ScaleLayer, ShapesAndDefaults) {
  Rng rng(1);
  ScaleLayer layer(LayerParamFromText("type: 'Scale'"));
  layer.set_rng(&rng);
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
  ASSERT_EQ(layer.blobs().size(), 1u);
  EXPECT_EQ(layer.blobs()[0]->shape(), std::vector<int>{3});
  for (int c = 0; c < 3; ++c) EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_data()[c], 1.f);  // default filler 1

  ScaleLayer with_bias(LayerParamFromText("type: 'Scale' scale_param { axis: 1 num_axes: 2 bias_term: true }"));
  with_bias.set_rng(&rng);
  with_bias.SetUp({&x}, {&y});
  ASSERT_EQ(with_bias.blobs().size(), 2u);
  EXPECT_EQ(with_bias.blobs()[0]->shape(), (std::vector<int>{3, 4}));
  EXPECT_EQ(with_bias.blobs()[1]->shape(), (std::vector<int>{3, 4}));
  EXPECT_FLOAT_EQ(with_bias.blobs()[1]->cpu_data()[0], 0.f);

  ScaleLayer to_end(LayerParamFromText("type: 'Scale' scale_param { axis: -2 num_axes: -1 }"));
  to_end.set_rng(&rng);
  to_end.SetUp({&x}, {&y});
  EXPECT_EQ(to_end.blobs()[0]->shape(), (std::vector<int>{4, 5}));

  Blob s({3, 5}), y2;
  ScaleLayer mismatch(LayerParamFromText("type: 'Scale'"));
  EXPECT_THROW(mismatch.SetUp({&x, &s}, {&y2}), ConfigError);
}

TEST(ScaleLayer, ForwardBackwardWithBias) {
  Rng rng(1);
  ScaleLayer layer(LayerParamFromText("type: 'Scale' scale_param { bias_term: true }"));
  layer.set_rng(&rng);
  Blob x({2, 3}), y;
  const float in[] = {1.f, 2.f, 3.f, -1.f, 0.5f, 4.f};
  std::copy(in, in + 6, x.mutable_cpu_data());
  layer.SetUp({&x}, {&y});
  const float s[] = {1.f, 2.f, 3.f}, b[] = {0.5f, 0.f, -1.f};
  std::copy(s, s + 3, layer.blobs()[0]->mutable_cpu_data());
  std::copy(b, b + 3, layer.blobs()[1]->mutable_cpu_data());
  layer.Forward({&x}, {&y});
  const float expect[] = {1.5f, 4.f, 8.f, -0.5f, 1.f, 11.f};
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect[i]);
  y.set_diff(1.f);
  layer.blobs()[0]->set_diff(0.f);
  layer.blobs()[1]->set_diff(0.f);
  layer.Backward({&y}, {true}, {&x});
  const float dx[] = {1.f, 2.f, 3.f, 1.f, 2.f, 3.f};
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(x.cpu_diff()[i], dx[i]);
  const float ds[] = {0.f, 2.5f, 7.f}, db[] = {2.f, 2.f, 2.f};
  for (int c = 0; c < 3; ++c) {
    EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_diff()[c], ds[c]);
    EXPECT_FLOAT_EQ(layer.blobs()[1]->cpu_diff()[c], db[c]);
  }
}

TEST(ScaleLayer, TwoBottomsScalarScale) {
  ScaleLayer layer(LayerParamFromText("type: 'Scale'"));
  Blob x({2, 2}), s(std::vector<int>{}), y;
  const float in[] = {1.f, -2.f, 3.f, 4.f};
  std::copy(in, in + 4, x.mutable_cpu_data());
  s.mutable_cpu_data()[0] = -0.5f;
  layer.SetUp({&x, &s}, {&y});
  EXPECT_TRUE(layer.blobs().empty());
  layer.Forward({&x, &s}, {&y});
  EXPECT_FLOAT_EQ(y.cpu_data()[1], 1.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[3], -2.f);
  y.set_diff(1.f);
  s.set_diff(99.f);  // a bottom gradient is overwritten, not accumulated
  layer.Backward({&y}, {true, true}, {&x, &s});
  EXPECT_FLOAT_EQ(s.cpu_diff()[0], 6.f);
  EXPECT_FLOAT_EQ(x.cpu_diff()[0], -0.5f);
}

TEST(ScaleLayer, InPlaceGradientOfScaleUsesOriginalInput) {
  Rng rng(1);
  ScaleLayer layer(LayerParamFromText("type: 'Scale' scale_param { filler { type: 'constant' value: 3 } }"));
  layer.set_rng(&rng);
  Blob x({1, 2});
  x.mutable_cpu_data()[0] = 2.f;
  x.mutable_cpu_data()[1] = 5.f;
  layer.SetUp({&x}, {&x});
  layer.Forward({&x}, {&x});
  EXPECT_FLOAT_EQ(x.cpu_data()[0], 6.f);
  x.set_diff(1.f);
  layer.blobs()[0]->set_diff(0.f);
  layer.Backward({&x}, {true}, {&x});
  EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_diff()[0], 2.f);
  EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_diff()[1], 5.f);
  EXPECT_FLOAT_EQ(x.cpu_diff()[0], 3.f);
}

TEST(ScaleLayer, GradientCheckParamWithBias) {
  ScaleLayer layer(LayerParamFromText(
      "type: 'Scale' scale_param { axis: 1 num_axes: 2 bias_term: true filler { type: 'gaussian' } "
      "bias_filler { type: 'gaussian' } }"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y});
}

TEST(ScaleLayer, GradientCheckTwoBottoms) {
  ScaleLayer layer(LayerParamFromText("type: 'Scale' scale_param { axis: 0 }"));
  Blob x(2, 3, 4, 5), s({2, 3}), y;
  FillGaussianTest(&x);
  FillGaussianTest(&s, 1.f, 3);
  CheckGradient(layer, {&x, &s}, {&y});
}

}  // namespace crema::test
