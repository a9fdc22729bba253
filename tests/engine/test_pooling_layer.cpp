// Pooling: cases P1-P8 of the semantics file (§1) on the three engines (Crema's fast kernels,
// oneDNN and the plain C++ fallback), the engine choice, ties, TEST-phase backward, errors,
// gradient checks, and the fast kernels on oneDNN private layouts (nhwc, nChw8c, nChw16c).
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <random>

#include "dnnl/dnnl_context.h"
#include "dnnl/dnnl_tensor.h"
#include "engine_options_guard.h"
#include "gradient_checker.h"
#include "layer_registry.h"
#include "layer_test_helpers.h"
#include "layers/pooling_layer.h"

namespace crema {
namespace {

using test::ExpectValues;
using test::LayerParamFromText;

std::vector<float> Iota(int n) {
  std::vector<float> v(n);
  for (int i = 0; i < n; ++i) v[i] = static_cast<float>(i + 1);
  return v;
}

caffe::LayerParameter PoolParam(const std::string& pool_param, const std::string& extra = "") {
  return LayerParamFromText("type: 'Pooling' " + extra + " pooling_param { " + pool_param + " }");
}

enum class PoolEngine { kFast, kDnnl, kReference };

struct PoolResult {
  std::vector<int> shape;
  std::vector<float> top;
  std::vector<float> mask;         // second top (MAX only, reference engine)
  std::vector<float> bottom_diff;  // for top diff = 1, 2, 3, ...
  bool used_dnnl = false;
};

/// Runs a single-channel H x W pooling with the given input on the given engine (oneDNN
/// falls back to plain C++ where it cannot match Caffe; so does everything with a mask top).
PoolResult Pool(const std::string& params, int h, int w, const std::vector<float>& input, PoolEngine engine,
                bool with_mask = false, const std::string& extra = "") {
  EngineOptions options = GetEngineOptions();
  options.fast_pooling = engine == PoolEngine::kFast;
  test::ScopedEngineOptions scoped(options);
  PoolingLayer layer(PoolParam(params, extra));
  layer.set_force_reference(engine == PoolEngine::kReference);
  Blob bottom(1, 1, h, w), top, mask;
  std::vector<Blob*> tops = {&top};
  if (with_mask) tops.push_back(&mask);
  layer.SetUp({&bottom}, tops);
  test::SetData(bottom, input);
  layer.Forward({&bottom}, tops);
  PoolResult r;
  r.shape = top.shape();
  r.top = test::Data(top);
  if (with_mask) r.mask = test::Data(mask);
  test::SetDiff(top, Iota(top.count()));
  bottom.set_diff(-7.f);  // must be overwritten
  layer.Backward(tops, {true}, {&bottom});
  r.bottom_diff = test::Diff(bottom);
  r.used_dnnl = layer.uses_dnnl();
  return r;
}

/// Bottom diff that MAX backward gives for top diff 1, 2, 3, ... and the given argmaxes.
std::vector<float> ScatterArgmax(const std::vector<int>& argmax, int count) {
  std::vector<float> d(count, 0.f);
  for (size_t i = 0; i < argmax.size(); ++i) d[argmax[i]] += static_cast<float>(i + 1);
  return d;
}

class PoolingBothEngines : public testing::TestWithParam<PoolEngine> {};

TEST_P(PoolingBothEngines, P1CeilWithoutPad) {
  const PoolEngine ref = GetParam();
  PoolResult m = Pool("pool: MAX kernel_size: 3 stride: 2", 4, 4, Iota(16), ref);
  EXPECT_EQ(m.shape, (std::vector<int>{1, 1, 2, 2}));  // FLOOR would give 1x1
  ExpectValues(m.top, {11, 12, 15, 16});
  ExpectValues(m.bottom_diff, ScatterArgmax({10, 11, 14, 15}, 16));
  if (ref == PoolEngine::kDnnl) {
    EXPECT_TRUE(m.used_dnnl);
  }
  PoolResult a = Pool("pool: AVE kernel_size: 3 stride: 2", 4, 4, Iota(16), ref);
  ExpectValues(a.top, {6, 7.5f, 12, 13.5f});
  // divisors [[9,6],[6,4]]: window (0,0) gives 1/9 to rows 0-2, cols 0-2, ...
  std::vector<float> expected(16, 0.f);
  const int divisors[4] = {9, 6, 6, 4};
  for (int ph = 0; ph < 2; ++ph)
    for (int pw = 0; pw < 2; ++pw)
      for (int h = ph * 2; h < std::min(ph * 2 + 3, 4); ++h)
        for (int w = pw * 2; w < std::min(pw * 2 + 3, 4); ++w)
          expected[h * 4 + w] += static_cast<float>(ph * 2 + pw + 1) / divisors[ph * 2 + pw];
  ExpectValues(a.bottom_diff, expected);
  if (ref == PoolEngine::kDnnl) {
    EXPECT_TRUE(a.used_dnnl);  // pad 0: oneDNN exclude-padding matches
  }
}

TEST_P(PoolingBothEngines, P1MaskTop) {
  PoolResult m = Pool("pool: MAX kernel_size: 3 stride: 2", 4, 4, Iota(16), GetParam(), true);
  ExpectValues(m.mask, {10, 11, 14, 15});
  ExpectValues(m.bottom_diff, ScatterArgmax({10, 11, 14, 15}, 16));
}

TEST_P(PoolingBothEngines, P2CeilWithPad) {
  const PoolEngine ref = GetParam();
  PoolResult m = Pool("pool: MAX kernel_size: 3 stride: 2 pad: 1", 4, 4, Iota(16), ref);
  EXPECT_EQ(m.shape, (std::vector<int>{1, 1, 3, 3}));
  ExpectValues(m.top, {6, 8, 8, 14, 16, 16, 14, 16, 16});
  ExpectValues(m.bottom_diff, ScatterArgmax({5, 7, 7, 13, 15, 15, 13, 15, 15}, 16));
  PoolResult a = Pool("pool: AVE kernel_size: 3 stride: 2 pad: 1", 4, 4, Iota(16), ref);
  ExpectValues(a.top, {1.555556f, 3.333333f, 2.0f, 6.333333f, 11.0f, 6.0f, 4.5f, 7.5f, 4.0f});
  if (ref == PoolEngine::kDnnl) {
    EXPECT_FALSE(a.used_dnnl);  // pad and ceil overhang together: plain C++
  }
  // divisors [[9,9,6],[9,9,6],[6,6,4]]; cell (0,0) is only in window (0,0): 1/9
  EXPECT_NEAR(a.bottom_diff[0], 1.f / 9, 1e-6f);
  // cell (3,3) is in windows (1,1), (1,2), (2,1), (2,2): 5/9 + 6/6 + 8/6 + 9/4
  EXPECT_NEAR(a.bottom_diff[15], 5.f / 9 + 1.f + 8.f / 6 + 9.f / 4, 1e-5f);
  // cell (1,1): windows (0,0),(0,1),(1,0),(1,1) -> 1/9 + 2/9 + 4/9 + 5/9
  EXPECT_NEAR(a.bottom_diff[5], 12.f / 9, 1e-6f);
}

TEST_P(PoolingBothEngines, P3ClipRule) {
  const PoolEngine ref = GetParam();
  PoolResult m = Pool("pool: MAX kernel_size: 2 stride: 2 pad: 1", 5, 5, Iota(25), ref);
  EXPECT_EQ(m.shape, (std::vector<int>{1, 1, 3, 3}));  // ceil gives 4, the clip rule 3
  ExpectValues(m.top, {1, 3, 5, 11, 13, 15, 21, 23, 25});
  PoolResult a = Pool("pool: AVE kernel_size: 2 stride: 2 pad: 1", 5, 5, Iota(25), ref);
  ExpectValues(a.top, {0.25f, 1.25f, 2.25f, 4.25f, 10, 12, 9.25f, 20, 22});
  if (ref == PoolEngine::kDnnl) {
    EXPECT_TRUE(a.used_dnnl);  // no overhang past the padding: include-padding matches
  }
}

TEST_P(PoolingBothEngines, P4PaddingIsNeverAMaxCandidate) {
  const PoolEngine ref = GetParam();
  const std::vector<float> minus_one(9, -1.f);
  PoolResult m = Pool("pool: MAX kernel_size: 2 stride: 2 pad: 1", 3, 3, minus_one, ref);
  EXPECT_EQ(m.shape, (std::vector<int>{1, 1, 2, 2}));
  ExpectValues(m.top, {-1, -1, -1, -1});
  PoolResult a = Pool("pool: AVE kernel_size: 2 stride: 2 pad: 1", 3, 3, minus_one, ref);
  ExpectValues(a.top, {-0.25f, -0.5f, -0.5f, -1.0f});
}

TEST_P(PoolingBothEngines, P5TiesFirstWins) {
  PoolResult m = Pool("pool: MAX kernel_size: 2 stride: 2", 2, 2, {5, 5, 5, 5}, GetParam(), false);
  ExpectValues(m.top, {5});
  ExpectValues(m.bottom_diff, {1, 0, 0, 0});
  PoolResult mm = Pool("pool: MAX kernel_size: 2 stride: 2", 2, 2, {5, 5, 5, 5}, GetParam(), true);
  ExpectValues(mm.mask, {0});
}

TEST_P(PoolingBothEngines, P6CaffeUnitTest) {
  PoolResult m = Pool("pool: MAX kernel_size: 3 stride: 2 pad: 2", 3, 3, {1, 2, 4, 2, 3, 2, 4, 2, 1}, GetParam());
  EXPECT_EQ(m.shape, (std::vector<int>{1, 1, 3, 3}));
  ExpectValues(m.top, {1, 4, 4, 4, 4, 4, 4, 4, 1});
}

TEST_P(PoolingBothEngines, P7AveCountsPadding) {
  PoolResult a = Pool("pool: AVE kernel_size: 3 stride: 1 pad: 1", 3, 3, std::vector<float>(9, 2.f), GetParam());
  ExpectValues(a.top, {8 / 9.f, 4 / 3.f, 8 / 9.f, 4 / 3.f, 2.f, 4 / 3.f, 8 / 9.f, 4 / 3.f, 8 / 9.f});
}

TEST_P(PoolingBothEngines, GlobalPooling) {
  PoolResult m = Pool("pool: MAX global_pooling: true", 3, 4, Iota(12), GetParam());
  EXPECT_EQ(m.shape, (std::vector<int>{1, 1, 1, 1}));
  ExpectValues(m.top, {12});
  PoolResult a = Pool("pool: AVE global_pooling: true", 3, 4, Iota(12), GetParam());
  ExpectValues(a.top, {6.5f});
  ExpectValues(a.bottom_diff, std::vector<float>(12, 1.f / 12));
}

TEST_P(PoolingBothEngines, RectangularWindows) {
  // 4x5 input, kernel 2x3, stride 2x1, pad 1x0
  PoolResult m = Pool("pool: MAX kernel_h: 2 kernel_w: 3 stride_h: 2 stride_w: 1 pad_h: 1 pad_w: 0", 4, 5, Iota(20),
                      GetParam());
  // rows: ceil((4+2-2)/2)+1 = 3 ((3-1)*2 = 4 < 5: kept); cols: (5-3)/1+1 = 3
  EXPECT_EQ(m.shape, (std::vector<int>{1, 1, 3, 3}));
  ExpectValues(m.top, {3, 4, 5, 13, 14, 15, 18, 19, 20});
}

TEST_P(PoolingBothEngines, FloorRoundMode) {
  PoolResult m = Pool("pool: MAX kernel_size: 3 stride: 2 round_mode: FLOOR", 4, 4, Iota(16), GetParam());
  EXPECT_EQ(m.shape, (std::vector<int>{1, 1, 1, 1}));
  ExpectValues(m.top, {11});
}

INSTANTIATE_TEST_SUITE_P(Engines, PoolingBothEngines,
                         testing::Values(PoolEngine::kFast, PoolEngine::kDnnl, PoolEngine::kReference),
                         [](const testing::TestParamInfo<PoolEngine>& info) {
                           return info.param == PoolEngine::kFast   ? "Fast"
                                  : info.param == PoolEngine::kDnnl ? "Dnnl"
                                                                    : "Reference";
                         });

TEST(PoolingLayer, P8OutputSizes) {
  struct S {
    int h, k, s, p, expected;
  };
  for (const S& c : std::vector<S>{{112, 3, 2, 0, 56}, {64, 3, 2, 1, 33}, {6, 3, 2, 1, 4}, {3, 2, 2, 1, 2},
                                   {24, 2, 2, 0, 12}, {8, 2, 2, 0, 4}, {7, 3, 3, 1, 3}}) {
    PoolingLayer layer(PoolParam("pool: MAX kernel_size: " + std::to_string(c.k) + " stride: " + std::to_string(c.s) +
                                 " pad: " + std::to_string(c.p)));
    Blob bottom(1, 1, c.h, c.h), top;
    layer.SetUp({&bottom}, {&top});
    EXPECT_EQ(top.shape(2), c.expected) << "H=" << c.h << " k=" << c.k << " s=" << c.s << " p=" << c.p;
    EXPECT_EQ(top.shape(3), c.expected);
  }
}

// stride > kernel without pad: ceil lets the last window start past the image. Caffe then
// yields -FLT_MAX for MAX (and divides 0 by 0 for AVE; we output 0 there) and no gradient.
TEST(PoolingLayer, EmptyWindowsFromStrideLargerThanKernel) {
  PoolResult m = Pool("pool: MAX kernel_size: 2 stride: 3", 6, 6, Iota(36), PoolEngine::kDnnl);
  EXPECT_EQ(m.shape, (std::vector<int>{1, 1, 3, 3}));  // ceil(4/3) + 1
  EXPECT_FALSE(m.used_dnnl);
  EXPECT_EQ(m.top[0], 8.f);
  EXPECT_EQ(m.top[1], 11.f);
  EXPECT_EQ(m.top[2], -FLT_MAX);
  EXPECT_EQ(m.top[8], -FLT_MAX);
  PoolResult a = Pool("pool: AVE kernel_size: 2 stride: 3", 6, 6, Iota(36), PoolEngine::kDnnl);
  EXPECT_EQ(a.top[0], 4.5f);
  EXPECT_EQ(a.top[2], 0.f);
  for (float d : a.bottom_diff) EXPECT_TRUE(std::isfinite(d));
}

TEST(PoolingLayer, LeNetPoolShape) {
  PoolingLayer layer(PoolParam("pool: MAX kernel_size: 2 stride: 2"));
  Blob bottom(64, 20, 24, 24), top;
  layer.SetUp({&bottom}, {&top});
  EXPECT_EQ(top.shape(), (std::vector<int>{64, 20, 12, 12}));
  EXPECT_EQ(layer.engine(), PoolingLayer::Engine::kFast);
  EngineOptions options = GetEngineOptions();
  options.fast_pooling = false;
  test::ScopedEngineOptions scoped(options);
  PoolingLayer dnnl_layer(PoolParam("pool: MAX kernel_size: 2 stride: 2"));
  dnnl_layer.SetUp({&bottom}, {&top});
  EXPECT_TRUE(dnnl_layer.uses_dnnl());
}

// The fast kernels and oneDNN agree exactly with the plain C++ path on tie-heavy inputs
// (integers 0..2), forward and backward, for MAX and AVE, in many geometries.
TEST(PoolingLayer, EnginesMatchReferenceOnTies) {
  struct G {
    int h, w, k, s, p;
  };
  const std::vector<G> geometries = {{9, 9, 3, 2, 1}, {8, 8, 2, 2, 0}, {7, 6, 3, 1, 0}, {7, 7, 3, 2, 0},
                                     {6, 6, 3, 3, 1}, {5, 7, 2, 1, 1}, {12, 12, 3, 2, 0}};
  std::mt19937 gen(5);
  std::uniform_int_distribution<int> value(0, 2);
  for (const bool fast : {true, false}) {
    EngineOptions options = GetEngineOptions();
    options.fast_pooling = fast;
    test::ScopedEngineOptions scoped(options);
    for (const char* method : {"MAX", "AVE"}) {
      for (const G& g : geometries) {
        SCOPED_TRACE(testing::Message() << (fast ? "fast " : "oneDNN ") << method << " h=" << g.h << " w=" << g.w
                                        << " k=" << g.k << " s=" << g.s << " p=" << g.p);
        const std::string params = std::string("pool: ") + method + " kernel_size: " + std::to_string(g.k) +
                                   " stride: " + std::to_string(g.s) + " pad: " + std::to_string(g.p);
        PoolingLayer dnnl_layer(PoolParam(params)), ref_layer(PoolParam(params));
        ref_layer.set_force_reference(true);
        Blob b1(2, 17, g.h, g.w), b2(2, 17, g.h, g.w), t1, t2;
        float* d = b1.mutable_cpu_data();
        for (int i = 0; i < b1.count(); ++i) d[i] = static_cast<float>(value(gen));
        b2.CopyFrom(b1);
        dnnl_layer.SetUp({&b1}, {&t1});
        ref_layer.SetUp({&b2}, {&t2});
        if (fast) {
          EXPECT_EQ(dnnl_layer.engine(), PoolingLayer::Engine::kFast);
        } else {
          EXPECT_NE(dnnl_layer.engine(), PoolingLayer::Engine::kFast);
        }
        ASSERT_EQ(t1.shape(), t2.shape());
        dnnl_layer.Forward({&b1}, {&t1});
        ref_layer.Forward({&b2}, {&t2});
        ExpectValues(test::Data(t1), test::Data(t2));
        test::FillUniformTest(&t2, -1.f, 1.f, 8);
        const std::vector<float> dy = test::Data(t2);
        ref_layer.Forward({&b2}, {&t2});
        test::SetDiff(t1, dy);
        test::SetDiff(t2, dy);
        dnnl_layer.Backward({&t1}, {true}, {&b1});
        ref_layer.Backward({&t2}, {true}, {&b2});
        ExpectValues(test::Diff(b1), test::Diff(b2));
      }
    }
  }
}

/// Puts `plain` values into `blob` as a oneDNN private copy in layout `t` (as a Convolution
/// would leave them); the blob's plain buffer is filled with garbage that must not be read.
void SetPrivate(Blob* blob, const std::vector<float>& plain, dnnl::memory::format_tag t, bool diff) {
  const dnnl::memory::dims dims(blob->shape().begin(), blob->shape().end());
  const auto f32 = dnnl::memory::data_type::f32;
  const dnnl::memory::desc plain_md(dims, f32, dnnl::memory::format_tag::abcd), md(dims, f32, t);
  auto prv = std::make_shared<DnnlPrivate>(plain_md, md);
  dnnl::memory src(plain_md, DnnlEngine(), const_cast<float*>(plain.data()));
  dnnl::stream& s = DnnlStream();
  dnnl::memory dst = prv->memory();
  dnnl::reorder(src, dst).execute(s, src, dst);
  s.wait();
  if (diff) {
    blob->set_diff(1e30f);
    blob->set_private_diff(prv);
  } else {
    blob->set_data(1e30f);
    blob->set_private_data(prv);
  }
}

// On a bottom held in a oneDNN layout (nhwc, nChw8c, nChw16c; 20 channels, so the blocked
// ones carry zero padding) the fast kernels read it in place, hand the top on in the same
// layout and write the bottom diff in it; the plain views equal the C++ reference's.
TEST(PoolingLayer, FastKernelsOnPrivateLayouts) {
  using tag = dnnl::memory::format_tag;
  std::mt19937 gen(11);
  std::uniform_int_distribution<int> value(0, 3);
  for (const char* params : {"pool: MAX kernel_size: 2 stride: 2", "pool: MAX kernel_size: 3 stride: 2 pad: 1",
                             "pool: AVE kernel_size: 3 stride: 2"}) {
    for (tag t : {tag::acdb, tag::aBcd8b, tag::aBcd16b}) {
      for (const bool private_top_diff : {false, true}) {
        SCOPED_TRACE(testing::Message() << params << " tag " << static_cast<int>(t) << " private top diff "
                                        << private_top_diff);
        Blob b1(2, 20, 7, 8), b2(2, 20, 7, 8), t1, t2;
        std::vector<float> x(b1.count());
        for (float& v : x) v = static_cast<float>(value(gen));
        test::SetData(b2, x);
        PoolingLayer fast(PoolParam(params)), ref(PoolParam(params));
        ref.set_force_reference(true);
        fast.SetUp({&b1}, {&t1});
        ref.SetUp({&b2}, {&t2});
        SetPrivate(&b1, x, t, false);
        fast.Forward({&b1}, {&t1});
        ref.Forward({&b2}, {&t2});
        ASSERT_NE(PrivateOf(t1, false), nullptr);
        EXPECT_EQ(TagOf(PrivateOf(t1, false)->desc()), t);
        ExpectValues(test::Data(t1), test::Data(t2));  // converts on read
        std::vector<float> dy(t2.count());
        for (size_t i = 0; i < dy.size(); ++i) dy[i] = static_cast<float>(i % 7) - 3.f;
        test::SetDiff(t2, dy);
        if (private_top_diff)
          SetPrivate(&t1, dy, t, true);
        else
          test::SetDiff(t1, dy);
        fast.Backward({&t1}, {true}, {&b1});
        ref.Backward({&t2}, {true}, {&b2});
        ASSERT_NE(PrivateOf(b1, true), nullptr);
        ExpectValues(test::Diff(b1), test::Diff(b2));
      }
    }
  }
}

TEST(PoolingLayer, TestPhaseBackwardMatchesTrain) {
  for (const char* method : {"MAX", "AVE"}) {
    const std::string params = std::string("pool: ") + method + " kernel_size: 3 stride: 2";
    PoolingLayer train(PoolParam(params)), test_layer(PoolParam(params, "phase: TEST"));
    Blob b1(2, 3, 7, 7), b2(2, 3, 7, 7), t1, t2;
    test::FillGaussianTest(&b1);
    b2.CopyFrom(b1);
    train.SetUp({&b1}, {&t1});
    test_layer.SetUp({&b2}, {&t2});
    train.Forward({&b1}, {&t1});
    test_layer.Forward({&b2}, {&t2});
    ExpectValues(test::Data(t2), test::Data(t1));
    t1.set_diff(1.f);
    t2.set_diff(1.f);
    train.Backward({&t1}, {true}, {&b1});
    test_layer.Backward({&t2}, {true}, {&b2});
    ExpectValues(test::Diff(b2), test::Diff(b1));
  }
}

TEST(PoolingLayer, InvalidParametersThrow) {
  auto setup = [](const std::string& params) {
    PoolingLayer layer(PoolParam(params));
    Blob bottom(1, 1, 6, 6), top;
    layer.SetUp({&bottom}, {&top});
  };
  EXPECT_THROW(setup("pool: STOCHASTIC kernel_size: 2"), ConfigError);
  EXPECT_THROW(setup("pool: MAX kernel_size: 2 pad: 2"), ConfigError);  // pad must be < kernel
  EXPECT_THROW(setup("pool: MAX global_pooling: true kernel_size: 2"), ConfigError);
  EXPECT_THROW(setup("pool: MAX global_pooling: true stride: 2"), ConfigError);
  EXPECT_THROW(setup("pool: MAX kernel_size: 2 kernel_h: 2 kernel_w: 2"), ConfigError);
  EXPECT_THROW(setup("pool: MAX kernel_h: 2"), ConfigError);
  EXPECT_THROW(setup("pool: MAX"), ConfigError);
  EXPECT_THROW(setup("pool: MAX kernel_size: 2 pad: 1 pad_h: 1"), ConfigError);
  PoolingLayer layer(PoolParam("pool: MAX kernel_size: 2"));
  Blob bottom({2, 6}), top;
  EXPECT_THROW(layer.SetUp({&bottom}, {&top}), ShapeError);  // needs 4 axes
  PoolingLayer ave(PoolParam("pool: AVE kernel_size: 2"));
  Blob b4(1, 1, 4, 4), t, mask;
  EXPECT_THROW(ave.SetUp({&b4}, {&t, &mask}), ConfigError);  // only MAX has a mask top
}

/// Inputs with distinct values spaced well beyond the step size, so the argmax does not
/// change under the +-1e-2 perturbation of the gradient checker.
void FillDistinct(Blob* b, unsigned seed) {
  std::vector<float> v(b->count());
  for (size_t i = 0; i < v.size(); ++i) v[i] = 0.1f * static_cast<float>(i) - 0.05f * v.size();
  std::shuffle(v.begin(), v.end(), std::mt19937(seed));
  test::SetData(*b, v);
}

void CheckPool(const std::string& params, const std::vector<int>& shape, bool reference = false) {
  PoolingLayer layer(PoolParam(params));
  layer.set_force_reference(reference);
  Blob bottom(shape), top;
  FillDistinct(&bottom, 3);
  test::CheckGradient(layer, {&bottom}, {&top});
}

TEST(PoolingLayer, GradientMax) { CheckPool("pool: MAX kernel_size: 3 stride: 2", {2, 2, 6, 6}); }
TEST(PoolingLayer, GradientMaxPadCeilOverhang) {
  CheckPool("pool: MAX kernel_size: 3 stride: 2 pad: 1", {1, 2, 6, 5});
  CheckPool("pool: MAX kernel_size: 3 stride: 2 pad: 1", {1, 2, 6, 5}, true);
}
TEST(PoolingLayer, GradientAve) { CheckPool("pool: AVE kernel_size: 2 stride: 2", {2, 2, 4, 4}); }
TEST(PoolingLayer, GradientAvePadCeilOverhang) {
  CheckPool("pool: AVE kernel_size: 3 stride: 2 pad: 1", {1, 2, 6, 5});  // plain C++ path
}
TEST(PoolingLayer, GradientAveCeilOverhangNoPad) { CheckPool("pool: AVE kernel_size: 3 stride: 2", {1, 2, 6, 6}); }
TEST(PoolingLayer, GradientAvePadNoOverhang) { CheckPool("pool: AVE kernel_size: 3 stride: 1 pad: 1", {1, 2, 4, 4}); }
TEST(PoolingLayer, GradientGlobal) {
  CheckPool("pool: AVE global_pooling: true", {2, 3, 3, 4});
  CheckPool("pool: MAX global_pooling: true", {2, 3, 3, 4});
}

TEST(PoolingLayer, ForwardFollowsBottomShapeChange) {
  PoolingLayer layer(PoolParam("pool: MAX kernel_size: 3 stride: 2"));
  Blob bottom(1, 1, 3, 3), top;
  layer.SetUp({&bottom}, {&top});
  bottom.Reshape({1, 1, 4, 4});
  test::SetData(bottom, Iota(16));
  layer.Forward({&bottom}, {&top});
  EXPECT_EQ(top.shape(), (std::vector<int>{1, 1, 2, 2}));
  ExpectValues(test::Data(top), {11, 12, 15, 16});
}

TEST(PoolingLayer, Registered) {
  auto layer = LayerRegistry::Global().Create(LayerParamFromText("type: 'Pooling'"));
  EXPECT_STREQ(layer->type(), "Pooling");
}

}  // namespace
}  // namespace crema
