#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/eltwise_layer.h"

namespace crema::test {

namespace {
struct Three {
  Blob a{std::vector<int>{3}}, b{std::vector<int>{3}}, c{std::vector<int>{3}}, y;
  Three() {
    const float av[] = {1, 5, -2}, bv[] = {2, 5, -3}, cv[] = {3, 4, -2};
    std::copy(av, av + 3, a.mutable_cpu_data());
    std::copy(bv, bv + 3, b.mutable_cpu_data());
    std::copy(cv, cv + 3, c.mutable_cpu_data());
  }
};
}  // namespace

TEST(EltwiseLayer, ShapesAndErrors) {
  Blob a(2, 3, 4, 5), b(2, 3, 4, 5), c(2, 3, 5, 4), y;
  EltwiseLayer layer(LayerParamFromText("type: 'Eltwise'"));
  layer.SetUp({&a, &b}, {&y});
  EXPECT_EQ(y.shape(), a.shape());
  EltwiseLayer mismatch(LayerParamFromText("type: 'Eltwise'"));
  EXPECT_THROW(mismatch.SetUp({&a, &c}, {&y}), ConfigError);
  EltwiseLayer coeff_count(LayerParamFromText("type: 'Eltwise' eltwise_param { coeff: 1 }"));
  EXPECT_THROW(coeff_count.SetUp({&a, &b}, {&y}), ConfigError);
  EltwiseLayer prod_coeff(LayerParamFromText("type: 'Eltwise' eltwise_param { operation: PROD coeff: 1 coeff: 2 }"));
  EXPECT_THROW(prod_coeff.SetUp({&a, &b}, {&y}), ConfigError);
}

TEST(EltwiseLayer, SumWithCoefficients) {
  Three t;
  EltwiseLayer layer(LayerParamFromText("type: 'Eltwise' eltwise_param { operation: SUM coeff: 1 coeff: -2 coeff: 0.5 }"));
  layer.SetUp({&t.a, &t.b, &t.c}, {&t.y});
  layer.Forward({&t.a, &t.b, &t.c}, {&t.y});
  EXPECT_FLOAT_EQ(t.y.cpu_data()[0], 1 - 4 + 1.5f);
  EXPECT_FLOAT_EQ(t.y.cpu_data()[1], 5 - 10 + 2);
  EXPECT_FLOAT_EQ(t.y.cpu_data()[2], -2 + 6 - 1);
  t.y.set_diff(2.f);
  layer.Backward({&t.y}, {true, true, true}, {&t.a, &t.b, &t.c});
  EXPECT_FLOAT_EQ(t.a.cpu_diff()[0], 2.f);
  EXPECT_FLOAT_EQ(t.b.cpu_diff()[0], -4.f);
  EXPECT_FLOAT_EQ(t.c.cpu_diff()[0], 1.f);
}

TEST(EltwiseLayer, ProdBothGradientModes) {
  for (const char* stable : {"true", "false"}) {
    Three t;
    EltwiseLayer layer(LayerParamFromText(std::string("type: 'Eltwise' eltwise_param { operation: PROD "
                                                      "stable_prod_grad: ") + stable + " }"));
    layer.SetUp({&t.a, &t.b, &t.c}, {&t.y});
    layer.Forward({&t.a, &t.b, &t.c}, {&t.y});
    EXPECT_FLOAT_EQ(t.y.cpu_data()[0], 6.f);
    EXPECT_FLOAT_EQ(t.y.cpu_data()[1], 100.f);
    EXPECT_FLOAT_EQ(t.y.cpu_data()[2], -12.f);
    t.y.set_diff(1.f);
    layer.Backward({&t.y}, {true, true, true}, {&t.a, &t.b, &t.c});
    EXPECT_FLOAT_EQ(t.a.cpu_diff()[0], 6.f);  // b * c
    EXPECT_FLOAT_EQ(t.b.cpu_diff()[0], 3.f);  // a * c
    EXPECT_FLOAT_EQ(t.c.cpu_diff()[2], 6.f);  // a * b
  }
}

TEST(EltwiseLayer, MaxTiesAndArgmaxBackward) {
  Three t;
  EltwiseLayer layer(LayerParamFromText("type: 'Eltwise' eltwise_param { operation: MAX }"));
  layer.SetUp({&t.a, &t.b, &t.c}, {&t.y});
  layer.Forward({&t.a, &t.b, &t.c}, {&t.y});
  EXPECT_FLOAT_EQ(t.y.cpu_data()[0], 3.f);
  EXPECT_FLOAT_EQ(t.y.cpu_data()[1], 5.f);
  EXPECT_FLOAT_EQ(t.y.cpu_data()[2], -2.f);
  t.y.set_diff(1.f);
  layer.Backward({&t.y}, {true, true, true}, {&t.a, &t.b, &t.c});
  // Element 0: c wins. Element 1: a == b, Caffe gives it to bottom 1.
  // Element 2: a == c == -2: a beats b, then c is not strictly larger, so a wins.
  const float da[] = {0, 0, 1}, db[] = {0, 1, 0}, dc[] = {1, 0, 0};
  for (int i = 0; i < 3; ++i) {
    EXPECT_FLOAT_EQ(t.a.cpu_diff()[i], da[i]) << i;
    EXPECT_FLOAT_EQ(t.b.cpu_diff()[i], db[i]) << i;
    EXPECT_FLOAT_EQ(t.c.cpu_diff()[i], dc[i]) << i;
  }
}

TEST(EltwiseLayer, GradientCheckSum) {
  Blob a(2, 3, 4, 5), b(2, 3, 4, 5), y;
  FillGaussianTest(&a);
  FillGaussianTest(&b, 1.f, 2);
  EltwiseLayer layer(LayerParamFromText("type: 'Eltwise' eltwise_param { coeff: 1.5 coeff: -0.7 }"));
  CheckGradient(layer, {&a, &b}, {&y});
}

TEST(EltwiseLayer, GradientCheckProd) {
  Blob a(2, 3, 4, 5), b(2, 3, 4, 5), c(2, 3, 4, 5), y;
  FillUniformTest(&a, 0.5f, 1.5f, 1);
  FillUniformTest(&b, -1.5f, -0.5f, 2);
  FillUniformTest(&c, 0.5f, 1.5f, 3);
  EltwiseLayer layer(LayerParamFromText("type: 'Eltwise' eltwise_param { operation: PROD }"));
  CheckGradient(layer, {&a, &b, &c}, {&y});
  EltwiseLayer unstable(LayerParamFromText("type: 'Eltwise' eltwise_param { operation: PROD stable_prod_grad: false }"));
  Blob y2;
  CheckGradient(unstable, {&a, &b, &c}, {&y2});
}

TEST(EltwiseLayer, GradientCheckMax) {
  // Well separated inputs so a step of 1e-2 never changes the winner.
  Blob a(2, 3, 4, 5), b(2, 3, 4, 5), y;
  for (int i = 0; i < a.count(); ++i) {
    a.mutable_cpu_data()[i] = (i % 3 == 0) ? 1.f + 0.01f * i : -1.f;
    b.mutable_cpu_data()[i] = (i % 3 == 0) ? -1.f : 0.5f + 0.01f * i;
  }
  EltwiseLayer layer(LayerParamFromText("type: 'Eltwise' eltwise_param { operation: MAX }"));
  CheckGradient(layer, {&a, &b}, {&y});
}

}  // namespace crema::test
