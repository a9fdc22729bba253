#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/silence_layer.h"

namespace crema::test {

TEST(SilenceLayer, NoTopsAndZeroGradient) {
  Blob a(2, 3, 4, 5), b({7});
  a.set_diff(5.f);
  b.set_diff(5.f);
  SilenceLayer layer(LayerParamFromText("type: 'Silence'"));
  layer.SetUp({&a, &b}, {});
  EXPECT_FLOAT_EQ(layer.Forward({&a, &b}, {}), 0.f);
  layer.Backward({}, {true, false}, {&a, &b});
  EXPECT_FLOAT_EQ(a.asum_diff(), 0.f);
  EXPECT_FLOAT_EQ(b.cpu_diff()[0], 5.f);
  SilenceLayer with_top(LayerParamFromText("type: 'Silence'"));
  Blob t;
  EXPECT_THROW(with_top.SetUp({&a}, {&t}), ConfigError);
}

TEST(SilenceLayer, GradientCheck) {
  // The objective does not depend on the input: both gradients are zero.
  Blob a(2, 3, 4, 5);
  FillGaussianTest(&a);
  SilenceLayer layer(LayerParamFromText("type: 'Silence'"));
  CheckGradient(layer, {&a}, {});
}

}  // namespace crema::test
