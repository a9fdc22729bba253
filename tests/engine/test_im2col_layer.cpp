#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/im2col_layer.h"

namespace crema::test {

TEST(Im2colLayer, Shapes) {
  Blob x(2, 3, 6, 5), y;
  Im2colLayer layer(LayerParamFromText("type: 'Im2col' convolution_param { kernel_size: 3 stride: 2 }"));
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 27, 2, 2}));
  Im2colLayer rect(LayerParamFromText(
      "type: 'Im2col' convolution_param { kernel_h: 2 kernel_w: 3 pad_h: 1 pad_w: 0 stride_h: 1 stride_w: 2 }"));
  rect.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 18, 7, 2}));
  Im2colLayer dilated(LayerParamFromText("type: 'Im2col' convolution_param { kernel_size: 3 dilation: 2 }"));
  dilated.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{2, 27, 2, 1}));
  Im2colLayer mixed(LayerParamFromText("type: 'Im2col' convolution_param { kernel_size: 3 kernel_h: 2 kernel_w: 2 }"));
  EXPECT_THROW(mixed.SetUp({&x}, {&y}), ConfigError);
  Im2colLayer no_kernel(LayerParamFromText("type: 'Im2col' convolution_param { stride: 2 }"));
  EXPECT_THROW(no_kernel.SetUp({&x}, {&y}), ConfigError);
}

TEST(Im2colLayer, ForwardBackwardHandComputed) {
  Blob x(1, 1, 3, 3), y;
  for (int i = 0; i < 9; ++i) x.mutable_cpu_data()[i] = static_cast<float>(i + 1);
  Im2colLayer layer(LayerParamFromText("type: 'Im2col' convolution_param { kernel_size: 2 }"));
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  // Rows are kernel offsets (0,0) (0,1) (1,0) (1,1); columns are output positions.
  const float expect[] = {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9};
  for (int i = 0; i < 16; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect[i]) << i;
  y.set_diff(1.f);
  layer.Backward({&y}, {true}, {&x});
  // col2im adds up how often each pixel was read: corners 1, edges 2, centre 4.
  const float counts[] = {1, 2, 1, 2, 4, 2, 1, 2, 1};
  for (int i = 0; i < 9; ++i) EXPECT_FLOAT_EQ(x.cpu_diff()[i], counts[i]) << i;
}

TEST(Im2colLayer, PaddingReadsZero) {
  Blob x(1, 1, 2, 2), y;
  for (int i = 0; i < 4; ++i) x.mutable_cpu_data()[i] = static_cast<float>(i + 1);
  Im2colLayer layer(LayerParamFromText("type: 'Im2col' convolution_param { kernel_size: 3 pad: 1 stride: 2 }"));
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{1, 9, 1, 1}));
  layer.Forward({&x}, {&y});
  const float expect[] = {0, 0, 0, 0, 1, 2, 0, 3, 4};
  for (int i = 0; i < 9; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect[i]) << i;
}

TEST(Im2colLayer, GradientCheck) {
  Blob x(2, 3, 4, 5), y;
  FillGaussianTest(&x);
  Im2colLayer layer(LayerParamFromText(
      "type: 'Im2col' convolution_param { kernel_size: 3 pad: 1 stride: 2 dilation: 1 }"));
  CheckGradient(layer, {&x}, {&y});
  Im2colLayer dilated(LayerParamFromText("type: 'Im2col' convolution_param { kernel_size: 2 dilation: 2 }"));
  Blob y2;
  CheckGradient(dilated, {&x}, {&y2});
}

}  // namespace crema::test
