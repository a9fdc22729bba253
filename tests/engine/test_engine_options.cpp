// The engine's optional optimisations (EngineOptions) against their plain paths:
// blobs' private layouts (convert on read, drop on write, follow reshapes and sharing),
// DnnlTensor's zero-copy and layout-to-layout inputs, channels-last convolutions and the
// LeNet chain on private layouts, ReLU post-op fusion in a Net, and the fused SGD update
// (bit-identical to the separate passes).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <random>

#include "dnnl/dnnl_context.h"
#include "dnnl/dnnl_tensor.h"
#include "engine_options_guard.h"
#include "gradient_checker.h"
#include "io/io.h"
#include "layer_test_helpers.h"
#include "layers/convolution_layer.h"
#include "layers/inner_product_layer.h"
#include "layers/pooling_layer.h"
#include "layers/relu_layer.h"
#include "net.h"
#include "solver/solver.h"

namespace crema {
namespace {

using tag = dnnl::memory::format_tag;
using test::ExpectValues;
using test::LayerParamFromText;

std::vector<float> Ramp(int n, float scale = 0.01f) {
  std::vector<float> v(n);
  for (int i = 0; i < n; ++i) v[i] = scale * static_cast<float>((i * 37) % 101 - 50);
  return v;
}

/// A private copy of `values` (plain order) in layout `t` for a blob of `shape`.
std::shared_ptr<DnnlPrivate> MakePrivate(const std::vector<int>& shape, const std::vector<float>& values, tag t) {
  const auto f32 = dnnl::memory::data_type::f32;
  const dnnl::memory::dims dims(shape.begin(), shape.end());
  const dnnl::memory::desc plain(dims, f32, tag::abcd), md(dims, f32, t);
  auto prv = std::make_shared<DnnlPrivate>(plain, md);
  dnnl::memory src(plain, DnnlEngine(), const_cast<float*>(values.data()));
  dnnl::memory dst = prv->memory();
  dnnl::stream& s = DnnlStream();
  dnnl::reorder(src, dst).execute(s, src, dst);
  s.wait();
  return prv;
}

TEST(BlobPrivateLayout, ReadConvertsWriteDropsReshapeSyncs) {
  Blob b(2, 20, 3, 3);
  const std::vector<float> x = Ramp(b.count());
  b.set_data(-5.f);
  b.set_private_data(MakePrivate(b.shape(), x, tag::aBcd16b));
  ASSERT_NE(PrivateOf(b, false), nullptr);
  ExpectValues(test::Data(b), x);        // converted on read
  EXPECT_NE(PrivateOf(b, false), nullptr);  // both copies stay valid
  b.mutable_cpu_data()[0] = 42.f;        // plain code writes: the private copy is dropped
  EXPECT_EQ(PrivateOf(b, false), nullptr);
  EXPECT_EQ(b.cpu_data()[0], 42.f);
  EXPECT_EQ(b.cpu_data()[1], x[1]);

  // A blob sharing the memory sees the private copy; a reshape converts and forgets it.
  b.set_private_diff(MakePrivate(b.shape(), x, tag::acdb));
  Blob shared(b.shape());
  shared.ShareDiff(b);
  ASSERT_NE(PrivateOf(shared, true), nullptr);
  ExpectValues(test::Diff(shared), x);
  b.set_private_diff(MakePrivate(b.shape(), Ramp(b.count(), 0.5f), tag::acdb));
  b.Reshape({2, 20, 9});
  EXPECT_EQ(PrivateOf(b, true), nullptr);
  ExpectValues(test::Diff(b), Ramp(b.count(), 0.5f));
}

TEST(BlobPrivateLayout, InPlaceWriteMarksPlainStale) {
  Blob b(1, 16, 2, 2);
  const std::vector<float> x = Ramp(b.count());
  auto prv = MakePrivate(b.shape(), x, tag::aBcd16b);
  b.set_private_data(prv);
  ExpectValues(test::Data(b), x);
  static_cast<float*>(prv->memory().get_data_handle())[0] = 7.f;  // element (0,0,0,0)
  b.private_data_written();
  EXPECT_EQ(b.cpu_data()[0], 7.f);
}

TEST(DnnlTensor, ZeroCopyLayoutToLayoutAndPlainInputs) {
  const std::vector<int> shape{2, 20, 3, 4};
  const auto f32 = dnnl::memory::data_type::f32;
  const dnnl::memory::dims dims(shape.begin(), shape.end());
  const dnnl::memory::desc plain(dims, f32, tag::abcd), nhwc(dims, f32, tag::acdb);
  DnnlTensor t;
  t.Init(plain, nhwc);
  ASSERT_TRUE(t.reordered());
  dnnl::stream& s = DnnlStream();
  const std::vector<float> x = Ramp(2 * 20 * 3 * 4);
  Blob b(shape);
  // Same layout: the producer's buffer itself.
  auto same = MakePrivate(shape, x, tag::acdb);
  b.set_private_data(same);
  EXPECT_EQ(t.In(b, false, s).get_data_handle(), same->memory().get_data_handle());
  // Another layout (nChw16c) and plain values: copied into the tensor's nhwc buffer.
  for (const bool from_private : {true, false}) {
    if (from_private)
      b.set_private_data(MakePrivate(shape, x, tag::aBcd16b));
    else
      test::SetData(b, x);
    dnnl::memory m = t.In(b, false, s);
    s.wait();
    EXPECT_NE(m.get_data_handle(), same->memory().get_data_handle());
    const float* v = static_cast<const float*>(m.get_data_handle());
    // nhwc element (n, c, h, w) sits at ((n*3 + h)*4 + w)*20 + c.
    for (int n = 0; n < 2; ++n)
      for (int c = 0; c < 20; ++c)
        for (int h = 0; h < 3; ++h)
          for (int w = 0; w < 4; ++w)
            ASSERT_EQ(v[((n * 3 + h) * 4 + w) * 20 + c], x[((n * 20 + c) * 3 + h) * 4 + w]);
  }
  // Output: published as the blob's private copy, or converted when private layouts are off.
  Blob out(shape);
  for (const bool layouts : {true, false}) {
    EngineOptions o = GetEngineOptions();
    o.private_layouts = layouts;
    test::ScopedEngineOptions scoped(o);
    dnnl::memory m = t.Out(out, true);
    float* v = static_cast<float*>(m.get_data_handle());
    for (int i = 0; i < out.count(); ++i) v[i] = static_cast<float>(i);
    t.Publish(out, true, s);
    s.wait();
    EXPECT_EQ(PrivateOf(out, true) != nullptr, layouts);
    EXPECT_EQ(out.cpu_diff()[1], 20.f);  // plain (0,0,0,1) is nhwc element 20
  }
}

caffe::LayerParameter ConvParam(const std::string& conv_param) {
  return LayerParamFromText("type: 'Convolution' convolution_param { " + conv_param + " }");
}

// 20 input channels: channels-last convolution (oneDNN brgconv), checked by central differences.
TEST(ChannelsLastConvolution, GradientCheck) {
  EngineOptions nhwc;
  nhwc.nhwc_conv = true;
  test::ScopedEngineOptions scoped(nhwc);
  Rng rng(3);
  ConvolutionLayer layer(
      ConvParam("num_output: 3 kernel_size: 3 pad: 1 weight_filler { type: 'gaussian' std: 0.3 } "
                "bias_filler { type: 'gaussian' std: 0.3 }"));
  layer.set_rng(&rng);
  Blob x(2, 20, 4, 3), y;
  test::FillGaussianTest(&x);
  test::CheckGradient(layer, {&x}, {&y});
  EXPECT_EQ(layer.src_layout(), tag::acdb);
}

/// Forward + backward of a conv (bottom 20 channels) with the given switches.
struct ConvRun {
  std::vector<float> top, bottom_diff, weight_diff, bias_diff;
  bool top_private = false, bottom_diff_private = false;
};
ConvRun RunConv(const EngineOptions& options, const std::vector<float>& x, const std::vector<float>& dy) {
  test::ScopedEngineOptions scoped(options);
  Rng rng(9);
  ConvolutionLayer layer(ConvParam("num_output: 30 kernel_size: 5 weight_filler { type: 'xavier' } "
                                   "bias_filler { type: 'gaussian' std: 0.1 }"));
  layer.set_rng(&rng);
  Blob bottom(4, 20, 12, 12), top;
  layer.SetUp({&bottom}, {&top});
  EXPECT_EQ(layer.src_layout() == tag::acdb, options.nhwc_conv);
  test::SetData(bottom, x);
  layer.Forward({&bottom}, {&top});
  ConvRun r;
  r.top_private = PrivateOf(top, false) != nullptr;
  r.top = test::Data(top);
  test::SetDiff(top, dy);
  layer.blobs()[0]->set_diff(0.f);
  layer.blobs()[1]->set_diff(0.f);
  layer.Backward({&top}, {true}, {&bottom});
  r.bottom_diff_private = PrivateOf(bottom, true) != nullptr;
  r.bottom_diff = test::Diff(bottom);
  r.weight_diff = test::Diff(*layer.blobs()[0]);
  r.bias_diff = test::Diff(*layer.blobs()[1]);
  return r;
}

TEST(ChannelsLastConvolution, MatchesPlainPathAndHandsOnPrivateCopies) {
  const std::vector<float> x = Ramp(4 * 20 * 12 * 12, 0.05f);
  const std::vector<float> dy = Ramp(4 * 30 * 8 * 8, 0.02f);
  EngineOptions off;
  off.private_layouts = off.fuse_relu = off.fast_pooling = off.nhwc_conv = off.fused_update = false;
  EngineOptions nhwc;
  nhwc.nhwc_conv = true;
  const ConvRun opt = RunConv(nhwc, x, dy), plain = RunConv(off, x, dy);
  EXPECT_TRUE(opt.top_private);
  EXPECT_TRUE(opt.bottom_diff_private);
  EXPECT_FALSE(plain.top_private);
  // Different kernels sum in different orders: equal to float rounding.
  ExpectValues(opt.top, plain.top, 1e-5f);
  ExpectValues(opt.bottom_diff, plain.bottom_diff, 1e-5f);
  ExpectValues(opt.weight_diff, plain.weight_diff, 1e-5f);
  ExpectValues(opt.bias_diff, plain.bias_diff, 1e-5f);
}

const char* kFusionNet = R"(
  name: "fusion"
  layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 3 dim: 4 dim: 9 dim: 9 } } }
  layer { name: "conv" type: "Convolution" bottom: "data" top: "conv"
          convolution_param { num_output: 16 kernel_size: 3 weight_filler { type: "xavier" }
                              bias_filler { type: "gaussian" std: 0.2 } } }
  layer { name: "relu_c" type: "ReLU" bottom: "conv" top: "conv" relu_param { negative_slope: 0.1 } }
  layer { name: "pool" type: "Pooling" bottom: "conv" top: "pool" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
  layer { name: "relu_p" type: "ReLU" bottom: "pool" top: "pool" }
  layer { name: "ip" type: "InnerProduct" bottom: "pool" top: "ip"
          inner_product_param { num_output: 7 weight_filler { type: "xavier" } bias_filler { type: "gaussian" std: 0.2 } } }
  layer { name: "relu_i" type: "ReLU" bottom: "ip" top: "ip" }
  layer { name: "relu_copy" type: "ReLU" bottom: "ip" top: "ip_copy" }
  layer { name: "out" type: "InnerProduct" bottom: "ip_copy" top: "out"
          inner_product_param { num_output: 2 weight_filler { type: "xavier" } } }
  force_backward: true
)";

