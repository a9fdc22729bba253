#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/flatten_layer.h"

namespace crema::test {

TEST(FlattenLayer, Shapes) {
  Blob x(2, 3, 4, 5), y;
  FlattenLayer all(LayerParamFromText("type: 'Flatten'"));
  all.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 60}));
  FlattenLayer middle(LayerParamFromText("type: 'Flatten' flatten_param { axis: 1 end_axis: 2 }"));
  middle.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 12, 5}));
  FlattenLayer neg(LayerParamFromText("type: 'Flatten' flatten_param { axis: -2 }"));
  neg.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 3, 20}));
  FlattenLayer in_place(LayerParamFromText("type: 'Flatten'"));
  EXPECT_THROW(in_place.SetUp({&x}, {&x}), ConfigError);
}

TEST(FlattenLayer, SharesValuesAndGradients) {
  Blob x(2, 3, 1, 2), y;
  FillGaussianTest(&x);
  FlattenLayer layer(LayerParamFromText("type: 'Flatten'"));
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  for (int i = 0; i < 12; ++i) EXPECT_EQ(y.cpu_data()[i], x.cpu_data()[i]);
  y.mutable_cpu_diff()[7] = 3.5f;
  layer.Backward({&y}, {true}, {&x});
  EXPECT_FLOAT_EQ(x.cpu_diff()[7], 3.5f);
}

TEST(FlattenLayer, GradientCheck) {
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  FlattenLayer layer(LayerParamFromText("type: 'Flatten'"));
  CheckGradient(layer, {&x}, {&y});
}

}  // namespace crema::test
