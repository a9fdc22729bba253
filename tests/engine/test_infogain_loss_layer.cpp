#include <gtest/gtest.h>

#include <cstdio>

#include "gradient_checker.h"
#include "io/io.h"
#include "layers/infogain_loss_layer.h"

namespace crema::test {

namespace {
// Scores from semantics §4: X = [[1,2,3],[1,1,1]], labels [2, 0].
struct Case {
  Blob x{std::vector<int>{2, 3}}, label{std::vector<int>{2}}, h{std::vector<int>{3, 3}}, y;
  Case(const float* hv) {
    const float xv[] = {1, 2, 3, 1, 1, 1};
    std::copy(xv, xv + 6, x.mutable_cpu_data());
    label.mutable_cpu_data()[0] = 2.f;
    label.mutable_cpu_data()[1] = 0.f;
    std::copy(hv, hv + 9, h.mutable_cpu_data());
  }
};
const float kIdentity[] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
const float kH[] = {1, 0.5f, 0, 0, 1, 0, 0.2f, 0.3f, 0.5f};
}  // namespace

TEST(InfogainLossLayer, ShapesAndErrors) {
  Case c(kIdentity);
  // Two tops need explicit loss weights, as in Caffe (LossLayer adds only one default).
  InfogainLossLayer layer(LayerParamFromText("type: 'InfogainLoss' loss_weight: 1 loss_weight: 0"));
  Blob prob;
  layer.SetUp({&c.x, &c.label, &c.h}, {&c.y, &prob});
  EXPECT_EQ(c.y.count(), 1);
  EXPECT_EQ(prob.shape(), c.x.shape());
  InfogainLossLayer default_weights(LayerParamFromText("type: 'InfogainLoss'"));
  EXPECT_THROW(default_weights.SetUp({&c.x, &c.label, &c.h}, {&c.y, &prob}), ConfigError);
  InfogainLossLayer no_source(LayerParamFromText("type: 'InfogainLoss'"));
  EXPECT_THROW(no_source.SetUp({&c.x, &c.label}, {&c.y}), ConfigError);
  Blob small_h({2, 2});
  InfogainLossLayer wrong_h(LayerParamFromText("type: 'InfogainLoss'"));
  EXPECT_THROW(wrong_h.SetUp({&c.x, &c.label, &small_h}, {&c.y}), ConfigError);
  InfogainLossLayer legacy(LayerParamFromText("type: 'InfogainLoss' loss_param { normalize: true }"));
  EXPECT_THROW(legacy.SetUp({&c.x, &c.label, &c.h}, {&c.y}), ConfigError);
}

// With H = I the loss is SoftmaxWithLoss (semantics L1).
TEST(InfogainLossLayer, IdentityMatrixEqualsSoftmaxLoss) {
  Case c(kIdentity);
  // Two tops need explicit loss weights, as in Caffe (LossLayer adds only one default).
  InfogainLossLayer layer(LayerParamFromText("type: 'InfogainLoss' loss_weight: 1 loss_weight: 0"));
  Blob prob;
  layer.SetUp({&c.x, &c.label, &c.h}, {&c.y, &prob});
  EXPECT_NEAR(layer.Forward({&c.x, &c.label, &c.h}, {&c.y, &prob}), 0.75310913, 1e-6);
  EXPECT_NEAR(prob.cpu_data()[2], 0.665241, 1e-6);
  layer.Backward({&c.y, &prob}, {true, false, false}, {&c.x, &c.label, &c.h});
  const float dx[] = {0.0450153f, 0.1223642f, -0.1673795f, -0.3333333f, 0.1666667f, 0.1666667f};
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(c.x.cpu_diff()[i], dx[i], 1e-6) << i;
}

TEST(InfogainLossLayer, WeightedMatrixHandComputed) {
  Case c(kH);
  InfogainLossLayer layer(LayerParamFromText("type: 'InfogainLoss'"));
  layer.SetUp({&c.x, &c.label, &c.h}, {&c.y});
  // Row 0 (label 2): -(0.2 ln p0 + 0.3 ln p1 + 0.5 ln p2); row 1 (label 0): 1.5 ln 3.
  EXPECT_NEAR(layer.Forward({&c.x, &c.label, &c.h}, {&c.y}), 1.3777622, 1e-6);
  layer.Backward({&c.y}, {true, false, false}, {&c.x, &c.label, &c.h});
  // (p * rowsum(H[label]) - H[label]) / 2
  const float dx[] = {-0.0549847f, -0.0276358f, 0.0826205f, -0.25f, 0.f, 0.25f};
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(c.x.cpu_diff()[i], dx[i], 1e-6) << i;
  EXPECT_THROW(layer.Backward({&c.y}, {true, false, true}, {&c.x, &c.label, &c.h}), ConfigError);
}

TEST(InfogainLossLayer, IgnoreLabelAndMatrixFromFile) {
  Case c(kIdentity);
  caffe::BlobProto proto;
  c.h.ToProto(&proto);
  const std::string path = ::testing::TempDir() + "crema_infogain_H.binaryproto";
  WriteBinaryProtoFile(path, proto);
  InfogainLossLayer layer(LayerParamFromText("type: 'InfogainLoss' loss_param { ignore_label: 0 } "
                                             "infogain_loss_param { source: '" + path + "' }"));
  layer.SetUp({&c.x, &c.label}, {&c.y});
  EXPECT_NEAR(layer.Forward({&c.x, &c.label}, {&c.y}), 0.40760596, 1e-6);  // semantics L3
  layer.Backward({&c.y}, {true, false}, {&c.x, &c.label});
  EXPECT_NEAR(c.x.cpu_diff()[2], -0.334759, 1e-6);
  EXPECT_FLOAT_EQ(c.x.cpu_diff()[3], 0.f);
  std::remove(path.c_str());
}

TEST(InfogainLossLayer, SpatialAxis) {
  // N=1, C=2, H=1, W=2 (semantics L6): logits ch0 [0,0], ch1 [0, ln 3], labels [1, 1], H = I.
  Blob x(1, 2, 1, 2), label({1, 1, 2}), h({2, 2}), y;
  x.mutable_cpu_data()[3] = std::log(3.f);
  label.set_data(1.f);
  h.mutable_cpu_data()[0] = 1.f;
  h.mutable_cpu_data()[3] = 1.f;
  InfogainLossLayer layer(LayerParamFromText("type: 'InfogainLoss'"));
  layer.SetUp({&x, &label, &h}, {&y});
  EXPECT_NEAR(layer.Forward({&x, &label, &h}, {&y}), 0.49041463, 1e-6);
}

TEST(InfogainLossLayer, GradientCheck) {
  Blob x(2, 4, 2, 3), label(2, 1, 2, 3), h({4, 4}), y;
  FillGaussianTest(&x);
  FillUniformTest(&h, 0.f, 1.f, 9);
  for (int i = 0; i < label.count(); ++i) label.mutable_cpu_data()[i] = static_cast<float>(i % 4);
  InfogainLossLayer layer(LayerParamFromText("type: 'InfogainLoss' loss_weight: 2"));
  GradientCheckOptions opt;
  opt.bottoms = {0};
  CheckGradient(layer, {&x, &label, &h}, {&y}, opt);
}

}  // namespace crema::test