struct NetRun {
  std::vector<std::vector<float>> data, diff, param_diff;
  std::vector<bool> fused;
};

NetRun RunNet(const EngineOptions& options) {
  test::ScopedEngineOptions scoped(options);
  caffe::NetParameter param = ParseNetParam(kFusionNet, "fusion net");
  param.mutable_state()->set_phase(caffe::TRAIN);
  Rng rng(4);
  Net net(param, &rng);
  test::SetData(*net.blob_by_name("data"), Ramp(3 * 4 * 9 * 9, 0.07f));
  net.Forward();
  Blob* out = net.blob_by_name("out").get();
  test::SetDiff(*out, Ramp(out->count(), 0.3f));
  net.ClearParamDiffs();
  net.Backward();
  NetRun r;
  for (const auto& b : net.blobs()) {
    r.data.push_back(test::Data(*b));
    r.diff.push_back(test::Diff(*b));
  }
  for (Blob* p : net.learnable_params()) r.param_diff.push_back(test::Diff(*p));
  for (const auto& l : net.layers())
    if (auto* relu = dynamic_cast<ReLULayer*>(l.get())) r.fused.push_back(relu->fused());
  return r;
}

// In-place ReLUs right after a Convolution (leaky) and an InnerProduct are fused; the one
// after a Pooling and the not-in-place one are not. Every blob value and gradient is the same
// as without fusion (the ReLU is exact; same kernels otherwise).
TEST(ReLUFusion, NetMatchesUnfused) {
  EngineOptions unfused;
  unfused.fuse_relu = false;
  const NetRun a = RunNet(EngineOptions{}), b = RunNet(unfused);
  EXPECT_EQ(a.fused, (std::vector<bool>{true, false, true, false}));
  EXPECT_EQ(b.fused, (std::vector<bool>{false, false, false, false}));
  ASSERT_EQ(a.data.size(), b.data.size());
  for (size_t i = 0; i < a.data.size(); ++i) {
    SCOPED_TRACE(testing::Message() << "blob " << i);
    ExpectValues(a.data[i], b.data[i], 0.f);
    ExpectValues(a.diff[i], b.diff[i], 0.f);
  }
  for (size_t i = 0; i < a.param_diff.size(); ++i) ExpectValues(a.param_diff[i], b.param_diff[i], 0.f);
}

