// Fillers: cases F1-F6 of the semantics file (§3) plus bilinear, positive_unitball, sparse
// gaussian and the parameter checks. Sample-based checks use bounds and moments, not
// exact draws (those depend on the RNG's distribution code).
#include <gtest/gtest.h>

#include <cmath>

#include "filler.h"
#include "gradient_checker.h"
#include "layers/convolution_layer.h"
#include "layers/inner_product_layer.h"

namespace crema {
namespace {

caffe::FillerParameter Filler(const std::string& text) {
  caffe::LayerParameter p = test::LayerParamFromText("convolution_param { weight_filler { " + text + " } }");
  return p.convolution_param().weight_filler();
}

struct Stats {
  float max_abs = 0, mean = 0, var = 0;
};

Stats Fill(const std::string& text, const std::vector<int>& shape, uint64_t seed = 1) {
  Blob b(shape);
  Rng rng(static_cast<int64_t>(seed));
  FillBlob(Filler(text), &b, rng);
  Stats s;
  double sum = 0, sq = 0;
  for (int i = 0; i < b.count(); ++i) {
    const double v = b.cpu_data()[i];
    s.max_abs = std::max(s.max_abs, static_cast<float>(std::fabs(v)));
    sum += v;
    sq += v * v;
  }
  s.mean = static_cast<float>(sum / b.count());
  s.var = static_cast<float>(sq / b.count() - s.mean * s.mean);
  return s;
}

struct F1Row {
  std::vector<int> shape;
  float xavier[3];  // FAN_IN, FAN_OUT, AVERAGE
  float msra[3];
};

// F1: xavier bound a = sqrt(3/n), msra std = sqrt(2/n), n by variance_norm.
TEST(Fillers, F1ScalesFromFans) {
  const std::vector<F1Row> rows = {
      {{20, 1, 5, 5}, {0.346410f, 0.077460f, 0.106904f}, {0.282843f, 0.063246f, 0.087287f}},
      {{50, 20, 5, 5}, {0.077460f, 0.048990f, 0.058554f}, {0.063246f, 0.040000f, 0.047809f}},
      {{500, 800}, {0.061237f, 0.077460f, 0.067937f}, {0.050000f, 0.063246f, 0.055470f}},
      {{10, 500}, {0.077460f, 0.547723f, 0.108465f}, {0.063246f, 0.447214f, 0.088561f}},
  };
  const char* norms[3] = {"FAN_IN", "FAN_OUT", "AVERAGE"};
  for (const F1Row& r : rows) {
    for (int k = 0; k < 3; ++k) {
      SCOPED_TRACE(testing::Message() << ShapeToString(r.shape) << " " << norms[k]);
      const Stats x = Fill(std::string("type: 'xavier' variance_norm: ") + norms[k], r.shape);
      const float a = r.xavier[k];
      EXPECT_LE(x.max_abs, a * (1 + 1e-5f));  // the table is rounded to 6 digits
      EXPECT_GE(x.max_abs, a * 0.95f);  // with >= 500 samples the max is close to the bound
      EXPECT_NEAR(x.var, a * a / 3, a * a / 3 * 0.2f);
      const Stats m = Fill(std::string("type: 'msra' variance_norm: ") + norms[k], r.shape);
      const float sd = r.msra[k];
      EXPECT_NEAR(std::sqrt(m.var), sd, sd * 0.1f);
      EXPECT_NEAR(m.mean, 0.f, sd * 0.2f);
    }
  }
  // Any 1-D bias [N]: fan_in = 1, so xavier FAN_IN gives a = sqrt(3) and msra std = sqrt(2).
  const Stats bx = Fill("type: 'xavier'", {20000});
  EXPECT_LE(bx.max_abs, 1.732051f * (1 + 1e-6f));
  EXPECT_GE(bx.max_abs, 1.70f);
  const Stats bm = Fill("type: 'msra'", {20000});
  EXPECT_NEAR(std::sqrt(bm.var), 1.414214f, 0.05f);
}

TEST(Fillers, F2XavierOnConv1) {
  const Stats s = Fill("type: 'xavier'", {20, 1, 5, 5}, 7);
  EXPECT_LE(s.max_abs, 0.346410f * (1 + 1e-6f));
  EXPECT_NEAR(s.var, 0.04f, 0.008f);  // 1/25
}

TEST(Fillers, F3GaussianStdZeroThrows) {
  Blob b({3, 3});
  Rng rng(1);
  EXPECT_THROW(FillBlob(Filler("type: 'gaussian' std: 0"), &b, rng), ConfigError);
}

TEST(Fillers, F4OmittedWeightFillerIsZero) {
  Rng rng(1);
  ConvolutionLayer conv(test::LayerParamFromText("type: 'Convolution' convolution_param { num_output: 3 kernel_size: 2 }"));
  InnerProductLayer ip(test::LayerParamFromText("type: 'InnerProduct' inner_product_param { num_output: 3 }"));
  conv.set_rng(&rng);
  ip.set_rng(&rng);
  Blob x(1, 2, 3, 3), y, z;
  conv.SetUp({&x}, {&y});
  ip.SetUp({&x}, {&z});
  for (Layer* l : {static_cast<Layer*>(&conv), static_cast<Layer*>(&ip)})
    for (auto& b : l->blobs()) EXPECT_EQ(b->asum_data(), 0.f) << l->type();
}

TEST(Fillers, F5UniformDefaultsInUnitInterval) {
  Blob b({1000});
  Rng rng(3);
  FillBlob(Filler("type: 'uniform'"), &b, rng);
  float lo = 1, hi = 0;
  for (int i = 0; i < b.count(); ++i) {
    lo = std::min(lo, b.cpu_data()[i]);
    hi = std::max(hi, b.cpu_data()[i]);
  }
  EXPECT_GE(lo, 0.f);
  EXPECT_LE(hi, 1.f);
  EXPECT_LT(lo, 0.01f);
  EXPECT_GT(hi, 0.99f);
}

TEST(Fillers, F6SameSeedSameValues) {
  for (const char* type : {"type: 'xavier'", "type: 'msra'", "type: 'gaussian' std: 0.1",
                           "type: 'uniform' min: -2 max: 3", "type: 'positive_unitball'",
                           "type: 'gaussian' sparse: 3"}) {
    Blob a(10, 4, 3, 3), b(10, 4, 3, 3), c(10, 4, 3, 3);
    Rng r1(42), r2(42), r3(43);
    FillBlob(Filler(type), &a, r1);
    FillBlob(Filler(type), &b, r2);
    FillBlob(Filler(type), &c, r3);
    bool same_ab = true, same_ac = true;
    for (int i = 0; i < a.count(); ++i) {
      same_ab &= a.cpu_data()[i] == b.cpu_data()[i];
      same_ac &= a.cpu_data()[i] == c.cpu_data()[i];
    }
    EXPECT_TRUE(same_ab) << type;
    EXPECT_FALSE(same_ac) << type;
  }
}

TEST(Fillers, ConstantAndUniformBounds) {
  Blob b({50});
  Rng rng(1);
  FillBlob(Filler("type: 'constant' value: 2.5"), &b, rng);
  for (int i = 0; i < b.count(); ++i) EXPECT_EQ(b.cpu_data()[i], 2.5f);
  FillBlob(Filler("type: 'uniform' min: -3 max: -2"), &b, rng);
  for (int i = 0; i < b.count(); ++i) {
    EXPECT_GE(b.cpu_data()[i], -3.f);
    EXPECT_LE(b.cpu_data()[i], -2.f);
  }
  FillBlob(Filler("type: 'uniform' min: 1 max: 1"), &b, rng);  // inclusive upper bound allows min == max
  for (int i = 0; i < b.count(); ++i) EXPECT_NEAR(b.cpu_data()[i], 1.f, 1e-6f);
  EXPECT_THROW(FillBlob(Filler("type: 'uniform' min: 2 max: 1"), &b, rng), ConfigError);
}

TEST(Fillers, PositiveUnitballRowsSumToOne) {
  Blob b(4, 3, 2, 2);
  Rng rng(1);
  FillBlob(Filler("type: 'positive_unitball'"), &b, rng);
  for (int r = 0; r < 4; ++r) {
    double s = 0;
    for (int j = 0; j < 12; ++j) {
      EXPECT_GE(b.cpu_data()[r * 12 + j], 0.f);
      s += b.cpu_data()[r * 12 + j];
    }
    EXPECT_NEAR(s, 1.0, 1e-5);
  }
}

TEST(Fillers, GaussianSparseKeepsAboutSparseOverNum) {
  Blob b({100, 400});
  Rng rng(1);
  FillBlob(Filler("type: 'gaussian' std: 1 sparse: 25"), &b, rng);  // p = 25/100
  int nonzero = 0;
  for (int i = 0; i < b.count(); ++i) nonzero += b.cpu_data()[i] != 0.f;
  EXPECT_NEAR(nonzero / static_cast<double>(b.count()), 0.25, 0.02);
}

TEST(Fillers, SparseOnlyForGaussian) {
  Blob b({4, 4});
  Rng rng(1);
  EXPECT_THROW(FillBlob(Filler("type: 'xavier' sparse: 2"), &b, rng), ConfigError);
}

TEST(Fillers, BilinearKernels) {
  Rng rng(1);
  Blob k3(1, 1, 3, 3);
  FillBlob(Filler("type: 'bilinear'"), &k3, rng);
  const float r3[3] = {0.5f, 1.f, 0.5f};  // f = 2, c = (3-1)/(2f) = 0.5
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 3; ++x) EXPECT_NEAR(k3.cpu_data()[y * 3 + x], r3[y] * r3[x], 1e-6f) << y << "," << x;
  Blob k4(2, 1, 4, 4);
  FillBlob(Filler("type: 'bilinear'"), &k4, rng);
  const float r4[4] = {0.25f, 0.75f, 0.75f, 0.25f};  // f = 2, c = 0.75
  for (int i = 0; i < k4.count(); ++i)
    EXPECT_NEAR(k4.cpu_data()[i], r4[(i / 4) % 4] * r4[i % 4], 1e-6f) << i;
  Blob bad(1, 1, 3, 4);
  EXPECT_THROW(FillBlob(Filler("type: 'bilinear'"), &bad, rng), ConfigError);
}

TEST(Fillers, UnknownTypeThrows) {
  Blob b({2});
  Rng rng(1);
  EXPECT_THROW(FillBlob(Filler("type: 'nonsense'"), &b, rng), ConfigError);
}

}  // namespace
}  // namespace crema
