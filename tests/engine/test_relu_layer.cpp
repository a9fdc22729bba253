// ReLU: shape, Caffe case Q6 (semantics §11), in-place use, TEST phase, gradient checks.
#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layer_registry.h"
#include "layer_test_helpers.h"
#include "layers/relu_layer.h"

namespace crema {
namespace {

using test::LayerParamFromText;

using test::Data;
using test::Diff;
using test::SetData;
using test::ExpectValues;

TEST(ReLULayer, ShapeFollowsBottom) {
  ReLULayer layer(LayerParamFromText("type: 'ReLU'"));
  Blob bottom(2, 3, 4, 5), top;
  layer.SetUp({&bottom}, {&top});
  EXPECT_EQ(top.shape(), bottom.shape());
  bottom.Reshape({7, 2});
  layer.Reshape({&bottom}, {&top});
  EXPECT_EQ(top.shape(), (std::vector<int>{7, 2}));
}

TEST(ReLULayer, Q6PlainForwardBackward) {
  ReLULayer layer(LayerParamFromText("type: 'ReLU'"));
  Blob bottom({3}), top;
  layer.SetUp({&bottom}, {&top});
  SetData(bottom, {-1.f, 0.f, 2.f});
  layer.Forward({&bottom}, {&top});
  ExpectValues(Data(top), {0.f, 0.f, 2.f});
  top.set_diff(1.f);
  layer.Backward({&top}, {true}, {&bottom});
  ExpectValues(Diff(bottom), {0.f, 0.f, 1.f});  // zero gradient at exactly 0
}

TEST(ReLULayer, Q6NegativeSlope) {
  ReLULayer layer(LayerParamFromText("type: 'ReLU' relu_param { negative_slope: 0.1 }"));
  Blob bottom({3}), top;
  layer.SetUp({&bottom}, {&top});
  SetData(bottom, {-1.f, 0.f, 2.f});
  layer.Forward({&bottom}, {&top});
  ExpectValues(Data(top), {-0.1f, 0.f, 2.f});
  top.set_diff(1.f);
  layer.Backward({&top}, {true}, {&bottom});
  ExpectValues(Diff(bottom), {0.1f, 0.1f, 1.f});  // slope at 0 is negative_slope
}

TEST(ReLULayer, InPlaceMatchesOutOfPlace) {
  ReLULayer layer(LayerParamFromText("type: 'ReLU' relu_param { negative_slope: 0.1 }"));
  Blob blob({3});
  layer.SetUp({&blob}, {&blob});
  SetData(blob, {-1.f, 0.f, 2.f});
  layer.Forward({&blob}, {&blob});
  ExpectValues(Data(blob), {-0.1f, 0.f, 2.f});
  blob.set_diff(1.f);
  layer.Backward({&blob}, {true}, {&blob});
  ExpectValues(Diff(blob), {0.1f, 0.1f, 1.f});
}

TEST(ReLULayer, TestPhaseBackward) {
  auto p = LayerParamFromText("type: 'ReLU' phase: TEST");
  ReLULayer layer(p);
  Blob bottom({4}), top;
  layer.SetUp({&bottom}, {&top});
  SetData(bottom, {-3.f, 1.f, -0.5f, 4.f});
  layer.Forward({&bottom}, {&top});
  ExpectValues(Data(top), {0.f, 1.f, 0.f, 4.f});
  float* td = top.mutable_cpu_diff();
  td[0] = 5.f; td[1] = 6.f; td[2] = 7.f; td[3] = 8.f;
  layer.Backward({&top}, {true}, {&bottom});
  ExpectValues(Diff(bottom), {0.f, 6.f, 0.f, 8.f});
}

TEST(ReLULayer, Gradient) {
  ReLULayer layer(LayerParamFromText("type: 'ReLU'"));
  Blob bottom(2, 3, 4, 5), top;
  test::FillUniformTest(&bottom, -1.f, 1.f);
  test::CheckGradient(layer, {&bottom}, {&top}, test::KinkAtZero());
}

TEST(ReLULayer, GradientNegativeSlope) {
  ReLULayer layer(LayerParamFromText("type: 'ReLU' relu_param { negative_slope: 0.01 }"));
  Blob bottom(2, 3, 4, 5), top;
  test::FillUniformTest(&bottom, -1.f, 1.f, 7);
  test::CheckGradient(layer, {&bottom}, {&top}, test::KinkAtZero());
}

TEST(ReLULayer, Registered) {
  auto layer = LayerRegistry::Global().Create(LayerParamFromText("type: 'ReLU'"));
  EXPECT_STREQ(layer->type(), "ReLU");
}

}  // namespace
}  // namespace crema
