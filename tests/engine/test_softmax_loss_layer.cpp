// SoftmaxWithLoss: cases L1-L10 of the semantics file (§4), errors, gradient checks for
// every normalization with and without ignore_label.
#include <gtest/gtest.h>

#include <cmath>

#include "gradient_checker.h"
#include "layer_registry.h"
#include "layer_test_helpers.h"
#include "layers/softmax_loss_layer.h"

namespace crema {
namespace {

using test::ExpectValues;
using test::LayerParamFromText;

const std::vector<float> kL1Diff = {0.0450153f, 0.1223642f, -0.1673795f, -0.3333333f, 0.1666667f, 0.1666667f};

struct LossRun {
  float loss;       // top data
  float weighted;   // Layer::Forward's return value
  std::vector<float> diff;
};

/// The loss of the spatial case (N=1, C=2, H=1, W=2; scores (0, 0) and (0, log 3), labels
/// 1 and 1), with `extra` appended to the layer's text.
float SpatialLoss(const std::string& extra) {
  SoftmaxWithLossLayer layer(LayerParamFromText("type: 'SoftmaxWithLoss' " + extra));
  Blob x(1, 2, 1, 2), label(1, 1, 1, 2), loss;
  test::SetData(x, {0.f, 0.f, 0.f, std::log(3.f)});
  test::SetData(label, {1.f, 1.f});
  layer.SetUp({&x, &label}, {&loss});
  layer.Forward({&x, &label}, {&loss});
  return loss.cpu_data()[0];
}

/// X = [[1,2,3],[1,1,1]], labels [2, 0] unless given.
LossRun RunLoss(const std::string& extra, std::vector<float> labels = {2.f, 0.f}) {
  SoftmaxWithLossLayer layer(LayerParamFromText("type: 'SoftmaxWithLoss' " + extra));
  Blob x({2, 3}), label({2}), loss;
  test::SetData(x, {1, 2, 3, 1, 1, 1});
  test::SetData(label, labels);
  layer.SetUp({&x, &label}, {&loss});
  LossRun r;
  r.weighted = layer.Forward({&x, &label}, {&loss});
  r.loss = loss.cpu_data()[0];
  x.set_diff(99.f);
  layer.Backward({&loss}, {true, false}, {&x, &label});
  r.diff = test::Diff(x);
  return r;
}

std::vector<float> Scaled(std::vector<float> v, float s) {
  for (float& x : v) x *= s;
  return v;
}

TEST(SoftmaxWithLossLayer, TopIsScalar) {
  SoftmaxWithLossLayer layer(LayerParamFromText("type: 'SoftmaxWithLoss'"));
  Blob x({2, 3}), label({2}), loss;
  layer.SetUp({&x, &label}, {&loss});
  EXPECT_EQ(loss.num_axes(), 0);
  EXPECT_EQ(loss.count(), 1);
  EXPECT_EQ(layer.loss(0), 1.f);  // default loss_weight
}

TEST(SoftmaxWithLossLayer, L1DefaultValid) {
  for (const char* norm : {"", "loss_param { normalization: VALID }", "loss_param { normalization: FULL }",
                           "loss_param { normalization: BATCH_SIZE }"}) {
    LossRun r = RunLoss(norm);
    EXPECT_NEAR(r.loss, 0.75310913f, 1e-6f) << norm;
    ExpectValues(r.diff, kL1Diff);
  }
}

TEST(SoftmaxWithLossLayer, L2None) {
  LossRun r = RunLoss("loss_param { normalization: NONE }");
  EXPECT_NEAR(r.loss, 1.50621825f, 2e-6f);
  ExpectValues(r.diff, Scaled(kL1Diff, 2.f));
}

TEST(SoftmaxWithLossLayer, L3IgnoreValid) {
  LossRun r = RunLoss("loss_param { ignore_label: 0 }");
  EXPECT_NEAR(r.loss, 0.40760596f, 1e-6f);
  ExpectValues(r.diff, {0.0900306f, 0.2447285f, -0.334759f, 0.f, 0.f, 0.f});
}

TEST(SoftmaxWithLossLayer, L4IgnoreFullAndBatchSize) {
  for (const char* norm : {"FULL", "BATCH_SIZE"}) {
    LossRun r = RunLoss(std::string("loss_param { ignore_label: 0 normalization: ") + norm + " }");
    EXPECT_NEAR(r.loss, 0.20380298f, 1e-6f) << norm;
    ExpectValues(r.diff, {kL1Diff[0], kL1Diff[1], kL1Diff[2], 0.f, 0.f, 0.f});
  }
}

TEST(SoftmaxWithLossLayer, L5IgnoreNone) {
  LossRun r = RunLoss("loss_param { ignore_label: 0 normalization: NONE }");
  EXPECT_NEAR(r.loss, 0.40760596f, 1e-6f);
  ExpectValues(r.diff, {0.0900306f, 0.2447285f, -0.334759f, 0.f, 0.f, 0.f});
}

TEST(SoftmaxWithLossLayer, L6SpatialNormalizations) {
  auto run = [](const std::string& norm) { return SpatialLoss("loss_param { normalization: " + norm + " }"); };
  EXPECT_NEAR(run("VALID"), 0.49041463f, 1e-6f);
  EXPECT_NEAR(run("FULL"), 0.49041463f, 1e-6f);
  EXPECT_NEAR(run("BATCH_SIZE"), 0.98082925f, 1e-6f);  // divides by N, not N*H*W
  EXPECT_NEAR(run("NONE"), 0.98082925f, 1e-6f);
}

TEST(SoftmaxWithLossLayer, L7AllIgnored) {
  LossRun r = RunLoss("loss_param { ignore_label: 1 }", {1.f, 1.f});
  EXPECT_EQ(r.loss, 0.f);
  EXPECT_FALSE(std::isnan(r.loss));
  ExpectValues(r.diff, {0, 0, 0, 0, 0, 0});
}

TEST(SoftmaxWithLossLayer, L8FltMinClamp) {
  SoftmaxWithLossLayer layer(LayerParamFromText("type: 'SoftmaxWithLoss'"));
  Blob x({1, 2}), label({1}), loss;
  test::SetData(x, {0.f, 200.f});
  test::SetData(label, {0.f});
  layer.SetUp({&x, &label}, {&loss});
  layer.Forward({&x, &label}, {&loss});
  EXPECT_NEAR(loss.cpu_data()[0], 87.336545f, 87.336545f * 1e-6f);
}

TEST(SoftmaxWithLossLayer, L9LossWeight) {
  LossRun r = RunLoss("loss_weight: 2");
  EXPECT_NEAR(r.loss, 0.75310913f, 1e-6f);      // the top holds the unweighted loss
  EXPECT_NEAR(r.weighted, 1.50621825f, 2e-6f);  // the layer reports loss_weight * loss
  ExpectValues(r.diff, Scaled(kL1Diff, 2.f));
}

TEST(SoftmaxWithLossLayer, L10LegacyNormalize) {
  // spatial case distinguishes BATCH_SIZE from VALID
  auto run = SpatialLoss;
  EXPECT_NEAR(run("loss_param { normalize: false }"), 0.98082925f, 1e-6f);
  EXPECT_NEAR(run("loss_param { normalize: true }"), 0.49041463f, 1e-6f);
  // `normalization` wins over the legacy field when both are given.
  EXPECT_NEAR(run("loss_param { normalize: false normalization: FULL }"), 0.49041463f, 1e-6f);
}

TEST(SoftmaxWithLossLayer, LabelsAreTruncated) {
  LossRun r = RunLoss("", {2.9f, 0.5f});  // 2.9 -> 2, 0.5 -> 0
  EXPECT_NEAR(r.loss, 0.75310913f, 1e-6f);
}

TEST(SoftmaxWithLossLayer, SecondTopIsProbabilities) {
  SoftmaxWithLossLayer layer(LayerParamFromText("type: 'SoftmaxWithLoss'"));
  Blob x({2, 3}), label({2}), loss, prob;
  test::SetData(x, {1, 2, 3, 1, 1, 1});
  test::SetData(label, {2.f, 0.f});
  layer.SetUp({&x, &label}, {&loss, &prob});
  EXPECT_EQ(layer.loss(0), 1.f);
  EXPECT_EQ(layer.loss(1), 0.f);
  const float weighted = layer.Forward({&x, &label}, {&loss, &prob});
  EXPECT_NEAR(weighted, 0.75310913f, 1e-6f);
  ExpectValues(test::Data(prob), {0.0900306f, 0.2447285f, 0.665241f, 1 / 3.f, 1 / 3.f, 1 / 3.f}, 2e-6f);
}

TEST(SoftmaxWithLossLayer, BackpropToLabelThrows) {
  SoftmaxWithLossLayer layer(LayerParamFromText("type: 'SoftmaxWithLoss'"));
  Blob x({2, 3}), label({2}), loss;
  layer.SetUp({&x, &label}, {&loss});
  layer.Forward({&x, &label}, {&loss});
  EXPECT_THROW(layer.Backward({&loss}, {true, true}, {&x, &label}), ConfigError);
  EXPECT_FALSE(layer.AllowForceBackward(1));
}

TEST(SoftmaxWithLossLayer, LabelCountMismatchThrows) {
  SoftmaxWithLossLayer layer(LayerParamFromText("type: 'SoftmaxWithLoss'"));
  Blob x({2, 3, 2}), label({2}), loss;
  EXPECT_THROW(layer.SetUp({&x, &label}, {&loss}), ConfigError);
}

TEST(SoftmaxWithLossLayer, LabelOutOfRangeThrows) {
  SoftmaxWithLossLayer layer(LayerParamFromText("type: 'SoftmaxWithLoss'"));
  Blob x({2, 3}), label({2}), loss;
  layer.SetUp({&x, &label}, {&loss});
  test::SetData(label, {3.f, 0.f});
  EXPECT_THROW(layer.Forward({&x, &label}, {&loss}), DataError);
}

void CheckLossGradient(const std::string& extra, bool spatial) {
  SoftmaxWithLossLayer layer(LayerParamFromText("type: 'SoftmaxWithLoss' " + extra));
  Blob x(spatial ? std::vector<int>{2, 4, 2, 3} : std::vector<int>{5, 4}), loss;
  Blob label(spatial ? std::vector<int>{2, 1, 2, 3} : std::vector<int>{5});
  test::FillGaussianTest(&x, 1.f, 11);
  float* l = label.mutable_cpu_data();
  for (int i = 0; i < label.count(); ++i) l[i] = static_cast<float>((i * 7 + 3) % 4);
  test::GradientCheckOptions opt;
  opt.bottoms = {0};
  test::CheckGradient(layer, {&x, &label}, {&loss}, opt);
}

TEST(SoftmaxWithLossLayer, GradientEachNormalization) {
  for (const char* norm : {"VALID", "FULL", "BATCH_SIZE", "NONE"}) {
    SCOPED_TRACE(norm);
    CheckLossGradient(std::string("loss_param { normalization: ") + norm + " }", false);
    CheckLossGradient(std::string("loss_param { normalization: ") + norm + " }", true);
    CheckLossGradient(std::string("loss_param { ignore_label: 1 normalization: ") + norm + " }", false);
    CheckLossGradient(std::string("loss_param { ignore_label: 1 normalization: ") + norm + " }", true);
  }
}

TEST(SoftmaxWithLossLayer, GradientLossWeight) { CheckLossGradient("loss_weight: 3", true); }

TEST(SoftmaxWithLossLayer, Registered) {
  auto layer = LayerRegistry::Global().Create(LayerParamFromText("type: 'SoftmaxWithLoss'"));
  EXPECT_STREQ(layer->type(), "SoftmaxWithLoss");
}

}  // namespace
}  // namespace crema
