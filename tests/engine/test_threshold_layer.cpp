#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/threshold_layer.h"

namespace crema::test {

TEST(ThresholdLayer, ShapeFollowsBottom) {
  ThresholdLayer layer(LayerParamFromText("type: 'Threshold'"));
  Blob x(2, 3, 4, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), x.shape());
}

TEST(ThresholdLayer, ForwardIsStrictStep) {
  ThresholdLayer layer(LayerParamFromText("type: 'Threshold' threshold_param { threshold: 0.5 }"));
  Blob x({4}), y;
  const float in[] = {0.2f, 0.5f, 0.7f, -3.f};
  std::copy(in, in + 4, x.mutable_cpu_data());
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_FLOAT_EQ(y.cpu_data()[0], 0.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[1], 0.f);  // strict >
  EXPECT_FLOAT_EQ(y.cpu_data()[2], 1.f);
  EXPECT_FLOAT_EQ(y.cpu_data()[3], 0.f);
}

// Caffe's Threshold has no gradient (NOT_IMPLEMENTED); we raise instead of aborting.
TEST(ThresholdLayer, BackwardIsNotImplemented) {
  ThresholdLayer layer(LayerParamFromText("type: 'Threshold'"));
  Blob x({3}), y;
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_THROW(layer.Backward({&y}, {true}, {&x}), ConfigError);
  EXPECT_NO_THROW(layer.Backward({&y}, {false}, {&x}));
}

}  // namespace crema::test
