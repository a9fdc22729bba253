#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layers/multinomial_logistic_loss_layer.h"

namespace crema::test {

TEST(MultinomialLogisticLossLayer, Shape) {
  Blob p(2, 3, 4, 5), label(2, 1, 1, 1), y;
  MultinomialLogisticLossLayer layer(LayerParamFromText("type: 'MultinomialLogisticLoss'"));
  layer.SetUp({&p, &label}, {&y});
  EXPECT_EQ(y.count(), 1);
  Blob label2(2, 2, 1, 1);
  MultinomialLogisticLossLayer bad(LayerParamFromText("type: 'MultinomialLogisticLoss'"));
  EXPECT_THROW(bad.SetUp({&p, &label2}, {&y}), ConfigError);
}

TEST(MultinomialLogisticLossLayer, ForwardBackwardHandComputed) {
  Blob p({2, 3}), label({2}), y;
  const float pv[] = {0.2f, 0.5f, 0.3f, 0.1f, 0.1f, 0.8f};
  std::copy(pv, pv + 6, p.mutable_cpu_data());
  label.mutable_cpu_data()[0] = 1.f;
  label.mutable_cpu_data()[1] = 2.f;
  MultinomialLogisticLossLayer layer(LayerParamFromText("type: 'MultinomialLogisticLoss'"));
  layer.SetUp({&p, &label}, {&y});
  EXPECT_NEAR(layer.Forward({&p, &label}, {&y}), 0.458145366, 1e-6);  // -(ln .5 + ln .8) / 2
  p.set_diff(9.f);
  layer.Backward({&y}, {true, false}, {&p, &label});
  const float dx[] = {0, -1.f, 0, 0, 0, -0.625f};
  for (int i = 0; i < 6; ++i) EXPECT_FLOAT_EQ(p.cpu_diff()[i], dx[i]) << i;
}

TEST(MultinomialLogisticLossLayer, ZeroProbabilityIsClamped) {
  Blob p({1, 2}), label({1}), y;
  p.mutable_cpu_data()[0] = 0.f;
  p.mutable_cpu_data()[1] = 1.f;
  label.mutable_cpu_data()[0] = 0.f;
  MultinomialLogisticLossLayer layer(LayerParamFromText("type: 'MultinomialLogisticLoss'"));
  layer.SetUp({&p, &label}, {&y});
  EXPECT_NEAR(layer.Forward({&p, &label}, {&y}), 46.0517019, 1e-4);  // -ln 1e-20
}

TEST(MultinomialLogisticLossLayer, GradientCheck) {
  Blob p(4, 5, 1, 1), label(4, 1, 1, 1), y;
  FillUniformTest(&p, 0.2f, 1.f);
  for (int n = 0; n < 4; ++n) label.mutable_cpu_data()[n] = static_cast<float>((3 * n + 1) % 5);
  MultinomialLogisticLossLayer layer(LayerParamFromText("type: 'MultinomialLogisticLoss' loss_weight: 2"));
  GradientCheckOptions opt;
  opt.bottoms = {0};
  CheckGradient(layer, {&p, &label}, {&y}, opt);
}

}  // namespace crema::test
