#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/concat_layer.h"

namespace crema::test {

TEST(ConcatLayer, ShapesAlongChannelsAndNum) {
  Blob a(2, 3, 4, 5), b(2, 5, 4, 5), y;
  ConcatLayer ch(LayerParamFromText("type: 'Concat'"));
  ch.SetUp({&a, &b}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 8, 4, 5}));

  Blob c(1, 3, 4, 5);
  ConcatLayer num(LayerParamFromText("type: 'Concat' concat_param { axis: 0 }"));
  num.SetUp({&a, &c}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{3, 3, 4, 5}));

  ConcatLayer legacy(LayerParamFromText("type: 'Concat' concat_param { concat_dim: 0 }"));
  legacy.SetUp({&a, &c}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{3, 3, 4, 5}));

  ConcatLayer bad(LayerParamFromText("type: 'Concat'"));
  EXPECT_THROW(bad.SetUp({&a, &c}, {&y}), ConfigError);
  ConcatLayer both(LayerParamFromText("type: 'Concat' concat_param { axis: 1 concat_dim: 1 }"));
  EXPECT_THROW(both.SetUp({&a, &b}, {&y}), ConfigError);
}

TEST(ConcatLayer, ForwardBackwardHandComputed) {
  // a = [[1,2],[3,4]] (2x2), b = [[5],[6]] (2x1), concat axis 1 -> [[1,2,5],[3,4,6]].
  Blob a({2, 2}), b({2, 1}), y;
  const float av[] = {1, 2, 3, 4}, bv[] = {5, 6};
  std::copy(av, av + 4, a.mutable_cpu_data());
  std::copy(bv, bv + 2, b.mutable_cpu_data());
  ConcatLayer layer(LayerParamFromText("type: 'Concat'"));
  layer.SetUp({&a, &b}, {&y});
  layer.Forward({&a, &b}, {&y});
  const float expect[] = {1, 2, 5, 3, 4, 6};
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect[i]);
  for (int i = 0; i < 6; ++i) y.mutable_cpu_diff()[i] = static_cast<float>(10 * (i + 1));
  layer.Backward({&y}, {true, true}, {&a, &b});
  const float da[] = {10, 20, 40, 50}, db[] = {30, 60};
  for (int i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(a.cpu_diff()[i], da[i]);
  for (int i = 0; i < 2; ++i) EXPECT_FLOAT_EQ(b.cpu_diff()[i], db[i]);
}

TEST(ConcatLayer, SingleBottomShares) {
  Blob a({2, 3}), y;
  ConcatLayer layer(LayerParamFromText("type: 'Concat'"));
  layer.SetUp({&a}, {&y});
  EXPECT_TRUE(y.SharesDataWith(a));
  a.mutable_cpu_data()[4] = 7.f;
  layer.Forward({&a}, {&y});
  EXPECT_FLOAT_EQ(y.cpu_data()[4], 7.f);
}

TEST(ConcatLayer, GradientCheck) {
  Blob a(2, 3, 4, 5), b(2, 2, 4, 5), y;
  FillGaussianTest(&a);
  FillGaussianTest(&b, 1.f, 2);
  ConcatLayer layer(LayerParamFromText("type: 'Concat'"));
  CheckGradient(layer, {&a, &b}, {&y});
}

}  // namespace crema::test
