#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/clip_layer.h"

namespace crema::test {

TEST(ClipLayer, ShapeFollowsBottomAndParamsRequired) {
  ClipLayer layer(LayerParamFromText("type: 'Clip' clip_param { min: -1 max: 2 }"));
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
  ClipLayer missing(LayerParamFromText("type: 'Clip'"));
  EXPECT_THROW(missing.SetUp({&x}, {&y}), ConfigError);
}

TEST(ClipLayer, ForwardBackwardHandComputed) {
  ClipLayer layer(LayerParamFromText("type: 'Clip' clip_param { min: -1 max: 2 }"));
  Blob x({5}), y;
  const float in[] = {-3.f, -1.f, 0.5f, 2.f, 5.f};
  std::copy(in, in + 5, x.mutable_cpu_data());
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  const float expect_y[] = {-1.f, -1.f, 0.5f, 2.f, 2.f};
  for (int i = 0; i < 5; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect_y[i]);
  y.set_diff(3.f);
  layer.Backward({&y}, {true}, {&x});
  const float expect_dx[] = {0.f, 3.f, 3.f, 3.f, 0.f};  // the bounds themselves pass the gradient
  for (int i = 0; i < 5; ++i) EXPECT_FLOAT_EQ(x.cpu_diff()[i], expect_dx[i]);
}

TEST(ClipLayer, GradientCheck) {
  ClipLayer layer(LayerParamFromText("type: 'Clip' clip_param { min: -0.5 max: 0.8 }"));
  Blob x(2, 3, 4, 5), y;
  FillUniformTest(&x, -1.f, 1.f);
  // Skip the two kinks by keeping inputs away from them.
  float* d = x.mutable_cpu_data();
  for (int i = 0; i < x.count(); ++i)
    if (std::fabs(d[i] + 0.5f) < 0.02f || std::fabs(d[i] - 0.8f) < 0.02f) d[i] = 0.1f;
  CheckGradient(layer, {&x}, {&y});
}

}  // namespace crema::test
