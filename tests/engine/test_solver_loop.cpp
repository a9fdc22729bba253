// The training loop: display and smoothing (T1, T2), testing (T6-T8, several
// test nets, test_compute_loss), snapshots (X5, X6, X8), resume (R9, multistep
// state, bit-identity), TrainingControl, observers, non-finite stops, and path
// resolution. Cases from ../shared/cases/caffe-semantics.md sections 7, 10, 11.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>

#include "test_solver_util.h"

namespace crema {
namespace {

namespace fs = std::filesystem;
using test::LogCapture;
using test::Script;
using test::Scripts;
using test::TempDir;

const float kNaN = std::numeric_limits<float>::quiet_NaN();

std::string Net1(const std::string& extra_layers = "") {
  return "net_param { name: 'scripted' layer { name: 'p' type: 'ScriptedParam' top: 'loss' } " + extra_layers + "} ";
}
std::string Net2() {
  // top 'accuracy' has loss weight 0; outputs are listed alphabetically: accuracy, loss.
  return "net_param { name: 'scripted' layer { name: 'p' type: 'ScriptedParam' top: 'loss' top: 'accuracy' } } ";
}

std::unique_ptr<Solver> Make(const std::string& text) {
  test::RegisterScriptedLayer();
  return CreateSolver(test::SolverFromText(text));
}

std::vector<double> Values(LogCapture& log, const std::string& pattern) {
  std::vector<double> v;
  for (const auto& m : log.Matches(pattern)) v.push_back(std::stod(m[1].str()));
  return v;
}

class SolverLoop : public ::testing::Test {
 protected:
  void SetUp() override {
    test::RegisterScriptedLayer();
    Scripts()["p"] = Script{{1.f, -2.f}, {}, {}, {}, {}};
  }
  LogCapture log_;
};

// ------------------------------------------------------------------ display & smoothing

TEST_F(SolverLoop, T1SmoothedLossAverageLoss3) {
  Scripts()["p"] = Script{{0.f}, {{0.f}}, {4, 2, 6, 8, 10}, {}, {}};
  auto s = Make(Net1() + "base_lr: 0.01 lr_policy: 'fixed' display: 1 max_iter: 5 average_loss: 3 "
                         "snapshot_after_train: false");
  s->Solve();
  const auto shown = Values(log_, R"(^Iteration \d+ \([-\d.e+]+ iter/s, [-\d.e+]+s/1 iters\), loss = ([-\d.e+]+)$)");
  ASSERT_EQ(shown.size(), 5u);
  const double want[] = {4, 3, 4, 5.333333, 8};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(shown[i], want[i], 1e-5) << i;
  // The extra forward-only pass after the loop is smoothed too (#3132): window {8, 10, 10}.
  const auto last = Values(log_, R"(^Iteration 5, loss = ([-\d.e+]+)$)");
  ASSERT_EQ(last.size(), 1u);
  EXPECT_NEAR(last[0], 28.0 / 3, 1e-4);
  EXPECT_EQ(log_.Count("^Optimization Done.$"), 1);
}

TEST_F(SolverLoop, T2AverageLoss1ShowsRawLosses) {
  Scripts()["p"] = Script{{0.f}, {{0.f}}, {4, 2, 6, 8, 10}, {}, {}};
  auto s = Make(Net1() + "base_lr: 0.01 lr_policy: 'fixed' display: 1 max_iter: 5 snapshot_after_train: false");
  s->Solve();
  const auto shown = Values(log_, R"(^Iteration \d+ \(.*\), loss = ([-\d.e+]+)$)");
  ASSERT_EQ(shown.size(), 5u);
  const double want[] = {4, 2, 6, 8, 10};
  for (int i = 0; i < 5; ++i) EXPECT_EQ(shown[i], want[i]);
}

TEST_F(SolverLoop, DisplayLinesHaveCaffesFormat) {
  Scripts()["p"] = Script{{0.f}, {{0.f}}, {2.5f, 1.25f}, {}, {0.75f, 0.5f}};
  auto s = Make(Net2() + "base_lr: 0.01 lr_policy: 'fixed' display: 1 max_iter: 2 snapshot_after_train: false");
  s->Solve();
  const auto lines = log_.lines();
  auto has = [&](const std::string& l) { return std::find(lines.begin(), lines.end(), l) != lines.end(); };
  EXPECT_TRUE(has("    Train net output #0: accuracy = 0.75"));
  EXPECT_TRUE(has("    Train net output #1: loss = 2.5 (* 1 = 2.5 loss)"));
  EXPECT_TRUE(has("    Train net output #1: loss = 1.25 (* 1 = 1.25 loss)"));
  EXPECT_TRUE(has("Iteration 0, lr = 0.01"));
  EXPECT_TRUE(has("Iteration 1, lr = 0.01"));
  EXPECT_TRUE(has("Solving scripted"));
  EXPECT_TRUE(has("Learning Rate Policy: fixed"));
  EXPECT_EQ(log_.Count(R"(^Iteration 0 \(0 iter/s, [\d.e+-]+s/1 iters\), loss = 2\.5$)"), 1);
  EXPECT_EQ(log_.Count(R"(^Iteration 1 \([\d.e+-]+ iter/s, [\d.e+-]+s/1 iters\), loss = 1\.25$)"), 1);
}

// ------------------------------------------------------------------ testing

TEST_F(SolverLoop, T6TestOutputIsMeanOfBatchesInNameOrder) {
  Scripts()["p"] = Script{{0.f}, {{0.f}}, {0.3f, 0.5f, 0.1f}, {}, {0.9f, 0.8f, 1.0f}};
  auto s = Make(Net2() + "base_lr: 0.01 lr_policy: 'fixed' test_iter: 3 test_interval: 10 max_iter: 0");
  const TestResult r = s->Test(0);
  ASSERT_EQ(r.outputs.size(), 2u);
  EXPECT_EQ(r.outputs[0].name, "accuracy");
  EXPECT_NEAR(r.outputs[0].value, 0.9, 1e-6);
  EXPECT_EQ(r.outputs[1].name, "loss");
  EXPECT_NEAR(r.outputs[1].value, 0.3, 1e-6);
  EXPECT_EQ(r.outputs[1].loss_weight, 1.f);
  const auto lines = log_.lines();
  auto has = [&](const std::string& l) { return std::find(lines.begin(), lines.end(), l) != lines.end(); };
  EXPECT_TRUE(has("Iteration 0, Testing net (#0)"));
  EXPECT_TRUE(has("    Test net output #0: accuracy = 0.9"));
  EXPECT_TRUE(has("    Test net output #1: loss = 0.3 (* 1 = 0.3 loss)"));
  EXPECT_EQ(log_.Count("^Test loss:"), 0);  // test_compute_loss defaults to false
}

TEST_F(SolverLoop, T7MeanOfPerBatchValuesNotPooled) {
  Scripts()["p"] = Script{{0.f}, {{0.f}}, {1.f}, {}, {1.0f, 0.0f}};
  auto s = Make(Net2() + "base_lr: 0.01 lr_policy: 'fixed' test_iter: 2 test_interval: 10");
  EXPECT_FLOAT_EQ(s->Test(0).outputs[0].value, 0.5f);
}

TEST_F(SolverLoop, TestComputeLoss) {
  Scripts()["p"] = Script{{0.f}, {{0.f}}, {0.3f, 0.5f, 0.1f}, {}, {}};
  auto s = Make(Net1() + "base_lr: 0.01 lr_policy: 'fixed' test_iter: 3 test_interval: 10 test_compute_loss: true");
  s->TestAll();
  EXPECT_EQ(log_.Count(R"(^Test loss: 0\.3$)"), 1);
}

TEST_F(SolverLoop, T8TestAndDisplaySchedule) {
  auto s = Make(Net1() + "base_lr: 0.01 lr_policy: 'fixed' test_iter: 1 test_interval: 5 display: 2 max_iter: 20 "
                         "snapshot_after_train: false");
  s->Solve();
  // Tests at 0, 5, 10, 15 and the final 20; displays at 0, 2, ..., 18 and the final 20.
  std::vector<int> tests;
  for (const auto& m : log_.Matches(R"(^Iteration (\d+), Testing net \(#0\)$)")) tests.push_back(std::stoi(m[1]));
  EXPECT_EQ(tests, (std::vector<int>{0, 5, 10, 15, 20}));
  EXPECT_EQ(log_.Count(R"(^Iteration \d+ \(.* iters\), loss = )"), 10);
  EXPECT_EQ(log_.Count(R"(^Iteration \d+, lr = )"), 10);
  EXPECT_EQ(log_.Count(R"(^Iteration 20, loss = )"), 1);
  EXPECT_EQ(s->iter(), 20);
}

TEST_F(SolverLoop, TestInitializationFalseSkipsIterationZero) {
  auto s = Make(Net1() + "base_lr: 0.01 lr_policy: 'fixed' test_iter: 1 test_interval: 5 max_iter: 12 "
                         "test_initialization: false snapshot_after_train: false");
  s->Solve();
  std::vector<int> tests;
  for (const auto& m : log_.Matches(R"(^Iteration (\d+), Testing net \(#0\)$)")) tests.push_back(std::stoi(m[1]));
  EXPECT_EQ(tests, (std::vector<int>{5, 10}));  // 12 % 5 != 0: no final test
}

TEST_F(SolverLoop, SeveralTestNetsWithTestState) {
  Scripts()["pa"] = Script{{0.f}, {{0.f}}, {0.25f}, {}, {}};
  Scripts()["pb"] = Script{{0.f}, {{0.f}}, {0.75f}, {}, {}};
  const std::string net = Net1(
      "layer { name: 'pa' type: 'ScriptedParam' top: 'la' include { stage: 'a' } } "
      "layer { name: 'pb' type: 'ScriptedParam' top: 'lb' include { stage: 'b' } } ");
  auto s = Make(net + "base_lr: 0.01 lr_policy: 'fixed' test_interval: 10 test_state { stage: 'a' } test_iter: 2 "
                      "test_state { stage: 'b' } test_iter: 3");
  EXPECT_EQ(s->net().layers().size(), 1u);  // TRAIN, no stage: both staged layers filtered out
  ASSERT_EQ(s->test_nets().size(), 2u);
  s->TestAll();
  EXPECT_EQ(log_.Count(R"(^Iteration 0, Testing net \(#0\)$)"), 1);
  EXPECT_EQ(log_.Count(R"(^Iteration 0, Testing net \(#1\)$)"), 1);
  EXPECT_EQ(log_.Count(R"(^    Test net output #0: la = 0\.25 \(\* 1 = 0\.25 loss\)$)"), 1);
  EXPECT_EQ(log_.Count(R"(^    Test net output #0: lb = 0\.75 \(\* 1 = 0\.75 loss\)$)"), 1);
  // test_state count must match the test nets.
  EXPECT_THROW(Make(net + "base_lr: 0.01 lr_policy: 'fixed' test_interval: 10 test_state { stage: 'a' } "
                          "test_iter: 2 test_iter: 3"),
               ConfigError);
  // A test net needs test_interval > 0.
  EXPECT_THROW(Make(net + "base_lr: 0.01 lr_policy: 'fixed' test_iter: 2"), ConfigError);
}

TEST_F(SolverLoop, TestNetSharesWeightsWithTrainNet) {
  auto s = Make(Net1() + "base_lr: 0.5 lr_policy: 'fixed' test_iter: 1 test_interval: 100");
  s->Step(3);
  s->TestAll();
  const Blob& train_w = *s->net().learnable_params()[0];
  const Blob& test_w = *s->test_nets()[0]->layers()[0]->blobs()[0];
  EXPECT_TRUE(test_w.SharesDataWith(train_w));
  EXPECT_EQ(test_w.cpu_data()[0], train_w.cpu_data()[0]);
}

TEST_F(SolverLoop, TestNetsNeedTestIterEach) {
  EXPECT_THROW(Make(Net1() + "base_lr: 0.01 lr_policy: 'fixed' test_interval: 10 test_net_param { layer { name: "
                             "'p' type: 'ScriptedParam' top: 'loss' } }"),
               ConfigError);
  EXPECT_THROW(Make("base_lr: 0.01 lr_policy: 'fixed'"), ConfigError);  // no train net
}

TEST_F(SolverLoop, MissingLrPolicyFailsAtConstruction) {
  EXPECT_THROW(Make(Net1() + "base_lr: 0.01"), ConfigError);
}

// ------------------------------------------------------------------ snapshots

std::vector<std::string> Files(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(SolverLoop, X5NoExtraFinalSnapshot) {
  TempDir dir;
  auto s = Make(Net1() + "base_lr: 0.01 lr_policy: 'fixed' max_iter: 10 snapshot: 5 snapshot_prefix: '" +
                dir / "lenet" + "'");
  s->Solve();
  EXPECT_EQ(Files(dir.path()), (std::vector<std::string>{"lenet_iter_10.caffemodel", "lenet_iter_10.solverstate",
                                                          "lenet_iter_5.caffemodel", "lenet_iter_5.solverstate"}));
  EXPECT_EQ(log_.Count("^Snapshotting to binary proto file " + dir / "lenet_iter_5.caffemodel$"), 1);
  EXPECT_EQ(log_.Count("^Snapshotting solver state to binary proto file " + dir / "lenet_iter_5.solverstate$"), 1);
  EXPECT_EQ(log_.Count("^Snapshotting to binary proto file"), 2);
}

TEST_F(SolverLoop, X6SnapshotZeroWritesOnlyTheFinal) {
  TempDir dir;
  auto s = Make(Net1() + "base_lr: 0.01 lr_policy: 'fixed' max_iter: 4 snapshot_prefix: '" + dir / "m" + "'");
  s->Solve();
  EXPECT_EQ(Files(dir.path()), (std::vector<std::string>{"m_iter_4.caffemodel", "m_iter_4.solverstate"}));
}

TEST_F(SolverLoop, SnapshotAfterTrainFalse) {
  TempDir dir;
  auto s = Make(Net1() + "base_lr: 0.01 lr_policy: 'fixed' max_iter: 4 snapshot_after_train: false "
                         "snapshot_prefix: '" + dir / "m" + "'");
  s->Solve();
  EXPECT_TRUE(Files(dir.path()).empty());
}

TEST_F(SolverLoop, SnapshotContents) {
  TempDir dir;
  auto s = Make(Net1() + "base_lr: 0.1 momentum: 0.9 lr_policy: 'fixed' max_iter: 3 snapshot_prefix: '" + dir / "m" +
                "'");
  s->Solve();
  caffe::SolverState state;
  ReadBinaryProtoFile(dir / "m_iter_3.solverstate", &state);
  EXPECT_EQ(state.iter(), 3);
  EXPECT_EQ(state.learned_net(), dir / "m_iter_3.caffemodel");
  ASSERT_EQ(state.history_size(), 1);
  EXPECT_EQ(state.history(0).data(0), s->history()[0]->cpu_data()[0]);
  const caffe::NetParameter model = ReadNetParamFromBinaryFile(dir / "m_iter_3.caffemodel");
  ASSERT_EQ(model.layer_size(), 1);
  EXPECT_EQ(model.layer(0).blobs(0).data(1), test::Weights(*s)[1]);
}

TEST_F(SolverLoop, UnwritableSnapshotPrefixFailsEarly) {
  EXPECT_THROW(Make(Net1() + "base_lr: 0.01 lr_policy: 'fixed' snapshot: 5 snapshot_prefix: '/nonexistent/dir/m'"),
               IoError);
}

TEST_F(SolverLoop, X7Hdf5SnapshotNames) {
  // snapshot_format: HDF5 writes _iter_N.caffemodel.h5 and _iter_N.solverstate.h5 (layout and
  // round trips: test_hdf5_snapshot.cpp); resuming from the .h5 state continues the run.
  TempDir dir;
  auto s = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' max_iter: 4 snapshot: 2 snapshot_format: HDF5 "
                         "snapshot_prefix: '" + dir / "m" + "'");
  s->Solve();
  for (const char* f : {"m_iter_2.caffemodel.h5", "m_iter_2.solverstate.h5", "m_iter_4.caffemodel.h5",
                        "m_iter_4.solverstate.h5"}) {
    EXPECT_TRUE(fs::exists(dir / f)) << f;
  }
  EXPECT_FALSE(fs::exists(dir / "m_iter_4.caffemodel"));
  EXPECT_FALSE(fs::exists(dir / "m_iter_4.solverstate"));
  auto resumed = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' max_iter: 4 snapshot_prefix: '" + dir / "r" + "'");
  resumed->Restore(dir / "m_iter_2.solverstate.h5");
  EXPECT_EQ(resumed->iter(), 2);
  resumed->Step(2);
  EXPECT_EQ(test::Weights(*resumed), test::Weights(*s));
}

TEST_F(SolverLoop, X8RestoreFromCaffemodelFails) {
  TempDir dir;
  auto s = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' max_iter: 2 snapshot_prefix: '" + dir / "m" + "'");
  s->Solve();
  auto fresh = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' max_iter: 2");
  try {
    fresh->Restore(dir / "m_iter_2.caffemodel");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("Incorrect length of history blobs (0 vs. 1)"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(fresh->iter(), 0);
  EXPECT_EQ(test::Weights(*fresh), (std::vector<float>{1.f, -2.f}));
}

// ------------------------------------------------------------------ resume

const char* kResumeSolver =
    "base_lr: 0.1 momentum: 0.9 weight_decay: 0.01 lr_policy: 'multistep' gamma: 0.5 stepvalue: 2 stepvalue: 3 "
    "max_iter: 10 snapshot: 5 ";

TEST_F(SolverLoop, ResumeIsBitIdenticalAndRestoresMultistep) {
  Scripts()["p"] = Script{{1.f, -2.f}, {}, {}, {3.f, -1.f}, {}};
  TempDir a, b;
  auto straight = Make(Net1() + kResumeSolver + "snapshot_prefix: '" + a / "s" + "'");
  straight->Solve();

  caffe::SolverState mid;
  ReadBinaryProtoFile(a / "s_iter_5.solverstate", &mid);
  EXPECT_EQ(mid.iter(), 5);
  EXPECT_EQ(mid.current_step(), 2);

  auto resumed = Make(Net1() + kResumeSolver + "snapshot_prefix: '" + b / "s" + "'");
  resumed->Solve(a / "s_iter_5.solverstate");
  EXPECT_EQ(resumed->iter(), 10);
  EXPECT_EQ(resumed->current_step(), 2);
  const auto w1 = test::Weights(*straight), w2 = test::Weights(*resumed);
  EXPECT_EQ(0, std::memcmp(w1.data(), w2.data(), w1.size() * sizeof(float)));
  EXPECT_EQ(0, std::memcmp(straight->history()[0]->cpu_data(), resumed->history()[0]->cpu_data(),
                           2 * sizeof(float)));
  EXPECT_EQ(straight->last_lr(), resumed->last_lr());
}

TEST_F(SolverLoop, ResumeTwoMomentRules) {
  for (const char* type : {"Adam", "AdaDelta"}) {
    Scripts()["p"] = Script{{1.f, -2.f}, {}, {}, {3.f, -1.f}, {}};
    TempDir a, b;
    const std::string cfg = Net1() + "type: '" + type + "' base_lr: 0.1 momentum: 0.9 lr_policy: 'fixed' "
                                                        "max_iter: 6 snapshot: 3 ";
    auto straight = Make(cfg + "snapshot_prefix: '" + a / "s" + "'");
    straight->Solve();
    caffe::SolverState st;
    ReadBinaryProtoFile(a / "s_iter_3.solverstate", &st);
    EXPECT_EQ(st.history_size(), 2) << type;  // X9: 2 x P
    auto resumed = Make(cfg + "snapshot_prefix: '" + b / "s" + "'");
    resumed->Solve(a / "s_iter_3.solverstate");
    const auto w1 = test::Weights(*straight), w2 = test::Weights(*resumed);
    EXPECT_EQ(0, std::memcmp(w1.data(), w2.data(), w1.size() * sizeof(float))) << type;
  }
}

TEST_F(SolverLoop, R9ResumeUsesRestoredIterAndNewSolverFields) {
  TempDir dir;
  auto first = Make(Net1() + "base_lr: 0.01 lr_policy: 'inv' gamma: 0.0001 power: 0.75 max_iter: 3 "
                             "snapshot_prefix: '" + dir / "s" + "'");
  first->Solve();
  auto second = Make(Net1() + "base_lr: 0.5 lr_policy: 'step' gamma: 0.1 stepsize: 1 max_iter: 10");
  second->Restore(dir / "s_iter_3.solverstate");
  EXPECT_EQ(second->iter(), 3);
  EXPECT_NEAR(second->GetLearningRate(), 0.5 * 1e-3, 1e-9);
}

TEST_F(SolverLoop, RestoreFindsModelNextToMovedState) {
  TempDir a, b;
  auto s = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' max_iter: 2 snapshot_prefix: '" + a / "m" + "'");
  s->Solve();
  fs::rename(a / "m_iter_2.caffemodel", b / "m_iter_2.caffemodel");
  fs::rename(a / "m_iter_2.solverstate", b / "m_iter_2.solverstate");
  auto fresh = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' max_iter: 2");
  fresh->Restore(b / "m_iter_2.solverstate");
  EXPECT_EQ(test::Weights(*fresh), test::Weights(*s));
  // #2281: with the model gone from both places, the error names learned_net.
  fs::remove(b / "m_iter_2.caffemodel");
  auto again = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' max_iter: 2");
  try {
    again->Restore(b / "m_iter_2.solverstate");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(a / "m_iter_2.caffemodel"), std::string::npos) << e.what();
  }
}

// ------------------------------------------------------------------ control and observers

class Recorder : public TrainingObserver {
 public:
  std::function<void(const IterationStats&)> on_iter;
  std::vector<IterationStats> iters;
  std::vector<TestResult> tests;
  std::vector<std::string> snapshots;
  std::vector<std::string> non_finite;
  void OnIteration(const IterationStats& s) override {
    iters.push_back(s);
    if (on_iter) on_iter(s);
  }
  void OnTest(const TestResult& r) override { tests.push_back(r); }
  void OnSnapshot(int iter, const std::string& model, const std::string& state) override {
    snapshots.push_back(Format(iter, ":", model, ":", state));
  }
  void OnNonFinite(int iter, const std::string& message) override { non_finite.push_back(Format(iter, ":", message)); }
};

TEST_F(SolverLoop, ObserverSeesEveryIterationTestAndSnapshot) {
  TempDir dir;
  Recorder rec;
  auto s = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' max_iter: 6 test_iter: 2 test_interval: 3 snapshot: 3 "
                         "snapshot_prefix: '" + dir / "m" + "'");
  s->set_observer(&rec);
  s->Solve();
  ASSERT_EQ(rec.iters.size(), 6u);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(rec.iters[i].iter, i + 1);
  EXPECT_FLOAT_EQ(rec.iters[0].lr, 0.1f);
  EXPECT_FLOAT_EQ(rec.iters[0].loss, 2.5f);  // 0.5 * (1 + 4)
  ASSERT_EQ(rec.iters[0].outputs.size(), 1u);
  EXPECT_EQ(rec.iters[0].outputs[0].name, "loss");
  ASSERT_EQ(rec.tests.size(), 3u);  // 0, 3, 6
  EXPECT_EQ(rec.tests[2].iter, 6);
  EXPECT_EQ(rec.snapshots, (std::vector<std::string>{"3:" + dir / "m_iter_3.caffemodel:" + dir / "m_iter_3.solverstate",
                                                       "6:" + dir / "m_iter_6.caffemodel:" + dir / "m_iter_6.solverstate"}));
}

TEST_F(SolverLoop, ControlSnapshotStopAndHyperparameters) {
  TempDir dir;
  Recorder rec;
  auto s = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' max_iter: 10 snapshot_prefix: '" + dir / "m" + "'");
  rec.on_iter = [&](const IterationStats& st) {
    if (st.iter == 2) s->control().RequestSnapshot();
    if (st.iter == 3) {
      s->control().SetBaseLr(0.5f);
      s->control().SetLrPolicy("bogus");
      s->control().SetMomentum(0.25f);
    }
    if (st.iter == 4) s->control().RequestStop();
  };
  s->set_observer(&rec);
  s->Solve();
  EXPECT_EQ(s->iter(), 4);
  EXPECT_TRUE(s->requested_early_exit());
  EXPECT_EQ(Files(dir.path()), (std::vector<std::string>{"m_iter_2.caffemodel", "m_iter_2.solverstate",
                                                          "m_iter_4.caffemodel", "m_iter_4.solverstate"}));
  EXPECT_EQ(log_.Count("^Optimization stopped early.$"), 1);
  EXPECT_EQ(log_.Count("^Optimization Done.$"), 0);
  ASSERT_EQ(rec.iters.size(), 4u);
  EXPECT_FLOAT_EQ(rec.iters[2].lr, 0.1f);  // update #2 (iter 2 -> 3)
  EXPECT_FLOAT_EQ(rec.iters[3].lr, 0.5f);  // changed before update #3
  EXPECT_EQ(log_.Count(R"(^Iteration 3: base_lr changed from 0\.1 to 0\.5$)"), 1);
  EXPECT_EQ(log_.Count(R"(^Iteration 3: momentum changed from 0 to 0\.25$)"), 1);
  EXPECT_EQ(log_.Count(R"(^Iteration 3: lr_policy 'bogus' ignored)"), 1);
  EXPECT_EQ(s->param().lr_policy(), "fixed");
  EXPECT_FLOAT_EQ(s->param().momentum(), 0.25f);
}

TEST_F(SolverLoop, ControlRejectsMomentumForAdaGrad) {
  auto s = Make(Net1() + "type: 'AdaGrad' base_lr: 0.1 lr_policy: 'fixed' max_iter: 2 snapshot_after_train: false");
  s->control().SetMomentum(0.9f);
  s->control().SetLrPolicy("step");  // needs stepsize: rejected
  s->Solve();
  EXPECT_EQ(s->param().momentum(), 0.f);
  EXPECT_EQ(s->param().lr_policy(), "fixed");
  EXPECT_EQ(log_.Count("momentum 0.9 ignored: AdaGrad requires momentum 0"), 1);
}

TEST_F(SolverLoop, StopRequestInterruptsTesting) {
  Recorder rec;
  auto s = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' max_iter: 10 test_iter: 5 test_interval: 2");
  s->set_observer(&rec);
  s->control().RequestStop();
  s->TestAll();
  EXPECT_TRUE(s->requested_early_exit());
  EXPECT_EQ(log_.Count("^Test interrupted.$"), 1);
  EXPECT_TRUE(rec.tests.empty());
  // A snapshot request during a test is honoured there too.
  TempDir dir;
  s->mutable_param().set_snapshot_prefix(dir / "t");
  s->control().RequestSnapshot();
  s->Test(0);
  EXPECT_TRUE(test::FileExists(dir / "t_iter_0.caffemodel"));
}

TEST_F(SolverLoop, ControlChangesLrPolicy) {
  auto s = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' stepsize: 1 gamma: 0.5 max_iter: 3 "
                         "snapshot_after_train: false");
  s->Step(1);
  s->control().SetLrPolicy("step");
  s->Step(1);
  EXPECT_EQ(s->param().lr_policy(), "step");
  EXPECT_FLOAT_EQ(s->last_lr(), 0.05f);  // iter 1: 0.1 * 0.5^1
}

// ------------------------------------------------------------------ non-finite values

TEST_F(SolverLoop, NonFiniteLossStopsAndKeepsLastSnapshot) {
  Scripts()["p"] = Script{{1.f, -2.f}, {{0.1f, 0.1f}}, {1.f, 2.f, kNaN}, {}, {}};
  TempDir dir;
  Recorder rec;
  auto s = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' max_iter: 10 snapshot: 1 snapshot_prefix: '" + dir / "m" +
                "'");
  s->set_observer(&rec);
  try {
    s->Solve();
    FAIL() << "expected NumericError";
  } catch (const NumericError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("Non-finite loss"), std::string::npos) << msg;
    EXPECT_NE(msg.find("iteration 2"), std::string::npos) << msg;
    EXPECT_NE(msg.find("layer 'p' (ScriptedParam)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("top 'loss'"), std::string::npos) << msg;
  }
  ASSERT_EQ(rec.non_finite.size(), 1u);
  EXPECT_EQ(rec.non_finite[0].substr(0, 2), "2:");
  EXPECT_EQ(s->iter(), 2);
  EXPECT_EQ(Files(dir.path()), (std::vector<std::string>{"m_iter_1.caffemodel", "m_iter_1.solverstate",
                                                          "m_iter_2.caffemodel", "m_iter_2.solverstate"}));
  // The weights were not touched by the failed iteration.
  const caffe::NetParameter last = ReadNetParamFromBinaryFile(dir / "m_iter_2.caffemodel");
  EXPECT_EQ(last.layer(0).blobs(0).data(0), test::Weights(*s)[0]);
}

TEST_F(SolverLoop, NonFiniteGradientNamesTheLayer) {
  Scripts()["p"] = Script{{1.f, -2.f}, {{0.1f, 0.1f}, {kNaN, 0.f}}, {1.f}, {}, {}};
  Scripts()["q"] = Script{{0.f}, {{0.f}}, {1.f}, {}, {}};
  auto s = Make(Net1("layer { name: 'q' type: 'ScriptedParam' top: 'lq' }") +
                "base_lr: 0.1 lr_policy: 'fixed' max_iter: 10 snapshot_after_train: false");
  try {
    s->Solve();
    FAIL() << "expected NumericError";
  } catch (const NumericError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("Non-finite gradient at iteration 1"), std::string::npos) << msg;
    EXPECT_NE(msg.find("layer 'p' (ScriptedParam) produced a non-finite gradient for its param #0"),
              std::string::npos)
        << msg;
  }
}

