// Convolution: shapes (C1-C3, C7), values C4-C7 (semantics §2), param-diff accumulation,
// comparison with a naive cross-correlation (blocked oneDNN layouts, group, pad, stride,
// dilation), errors, gradient checks.
#include <gtest/gtest.h>

#include <cmath>

#include "gradient_checker.h"
#include "layer_registry.h"
#include "layer_test_helpers.h"
#include "layers/convolution_layer.h"
#include "layers/inner_product_layer.h"
#include "layers/pooling_layer.h"
#include "layers/relu_layer.h"

namespace crema {
namespace {

using test::ExpectValues;
using test::LayerParamFromText;

caffe::LayerParameter ConvParam(const std::string& conv_param, const std::string& extra = "") {
  return LayerParamFromText("type: 'Convolution' " + extra + " convolution_param { " + conv_param + " }");
}

std::vector<int> TopShape(const std::string& conv_param, const std::vector<int>& bottom_shape) {
  Rng rng(1);
  ConvolutionLayer layer(ConvParam(conv_param));
  layer.set_rng(&rng);
  Blob bottom(bottom_shape), top;
  layer.SetUp({&bottom}, {&top});
  return top.shape();
}

TEST(ConvolutionLayer, C1LeNetShapes) {
  Rng rng(1);
  ConvolutionLayer conv1(ConvParam("num_output: 20 kernel_size: 5 stride: 1"));
  ConvolutionLayer conv2(ConvParam("num_output: 50 kernel_size: 5 stride: 1"));
  conv1.set_rng(&rng);
  conv2.set_rng(&rng);
  Blob data(64, 1, 28, 28), c1, p1(64, 20, 12, 12), c2;
  conv1.SetUp({&data}, {&c1});
  conv2.SetUp({&p1}, {&c2});
  EXPECT_EQ(c1.shape(), (std::vector<int>{64, 20, 24, 24}));
  EXPECT_EQ(c2.shape(), (std::vector<int>{64, 50, 8, 8}));
  EXPECT_EQ(conv1.blobs()[0]->count(), 500);
  EXPECT_EQ(conv1.blobs()[1]->count(), 20);
  EXPECT_EQ(conv2.blobs()[0]->count(), 25000);
  EXPECT_EQ(conv2.blobs()[1]->count(), 50);
  EXPECT_EQ(conv2.blobs()[0]->shape(), (std::vector<int>{50, 20, 5, 5}));
}

// C1: the LeNet chain built from the core layers: 28 -> conv1 24 -> pool1 12 -> conv2 8 ->
// pool2 4 -> ip1 (K = 800) -> ip2, 431,080 learnable values in all.
TEST(ConvolutionLayer, C1LeNetChain) {
  Rng rng(1);
  ConvolutionLayer conv1(ConvParam("num_output: 20 kernel_size: 5 stride: 1 weight_filler { type: 'xavier' }"));
  PoolingLayer pool1(LayerParamFromText("type: 'Pooling' pooling_param { pool: MAX kernel_size: 2 stride: 2 }"));
  ConvolutionLayer conv2(ConvParam("num_output: 50 kernel_size: 5 stride: 1 weight_filler { type: 'xavier' }"));
  PoolingLayer pool2(LayerParamFromText("type: 'Pooling' pooling_param { pool: MAX kernel_size: 2 stride: 2 }"));
  InnerProductLayer ip1(LayerParamFromText(
      "type: 'InnerProduct' inner_product_param { num_output: 500 weight_filler { type: 'xavier' } }"));
  ReLULayer relu1(LayerParamFromText("type: 'ReLU'"));
  InnerProductLayer ip2(LayerParamFromText(
      "type: 'InnerProduct' inner_product_param { num_output: 10 weight_filler { type: 'xavier' } }"));
  Blob data(2, 1, 28, 28), c1, p1, c2, p2, f1, f2;
  std::vector<std::pair<Layer*, std::pair<Blob*, Blob*>>> chain = {
      {&conv1, {&data, &c1}}, {&pool1, {&c1, &p1}}, {&conv2, {&p1, &c2}}, {&pool2, {&c2, &p2}},
      {&ip1, {&p2, &f1}},     {&relu1, {&f1, &f1}}, {&ip2, {&f1, &f2}}};
  int params = 0;
  for (auto& [layer, io] : chain) {
    layer->set_rng(&rng);
    layer->SetUp({io.first}, {io.second});
    for (auto& b : layer->blobs()) params += b->count();
  }
  EXPECT_EQ(c1.shape(), (std::vector<int>{2, 20, 24, 24}));
  EXPECT_EQ(p1.shape(), (std::vector<int>{2, 20, 12, 12}));
  EXPECT_EQ(c2.shape(), (std::vector<int>{2, 50, 8, 8}));
  EXPECT_EQ(p2.shape(), (std::vector<int>{2, 50, 4, 4}));
  EXPECT_EQ(ip1.blobs()[0]->shape(), (std::vector<int>{500, 800}));
  EXPECT_EQ(f2.shape(), (std::vector<int>{2, 10}));
  EXPECT_EQ(params, 431080);
  test::FillUniformTest(&data, 0.f, 1.f);
  for (auto& [layer, io] : chain) layer->Forward({io.first}, {io.second});
  for (int i = 0; i < f2.count(); ++i) EXPECT_TRUE(std::isfinite(f2.cpu_data()[i]));
}

TEST(ConvolutionLayer, OutputSizeRules) {
  // C2: H=7, k3, d2 -> 3
  EXPECT_EQ(TopShape("num_output: 1 kernel_size: 3 dilation: 2", {1, 1, 7, 7}), (std::vector<int>{1, 1, 3, 3}));
  // C3: H=6, k3, s2, p1 -> 3 (pooling would give 4)
  EXPECT_EQ(TopShape("num_output: 1 kernel_size: 3 stride: 2 pad: 1", {1, 1, 6, 6}), (std::vector<int>{1, 1, 3, 3}));
  // C7: H=4, k5, s2, p0 -> (4-5)/2 truncates to 0 -> 1
  EXPECT_EQ(TopShape("num_output: 1 kernel_size: 5 stride: 2", {1, 1, 4, 4}), (std::vector<int>{1, 1, 1, 1}));
  // P8's conv counterparts: (112,3,2,0) -> 55, (64,3,2,1) -> 32
  EXPECT_EQ(TopShape("num_output: 1 kernel_size: 3 stride: 2", {1, 1, 112, 112})[2], 55);
  EXPECT_EQ(TopShape("num_output: 1 kernel_size: 3 stride: 2 pad: 1", {1, 1, 64, 64})[2], 32);
  // 2-D forms and per-axis repeated values
  EXPECT_EQ(TopShape("num_output: 2 kernel_h: 3 kernel_w: 2 stride_h: 2 stride_w: 1 pad_h: 1 pad_w: 0",
                     {1, 1, 7, 6}),
            (std::vector<int>{1, 2, 4, 5}));
  EXPECT_EQ(TopShape("num_output: 2 kernel_size: 3 kernel_size: 1 pad: 0 pad: 2 stride: 1 stride: 3", {1, 1, 7, 6}),
            (std::vector<int>{1, 2, 5, 4}));
  // 1-D convolution (3-D blob) and a channel axis other than 1
  EXPECT_EQ(TopShape("num_output: 2 kernel_size: 3 pad: 1 stride: 2", {2, 3, 9}), (std::vector<int>{2, 2, 5}));
  EXPECT_EQ(TopShape("num_output: 2 kernel_size: 3 axis: 2", {2, 4, 3, 5, 6}), (std::vector<int>{2, 4, 2, 3, 4}));
  // 3-D convolution (5-D blob)
  EXPECT_EQ(TopShape("num_output: 2 kernel_size: 2", {1, 1, 3, 4, 5}), (std::vector<int>{1, 2, 2, 3, 4}));
}

TEST(ConvolutionLayer, C4CrossCorrelationNotFlipped) {
  Rng rng(1);
  ConvolutionLayer layer(ConvParam("num_output: 1 kernel_size: 2"));
  layer.set_rng(&rng);
  Blob x(1, 1, 3, 3), y;
  layer.SetUp({&x}, {&y});
  test::SetData(x, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  test::SetData(*layer.blobs()[0], {1, 0, 0, -1});
  test::SetData(*layer.blobs()[1], {0.5f});
  layer.Forward({&x}, {&y});
  ExpectValues(test::Data(y), {-3.5f, -3.5f, -3.5f, -3.5f});  // flipping would give +4.5

  // Backward with top diff 1 (hand-computed): dW[a,b] = sum of the patch, db = 4,
  // dx = sum of the kernel taps covering each input.
  y.set_diff(1.f);
  x.set_diff(42.f);
  layer.Backward({&y}, {true}, {&x});
  ExpectValues(test::Diff(*layer.blobs()[0]), {12, 16, 24, 28});
  ExpectValues(test::Diff(*layer.blobs()[1]), {4});
  ExpectValues(test::Diff(x), {1, 1, 0, 1, 0, -1, 0, -1, -1});

  // Param diffs accumulate; the bottom diff is overwritten.
  layer.Backward({&y}, {true}, {&x});
  ExpectValues(test::Diff(*layer.blobs()[0]), {24, 32, 48, 56});
  ExpectValues(test::Diff(*layer.blobs()[1]), {8});
  ExpectValues(test::Diff(x), {1, 1, 0, 1, 0, -1, 0, -1, -1});
}

TEST(ConvolutionLayer, C5Group) {
  Rng rng(1);
  for (int group : {2, 1}) {
    ConvolutionLayer layer(ConvParam("num_output: 2 kernel_size: 1 group: " + std::to_string(group) +
                                     " weight_filler { type: 'constant' value: 1 }"));
    layer.set_rng(&rng);
    Blob x(1, 4, 1, 1), y;
    layer.SetUp({&x}, {&y});
    EXPECT_EQ(layer.blobs()[0]->shape(), (std::vector<int>{2, 4 / group, 1, 1}));
    test::SetData(x, {1, 10, 100, 1000});
    layer.Forward({&x}, {&y});
    if (group == 2)
      ExpectValues(test::Data(y), {11, 1100});
    else
      ExpectValues(test::Data(y), {1111, 1111});
  }
}

TEST(ConvolutionLayer, C6NoBiasTerm) {
  Rng rng(1);
  ConvolutionLayer layer(ConvParam("num_output: 3 kernel_size: 3 bias_term: false"));
  layer.set_rng(&rng);
  Blob x(1, 2, 5, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(layer.blobs().size(), 1u);

  // Loading a model layer with two blobs into a bias-free layer is an error.
  auto p = ConvParam("num_output: 3 kernel_size: 3 bias_term: false");
  Blob w(3, 2, 3, 3), b({3});
  w.ToProto(p.add_blobs());
  b.ToProto(p.add_blobs());
  ConvolutionLayer loaded(p);
  Blob y2;
  EXPECT_THROW(loaded.SetUp({&x}, {&y2}), ConfigError);
}

TEST(ConvolutionLayer, LoadedWeightShapeMismatchThrows) {
  auto p = ConvParam("num_output: 3 kernel_size: 3");
  Blob w(3, 2, 5, 5), b({3});
  w.ToProto(p.add_blobs());
  b.ToProto(p.add_blobs());
  ConvolutionLayer loaded(p);
  Blob x(1, 2, 5, 5), y;
  EXPECT_THROW(loaded.SetUp({&x}, {&y}), ShapeError);
}

TEST(ConvolutionLayer, C7TruncatedWindowReadsZeros) {
  Rng rng(1);
  ConvolutionLayer layer(ConvParam("num_output: 1 kernel_size: 5 stride: 2 weight_filler { type: 'constant' value: 1 }"));
  layer.set_rng(&rng);
  Blob x(1, 1, 4, 4), y;
  layer.SetUp({&x}, {&y});
  x.set_data(1.f);
  layer.Forward({&x}, {&y});
  ExpectValues(test::Data(y), {16.f});  // the 5x5 window covers the 4x4 image
  y.set_diff(1.f);
  layer.Backward({&y}, {true}, {&x});
  ExpectValues(test::Diff(x), std::vector<float>(16, 1.f));
  ExpectValues(test::Diff(*layer.blobs()[0]), {1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0,
                                              0, 0, 0, 0, 0});
}

TEST(ConvolutionLayer, F4DefaultFillersAreZero) {
  Rng rng(1);
  ConvolutionLayer layer(ConvParam("num_output: 4 kernel_size: 3"));
  layer.set_rng(&rng);
  Blob x(1, 2, 5, 5), y;
  layer.SetUp({&x}, {&y});
  EXPECT_EQ(layer.blobs()[0]->asum_data(), 0.f);
  EXPECT_EQ(layer.blobs()[1]->asum_data(), 0.f);
}

TEST(ConvolutionLayer, InvalidParametersThrow) {
  Rng rng(1);
  auto setup = [&](const std::string& cp, std::vector<int> shape = {1, 4, 6, 6}) {
    ConvolutionLayer layer(ConvParam(cp));
    layer.set_rng(&rng);
    Blob x(shape), y;
    layer.SetUp({&x}, {&y});
  };
  EXPECT_THROW(setup("num_output: 2 kernel_size: 3 kernel_h: 3 kernel_w: 3"), ConfigError);
  EXPECT_THROW(setup("num_output: 2 kernel_size: 3 stride: 1 stride_h: 2 stride_w: 2"), ConfigError);
  EXPECT_THROW(setup("num_output: 2"), ConfigError);                          // no kernel
  EXPECT_THROW(setup("num_output: 2 kernel_size: 3 group: 3"), ConfigError);  // 4 channels
  EXPECT_THROW(setup("num_output: 3 kernel_size: 3 group: 2"), ConfigError);  // 3 outputs
  EXPECT_THROW(setup("num_output: 0 kernel_size: 3"), ConfigError);
  EXPECT_THROW(setup("num_output: 2 kernel_size: 3 kernel_size: 3 kernel_size: 3"), ConfigError);
  EXPECT_THROW(setup("num_output: 2 kernel_size: 7"), ShapeError);  // (6-7)/1+1 = 0 after truncation
}

// Naive Caffe cross-correlation, used to check oneDNN's blocked layouts and geometry.
std::vector<float> NaiveConv(const Blob& x, const Blob& w, const Blob* b, int group, int kh, int kw, int sh, int sw,
                             int ph, int pw, int dh, int dw, int oh, int ow) {
  const int N = x.shape(0), C = x.shape(1), H = x.shape(2), W = x.shape(3), O = w.shape(0);
  const int cg = C / group, og = O / group;
  std::vector<float> y(static_cast<size_t>(N) * O * oh * ow);
  for (int n = 0; n < N; ++n)
    for (int o = 0; o < O; ++o)
      for (int i = 0; i < oh; ++i)
        for (int j = 0; j < ow; ++j) {
          double s = b ? b->cpu_data()[o] : 0.0;
          const int g = o / og;
          for (int c = 0; c < cg; ++c)
            for (int a = 0; a < kh; ++a)
              for (int e = 0; e < kw; ++e) {
                const int h = i * sh - ph + a * dh, v = j * sw - pw + e * dw;
                if (h < 0 || h >= H || v < 0 || v >= W) continue;
                s += static_cast<double>(x.cpu_data()[x.offset(n, g * cg + c, h, v)]) *
                     w.cpu_data()[((o * cg + c) * kh + a) * kw + e];
              }
          y[((static_cast<size_t>(n) * O + o) * oh + i) * ow + j] = static_cast<float>(s);
        }
  return y;
}

struct ConvCase {
  std::vector<int> shape;
  int num_output, group, k, s, p, d;
};

TEST(ConvolutionLayer, MatchesNaiveCrossCorrelation) {
  const std::vector<ConvCase> cases = {
      {{2, 3, 7, 7}, 4, 1, 3, 1, 0, 1},     {{2, 16, 9, 9}, 16, 1, 3, 2, 1, 1},  // likely blocked layouts
      {{1, 32, 8, 8}, 32, 4, 3, 1, 1, 2},   {{2, 8, 6, 5}, 6, 2, 2, 2, 1, 1},
      {{1, 16, 10, 10}, 16, 16, 3, 1, 1, 1},  // depthwise
      {{1, 4, 4, 4}, 8, 1, 5, 2, 0, 1},       // truncated window (C7)
  };
  for (const ConvCase& c : cases) {
    for (const char* phase : {"TRAIN", "TEST"}) {
      SCOPED_TRACE(testing::Message() << "C=" << c.shape[1] << " O=" << c.num_output << " g=" << c.group
                                      << " k=" << c.k << " s=" << c.s << " p=" << c.p << " d=" << c.d << " " << phase);
      Rng rng(3);
      ConvolutionLayer layer(ConvParam(
          "num_output: " + std::to_string(c.num_output) + " group: " + std::to_string(c.group) +
              " kernel_size: " + std::to_string(c.k) + " stride: " + std::to_string(c.s) + " pad: " +
              std::to_string(c.p) + " dilation: " + std::to_string(c.d) +
              " weight_filler { type: 'gaussian' std: 0.3 } bias_filler { type: 'gaussian' std: 0.3 }",
          std::string("phase: ") + phase));
      layer.set_rng(&rng);
      Blob x(c.shape), y;
      test::FillGaussianTest(&x, 1.f, 4);
      layer.SetUp({&x}, {&y});
      layer.Forward({&x}, {&y});
      const std::vector<float> expected =
          NaiveConv(x, *layer.blobs()[0], layer.blobs()[1].get(), c.group, c.k, c.k, c.s, c.s, c.p, c.p, c.d, c.d,
                    y.shape(2), y.shape(3));
      ExpectValues(test::Data(y), expected, 1e-4f);
    }
  }
}

TEST(ConvolutionLayer, ReshapeRebuildsForNewShape) {
  Rng rng(3);
  ConvolutionLayer layer(ConvParam("num_output: 8 kernel_size: 3 pad: 1 weight_filler { type: 'gaussian' std: 0.3 }"));
  layer.set_rng(&rng);
  Blob x(1, 8, 5, 5), y;
  layer.SetUp({&x}, {&y});
  x.Reshape({3, 8, 9, 7});
  test::FillGaussianTest(&x, 1.f, 6);
  layer.Reshape({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{3, 8, 9, 7}));
  layer.Forward({&x}, {&y});
  ExpectValues(test::Data(y),
               NaiveConv(x, *layer.blobs()[0], layer.blobs()[1].get(), 1, 3, 3, 1, 1, 1, 1, 1, 1, 9, 7), 1e-4f);
}

void CheckConv(const std::string& params, const std::vector<int>& shape, int num_bottoms = 1) {
  ConvolutionLayer layer(ConvParam(params +
                                   " weight_filler { type: 'gaussian' std: 0.3 } bias_filler { type: 'gaussian' std: 0.3 }"));
  std::vector<Blob> bottoms(num_bottoms), tops(num_bottoms);
  std::vector<Blob*> b, t;
  for (int i = 0; i < num_bottoms; ++i) {
    bottoms[i].Reshape(shape);
    test::FillGaussianTest(&bottoms[i], 1.f, 10 + i);
    b.push_back(&bottoms[i]);
    t.push_back(&tops[i]);
  }
  test::CheckGradient(layer, b, t);
}

TEST(ConvolutionLayer, Gradient) { CheckConv("num_output: 3 kernel_size: 3", {2, 2, 5, 5}); }
TEST(ConvolutionLayer, GradientGroupPadStride) {
  CheckConv("num_output: 4 kernel_size: 3 group: 2 pad: 1 stride: 2", {2, 4, 5, 5});
}
TEST(ConvolutionLayer, GradientDilation) { CheckConv("num_output: 2 kernel_size: 2 dilation: 2 pad: 1", {1, 2, 5, 6}); }
TEST(ConvolutionLayer, GradientRectangular) {
  CheckConv("num_output: 2 kernel_h: 3 kernel_w: 2 stride_h: 2 stride_w: 1 pad_h: 1 pad_w: 0", {1, 2, 5, 4});
}
TEST(ConvolutionLayer, GradientTruncatedWindow) { CheckConv("num_output: 2 kernel_size: 5 stride: 2", {1, 2, 4, 4}); }
TEST(ConvolutionLayer, GradientNoBias) { CheckConv("num_output: 2 kernel_size: 3 bias_term: false", {1, 3, 4, 4}); }
TEST(ConvolutionLayer, GradientTwoBottoms) { CheckConv("num_output: 2 kernel_size: 2", {1, 2, 3, 3}, 2); }

TEST(ConvolutionLayer, Gradient3D) { CheckConv("num_output: 2 kernel_size: 2 pad: 1 stride: 2", {1, 2, 3, 3, 3}); }
TEST(ConvolutionLayer, Gradient1D) { CheckConv("num_output: 2 kernel_size: 3 dilation: 2", {2, 2, 7}); }
TEST(ConvolutionLayer, GradientTestPhase) {
  ConvolutionLayer layer(ConvParam("num_output: 2 kernel_size: 2 weight_filler { type: 'gaussian' std: 0.3 }", "phase: TEST"));
  Blob x(1, 2, 3, 3), y;
  test::FillGaussianTest(&x, 1.f, 2);
  test::CheckGradient(layer, {&x}, {&y});
}

// Like Caffe's Layer::Forward, Forward reshapes when the bottom changed shape since Reshape.
TEST(ConvolutionLayer, ForwardFollowsBottomShapeChange) {
  Rng rng(3);
  ConvolutionLayer layer(ConvParam("num_output: 4 kernel_size: 3 weight_filler { type: 'gaussian' std: 0.3 }"));
  layer.set_rng(&rng);
  Blob x(1, 2, 5, 5), y;
  layer.SetUp({&x}, {&y});
  x.Reshape({3, 2, 6, 7});
  test::FillGaussianTest(&x, 1.f, 2);
  layer.Forward({&x}, {&y});
  EXPECT_EQ(y.shape(), (std::vector<int>{3, 4, 4, 5}));
  ExpectValues(test::Data(y), NaiveConv(x, *layer.blobs()[0], layer.blobs()[1].get(), 1, 3, 3, 1, 1, 0, 0, 1, 1, 4, 5),
               1e-4f);
}

TEST(ConvolutionLayer, Registered) {
  auto layer = LayerRegistry::Global().Create(LayerParamFromText("type: 'Convolution'"));
  EXPECT_STREQ(layer->type(), "Convolution");
}

}  // namespace
}  // namespace crema
