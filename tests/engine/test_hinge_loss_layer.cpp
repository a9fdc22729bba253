#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/hinge_loss_layer.h"

namespace crema::test {

namespace {
struct Case {
  Blob x{std::vector<int>{2, 3}}, label{std::vector<int>{2}}, y;
  Case() {
    const float xv[] = {1.f, -2.f, 0.5f, 0.2f, 0.3f, -3.f};
    std::copy(xv, xv + 6, x.mutable_cpu_data());
    label.mutable_cpu_data()[0] = 0.f;
    label.mutable_cpu_data()[1] = 1.f;
  }
};
}  // namespace

TEST(HingeLossLayer, Shape) {
  Blob x(2, 3, 4, 5), label({2}), y;
  HingeLossLayer layer(LayerParamFromText("type: 'HingeLoss'"));
  layer.SetUp({&x, &label}, {&y});
  EXPECT_EQ(y.count(), 1);
  EXPECT_FALSE(layer.AllowForceBackward(1));
}

TEST(HingeLossLayer, L1HandComputed) {
  Case c;
  HingeLossLayer layer(LayerParamFromText("type: 'HingeLoss'"));
  layer.SetUp({&c.x, &c.label}, {&c.y});
  // Margins: row 0 [0, 0, 1.5], row 1 [1.2, 0.7, 0] -> 3.4 / 2.
  EXPECT_FLOAT_EQ(layer.Forward({&c.x, &c.label}, {&c.y}), 1.7f);
  layer.Backward({&c.y}, {true, false}, {&c.x, &c.label});
  const float dx[] = {0.f, 0.f, 0.5f, 0.5f, -0.5f, 0.f};
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(c.x.cpu_diff()[i], dx[i]) << i;
  EXPECT_THROW(layer.Backward({&c.y}, {true, true}, {&c.x, &c.label}), ConfigError);
}

TEST(HingeLossLayer, L2HandComputed) {
  Case c;
  HingeLossLayer layer(LayerParamFromText("type: 'HingeLoss' hinge_loss_param { norm: L2 }"));
  layer.SetUp({&c.x, &c.label}, {&c.y});
  EXPECT_FLOAT_EQ(layer.Forward({&c.x, &c.label}, {&c.y}), 2.09f);  // (2.25 + 1.44 + 0.49) / 2
  layer.Backward({&c.y}, {true, false}, {&c.x, &c.label});
  const float dx[] = {0.f, 0.f, 1.5f, 1.2f, -0.7f, 0.f};
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(c.x.cpu_diff()[i], dx[i]) << i;
}

TEST(HingeLossLayer, GradientCheckL1AndL2) {
  for (const char* norm : {"L1", "L2"}) {
    Blob x(2, 5, 1, 1), label({2}), y;
    // Scores in (-0.8, 0.8) keep every margin strictly positive (no kink at 0).
    FillUniformTest(&x, -0.8f, 0.8f);
    label.mutable_cpu_data()[0] = 3.f;
    label.mutable_cpu_data()[1] = 0.f;
    HingeLossLayer layer(LayerParamFromText(std::string("type: 'HingeLoss' hinge_loss_param { norm: ") + norm + " }"));
    GradientCheckOptions opt;
    opt.bottoms = {0};
    CheckGradient(layer, {&x, &label}, {&y}, opt);
  }
}

}  // namespace crema::test
