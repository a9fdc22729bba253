#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/dropout_layer.h"

namespace crema::test {

TEST(DropoutLayer, ShapeFollowsBottom) {
  DropoutLayer layer(LayerParamFromText("type: 'Dropout'"));
  Blob x(2, 3, 4, 5), y;
  Rng rng(1);
  layer.set_rng(&rng);
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
}

// semantics Q5: p 0.5, TRAIN: a kept 2.0 becomes 4.0, a dropped one 0; TEST: identity.
TEST(DropoutLayer, TrainScalesKeptUnitsQ5) {
  DropoutLayer layer(LayerParamFromText("type: 'Dropout' phase: TRAIN dropout_param { dropout_ratio: 0.5 }"));
  Blob x({1000}), y;
  x.set_data(2.f);
  Rng rng(1701);
  layer.set_rng(&rng);
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  int kept = 0;
  for (int i = 0; i < 1000; ++i) {
    const float v = y.cpu_data()[i];
    ASSERT_TRUE(v == 4.f || v == 0.f) << v;
    kept += v == 4.f;
  }
  // Binomial(1000, 0.5): mean 500, sd 15.8; +-5 sd.
  EXPECT_GT(kept, 420);
  EXPECT_LT(kept, 580);
  // Backward applies the same mask and scale.
  y.set_diff(1.f);
  layer.Backward({&y}, {true}, {&x});
  for (int i = 0; i < 1000; ++i) EXPECT_FLOAT_EQ(x.cpu_diff()[i], y.cpu_data()[i] == 4.f ? 2.f : 0.f);
}

TEST(DropoutLayer, TestPhaseIsIdentityQ5) {
  DropoutLayer layer(LayerParamFromText("type: 'Dropout' phase: TEST dropout_param { dropout_ratio: 0.5 }"));
  Blob x({10}), y;
  x.set_data(2.f);
  layer.SetUp({&x}, {&y});  // no rng needed in TEST
  layer.Forward({&x}, {&y});
  for (int i = 0; i < 10; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], 2.f);
  y.set_diff(0.5f);
  layer.Backward({&y}, {true}, {&x});
  for (int i = 0; i < 10; ++i) EXPECT_FLOAT_EQ(x.cpu_diff()[i], 0.5f);
}

TEST(DropoutLayer, RatioScalesByInverseKeep) {
  DropoutLayer layer(LayerParamFromText("type: 'Dropout' phase: TRAIN dropout_param { dropout_ratio: 0.8 }"));
  Blob x({2000}), y;
  x.set_data(1.f);
  Rng rng(3);
  layer.set_rng(&rng);
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  int kept = 0;
  for (int i = 0; i < 2000; ++i) {
    const float v = y.cpu_data()[i];
    ASSERT_TRUE(std::fabs(v - 5.f) < 1e-5f || v == 0.f) << v;
    kept += v != 0.f;
  }
  EXPECT_GT(kept, 300);  // mean 400, sd 17.9
  EXPECT_LT(kept, 500);
  DropoutLayer bad(LayerParamFromText("type: 'Dropout' dropout_param { dropout_ratio: 1.0 }"));
  EXPECT_THROW(bad.SetUp({&x}, {&y}), ConfigError);
}

TEST(DropoutLayer, SameSeedSameMask) {
  auto run = [](uint32_t seed) {
    DropoutLayer layer(LayerParamFromText("type: 'Dropout' phase: TRAIN"));
    Blob x({64}), y;
    x.set_data(1.f);
    Rng rng(seed);
    layer.set_rng(&rng);
    layer.SetUp({&x}, {&y});
    layer.Forward({&x}, {&y});
    return std::vector<float>(y.cpu_data(), y.cpu_data() + 64);
  };
  EXPECT_EQ(run(5), run(5));
  EXPECT_NE(run(5), run(6));
}

TEST(DropoutLayer, InPlaceTrain) {
  DropoutLayer layer(LayerParamFromText("type: 'Dropout' phase: TRAIN"));
  Blob x({100});
  x.set_data(3.f);
  Rng rng(9);
  layer.set_rng(&rng);
  layer.SetUp({&x}, {&x});
  layer.Forward({&x}, {&x});
  std::vector<float> out(x.cpu_data(), x.cpu_data() + 100);
  x.set_diff(1.f);
  layer.Backward({&x}, {true}, {&x});
  for (int i = 0; i < 100; ++i) EXPECT_FLOAT_EQ(x.cpu_diff()[i], out[i] == 6.f ? 2.f : 0.f);
}

TEST(DropoutLayer, GradientCheckTrainAndTest) {
  DropoutLayer train(LayerParamFromText("type: 'Dropout' phase: TRAIN dropout_param { dropout_ratio: 0.3 }"));
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  CheckGradient(train, {&x}, {&y});
  DropoutLayer test(LayerParamFromText("type: 'Dropout' phase: TEST"));
  Blob y2;
  CheckGradient(test, {&x}, {&y2});
}

}  // namespace crema::test