// ------------------------------------------------------------------ files and paths

TEST_F(SolverLoop, SolverFilePathsResolveAgainstItsFolder) {
  TempDir dir;
  fs::create_directories(dir / "proj/snaps");
  std::ofstream(dir / "proj/net.prototxt") << "name: 'filenet' layer { name: 'p' type: 'ScriptedParam' top: 'loss' }";
  std::ofstream(dir / "proj/solver.prototxt")
      << "net: 'net.prototxt' base_lr: 0.1 lr_policy: 'fixed' max_iter: 2 snapshot_prefix: 'snaps'";
  std::ofstream(dir / "proj/solver2.prototxt") << "net: 'net.prototxt' base_lr: 0.1 lr_policy: 'fixed' max_iter: 1";
  // The working directory is elsewhere: the net file and the prefix folder are found next to the solver.
  auto s = CreateSolverFromFile(dir / "proj/solver.prototxt");
  EXPECT_EQ(s->net().name(), "filenet");
  EXPECT_EQ(s->param().snapshot_prefix(), dir / "proj/snaps/solver");
  s->Solve();
  EXPECT_TRUE(test::FileExists(dir / "proj/snaps/solver_iter_2.caffemodel"));
  // A missing prefix defaults to the solver path without its extension.
  auto s2 = CreateSolverFromFile(dir / "proj/solver2.prototxt");
  EXPECT_EQ(s2->param().snapshot_prefix(), dir / "proj/solver2");
  // A net file that exists nowhere: the error names it and where we looked.
  std::ofstream(dir / "proj/bad.prototxt") << "net: 'missing.prototxt' base_lr: 0.1 lr_policy: 'fixed'";
  try {
    CreateSolverFromFile(dir / "proj/bad.prototxt");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("missing.prototxt"), std::string::npos) << e.what();
  }
}

TEST_F(SolverLoop, LoadWeightsCopiesIntoTrainAndTestNets) {
  TempDir dir;
  Scripts()["p"] = Script{{5.f, 6.f}, {}, {}, {}, {}};
  auto src = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' max_iter: 0 snapshot_prefix: '" + dir / "w" + "'");
  src->Snapshot();
  Scripts()["p"] = Script{{1.f, -2.f}, {}, {}, {}, {}};
  auto s = Make(Net1() + "base_lr: 0.1 lr_policy: 'fixed' test_iter: 1 test_interval: 10");
  s->LoadWeights(dir / "w_iter_0.caffemodel");
  EXPECT_EQ(test::Weights(*s), (std::vector<float>{5.f, 6.f}));
  EXPECT_EQ(s->test_nets()[0]->layers()[0]->blobs()[0]->cpu_data()[1], 6.f);
}

}  // namespace
}  // namespace crema
