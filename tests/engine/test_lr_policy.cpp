// Learning-rate policies: cases R1-R8 of ../shared/cases/caffe-semantics.md section 6.
#include <gtest/gtest.h>

#include <cmath>

#include "common.h"
#include "io/io.h"
#include "solver/lr_policy.h"

namespace crema {
namespace {

caffe::SolverParameter P(const std::string& text) { return ParseSolverParam(text, "lr-test"); }

float Rate(const caffe::SolverParameter& p, int iter) {
  int step = 0;
  return ComputeLearningRate(p, iter, &step, false);
}

TEST(LrPolicy, R1LeNetInv) {
  const auto p = P("base_lr: 0.01 lr_policy: 'inv' gamma: 0.0001 power: 0.75");
  EXPECT_FLOAT_EQ(Rate(p, 0), 0.01f);
  // Exact values (double) from the case appendix; float32 arithmetic stays within 2e-9.
  EXPECT_NEAR(Rate(p, 100), 0.00992565029, 2e-9);
  EXPECT_NEAR(Rate(p, 500), 0.009640687947, 2e-9);
  EXPECT_NEAR(Rate(p, 5000), 0.007377879465, 2e-9);
  EXPECT_NEAR(Rate(p, 9999), 0.005946258561, 2e-9);
  EXPECT_NEAR(Rate(p, 10000), 0.005946035575, 2e-9);
  EXPECT_EQ(Format(Rate(p, 5000)), "0.00737788");
  EXPECT_EQ(Format(Rate(p, 10000)), "0.00594604");
  // The log line prints 6 significant digits: "Iteration 100, lr = 0.00992565".
  EXPECT_EQ(Format(Rate(p, 100)), "0.00992565");
}

TEST(LrPolicy, R2Step) {
  const auto p = P("base_lr: 0.01 lr_policy: 'step' gamma: 0.1 stepsize: 3");
  const float expected[] = {0.01f, 0.01f, 0.01f, 0.001f, 0.001f, 0.001f, 0.0001f};
  for (int i = 0; i < 7; ++i) EXPECT_NEAR(Rate(p, i), expected[i], 1e-9) << "iter " << i;
  int step = 0;
  ComputeLearningRate(p, 7, &step, false);
  EXPECT_EQ(step, 2);  // "step" records floor(iter/stepsize) as current_step, as Caffe does
}

TEST(LrPolicy, R3Exp) {
  EXPECT_NEAR(Rate(P("base_lr: 0.01 lr_policy: 'exp' gamma: 0.99"), 10), 0.00904382075, 1e-9);
}

TEST(LrPolicy, R4MultistepIsStateful) {
  const auto p = P("base_lr: 0.01 lr_policy: 'multistep' gamma: 0.5 stepvalue: 2 stepvalue: 4");
  const float expected[] = {0.01f, 0.01f, 0.005f, 0.005f, 0.0025f, 0.0025f};
  int step = 0;
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(ComputeLearningRate(p, i, &step, false), expected[i], 1e-9) << i;
  EXPECT_EQ(step, 2);
  // A restart at iter 5 without the saved step climbs one step per call (case appendix).
  step = 0;
  EXPECT_NEAR(ComputeLearningRate(p, 5, &step, false), 0.005, 1e-9);
  EXPECT_NEAR(ComputeLearningRate(p, 6, &step, false), 0.0025, 1e-9);
}

TEST(LrPolicy, R5MultistepDuplicateDelaysSecondDrop) {
  const auto p = P("base_lr: 0.01 lr_policy: 'multistep' gamma: 0.5 stepvalue: 2 stepvalue: 2");
  int step = 0;
  EXPECT_NEAR(ComputeLearningRate(p, 0, &step, false), 0.01, 1e-9);
  EXPECT_NEAR(ComputeLearningRate(p, 1, &step, false), 0.01, 1e-9);
  EXPECT_NEAR(ComputeLearningRate(p, 2, &step, false), 0.005, 1e-9);
  EXPECT_NEAR(ComputeLearningRate(p, 3, &step, false), 0.0025, 1e-9);
}

TEST(LrPolicy, R6Poly) {
  const auto p = P("base_lr: 0.01 lr_policy: 'poly' power: 2 max_iter: 10");
  EXPECT_NEAR(Rate(p, 5), 0.0025, 1e-9);
  EXPECT_EQ(Rate(p, 10), 0.f);
}

TEST(LrPolicy, R7Sigmoid) {
  const auto p = P("base_lr: 0.01 lr_policy: 'sigmoid' gamma: 0.5 stepsize: 10");
  EXPECT_NEAR(Rate(p, 10), 0.005, 1e-9);
  EXPECT_NEAR(Rate(p, 0), 6.69285e-05, 1e-10);
}

TEST(LrPolicy, R8LeNetMultistep) {
  const auto p = P(
      "base_lr: 0.01 lr_policy: 'multistep' gamma: 0.9 stepvalue: 5000 stepvalue: 7000 stepvalue: 8000 "
      "stepvalue: 9000 stepvalue: 9500");
  const std::vector<float> s = LearningRateSchedule(p, 10000);
  EXPECT_NEAR(s[4999], 0.01, 1e-9);
  EXPECT_NEAR(s[5000], 0.009, 1e-9);
  EXPECT_NEAR(s[9999], 0.0059049, 5e-9);
}

TEST(LrPolicy, FixedIsBaseLr) { EXPECT_EQ(Rate(P("base_lr: 0.125 lr_policy: 'fixed'"), 12345), 0.125f); }

TEST(LrPolicy, MissingPolicyIsAnError) {
  const auto p = P("base_lr: 0.01");
  int step = 0;
  try {
    ComputeLearningRate(p, 0, &step);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("Unknown learning rate policy"), std::string::npos) << e.what();
  }
}

TEST(LrPolicy, UnknownOrInvalidPolicyIsAnError) {
  int step = 0;
  EXPECT_THROW(ComputeLearningRate(P("base_lr: 0.01 lr_policy: 'Fixed'"), 0, &step), ConfigError);
  EXPECT_THROW(ComputeLearningRate(P("base_lr: 0.01 lr_policy: 'step' gamma: 0.1"), 0, &step), ConfigError);
  EXPECT_THROW(ComputeLearningRate(P("base_lr: 0.01 lr_policy: 'sigmoid' gamma: 0.1"), 0, &step), ConfigError);
  EXPECT_THROW(ComputeLearningRate(P("base_lr: 0.01 lr_policy: 'poly' power: 1"), 0, &step), ConfigError);
  EXPECT_THROW(ComputeLearningRate(P("base_lr: 0.01 lr_policy: 'exp' gamma: -1"), 0, &step), ConfigError);
}

}  // namespace
}  // namespace crema
