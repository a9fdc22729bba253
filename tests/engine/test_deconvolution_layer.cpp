#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/deconvolution_layer.h"

namespace crema::test {

namespace {
std::vector<int> DeconvShape(const std::string& conv_param, const std::vector<int>& in) {
  Rng rng(1);
  Blob x(in), y;
  DeconvolutionLayer layer(LayerParamFromText("type: 'Deconvolution' convolution_param { " + conv_param + " }"));
  layer.set_rng(&rng);
  layer.SetUp({&x}, {&y});
  return y.shape();
}
}  // namespace

TEST(DeconvolutionLayer, ShapesAndParams) {
  // (in - 1) * s + dilation * (k - 1) + 1 - 2p
  EXPECT_EQ(DeconvShape("num_output: 4 kernel_size: 4 stride: 2 pad: 1", {2, 3, 4, 5}),
            (std::vector<int>{2, 4, 8, 10}));
  EXPECT_EQ(DeconvShape("num_output: 2 kernel_size: 3", {1, 3, 5, 5}), (std::vector<int>{1, 2, 7, 7}));
  EXPECT_EQ(DeconvShape("num_output: 2 kernel_h: 1 kernel_w: 3 stride_h: 2 stride_w: 1", {1, 3, 5, 5}),
            (std::vector<int>{1, 2, 9, 7}));
  EXPECT_EQ(DeconvShape("num_output: 2 kernel_size: 3 dilation: 2", {1, 3, 5, 5}), (std::vector<int>{1, 2, 9, 9}));
  Rng rng(1);
  Blob x(2, 4, 3, 3), y;
  DeconvolutionLayer layer(LayerParamFromText(
      "type: 'Deconvolution' convolution_param { num_output: 6 kernel_size: 2 group: 2 }"));
  layer.set_rng(&rng);
  layer.SetUp({&x}, {&y});
  ASSERT_EQ(layer.blobs().size(), 2u);
  EXPECT_EQ(layer.blobs()[0]->shape(), (std::vector<int>{4, 3, 2, 2}));  // {C_in, num_output/group, kh, kw}
  EXPECT_EQ(layer.blobs()[1]->shape(), (std::vector<int>{6}));
  EXPECT_FLOAT_EQ(layer.blobs()[0]->asum_data(), 0.f);  // default filler: constant 0
  DeconvolutionLayer no_bias(LayerParamFromText(
      "type: 'Deconvolution' convolution_param { num_output: 2 kernel_size: 2 bias_term: false }"));
  no_bias.set_rng(&rng);
  no_bias.SetUp({&x}, {&y});
  EXPECT_EQ(no_bias.blobs().size(), 1u);
  DeconvolutionLayer bad_group(LayerParamFromText(
      "type: 'Deconvolution' convolution_param { num_output: 3 kernel_size: 2 group: 2 }"));
  bad_group.set_rng(&rng);
  EXPECT_THROW(bad_group.SetUp({&x}, {&y}), ConfigError);
}

TEST(DeconvolutionLayer, ForwardScattersKernelWithoutFlip) {
  // Transposed convolution: y[i + a][j + b] += x[i][j] * w[a][b].
  Rng rng(1);
  Blob x(1, 1, 2, 2), y;
  for (int i = 0; i < 4; ++i) x.mutable_cpu_data()[i] = static_cast<float>(i + 1);
  DeconvolutionLayer layer(LayerParamFromText(
      "type: 'Deconvolution' convolution_param { num_output: 1 kernel_size: 2 bias_filler { type: 'constant' value: 0.5 } }"));
  layer.set_rng(&rng);
  layer.SetUp({&x}, {&y});
  for (int i = 0; i < 4; ++i) layer.blobs()[0]->mutable_cpu_data()[i] = static_cast<float>(i + 1);
  layer.Forward({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{1, 1, 3, 3}));
  const float expect[] = {1, 4, 4, 6, 20, 16, 9, 24, 16};
  for (int i = 0; i < 9; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect[i] + 0.5f) << i;
  // Backward: dx is the correlation of dy with w; dw accumulates x * dy windows.
  y.set_diff(1.f);
  layer.blobs()[0]->set_diff(0.f);
  layer.blobs()[1]->set_diff(0.f);
  layer.Backward({&y}, {true}, {&x});
  for (int i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(x.cpu_diff()[i], 10.f) << i;  // sum of w
  for (int i = 0; i < 4; ++i) EXPECT_FLOAT_EQ(layer.blobs()[0]->cpu_diff()[i], 10.f) << i;  // sum of x
  EXPECT_FLOAT_EQ(layer.blobs()[1]->cpu_diff()[0], 9.f);
}

TEST(DeconvolutionLayer, StrideTwoUpsamplesBlocks) {
  Rng rng(1);
  Blob x(1, 1, 2, 2), y;
  for (int i = 0; i < 4; ++i) x.mutable_cpu_data()[i] = static_cast<float>(i + 1);
  DeconvolutionLayer layer(LayerParamFromText(
      "type: 'Deconvolution' convolution_param { num_output: 1 kernel_size: 2 stride: 2 bias_term: false "
      "weight_filler { type: 'constant' value: 1 } }"));
  layer.set_rng(&rng);
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  const float expect[] = {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4};
  for (int i = 0; i < 16; ++i) EXPECT_FLOAT_EQ(y.cpu_data()[i], expect[i]) << i;
}

TEST(DeconvolutionLayer, GroupsKeepChannelsApart) {
  Rng rng(1);
  Blob x(1, 2, 1, 1), y;
  x.mutable_cpu_data()[0] = 1.f;
  x.mutable_cpu_data()[1] = 10.f;
  DeconvolutionLayer layer(LayerParamFromText(
      "type: 'Deconvolution' convolution_param { num_output: 2 kernel_size: 1 group: 2 bias_term: false "
      "weight_filler { type: 'constant' value: 1 } }"));
  layer.set_rng(&rng);
  layer.SetUp({&x}, {&y});
  layer.Forward({&x}, {&y});
  EXPECT_FLOAT_EQ(y.cpu_data()[0], 1.f);  // group 1 would give 11 for both
  EXPECT_FLOAT_EQ(y.cpu_data()[1], 10.f);
}

TEST(DeconvolutionLayer, GradientCheck) {
  DeconvolutionLayer layer(LayerParamFromText(
      "type: 'Deconvolution' convolution_param { num_output: 4 kernel_size: 3 stride: 2 pad: 1 group: 2 "
      "weight_filler { type: 'gaussian' std: 0.5 } bias_filler { type: 'gaussian' std: 0.5 } }"));
  Blob x(2, 2, 3, 2), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y});
}

TEST(DeconvolutionLayer, GradientCheckRectangularDilated) {
  DeconvolutionLayer layer(LayerParamFromText(
      "type: 'Deconvolution' convolution_param { num_output: 2 kernel_h: 2 kernel_w: 3 stride_h: 1 stride_w: 2 "
      "dilation: 2 weight_filler { type: 'gaussian' std: 0.5 } }"));
  Blob x(2, 3, 2, 3), y;
  FillGaussianTest(&x);
  CheckGradient(layer, {&x}, {&y});
}

}  // namespace crema::test
