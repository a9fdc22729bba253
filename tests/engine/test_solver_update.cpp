// Update rules and their order: cases S1-S7, Q1-Q4, X9, X11 of
// ../shared/cases/caffe-semantics.md (sections 5, 10, 11). Gradients are scripted
// (ScriptedParam layer), so each trace runs through the real Solver::Step loop:
// clip -> normalise -> regularise -> rule -> w -= step.
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "test_solver_util.h"

namespace crema {
namespace {

using test::LogCapture;
using test::Script;
using test::Scripts;

using Vec = std::vector<float>;
using Trace = std::vector<Vec>;

const Trace kGrads = {{0.5f, -0.3f}, {0.2f, 0.4f}, {-0.1f, 0.1f}};

std::string OneParamNet(const std::string& param_spec = "") {
  return "net_param { name: 'scripted' layer { name: 'p' type: 'ScriptedParam' top: 'loss' " + param_spec + " } } ";
}

/// Runs `steps` single-iteration Steps; returns the update (w_before - w_after) of each.
Trace RunTrace(const std::string& solver_text, int steps = 3, std::unique_ptr<Solver>* keep = nullptr) {
  test::RegisterScriptedLayer();
  auto solver = CreateSolver(test::SolverFromText(solver_text + " lr_policy: 'fixed' snapshot_after_train: false"));
  Trace updates;
  for (int i = 0; i < steps; ++i) {
    const Vec before = test::Weights(*solver);
    solver->Step(1);
    const Vec after = test::Weights(*solver);
    Vec u(before.size());
    for (size_t k = 0; k < u.size(); ++k) u[k] = before[k] - after[k];
    updates.push_back(u);
  }
  if (keep) *keep = std::move(solver);
  return updates;
}

void ExpectTrace(const Trace& got, const Trace& want, double tol, const char* what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t s = 0; s < want.size(); ++s) {
    for (size_t k = 0; k < want[s].size(); ++k) {
      EXPECT_NEAR(got[s][k], want[s][k], tol) << what << ": step " << s << " element " << k;
    }
  }
}

void ExpectWeights(Solver& s, const Vec& want, double tol = 5e-7, int param = 0) {
  const Vec w = test::Weights(s, param);
  ASSERT_EQ(w.size(), want.size());
  for (size_t k = 0; k < w.size(); ++k) EXPECT_NEAR(w[k], want[k], tol) << "element " << k;
}

class SolverUpdate : public ::testing::Test {
 protected:
  void SetUp() override {
    test::RegisterScriptedLayer();
    Scripts()["p"] = Script{{1.f, -2.f}, kGrads, {1.f}, {}, {}};
  }
  LogCapture log_;  // keeps the test output quiet and lets tests read log lines
};

TEST_F(SolverUpdate, S1SgdMomentumWeightDecay) {
  std::unique_ptr<Solver> s;
  const Trace u = RunTrace(OneParamNet() + "type: 'SGD' base_lr: 0.01 momentum: 0.9 weight_decay: 5e-4", 3, &s);
  ExpectTrace(u, {{0.005005f, -0.00301f}, {0.006509475f, 0.0012810151f}, {0.0048634699f, 0.0021429222f}}, 3e-7, "S1");
  ExpectWeights(*s, {0.9836220551f, -2.0004139372f});
  // History equals the last update for SGD.
  const Blob& h = *s->history()[0];
  EXPECT_NEAR(h.cpu_data()[0], 0.0048634699, 1e-9);
  EXPECT_NEAR(h.cpu_data()[1], 0.0021429222, 1e-9);
}

TEST_F(SolverUpdate, S1L1Regularization) {
  std::unique_ptr<Solver> s;
  const Trace u = RunTrace(
      OneParamNet() + "type: 'SGD' base_lr: 0.01 momentum: 0.9 weight_decay: 5e-4 regularization_type: 'L1'", 3, &s);
  ExpectTrace(u, {{0.005005f, -0.003005f}, {0.0065095f, 0.0012905f}, {0.00486355f, 0.00215645f}}, 3e-7, "S1-L1");
  ExpectWeights(*s, {0.98362195f, -2.00044195f});
}

TEST_F(SolverUpdate, L1SignOfZeroIsZero) {
  Scripts()["p"] = Script{{0.f, 1.f}, {{0.f, 0.f}}, {1.f}, {}, {}};
  const Trace u = RunTrace(OneParamNet() + "type: 'SGD' base_lr: 1 weight_decay: 0.5 regularization_type: 'L1'", 1);
  ExpectTrace(u, {{0.f, 0.5f}}, 1e-7, "sign(0)=0");
}

TEST_F(SolverUpdate, S1BiasMultipliers) {
  std::unique_ptr<Solver> s;
  const Trace u = RunTrace(OneParamNet("param { lr_mult: 2 decay_mult: 0 }") +
                               "type: 'SGD' base_lr: 0.01 momentum: 0.9 weight_decay: 5e-4",
                           3, &s);
  ExpectTrace(u, {{0.01f, -0.006f}, {0.013f, 0.0026f}, {0.0097f, 0.00434f}}, 3e-7, "S1-bias");
  ExpectWeights(*s, {0.9673f, -2.00094f});
}

TEST_F(SolverUpdate, LeNetBiasWithoutDecayMultIsDecayed) {
  // lr_mult 2 alone: decay_mult defaults to 1, so weight decay applies (section 5).
  const Trace u = RunTrace(OneParamNet("param { lr_mult: 2 }") + "type: 'SGD' base_lr: 0.01 weight_decay: 0.5", 1);
  ExpectTrace(u, {{0.02f * (0.5f + 0.5f * 1.f), 0.02f * (-0.3f + 0.5f * -2.f)}}, 1e-7, "bias decay");
}

TEST_F(SolverUpdate, S2Nesterov) {
  std::unique_ptr<Solver> s;
  const Trace u = RunTrace(OneParamNet() + "type: 'Nesterov' base_lr: 0.01 momentum: 0.9", 3, &s);
  ExpectTrace(u, {{0.0095f, -0.0057f}, {0.00785f, 0.00517f}, {0.003365f, 0.002953f}}, 3e-7, "S2");
  ExpectWeights(*s, {0.979285f, -2.002423f});
  EXPECT_NEAR(s->history()[0]->cpu_data()[0], 0.00485, 1e-9);
  EXPECT_NEAR(s->history()[0]->cpu_data()[1], 0.00217, 1e-9);
}

TEST_F(SolverUpdate, S3Adam) {
  std::unique_ptr<Solver> s;
  const Trace u = RunTrace(OneParamNet() + "type: 'Adam' base_lr: 0.001 momentum: 0.9 momentum2: 0.999 delta: 1e-8", 3, &s);
  ExpectTrace(u,
              {{0.000999999368f, -0.000999998946f},
               {0.000898574677f, 0.000193510287f},
               {0.000566168952f, 0.000272038904f}},
              2e-7, "S3");
  ExpectWeights(*s, {0.997535257004f, -1.999465550244f});
  // Two history blobs per param: m then v.
  ASSERT_EQ(s->history().size(), 2u);
  EXPECT_NEAR(s->history()[0]->cpu_data()[0], 0.0485, 1e-8);
  EXPECT_NEAR(s->history()[0]->cpu_data()[1], 0.0217, 1e-8);
  // float32 (1 - 0.999f) = 9.9998713e-4, as in Caffe's float solver: v is 1.3e-5 below the double value.
  EXPECT_NEAR(s->history()[1]->cpu_data()[0], 2.9946025e-4, 1e-8);
  EXPECT_NEAR(s->history()[1]->cpu_data()[1], 2.5966009e-4, 1e-8);
}

TEST_F(SolverUpdate, AdamFirstStepIsAboutBaseLrForAnyGradient) {
  // Issue #4224: the bias correction is folded into sqrt(1-b2^t)/(1-b1^t).
  Scripts()["p"] = Script{{0.f, 0.f}, {{1000.f, -0.3f}}, {1.f}, {}, {}};
  const Trace u = RunTrace(OneParamNet() + "type: 'Adam' base_lr: 0.001 momentum: 0.9", 1);
  EXPECT_NEAR(u[0][0], 0.001, 1e-8);
  EXPECT_NEAR(u[0][1], -0.001, 1e-8);
}

TEST_F(SolverUpdate, S4AdaGrad) {
  std::unique_ptr<Solver> s;
  const Trace u = RunTrace(OneParamNet() + "type: 'AdaGrad' base_lr: 0.01", 3, &s);
  ExpectTrace(u, {{0.0099999998f, -0.0099999997f}, {0.0037139067f, 0.0079999998f}, {-0.0018257418f, 0.0019611613f}},
              3e-7, "S4");
  ExpectWeights(*s, {0.9881118353f, -1.9999611615f});
  EXPECT_NEAR(s->history()[0]->cpu_data()[0], 0.3, 1e-7);
  EXPECT_NEAR(s->history()[0]->cpu_data()[1], 0.26, 1e-7);
}

TEST_F(SolverUpdate, S5RmsProp) {
  std::unique_ptr<Solver> s;
  const Trace u = RunTrace(OneParamNet() + "type: 'RMSProp' base_lr: 0.01 rms_decay: 0.98", 3, &s);
  ExpectTrace(u, {{0.0707106681f, -0.0707106615f}, {0.0264906436f, 0.0567732875f}, {-0.0131465176f, 0.0140514848f}},
              5e-7, "S5");
  ExpectWeights(*s, {0.9159452059f, -2.0001141109f});
}

TEST_F(SolverUpdate, S6AdaDelta) {
  std::unique_ptr<Solver> s;
  const Trace u = RunTrace(OneParamNet() + "type: 'AdaDelta' base_lr: 1.0 momentum: 0.95 delta: 1e-6", 3, &s);
  ExpectTrace(u, {{0.0044719571f, -0.0044716391f}, {0.0024010664f, 0.0051053136f}, {-0.0012789947f, 0.0016354418f}},
              3e-7, "S6");
  ExpectWeights(*s, {0.9944059713f, -2.0022691163f});
  ASSERT_EQ(s->history().size(), 2u);  // Eg2 then Edx2
  EXPECT_NEAR(s->history()[0]->cpu_data()[0], 0.01368125, 1e-8);
  EXPECT_NEAR(s->history()[1]->cpu_data()[0], 1.258062e-06, 1e-11);
  EXPECT_NEAR(s->history()[1]->cpu_data()[1], 2.274084e-06, 1e-11);
}

TEST_F(SolverUpdate, S6AdaDeltaBaseLrStillMultiplies) {
  const Trace one = RunTrace(OneParamNet() + "type: 'AdaDelta' base_lr: 1.0 momentum: 0.95 delta: 1e-6", 1);
  Scripts()["p"] = Script{{1.f, -2.f}, kGrads, {1.f}, {}, {}};
  const Trace half = RunTrace(OneParamNet() + "type: 'AdaDelta' base_lr: 0.5 momentum: 0.95 delta: 1e-6", 1);
  EXPECT_NEAR(half[0][0], 0.5 * one[0][0], 1.5e-7);  // w near 1: one float ulp
}

caffe::SolverParameter RawSolver(const std::string& text) {
  // No upgrade: CreateSolver must check legacy fields itself.
  caffe::SolverParameter p;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(OneParamNet() + text + " lr_policy: 'fixed'", &p));
  return p;
}

