#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/contrastive_loss_layer.h"

namespace crema::test {

namespace {
struct Pairs {
  Blob a{2, 2, 1, 1}, b{2, 2, 1, 1}, sim{2, 1, 1, 1}, y;
  Pairs() {
    const float av[] = {1, 0, 0, 0}, bv[] = {0, 0, 0.3f, 0.4f};
    std::copy(av, av + 4, a.mutable_cpu_data());
    std::copy(bv, bv + 4, b.mutable_cpu_data());
    sim.mutable_cpu_data()[0] = 1.f;
    sim.mutable_cpu_data()[1] = 0.f;
  }
};
}  // namespace

TEST(ContrastiveLossLayer, ShapesAndErrors) {
  Pairs p;
  ContrastiveLossLayer layer(LayerParamFromText("type: 'ContrastiveLoss'"));
  layer.SetUp({&p.a, &p.b, &p.sim}, {&p.y});
  EXPECT_EQ(p.y.count(), 1);
  EXPECT_TRUE(layer.AllowForceBackward(1));
  EXPECT_FALSE(layer.AllowForceBackward(2));
  Blob spatial(2, 2, 2, 1);
  ContrastiveLossLayer bad(LayerParamFromText("type: 'ContrastiveLoss'"));
  EXPECT_THROW(bad.SetUp({&spatial, &spatial, &p.sim}, {&p.y}), ConfigError);
}

TEST(ContrastiveLossLayer, ForwardBackwardHandComputed) {
  Pairs p;
  ContrastiveLossLayer layer(LayerParamFromText("type: 'ContrastiveLoss' contrastive_loss_param { margin: 1 }"));
  layer.SetUp({&p.a, &p.b, &p.sim}, {&p.y});
  // Similar pair d^2 = 1; dissimilar d = 0.5 -> (1 - 0.5)^2 = 0.25; (1 + 0.25) / (2 * 2).
  EXPECT_FLOAT_EQ(layer.Forward({&p.a, &p.b, &p.sim}, {&p.y}), 0.3125f);
  layer.Backward({&p.y}, {true, true, false}, {&p.a, &p.b, &p.sim});
  const float da[] = {0.5f, 0.f, 0.14997f, 0.19996f};  // dissimilar: -(m - d)/(d + 1e-4) * diff / N
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(p.a.cpu_diff()[i], da[i], 1e-6) << i;
    EXPECT_NEAR(p.b.cpu_diff()[i], -da[i], 1e-6) << i;
  }
}

TEST(ContrastiveLossLayer, LegacyVersion) {
  Pairs p;
  ContrastiveLossLayer layer(LayerParamFromText(
      "type: 'ContrastiveLoss' contrastive_loss_param { margin: 1 legacy_version: true }"));
  layer.SetUp({&p.a, &p.b, &p.sim}, {&p.y});
  // Dissimilar term max(m - d^2, 0) = 0.75.
  EXPECT_FLOAT_EQ(layer.Forward({&p.a, &p.b, &p.sim}, {&p.y}), 0.4375f);
  layer.Backward({&p.y}, {true, true, false}, {&p.a, &p.b, &p.sim});
  EXPECT_FLOAT_EQ(p.a.cpu_diff()[2], 0.15f);
  EXPECT_FLOAT_EQ(p.a.cpu_diff()[3], 0.2f);
}

TEST(ContrastiveLossLayer, FarDissimilarPairHasNoLoss) {
  Pairs p;
  p.b.mutable_cpu_data()[2] = 3.f;  // d = 5 > margin
  ContrastiveLossLayer layer(LayerParamFromText("type: 'ContrastiveLoss'"));
  layer.SetUp({&p.a, &p.b, &p.sim}, {&p.y});
  EXPECT_FLOAT_EQ(layer.Forward({&p.a, &p.b, &p.sim}, {&p.y}), 0.25f);
  layer.Backward({&p.y}, {true, true, false}, {&p.a, &p.b, &p.sim});
  EXPECT_FLOAT_EQ(p.a.cpu_diff()[2], 0.f);
}

TEST(ContrastiveLossLayer, GradientCheck) {
  for (const char* legacy : {"false", "true"}) {
    // Six pairs, alternating similar / dissimilar; dissimilar distances stay well inside the margin.
    Blob a(6, 4, 1, 1), b(6, 4, 1, 1), sim(6, 1, 1, 1), y;
    FillUniformTest(&a, -0.3f, 0.3f, 1);
    FillUniformTest(&b, -0.3f, 0.3f, 2);
    for (int n = 0; n < 6; ++n) sim.mutable_cpu_data()[n] = static_cast<float>(n % 2);
    ContrastiveLossLayer layer(LayerParamFromText(
        std::string("type: 'ContrastiveLoss' contrastive_loss_param { margin: 2 legacy_version: ") + legacy + " }"));
    GradientCheckOptions opt;
    opt.bottoms = {0, 1};
    CheckGradient(layer, {&a, &b, &sim}, {&y}, opt);
  }
}

}  // namespace crema::test
