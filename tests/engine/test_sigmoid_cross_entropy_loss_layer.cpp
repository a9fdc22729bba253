#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/sigmoid_cross_entropy_loss_layer.h"

namespace crema::test {

namespace {
struct Case {
  Blob x{std::vector<int>{3, 1}}, t{std::vector<int>{3, 1}}, y;
  Case() {
    const float xv[] = {0.f, 2.f, -1.f}, tv[] = {1.f, 0.f, 1.f};
    std::copy(xv, xv + 3, x.mutable_cpu_data());
    std::copy(tv, tv + 3, t.mutable_cpu_data());
  }
};
}  // namespace

TEST(SigmoidCrossEntropyLossLayer, ShapesAndErrors) {
  Blob x(2, 3, 4, 5), t(2, 3, 4, 5), y;
  SigmoidCrossEntropyLossLayer layer(LayerParamFromText("type: 'SigmoidCrossEntropyLoss'"));
  layer.SetUp({&x, &t}, {&y});
  EXPECT_EQ(y.count(), 1);
  Blob t2(2, 3, 4, 4);
  SigmoidCrossEntropyLossLayer bad(LayerParamFromText("type: 'SigmoidCrossEntropyLoss'"));
  EXPECT_THROW(bad.SetUp({&x, &t2}, {&y}), ConfigError);
}

TEST(SigmoidCrossEntropyLossLayer, DefaultNormalizesByBatchSize) {
  Case c;
  SigmoidCrossEntropyLossLayer layer(LayerParamFromText("type: 'SigmoidCrossEntropyLoss'"));
  layer.SetUp({&c.x, &c.t}, {&c.y});
  // ln 2 + (2 + ln(1 + e^-2)) + (1 + ln(1 + e^-1)), over N = 3.
  EXPECT_NEAR(layer.Forward({&c.x, &c.t}, {&c.y}), 1.37777896, 1e-6);
  layer.Backward({&c.y}, {true, false}, {&c.x, &c.t});
  EXPECT_NEAR(c.x.cpu_diff()[0], -0.5 / 3, 1e-7);
  EXPECT_NEAR(c.x.cpu_diff()[1], 0.880797078 / 3, 1e-7);
  EXPECT_NEAR(c.x.cpu_diff()[2], (0.268941421 - 1) / 3, 1e-7);
  EXPECT_THROW(layer.Backward({&c.y}, {true, true}, {&c.x, &c.t}), ConfigError);
}

TEST(SigmoidCrossEntropyLossLayer, IgnoreLabelWithValidAndLegacyNormalize) {
  for (const char* norm : {"normalization: VALID", "normalize: true"}) {
    Case c;
    SigmoidCrossEntropyLossLayer layer(LayerParamFromText(
        std::string("type: 'SigmoidCrossEntropyLoss' loss_param { ignore_label: 0 ") + norm + " }"));
    layer.SetUp({&c.x, &c.t}, {&c.y});
    // The target-0 position is skipped; 2 valid positions.
    EXPECT_NEAR(layer.Forward({&c.x, &c.t}, {&c.y}), 1.00320443, 1e-6) << norm;
    layer.Backward({&c.y}, {true, false}, {&c.x, &c.t});
    EXPECT_NEAR(c.x.cpu_diff()[0], -0.25, 1e-7);
    EXPECT_FLOAT_EQ(c.x.cpu_diff()[1], 0.f);
    EXPECT_NEAR(c.x.cpu_diff()[2], (0.268941421 - 1) / 2, 1e-7);
  }
}

TEST(SigmoidCrossEntropyLossLayer, FullAndNoneNormalization) {
  Case full, none;
  SigmoidCrossEntropyLossLayer f(LayerParamFromText(
      "type: 'SigmoidCrossEntropyLoss' loss_param { normalization: FULL ignore_label: 0 }"));
  f.SetUp({&full.x, &full.t}, {&full.y});
  EXPECT_NEAR(f.Forward({&full.x, &full.t}, {&full.y}), 2.00640887 / 3, 1e-6);  // ignored still counted
  SigmoidCrossEntropyLossLayer n(LayerParamFromText(
      "type: 'SigmoidCrossEntropyLoss' loss_param { normalization: NONE }"));
  n.SetUp({&none.x, &none.t}, {&none.y});
  EXPECT_NEAR(n.Forward({&none.x, &none.t}, {&none.y}), 4.13333688, 1e-5);
}

TEST(SigmoidCrossEntropyLossLayer, StableForLargeLogits) {
  Blob x({1, 2}), t({1, 2}), y;
  x.mutable_cpu_data()[0] = 100.f;
  x.mutable_cpu_data()[1] = -100.f;
  t.mutable_cpu_data()[0] = 0.f;
  t.mutable_cpu_data()[1] = 1.f;
  SigmoidCrossEntropyLossLayer layer(LayerParamFromText("type: 'SigmoidCrossEntropyLoss'"));
  layer.SetUp({&x, &t}, {&y});
  EXPECT_NEAR(layer.Forward({&x, &t}, {&y}), 200.0, 1e-3);
}

TEST(SigmoidCrossEntropyLossLayer, GradientCheck) {
  // Small loss keeps the float32 loss precise enough for central differences.
  Blob x(2, 3, 2, 2), t(2, 3, 2, 2), y;
  FillGaussianTest(&x, 2.f);
  FillUniformTest(&t, 0.f, 1.f, 5);
  SigmoidCrossEntropyLossLayer layer(LayerParamFromText(
      "type: 'SigmoidCrossEntropyLoss' loss_weight: 1.5 loss_param { normalization: FULL }"));
  GradientCheckOptions opt;
  opt.bottoms = {0};
  CheckGradient(layer, {&x, &t}, {&y}, opt);
}

}  // namespace crema::test