TEST_F(SolverUpdate, S7ConstructionChecks) {
  EXPECT_THROW(CreateSolver(RawSolver("type: 'AdaGrad' base_lr: 0.01 momentum: 0.9")), ConfigError);
  EXPECT_THROW(CreateSolver(RawSolver("type: 'RMSProp' base_lr: 0.01 momentum: 0.9")), ConfigError);
  EXPECT_THROW(CreateSolver(RawSolver("type: 'RMSProp' base_lr: 0.01 rms_decay: 1.0")), ConfigError);
  EXPECT_THROW(CreateSolver(RawSolver("type: 'RMSProp' base_lr: 0.01 rms_decay: -0.1")), ConfigError);
  try {
    CreateSolver(RawSolver("type: 'AdaGrad' base_lr: 0.01 momentum: 0.9"));
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("Momentum cannot be used with AdaGrad"), std::string::npos) << e.what();
  }
  // solver_type and type together: fatal, in the file reader and in CreateSolver.
  EXPECT_THROW(CreateSolver(RawSolver("type: 'SGD' solver_type: SGD base_lr: 0.01")), ConfigError);
  EXPECT_THROW(test::SolverFromText("type: 'Adam' solver_type: ADAM"), ConfigError);
  // The legacy enum alone is upgraded.
  EXPECT_STREQ(CreateSolver(RawSolver("solver_type: NESTEROV base_lr: 0.01 momentum: 0.9"))->type(), "Nesterov");
  EXPECT_STREQ(CreateSolver(RawSolver("solver_type: ADAM base_lr: 0.01"))->type(), "Adam");
  EXPECT_STREQ(CreateSolver(RawSolver("base_lr: 0.01"))->type(), "SGD");  // proto default
}

