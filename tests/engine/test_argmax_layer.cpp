#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/argmax_layer.h"

namespace crema::test {

TEST(ArgMaxLayer, Shapes) {
  Blob x(2, 3, 4, 5), y;
  ArgMaxLayer plain(LayerParamFromText("type: 'ArgMax'"));
  plain.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 1, 1, 1}));
  ArgMaxLayer topk(LayerParamFromText("type: 'ArgMax' argmax_param { top_k: 4 out_max_val: true }"));
  topk.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 2, 4, 1}));
  ArgMaxLayer axis(LayerParamFromText("type: 'ArgMax' argmax_param { axis: 1 top_k: 2 }"));
  axis.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 2, 4, 5}));
  Blob flat({2, 10});
  ArgMaxLayer two_axes(LayerParamFromText("type: 'ArgMax'"));
  two_axes.SetUp({&flat}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 1, 1}));
  ArgMaxLayer too_many(LayerParamFromText("type: 'ArgMax' argmax_param { axis: 1 top_k: 4 }"));
  EXPECT_THROW(too_many.SetUp({&x}, {&y}), ConfigError);
}

TEST(ArgMaxLayer, TopKIndicesAndValues) {
  Blob x({2, 4}), y;
  const float v[] = {0.1f, 0.7f, 0.2f, 0.7f, 3.f, -1.f, 2.f, 0.f};
  std::copy(v, v + 8, x.mutable_cpu_data());
  ArgMaxLayer layer(LayerParamFromText("type: 'ArgMax' argmax_param { top_k: 2 out_max_val: true }"));
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  // Row 0: tie 0.7 at 1 and 3 -> larger index first. Layout per item: indices then values.
  const float expect[] = {3, 1, 0.7f, 0.7f, 0, 2, 3.f, 2.f};
  for (int i = 0; i < 8; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect[i]) << i;
}

TEST(ArgMaxLayer, AlongAxis) {
  // (1, 3, 2): argmax over axis 1 for each of the 2 columns.
  Blob x({1, 3, 2}), y;
  const float v[] = {1, 9, 5, 2, 3, 4};
  std::copy(v, v + 6, x.mutable_cpu_data());
  ArgMaxLayer idx(LayerParamFromText("type: 'ArgMax' argmax_param { axis: 1 }"));
  idx.SetUp({&x}, {&y});
  idx.Forward({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{1, 1, 2}));
  EXPECT_FLOAT_EQ(y.cpu_data()[0], 1.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[1], 0.f);
  ArgMaxLayer val(LayerParamFromText("type: 'ArgMax' argmax_param { axis: 1 out_max_val: true }"));
  val.SetUp({&x}, {&y});
  val.Forward({&x}, {&y});
  EXPECT_FLOAT_EQ(y.cpu_data()[0], 5.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[1], 9.f);
}

// ArgMax has no gradient in Caffe (NOT_IMPLEMENTED).
TEST(ArgMaxLayer, BackwardIsNotImplemented) {
  Blob x({2, 3}), y;
  ArgMaxLayer layer(LayerParamFromText("type: 'ArgMax'"));
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_THROW(layer.Backward({&y}, {true}, {&x}), ConfigError);
}

}  // namespace crema::test
