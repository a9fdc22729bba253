#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/tile_layer.h"

namespace crema::test {

TEST(TileLayer, Shapes) {
  Blob x(2, 3, 4, 5), y;
  TileLayer ch(LayerParamFromText("type: 'Tile' tile_param { tiles: 3 }"));
  ch.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 9, 4, 5}));
  TileLayer last(LayerParamFromText("type: 'Tile' tile_param { axis: -1 tiles: 2 }"));
  last.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 3, 4, 10}));
  TileLayer zero(LayerParamFromText("type: 'Tile' tile_param { tiles: 0 }"));
  EXPECT_THROW(zero.SetUp({&x}, {&y}), ConfigError);
}

TEST(TileLayer, ForwardBackwardHandComputed) {
  // [[1,2],[3,4]] tiled twice along axis 1 -> [[1,2,1,2],[3,4,3,4]].
  Blob x({2, 2}), y;
  for (int i = 0; i < 4; ++i) x.mutable_cpu_data()[i] = static_cast<float>(i + 1);
  TileLayer layer(LayerParamFromText("type: 'Tile' tile_param { tiles: 2 }"));
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  const float expect[] = {1, 2, 1, 2, 3, 4, 3, 4};
  for (int i = 0; i < 8; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect[i]);
  for (int i = 0; i < 8; ++i) y.mutable_cpu_diff()[i] = static_cast<float>(i);
  layer.Backward({&y}, {true}, {&x});
  const float dx[] = {0 + 2, 1 + 3, 4 + 6, 5 + 7};
  for (int i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(x.cpu_diff()[i], dx[i]);
}

TEST(TileLayer, GradientCheck) {
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  TileLayer layer(LayerParamFromText("type: 'Tile' tile_param { axis: 2 tiles: 3 }"));
  CheckGradient(layer, {&x}, {&y});
}

}  // namespace crema::test