TEST_F(SolverUpdate, X11SolverTypeIsCaseSensitive) {
  try {
    CreateSolver(RawSolver("type: 'adam' base_lr: 0.01"));
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("Unknown solver type: adam"), std::string::npos) << e.what();
  }
  for (const char* t : {"SGD", "Nesterov", "AdaGrad", "RMSProp", "AdaDelta", "Adam"}) {
    EXPECT_STREQ(CreateSolver(RawSolver(std::string("type: '") + t + "' base_lr: 0.01"))->type(), t);
  }
}

TEST_F(SolverUpdate, Q1IterSizeAveragesSummedGradients) {
  Scripts()["p"] = Script{{0.f, 0.f}, {{1.f, 2.f}, {3.f, 4.f}}, {1.f}, {}, {}};
  const Trace u = RunTrace(OneParamNet() + "type: 'SGD' base_lr: 1 iter_size: 2", 1);
  ExpectTrace(u, {{2.f, 3.f}}, 1e-6, "Q1");
}

TEST_F(SolverUpdate, Q2ClipBeforeNormalize) {
  Scripts()["p"] = Script{{0.f, 0.f}, {{1.f, 2.f}, {3.f, 4.f}}, {1.f}, {}, {}};
  const Trace u = RunTrace(OneParamNet() + "type: 'SGD' base_lr: 1 iter_size: 2 clip_gradients: 3", 1);
  ExpectTrace(u, {{0.83205f, 1.248075f}}, 2e-6, "Q2");
  EXPECT_EQ(log_.Count(R"(Gradient clipping: scaling down gradients \(L2 norm 7\.2111 > 3\) by scale factor 0\.416025)"),
            1);
}

