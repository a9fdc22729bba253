// InnerProduct: shapes (axis, transpose), case C8 (semantics §2), accumulation of param
// diffs, default zero fillers (F4), loaded-blob checks, gradient checks.
#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layer_registry.h"
#include "layer_test_helpers.h"
#include "layers/inner_product_layer.h"

namespace crema {
namespace {

using test::ExpectValues;
using test::LayerParamFromText;

const char* kGaussian = " weight_filler { type: 'gaussian' std: 0.5 } bias_filler { type: 'gaussian' std: 0.5 } ";

TEST(InnerProductLayer, Shapes) {
  Rng rng(1);
  {
    InnerProductLayer layer(LayerParamFromText("type: 'InnerProduct' inner_product_param { num_output: 10 }"));
    layer.set_rng(&rng);
    Blob bottom(2, 3, 4, 5), top;
    layer.SetUp({&bottom}, {&top});
    EXPECT_EQ(top.shape(), (std::vector<int>{2, 10}));
    ASSERT_EQ(layer.blobs().size(), 2u);
    EXPECT_EQ(layer.blobs()[0]->shape(), (std::vector<int>{10, 60}));
    EXPECT_EQ(layer.blobs()[1]->shape(), (std::vector<int>{10}));
  }
  {
    InnerProductLayer layer(LayerParamFromText(
        "type: 'InnerProduct' inner_product_param { num_output: 7 axis: 2 transpose: true bias_term: false }"));
    layer.set_rng(&rng);
    Blob bottom(2, 3, 4, 5), top;
    layer.SetUp({&bottom}, {&top});
    EXPECT_EQ(top.shape(), (std::vector<int>{2, 3, 7}));
    ASSERT_EQ(layer.blobs().size(), 1u);
    EXPECT_EQ(layer.blobs()[0]->shape(), (std::vector<int>{20, 7}));
  }
}

TEST(InnerProductLayer, LeNetIp1Shape) {
  Rng rng(1);
  InnerProductLayer layer(LayerParamFromText("type: 'InnerProduct' inner_product_param { num_output: 500 }"));
  layer.set_rng(&rng);
  Blob bottom(64, 50, 4, 4), top;
  layer.SetUp({&bottom}, {&top});
  EXPECT_EQ(layer.blobs()[0]->shape(), (std::vector<int>{500, 800}));  // K = 50*4*4
  EXPECT_EQ(layer.blobs()[0]->count() + layer.blobs()[1]->count(), 400500);
}

void SetUpC8(InnerProductLayer& layer, Blob& bottom, Blob& top, bool transpose) {
  Rng rng(1);
  layer.set_rng(&rng);
  layer.SetUp({&bottom}, {&top});
  test::SetData(bottom, {1.f, 2.f});
  if (transpose)
    test::SetData(*layer.blobs()[0], {1, 0, 1, 0, 1, 1});  // [K=2, N=3]
  else
    test::SetData(*layer.blobs()[0], {1, 0, 0, 1, 1, 1});  // [N=3, K=2]
  test::SetData(*layer.blobs()[1], {0, 0, 1});
}

TEST(InnerProductLayer, C8ForwardBackward) {
  for (bool transpose : {false, true}) {
    SCOPED_TRACE(transpose ? "transpose" : "plain");
    InnerProductLayer layer(LayerParamFromText(std::string("type: 'InnerProduct' inner_product_param { num_output: 3 ") +
                                               (transpose ? "transpose: true" : "") + " }"));
    Blob bottom({1, 2}), top;
    SetUpC8(layer, bottom, top, transpose);
    layer.Forward({&bottom}, {&top});
    ExpectValues(test::Data(top), {1.f, 2.f, 4.f});

    test::SetDiff(top, {1.f, 1.f, 1.f});
    test::SetDiff(bottom, {7.f, 7.f});  // bottom diff is overwritten
    layer.Backward({&top}, {true}, {&bottom});
    ExpectValues(test::Diff(bottom), {2.f, 2.f});  // W^T dy
    if (transpose)
      ExpectValues(test::Diff(*layer.blobs()[0]), {1, 1, 1, 2, 2, 2});
    else
      ExpectValues(test::Diff(*layer.blobs()[0]), {1, 2, 1, 2, 1, 2});  // dy x^T
    ExpectValues(test::Diff(*layer.blobs()[1]), {1, 1, 1});

    // A second backward accumulates into the param diffs.
    layer.Backward({&top}, {true}, {&bottom});
    ExpectValues(test::Diff(bottom), {2.f, 2.f});
    if (!transpose) ExpectValues(test::Diff(*layer.blobs()[0]), {2, 4, 2, 4, 2, 4});
    ExpectValues(test::Diff(*layer.blobs()[1]), {2, 2, 2});
  }
}

TEST(InnerProductLayer, ParamPropagateDownOff) {
  InnerProductLayer layer(LayerParamFromText("type: 'InnerProduct' inner_product_param { num_output: 3 }"));
  Blob bottom({1, 2}), top;
  SetUpC8(layer, bottom, top, false);
  layer.set_param_propagate_down(0, false);
  layer.Forward({&bottom}, {&top});
  test::SetDiff(top, {1.f, 1.f, 1.f});
  layer.Backward({&top}, {true}, {&bottom});
  ExpectValues(test::Diff(*layer.blobs()[0]), {0, 0, 0, 0, 0, 0});
  ExpectValues(test::Diff(*layer.blobs()[1]), {1, 1, 1});
}

TEST(InnerProductLayer, F4DefaultFillersAreZero) {
  Rng rng(1);
  InnerProductLayer layer(LayerParamFromText("type: 'InnerProduct' inner_product_param { num_output: 4 }"));
  layer.set_rng(&rng);
  Blob bottom({2, 3}), top;
  layer.SetUp({&bottom}, {&top});
  EXPECT_EQ(layer.blobs()[0]->asum_data(), 0.f);
  EXPECT_EQ(layer.blobs()[1]->asum_data(), 0.f);
}

TEST(InnerProductLayer, LoadedBlobsAreChecked) {
  auto p = LayerParamFromText("type: 'InnerProduct' inner_product_param { num_output: 3 bias_term: false }");
  Blob w({3, 2}), b({3});
  w.ToProto(p.add_blobs());
  {
    InnerProductLayer layer(p);
    Blob bottom({1, 2}), top;
    EXPECT_NO_THROW(layer.SetUp({&bottom}, {&top}));
  }
  b.ToProto(p.add_blobs());
  {
    InnerProductLayer layer(p);  // two blobs for a layer without bias
    Blob bottom({1, 2}), top;
    EXPECT_THROW(layer.SetUp({&bottom}, {&top}), ConfigError);
  }
  {
    p.mutable_inner_product_param()->set_bias_term(true);
    InnerProductLayer layer2(p);  // K = 5 does not match the loaded [3, 2]
    Blob bottom({1, 5}), top;
    EXPECT_THROW(layer2.SetUp({&bottom}, {&top}), ShapeError);
  }
}

TEST(InnerProductLayer, ReshapeWithOtherKThrows) {
  Rng rng(1);
  InnerProductLayer layer(LayerParamFromText("type: 'InnerProduct' inner_product_param { num_output: 3 }"));
  layer.set_rng(&rng);
  Blob bottom({2, 4}), top;
  layer.SetUp({&bottom}, {&top});
  bottom.Reshape({5, 4});  // batch change is fine
  layer.Reshape({&bottom}, {&top});
  EXPECT_EQ(top.shape(), (std::vector<int>{5, 3}));
  bottom.Reshape({5, 6});
  EXPECT_THROW(layer.Reshape({&bottom}, {&top}), ShapeError);
}

void CheckIp(const std::string& params, const std::vector<int>& shape) {
  InnerProductLayer layer(LayerParamFromText("type: 'InnerProduct' inner_product_param { " + params + kGaussian + " }"));
  Blob bottom(shape), top;
  test::FillGaussianTest(&bottom, 1.f, 3);
  test::CheckGradient(layer, {&bottom}, {&top});
}

TEST(InnerProductLayer, Gradient) { CheckIp("num_output: 5", {2, 3, 2, 2}); }
TEST(InnerProductLayer, GradientAxis2) { CheckIp("num_output: 4 axis: 2", {2, 3, 2, 2}); }
TEST(InnerProductLayer, GradientTranspose) { CheckIp("num_output: 4 transpose: true", {3, 6}); }
TEST(InnerProductLayer, GradientNoBias) { CheckIp("num_output: 4 bias_term: false", {3, 6}); }

TEST(InnerProductLayer, TestPhaseMatchesTrain) {
  auto make = [](const char* phase) {
    return LayerParamFromText(std::string("type: 'InnerProduct' phase: ") + phase +
                              " inner_product_param { num_output: 4 " + kGaussian + " }");
  };
  Rng r1(5), r2(5);
  InnerProductLayer train(make("TRAIN")), test_layer(make("TEST"));
  train.set_rng(&r1);
  test_layer.set_rng(&r2);
  Blob bottom({3, 5}), t1, t2;
  test::FillGaussianTest(&bottom);
  train.SetUp({&bottom}, {&t1});
  test_layer.SetUp({&bottom}, {&t2});
  train.Forward({&bottom}, {&t1});
  test_layer.Forward({&bottom}, {&t2});
  ExpectValues(test::Data(t2), test::Data(t1));
  test::FillGaussianTest(&t1, 1.f, 9);
  std::vector<float> dy = test::Data(t1);
  test::SetDiff(t1, dy);
  test::SetDiff(t2, dy);
  Blob b2({3, 5});
  b2.CopyFrom(bottom);
  train.Backward({&t1}, {true}, {&bottom});
  test_layer.Backward({&t2}, {true}, {&b2});
  ExpectValues(test::Diff(b2), test::Diff(bottom));
}

TEST(InnerProductLayer, ForwardFollowsBatchChange) {
  InnerProductLayer layer(LayerParamFromText("type: 'InnerProduct' inner_product_param { num_output: 3 }"));
  Blob bottom({1, 2}), top;
  SetUpC8(layer, bottom, top, false);
  bottom.Reshape({2, 2});
  test::SetData(bottom, {1, 2, 3, 4});
  layer.Forward({&bottom}, {&top});
  EXPECT_EQ(top.shape(), (std::vector<int>{2, 3}));
  ExpectValues(test::Data(top), {1, 2, 4, 3, 4, 8});
}

TEST(InnerProductLayer, Registered) {
  auto layer = LayerRegistry::Global().Create(LayerParamFromText("type: 'InnerProduct'"));
  EXPECT_STREQ(layer->type(), "InnerProduct");
}

}  // namespace
}  // namespace crema
