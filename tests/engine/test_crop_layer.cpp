#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/crop_layer.h"

namespace crema::test {

TEST(CropLayer, Shapes) {
  Blob x(2, 3, 6, 5), ref(1, 1, 4, 2), y;
  CropLayer spatial(LayerParamFromText("type: 'Crop'"));
  spatial.SetUp({&x, &ref}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 3, 4, 2}));
  Blob ref_all(1, 2, 3, 4);
  CropLayer all(LayerParamFromText("type: 'Crop' crop_param { axis: 0 }"));
  all.SetUp({&x, &ref_all}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{1, 2, 3, 4}));
  CropLayer too_far(LayerParamFromText("type: 'Crop' crop_param { offset: 3 }"));
  EXPECT_THROW(too_far.SetUp({&x, &ref}, {&y}), ConfigError);  // 5 - 3 < 4 rows? width: 5-3=2 ok, height: 6-3=3 < 4
  CropLayer wrong_offsets(LayerParamFromText("type: 'Crop' crop_param { offset: 1 offset: 1 offset: 1 }"));
  EXPECT_THROW(wrong_offsets.SetUp({&x, &ref}, {&y}), ConfigError);
}

TEST(CropLayer, ForwardBackwardWithPerAxisOffsets) {
  // 1x1x4x4 of 0..15, cropped to 2x3 at offsets (1, 0).
  Blob x(1, 1, 4, 4), ref(1, 1, 2, 3), y;
  for (int i = 0; i < 16; ++i) x.mutable_cpu_data()[i] = static_cast<float>(i);
  CropLayer layer(LayerParamFromText("type: 'Crop' crop_param { offset: 1 offset: 0 }"));
  layer.SetUp({&x, &ref}, {&y});
  layer.Forward({&x, &ref}, {&y});
  const float expect[] = {4, 5, 6, 8, 9, 10};
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect[i]);
  y.set_diff(1.f);
  x.set_diff(7.f);
  layer.Backward({&y}, {true, false}, {&x, &ref});
  for (int i = 0; i < 16; ++i) {
    const bool inside = (i / 4 == 1 || i / 4 == 2) && i % 4 < 3;
    EXPECT_FLOAT_EQ(x.cpu_diff()[i], inside ? 1.f : 0.f) << i;
  }
}

TEST(CropLayer, GradientCheck) {
  Blob x(2, 3, 4, 5), ref(2, 2, 2, 3), y;
  FillGaussianTest(&x);
  CropLayer layer(LayerParamFromText("type: 'Crop' crop_param { axis: 1 offset: 1 offset: 1 offset: 2 }"));
  GradientCheckOptions opt;
  opt.bottoms = {0};  // bottom 1 only supplies a shape
  CheckGradient(layer, {&x, &ref}, {&y}, opt);
}

}  // namespace crema::test