TEST_F(SolverUpdate, Q3ClipUsesOneGlobalNorm) {
  Scripts()["p1"] = Script{{0.f, 0.f}, {{3.f, 0.f}}, {1.f}, {}, {}};
  Scripts()["p2"] = Script{{0.f, 0.f}, {{0.f, 4.f}}, {1.f}, {}, {}};
  std::unique_ptr<Solver> s = CreateSolver(test::SolverFromText(
      "net_param { layer { name: 'p1' type: 'ScriptedParam' top: 'l1' } layer { name: 'p2' type: 'ScriptedParam' "
      "top: 'l2' } } type: 'SGD' base_lr: 1 clip_gradients: 1 lr_policy: 'fixed'"));
  s->Step(1);
  ExpectWeights(*s, {-0.6f, 0.f}, 1e-6, 0);
  ExpectWeights(*s, {0.f, -0.8f}, 1e-6, 1);
}

TEST_F(SolverUpdate, Q4ClipBeforeWeightDecay) {
  Scripts()["p"] = Script{{10.f, 10.f}, {{3.f, 4.f}}, {1.f}, {}, {}};
  const Trace u = RunTrace(OneParamNet() + "type: 'SGD' base_lr: 1 clip_gradients: 1 weight_decay: 0.1", 1);
  ExpectTrace(u, {{1.6f, 1.8f}}, 1e-6, "Q4");
}

TEST_F(SolverUpdate, ClipBelowThresholdIsUntouched) {
  Scripts()["p"] = Script{{0.f, 0.f}, {{0.3f, 0.4f}}, {1.f}, {}, {}};
  const Trace u = RunTrace(OneParamNet() + "type: 'SGD' base_lr: 1 clip_gradients: 1", 1);
  ExpectTrace(u, {{0.3f, 0.4f}}, 1e-7, "no clip");
  EXPECT_EQ(log_.Count("Gradient clipping"), 0);
}

TEST_F(SolverUpdate, X9HistoryBlobsPerRule) {
  Scripts()["p1"] = Script{{0.f, 0.f}, {{3.f, 0.f}}, {1.f}, {}, {}};
  Scripts()["p2"] = Script{{0.f, 0.f, 0.f}, {{0.f, 4.f, 1.f}}, {1.f}, {}, {}};
  const std::string net =
      "net_param { layer { name: 'p1' type: 'ScriptedParam' top: 'l1' } layer { name: 'p2' type: 'ScriptedParam' "
      "top: 'l2' } } lr_policy: 'fixed' base_lr: 0.1 ";
  const std::pair<const char*, size_t> cases[] = {{"SGD", 2},      {"Nesterov", 2},  {"AdaGrad", 2},
                                                  {"RMSProp", 2},  {"AdaDelta", 4}, {"Adam", 4}};
  for (const auto& [type, n] : cases) {
    auto s = CreateSolver(test::SolverFromText(net + "type: '" + type + "'"));
    EXPECT_EQ(s->history().size(), n) << type;
    // First moments for all params, then second moments: shapes follow the params.
    EXPECT_EQ(s->history()[n - 1]->count(), 3) << type;
    EXPECT_EQ(s->history()[0]->count(), 2) << type;
  }
}

}  // namespace
}  // namespace crema
