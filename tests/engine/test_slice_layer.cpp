#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/slice_layer.h"

namespace crema::test {

TEST(SliceLayer, ShapesEvenAndByPoints) {
  Blob x(6, 12, 2, 3), a, b, c;
  SliceLayer even(LayerParamFromText("type: 'Slice'"));
  even.SetUp({&x}, {&a, &b, &c});
  for (Blob* t : {&a, &b, &c}) EXPECT_EQ(t->shape(), (std::vector<int>{6, 4, 2, 3}));

  SliceLayer points(LayerParamFromText("type: 'Slice' slice_param { axis: 0 slice_point: 1 slice_point: 4 }"));
  points.SetUp({&x}, {&a, &b, &c});
  EXPECT_EQ(a.shape(0), 1);
  EXPECT_EQ(b.shape(0), 3);
  EXPECT_EQ(c.shape(0), 2);

  SliceLayer legacy(LayerParamFromText("type: 'Slice' slice_param { slice_dim: 0 }"));
  legacy.SetUp({&x}, {&a, &b});
  EXPECT_EQ(a.shape(0), 3);

  Blob odd(2, 5, 1, 1);
  SliceLayer uneven(LayerParamFromText("type: 'Slice'"));
  EXPECT_THROW(uneven.SetUp({&odd}, {&a, &b}), ConfigError);
  SliceLayer wrong_count(LayerParamFromText("type: 'Slice' slice_param { slice_point: 1 }"));
  EXPECT_THROW(wrong_count.SetUp({&x}, {&a, &b, &c}), ConfigError);
  SliceLayer decreasing(LayerParamFromText("type: 'Slice' slice_param { slice_point: 5 slice_point: 3 }"));
  EXPECT_THROW(decreasing.SetUp({&x}, {&a, &b, &c}), ConfigError);
}

TEST(SliceLayer, ForwardBackwardHandComputed) {
  // x = [[1,2,3],[4,5,6]], slice axis 1 at 1 -> [[1],[4]] and [[2,3],[5,6]].
  Blob x({2, 3}), a, b;
  for (int i = 0; i < 6; ++i) x.mutable_cpu_data()[i] = static_cast<float>(i + 1);
  SliceLayer layer(LayerParamFromText("type: 'Slice' slice_param { slice_point: 1 }"));
  layer.SetUp({&x}, {&a, &b});
  layer.Forward({&x}, {&a, &b});
  EXPECT_FLOAT_EQ(a.cpu_data()[0], 1);
  EXPECT_FLOAT_EQ(a.cpu_data()[1], 4);
  const float eb[] = {2, 3, 5, 6};
  for (int i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(b.cpu_data()[i], eb[i]);
  a.set_diff(-1.f);
  for (int i = 0; i < 4; ++i) b.mutable_cpu_diff()[i] = eb[i] * 10;
  layer.Backward({&a, &b}, {true}, {&x});
  const float dx[] = {-1, 20, 30, -1, 50, 60};
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(x.cpu_diff()[i], dx[i]);
}

TEST(SliceLayer, GradientCheck) {
  Blob x(2, 6, 3, 2), a, b, c;
  FillGaussianTest(&x);
  SliceLayer layer(LayerParamFromText("type: 'Slice' slice_param { slice_point: 1 slice_point: 4 }"));
  CheckGradient(layer, {&x}, {&a, &b, &c});
}

}  // namespace crema::test
