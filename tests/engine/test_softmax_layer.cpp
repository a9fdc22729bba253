// Softmax: values over the channel axis and other axes, in-place, gradient checks.
#include <gtest/gtest.h>

#include <cmath>

#include "gradient_checker.h"
#include "layer_registry.h"
#include "layer_test_helpers.h"
#include "layers/softmax_layer.h"

namespace crema {
namespace {

using test::ExpectValues;
using test::LayerParamFromText;

TEST(SoftmaxLayer, ValuesOfCasesFile) {
  // X = [[1,2,3],[1,1,1]] (semantics §4).
  SoftmaxLayer layer(LayerParamFromText("type: 'Softmax'"));
  Blob bottom({2, 3}), top;
  layer.SetUp({&bottom}, {&top});
  EXPECT_EQ(top.shape(), bottom.shape());
  test::SetData(bottom, {1, 2, 3, 1, 1, 1});
  layer.Forward({&bottom}, {&top});
  ExpectValues(test::Data(top), {0.0900306f, 0.2447285f, 0.665241f, 1 / 3.f, 1 / 3.f, 1 / 3.f}, 2e-6f);
}

TEST(SoftmaxLayer, SpatialOverChannels) {
  // N=1, C=2, H=1, W=2: ch0 = [0,0], ch1 = [0, ln 3] -> p(ch1) = [0.5, 0.75].
  SoftmaxLayer layer(LayerParamFromText("type: 'Softmax'"));
  Blob bottom(1, 2, 1, 2), top;
  layer.SetUp({&bottom}, {&top});
  test::SetData(bottom, {0.f, 0.f, 0.f, std::log(3.f)});
  layer.Forward({&bottom}, {&top});
  ExpectValues(test::Data(top), {0.5f, 0.25f, 0.5f, 0.75f});
}

TEST(SoftmaxLayer, LastAxis) {
  SoftmaxLayer layer(LayerParamFromText("type: 'Softmax' softmax_param { axis: -1 }"));
  Blob bottom({2, 1, 2}), top;
  layer.SetUp({&bottom}, {&top});
  test::SetData(bottom, {0.f, std::log(3.f), 5.f, 5.f});
  layer.Forward({&bottom}, {&top});
  ExpectValues(test::Data(top), {0.25f, 0.75f, 0.5f, 0.5f});
}

TEST(SoftmaxLayer, LargeLogitsAreStable) {
  SoftmaxLayer layer(LayerParamFromText("type: 'Softmax'"));
  Blob bottom({1, 2}), top;
  layer.SetUp({&bottom}, {&top});
  test::SetData(bottom, {1000.f, 1000.f});
  layer.Forward({&bottom}, {&top});
  ExpectValues(test::Data(top), {0.5f, 0.5f});
}

TEST(SoftmaxLayer, BackwardFormula) {
  // dx = (dy - dot(dy, y)) * y
  SoftmaxLayer layer(LayerParamFromText("type: 'Softmax'"));
  Blob bottom({1, 3}), top;
  layer.SetUp({&bottom}, {&top});
  test::SetData(bottom, {1, 2, 3});
  layer.Forward({&bottom}, {&top});
  test::SetDiff(top, {1.f, 0.f, -1.f});
  layer.Backward({&top}, {true}, {&bottom});
  const std::vector<float> y = test::Data(top);
  const float dot = y[0] - y[2];
  ExpectValues(test::Diff(bottom), {(1 - dot) * y[0], (0 - dot) * y[1], (-1 - dot) * y[2]});
}

TEST(SoftmaxLayer, InPlaceMatchesOutOfPlace) {
  SoftmaxLayer a(LayerParamFromText("type: 'Softmax'"));
  SoftmaxLayer b(LayerParamFromText("type: 'Softmax'"));
  Blob bottom({2, 4, 3}), top, inplace({2, 4, 3});
  test::FillUniformTest(&bottom, -2.f, 2.f);
  inplace.CopyFrom(bottom);
  a.SetUp({&bottom}, {&top});
  b.SetUp({&inplace}, {&inplace});
  a.Forward({&bottom}, {&top});
  b.Forward({&inplace}, {&inplace});
  ExpectValues(test::Data(inplace), test::Data(top));
  test::FillUniformTest(&top, -1.f, 1.f, 3);  // reuse as a source of diffs
  std::vector<float> dy = test::Data(top);
  a.Forward({&bottom}, {&top});
  test::SetDiff(top, dy);
  test::SetDiff(inplace, dy);
  a.Backward({&top}, {true}, {&bottom});
  b.Backward({&inplace}, {true}, {&inplace});
  ExpectValues(test::Diff(inplace), test::Diff(bottom));
}

TEST(SoftmaxLayer, Gradient) {
  SoftmaxLayer layer(LayerParamFromText("type: 'Softmax'"));
  Blob bottom(2, 4, 2, 3), top;
  test::FillGaussianTest(&bottom);
  test::CheckGradient(layer, {&bottom}, {&top});
}

TEST(SoftmaxLayer, GradientAxis2) {
  SoftmaxLayer layer(LayerParamFromText("type: 'Softmax' softmax_param { axis: 2 }"));
  Blob bottom({2, 3, 4}), top;
  test::FillGaussianTest(&bottom, 1.f, 5);
  test::CheckGradient(layer, {&bottom}, {&top});
}

TEST(SoftmaxLayer, TestPhaseBackward) {
  SoftmaxLayer layer(LayerParamFromText("type: 'Softmax' phase: TEST"));
  Blob bottom({2, 3}), top;
  test::FillGaussianTest(&bottom);
  test::CheckGradient(layer, {&bottom}, {&top});
}

TEST(SoftmaxLayer, BadAxisThrows) {
  SoftmaxLayer layer(LayerParamFromText("type: 'Softmax' softmax_param { axis: 3 }"));
  Blob bottom({2, 3}), top;
  EXPECT_THROW(layer.SetUp({&bottom}, {&top}), ShapeError);
}

TEST(SoftmaxLayer, Registered) {
  auto layer = LayerRegistry::Global().Create(LayerParamFromText("type: 'Softmax'"));
  EXPECT_STREQ(layer->type(), "Softmax");
}

}  // namespace
}  // namespace crema
