#include <gtest/gtest.h>

#include <cmath>

#include "gradient_checker.h"
#include "layers/lrn_layer.h"

namespace crema::test {

TEST(LRNLayer, ShapesAndErrors) {
  Blob x(10, 96, 55, 55), y;  // CaffeNet norm1
  LRNLayer layer(LayerParamFromText("type: 'LRN' lrn_param { local_size: 5 alpha: 0.0001 beta: 0.75 }"));
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
  LRNLayer even(LayerParamFromText("type: 'LRN' lrn_param { local_size: 4 }"));
  EXPECT_THROW(even.SetUp({&x}, {&y}), ConfigError);
  Blob flat({2, 3}), y2;
  LRNLayer two_axes(LayerParamFromText("type: 'LRN'"));
  EXPECT_THROW(two_axes.SetUp({&flat}, {&y2}), ConfigError);
}

TEST(LRNLayer, AcrossChannelsHandComputed) {
  // Channels [1, 2, 3], n = 3, alpha/n = 1, k = 1: s = [6, 15, 14].
  Blob x(1, 3, 1, 1), y;
  for (int c = 0; c < 3; ++c) x.mutable_cpu_data()[c] = static_cast<float>(c + 1);
  LRNLayer layer(LayerParamFromText("type: 'LRN' lrn_param { local_size: 3 alpha: 3 beta: 0.75 k: 1 }"));
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_NEAR(y.cpu_data()[0], 0.260847430, 1e-6);
  EXPECT_NEAR(y.cpu_data()[1], 0.262398623, 1e-6);
  EXPECT_NEAR(y.cpu_data()[2], 0.414500661, 1e-6);
  y.set_diff(0.f);
  y.mutable_cpu_diff()[0] = 1.f;
  layer.Backward({&y}, {true}, {&x});
  // dx_c = dy_c s_c^-b - 2ab/n x_c sum_{j: c in window(j)} dy_j y_j / s_j
  EXPECT_NEAR(x.cpu_diff()[0], 0.195635573, 1e-6);
  EXPECT_NEAR(x.cpu_diff()[1], -0.130423715, 1e-6);
  EXPECT_NEAR(x.cpu_diff()[2], 0.0, 1e-7);
}

TEST(LRNLayer, KShiftsAcrossChannels) {
  Blob x(1, 1, 1, 1), y;
  x.mutable_cpu_data()[0] = 2.f;
  LRNLayer layer(LayerParamFromText("type: 'LRN' lrn_param { local_size: 1 alpha: 1 beta: 1 k: 2 }"));
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_FLOAT_EQ(y.cpu_data()[0], 2.f / 6.f);  // 2 / (2 + 4)
}

TEST(LRNLayer, WithinChannelHandComputed) {
  // 2x2 map, n = 3: every window covers all four pixels; alpha/n^2 = 1 -> s = 31 everywhere.
  Blob x(1, 1, 2, 2), y;
  for (int i = 0; i < 4; ++i) x.mutable_cpu_data()[i] = static_cast<float>(i + 1);
  LRNLayer layer(LayerParamFromText(
      "type: 'LRN' lrn_param { norm_region: WITHIN_CHANNEL local_size: 3 alpha: 9 beta: 0.5 k: 5 }"));
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(y.cpu_data()[i], (i + 1) / std::sqrt(31.0), 1e-6) << i;  // k ignored
  // 1x3 row: windows clipped at the borders but the divisor stays n^2 = 9.
  Blob r(1, 1, 1, 3), yr;
  for (int i = 0; i < 3; ++i) r.mutable_cpu_data()[i] = static_cast<float>(i + 1);
  LRNLayer row(LayerParamFromText("type: 'LRN' lrn_param { norm_region: WITHIN_CHANNEL local_size: 3 alpha: 0.5 beta: 1 }"));
  row.SetUp({&r}, {&yr});
  row.Forward({&r}, {&yr});
  const double s[] = {1 + 0.5 / 9 * 5, 1 + 0.5 / 9 * 14, 1 + 0.5 / 9 * 13};
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(yr.cpu_data()[i], (i + 1) / s[i], 1e-6) << i;
}

TEST(LRNLayer, InPlaceMatchesOutOfPlace) {
  Blob x(2, 7, 3, 3), y, xi(2, 7, 3, 3);
  FillGaussianTest(&x);
  xi.CopyFrom(x);
  LRNLayer a(LayerParamFromText("type: 'LRN' lrn_param { local_size: 3 alpha: 0.5 }"));
  LRNLayer b(LayerParamFromText("type: 'LRN' lrn_param { local_size: 3 alpha: 0.5 }"));
  a.SetUp({&x}, {&y});
  b.SetUp({&xi}, {&xi});
  a.Forward({&x}, {&y});
  b.Forward({&xi}, {&xi});
  for (int i = 0; i < y.count(); ++i) {
    y.mutable_cpu_diff()[i] = 0.1f * (i % 9) - 0.4f;
    xi.mutable_cpu_diff()[i] = 0.1f * (i % 9) - 0.4f;
  }
  a.Backward({&y}, {true}, {&x});
  b.Backward({&xi}, {true}, {&xi});
  for (int i = 0; i < x.count(); ++i) {
    EXPECT_FLOAT_EQ(xi.cpu_data()[i], y.cpu_data()[i]);
    EXPECT_NEAR(xi.cpu_diff()[i], x.cpu_diff()[i], 1e-6);
  }
}

TEST(LRNLayer, GradientCheckAcrossChannels) {
  Blob x(2, 7, 3, 3), y;
  FillGaussianTest(&x);
  LRNLayer layer(LayerParamFromText("type: 'LRN' lrn_param { local_size: 5 alpha: 0.6 beta: 0.75 k: 1.5 }"));
  CheckGradient(layer, {&x}, {&y});
}

TEST(LRNLayer, GradientCheckWithinChannel) {
  Blob x(2, 2, 4, 5), y;
  FillGaussianTest(&x);
  LRNLayer layer(LayerParamFromText(
      "type: 'LRN' lrn_param { norm_region: WITHIN_CHANNEL local_size: 3 alpha: 0.8 beta: 0.75 }"));
  CheckGradient(layer, {&x}, {&y});
}

}  // namespace crema::test
