#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/log_layer.h"

namespace crema::test {

TEST(LogLayer, ShapeFollowsBottom) {
  LogLayer layer(LayerParamFromText("type: 'Log'"));
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
}

TEST(LogLayer, Base10ScaleShiftHandComputed) {
  LogLayer layer(LayerParamFromText("type: 'Log' log_param { base: 10 scale: 2 shift: 1 }"));
  Blob x({3}), y;
  const float in[] = {0.f, 4.5f, 49.5f};
  std::copy(in, in + 3, x.mutable_cpu_data());
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  // log10(1 + 2x)
  EXPECT_NEAR(y.cpu_data()[0], 0.0, 1e-6);
  EXPECT_NEAR(y.cpu_data()[1], 1.0, 1e-6);
  EXPECT_NEAR(y.cpu_data()[2], 2.0, 1e-6);
  y.set_diff(1.f);
  layer.Backward({&y}, {true}, {&x});
  // 2 / (ln 10 (1 + 2x))
  EXPECT_NEAR(x.cpu_diff()[0], 0.868588964, 1e-6);
  EXPECT_NEAR(x.cpu_diff()[1], 0.0868588964, 1e-7);
  EXPECT_NEAR(x.cpu_diff()[2], 0.00868588964, 1e-8);
}

TEST(LogLayer, DefaultIsNaturalLog) {
  LogLayer layer(LayerParamFromText("type: 'Log'"));
  Blob x({1}), y;
  x.mutable_cpu_data()[0] = 2.718281828f;
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_NEAR(y.cpu_data()[0], 1.0, 1e-6);
}

TEST(LogLayer, GradientCheck) {
  LogLayer layer(LayerParamFromText("type: 'Log' log_param { base: 2 scale: 0.5 shift: 1 }"));
  Blob x(2, 3, 4, 5), y;
  FillUniformTest(&x, 0.5f, 3.f);
  CheckGradient(layer, {&x}, {&y});
}

}  // namespace crema::test