// The seed's LeNet (batch 8): every optimisation on vs every one off, forward values and
// all gradients agree to float rounding (different kernels and layouts, same maths).
TEST(EngineOptimisations, LeNetMatchesPlainPaths) {
  const std::string lenet = R"(
    layer { name: "data" type: "Input" top: "data" top: "label"
            input_param { shape { dim: 8 dim: 1 dim: 28 dim: 28 } shape { dim: 8 } } }
    layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
            convolution_param { num_output: 20 kernel_size: 5 weight_filler { type: "xavier" } } }
    layer { name: "pool1" type: "Pooling" bottom: "conv1" top: "pool1" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
    layer { name: "conv2" type: "Convolution" bottom: "pool1" top: "conv2"
            convolution_param { num_output: 50 kernel_size: 5 weight_filler { type: "xavier" } } }
    layer { name: "pool2" type: "Pooling" bottom: "conv2" top: "pool2" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
    layer { name: "fc1" type: "InnerProduct" bottom: "pool2" top: "fc1"
            inner_product_param { num_output: 500 weight_filler { type: "xavier" } } }
    layer { name: "relu1" type: "ReLU" bottom: "fc1" top: "fc1" }
    layer { name: "score" type: "InnerProduct" bottom: "fc1" top: "score"
            inner_product_param { num_output: 10 weight_filler { type: "xavier" } } }
    layer { name: "loss" type: "SoftmaxWithLoss" bottom: "score" bottom: "label" top: "loss" }
  )";
  auto run = [&](const EngineOptions& options, float* loss) {
    test::ScopedEngineOptions scoped(options);
    caffe::NetParameter param = ParseNetParam(lenet, "lenet");
    param.mutable_state()->set_phase(caffe::TRAIN);
    Rng rng(7);
    Net net(param, &rng);
    std::mt19937 gen(3);
    std::uniform_real_distribution<float> pixel(0.f, 1.f);
    float* x = net.blob_by_name("data")->mutable_cpu_data();
    for (int i = 0; i < 8 * 784; ++i) x[i] = pixel(gen);
    float* label = net.blob_by_name("label")->mutable_cpu_data();
    for (int i = 0; i < 8; ++i) label[i] = static_cast<float>(i % 10);
    net.ClearParamDiffs();
    *loss = net.ForwardBackward();
    std::vector<std::vector<float>> out;
    for (const char* name : {"conv1", "pool1", "conv2", "pool2", "fc1", "score"})
      out.push_back(test::Data(*net.blob_by_name(name)));
    for (Blob* p : net.learnable_params()) out.push_back(test::Diff(*p));
    return out;
  };
  EngineOptions off;
  off.private_layouts = off.fuse_relu = off.fast_pooling = off.nhwc_conv = off.fused_update = false;
  float loss_opt = 0, loss_plain = 0;
  const auto a = run(EngineOptions{}, &loss_opt), b = run(off, &loss_plain);
  EXPECT_NEAR(loss_opt, loss_plain, 1e-5f * loss_plain);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(testing::Message() << "output " << i);
    ExpectValues(a[i], b[i], 1e-4f);
  }
}

