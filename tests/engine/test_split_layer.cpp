// Split: tops share the bottom's data; backward sums the top diffs; no in-place.
#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layer_registry.h"
#include "layer_test_helpers.h"
#include "layers/split_layer.h"

namespace crema {
namespace {

using test::LayerParamFromText;
using test::ExpectValues;

TEST(SplitLayer, TopsShareBottomData) {
  SplitLayer layer(LayerParamFromText("type: 'Split'"));
  Blob bottom({2, 3}), t0, t1, t2;
  test::FillUniformTest(&bottom, -1.f, 1.f);
  layer.SetUp({&bottom}, {&t0, &t1, &t2});
  layer.Forward({&bottom}, {&t0, &t1, &t2});
  for (Blob* t : {&t0, &t1, &t2}) {
    EXPECT_EQ(t->shape(), bottom.shape());
    EXPECT_TRUE(t->SharesDataWith(bottom));
    ExpectValues(test::Data(*t), test::Data(bottom));
  }
}

TEST(SplitLayer, BackwardSumsTopDiffs) {
  SplitLayer layer(LayerParamFromText("type: 'Split'"));
  Blob bottom({3}), t0, t1, t2;
  layer.SetUp({&bottom}, {&t0, &t1, &t2});
  test::SetDiff(t0, {1.f, 2.f, 3.f});
  test::SetDiff(t1, {10.f, 20.f, 30.f});
  test::SetDiff(t2, {100.f, 200.f, 300.f});
  test::SetDiff(bottom, {-5.f, -5.f, -5.f});  // overwritten, not accumulated
  layer.Backward({&t0, &t1, &t2}, {true}, {&bottom});
  ExpectValues(test::Diff(bottom), {111.f, 222.f, 333.f});
}

TEST(SplitLayer, ReshapeFollowsBottom) {
  SplitLayer layer(LayerParamFromText("type: 'Split'"));
  Blob bottom({2}), t0, t1;
  layer.SetUp({&bottom}, {&t0, &t1});
  bottom.Reshape({4, 5, 6});
  layer.Reshape({&bottom}, {&t0, &t1});
  EXPECT_EQ(t1.shape(), bottom.shape());
  EXPECT_TRUE(t1.SharesDataWith(bottom));
}

TEST(SplitLayer, InPlaceThrows) {
  SplitLayer layer(LayerParamFromText("type: 'Split'"));
  Blob bottom({2}), t1;
  EXPECT_THROW(layer.SetUp({&bottom}, {&bottom, &t1}), ConfigError);
}

TEST(SplitLayer, Gradient) {
  SplitLayer layer(LayerParamFromText("type: 'Split'"));
  Blob bottom({2, 3, 2}), t0, t1;
  test::FillUniformTest(&bottom, -1.f, 1.f);
  test::CheckGradient(layer, {&bottom}, {&t0, &t1});
}

TEST(SplitLayer, Registered) {
  auto layer = LayerRegistry::Global().Create(LayerParamFromText("type: 'Split'"));
  EXPECT_STREQ(layer->type(), "Split");
}

}  // namespace
}  // namespace crema
