#include <gtest/gtest.h>

#include <cmath>

#include "gradient_checker.h"
#include "layers/batch_norm_layer.h"

namespace crema::test {

TEST(BatchNormLayer, ShapesBlobsAndLrMultZero) {
  BatchNormLayer layer(LayerParamFromText("type: 'BatchNorm'"));
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
  ASSERT_EQ(layer.blobs().size(), 3u);
  EXPECT_EQ(layer.blobs()[0]->shape(), std::vector<int>{3});
  EXPECT_EQ(layer.blobs()[1]->shape(), std::vector<int>{3});
  EXPECT_EQ(layer.blobs()[2]->shape(), std::vector<int>{1});
  // Caffe appends param { lr_mult: 0 } for each statistic blob.
  ASSERT_EQ(layer.layer_param().param_size(), 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(layer.layer_param().param(i).lr_mult(), 0.f);

  BatchNormLayer learned(LayerParamFromText("type: 'BatchNorm' param { lr_mult: 1 }"));
  EXPECT_THROW(learned.SetUp({&x}, {&y}), ConfigError);
  BatchNormLayer explicit_zero(LayerParamFromText(
      "type: 'BatchNorm' param { lr_mult: 0 } param { lr_mult: 0 } param { lr_mult: 0 }"));
  EXPECT_NO_THROW(explicit_zero.SetUp({&x}, {&y}));
}

// Channel 0 holds 1,3 (n=0) and 5,7 (n=1): mean 4, biased var 5. Channel 1 is constant 2.
static void FillTwoChannels(Blob* x) {
  const float v[] = {1.f, 3.f, 2.f, 2.f, 5.f, 7.f, 2.f, 2.f};
  std::copy(v, v + 8, x->mutable_cpu_data());
}

TEST(BatchNormLayer, TrainUsesBatchStatsAndUpdatesRunningSums) {
  BatchNormLayer layer(LayerParamFromText("type: 'BatchNorm' phase: TRAIN batch_norm_param { moving_average_fraction: 0.9 }"));
  Blob x(2, 2, 1, 2), y;
  FillTwoChannels(&x);
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  const double sd = std::sqrt(5.0 + 1e-5);
  const double expect[] = {-3 / sd, -1 / sd, 0, 0, 1 / sd, 3 / sd, 0, 0};
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(y.cpu_data()[i], expect[i], 1e-6) << i;
  // Running sums: factor 1, mean [4, 2], variance with m/(m-1) = 4/3 correction.
  EXPECT_FLOAT_EQ(layer.blobs()[2]->cpu_data()[0], 1.f);
  EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_data()[0], 4.f);
  EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_data()[1], 2.f);
  EXPECT_NEAR(layer.blobs()[1]->cpu_data()[0], 20.0 / 3.0, 1e-5);
  EXPECT_FLOAT_EQ(layer.blobs()[1]->cpu_data()[1], 0.f);
  // Second pass: factor 0.9 + 1, mean 4 + 0.9 * 4.
  layer.Forward({&x}, {&y});
  EXPECT_FLOAT_EQ(layer.blobs()[2]->cpu_data()[0], 1.9f);
  EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_data()[0], 7.6f);
}

TEST(BatchNormLayer, TestUsesStoredStatsDividedByFactor) {
  BatchNormLayer layer(LayerParamFromText("type: 'BatchNorm' phase: TEST batch_norm_param { eps: 0 }"));
  Blob x(2, 2, 1, 2), y;
  FillTwoChannels(&x);
  layer.SetUp({&x}, {&y});
  // Stored sums with factor 2: mean [2, 1], variance [4, 1].
  layer.blobs()[0]->mutable_cpu_data()[0] = 4.f;
  layer.blobs()[0]->mutable_cpu_data()[1] = 2.f;
  layer.blobs()[1]->mutable_cpu_data()[0] = 8.f;
  layer.blobs()[1]->mutable_cpu_data()[1] = 2.f;
  layer.blobs()[2]->mutable_cpu_data()[0] = 2.f;
  layer.Forward({&x}, {&y});
  const float expect[] = {-0.5f, 0.5f, 1.f, 1.f, 1.5f, 2.5f, 1.f, 1.f};
  for (int i = 0; i < 8; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect[i]) << i;
  // Statistics untouched in TEST.
  EXPECT_FLOAT_EQ(layer.blobs()[2]->cpu_data()[0], 2.f);
  y.set_diff(1.f);
  layer.Backward({&y}, {true}, {&x});
  EXPECT_FLOAT_EQ(x.cpu_diff()[0], 0.5f);  // dy / sqrt(var)
  EXPECT_FLOAT_EQ(x.cpu_diff()[2], 1.f);
}

TEST(BatchNormLayer, ZeroFactorMeansZeroStats) {
  BatchNormLayer layer(LayerParamFromText("type: 'BatchNorm' batch_norm_param { use_global_stats: true eps: 0.25 }"));
  Blob x(1, 1, 1, 2), y;
  x.mutable_cpu_data()[0] = 1.f;
  x.mutable_cpu_data()[1] = -3.f;
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_FLOAT_EQ(y.cpu_data()[0], 2.f);  // x / sqrt(0 + 0.25)
  EXPECT_FLOAT_EQ(y.cpu_data()[1], -6.f);
}

TEST(BatchNormLayer, InPlaceMatchesOutOfPlace) {
  BatchNormLayer a(LayerParamFromText("type: 'BatchNorm' phase: TRAIN"));
  BatchNormLayer b(LayerParamFromText("type: 'BatchNorm' phase: TRAIN"));
  Blob x(2, 3, 2, 2), y, xi(2, 3, 2, 2);
  FillGaussianTest(&x);
  xi.CopyFrom(x);
  a.SetUp({&x}, {&y});
  b.SetUp({&xi}, {&xi});
  a.Forward({&x}, {&y});
  b.Forward({&xi}, {&xi});
  for (int i = 0; i < y.count(); ++i) {
    y.mutable_cpu_diff()[i] = 0.1f * (i % 5) - 0.2f;
    xi.mutable_cpu_diff()[i] = 0.1f * (i % 5) - 0.2f;
  }
  a.Backward({&y}, {true}, {&x});
  b.Backward({&xi}, {true}, {&xi});
  for (int i = 0; i < x.count(); ++i) {
    EXPECT_FLOAT_EQ(xi.cpu_data()[i], y.cpu_data()[i]);
    EXPECT_NEAR(xi.cpu_diff()[i], x.cpu_diff()[i], 1e-6);
  }
}

TEST(BatchNormLayer, GradientCheckTrain) {
  BatchNormLayer layer(LayerParamFromText("type: 'BatchNorm' phase: TRAIN"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y});
}

TEST(BatchNormLayer, GradientCheckGlobalStats) {
  // Stored sums (factor 2): mean [0.5, -0.5, 0.25], variance [1, 2, 0.5].
  BatchNormLayer layer(LayerParamFromText(
      "type: 'BatchNorm' phase: TEST "
      "blobs { shape { dim: 3 } data: 1 data: -1 data: 0.5 } "
      "blobs { shape { dim: 3 } data: 2 data: 4 data: 1 } "
      "blobs { shape { dim: 1 } data: 2 }"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  // Statistics are not learned: Caffe computes no gradient for them.
  GradientCheckOptions opt;
  opt.check_params = false;
  CheckGradient(layer, {&x}, {&y}, opt);
}

}  // namespace crema::test