/// Five SGD steps on DummyData -> InnerProduct (48,000 weights: the threaded branch) ->
/// EuclideanLoss; returns the weights after them.
std::vector<float> TrainSteps(bool fused, const std::string& extra) {
  EngineOptions o;
  o.fused_update = fused;
  test::ScopedEngineOptions scoped(o);
  const std::string text = R"(
    base_lr: 0.05 momentum: 0.9 weight_decay: 0.01 lr_policy: "inv" gamma: 0.001 power: 0.75
    max_iter: 5 display: 0 random_seed: 11
    net_param {
      layer { name: "x" type: "DummyData" top: "x" top: "t"
              dummy_data_param { shape { dim: 4 dim: 120 } shape { dim: 4 dim: 400 }
                                 data_filler { type: "gaussian" } data_filler { type: "gaussian" } } }
      layer { name: "ip" type: "InnerProduct" bottom: "x" top: "y"
              inner_product_param { num_output: 400 weight_filler { type: "gaussian" std: 0.1 } }
              param { lr_mult: 1 decay_mult: 1 } param { lr_mult: 2 decay_mult: 0 } }
      layer { name: "loss" type: "EuclideanLoss" bottom: "y" bottom: "t" top: "loss" }
    })" + extra;
  std::unique_ptr<Solver> solver = CreateSolver(ParseSolverParam(text, "solver"));
  solver->Solve();
  std::vector<float> w;
  for (Blob* p : solver->net().learnable_params()) {
    const std::vector<float> v = test::Data(*p);
    w.insert(w.end(), v.begin(), v.end());
  }
  return w;
}

TEST(FusedSgdUpdate, BitIdenticalToSeparatePasses) {
  for (const std::string extra : {"", " regularization_type: \"L1\"", " iter_size: 2", " clip_gradients: 0.5"}) {
    SCOPED_TRACE(extra);
    const std::vector<float> fused = TrainSteps(true, extra), separate = TrainSteps(false, extra);
    ASSERT_EQ(fused.size(), separate.size());
    EXPECT_EQ(std::memcmp(fused.data(), separate.data(), fused.size() * sizeof(float)), 0);
  }
}

}  // namespace
}  // namespace crema
