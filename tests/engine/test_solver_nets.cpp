// The solver on tiny nets of real layers: determinism with random_seed (fillers,
// DummyData, Dropout all draw from the solver's RNG) and resume bit-identity
// through an LMDB Data layer (train 200 == train 100 + resume 100).
#include <gtest/gtest.h>

#include <cstring>

#include "data/lmdb_db.h"
#include "test_solver_util.h"

namespace crema {
namespace {

using test::LogCapture;
using test::TempDir;

const char* kRandomNet = R"(net_param {
  name: 'tiny'
  layer { name: 'data' type: 'DummyData' top: 'data' top: 'target'
    dummy_data_param { shape { dim: 8 dim: 3 } shape { dim: 8 dim: 3 }
      data_filler { type: 'gaussian' std: 1 } data_filler { type: 'gaussian' mean: 0.5 std: 0.1 } } }
  layer { name: 'scale' type: 'Scale' bottom: 'data' top: 'scaled'
    scale_param { bias_term: true filler { type: 'uniform' min: -1 max: 1 } } }
  layer { name: 'drop' type: 'Dropout' bottom: 'scaled' top: 'scaled' dropout_param { dropout_ratio: 0.2 } }
  layer { name: 'loss' type: 'EuclideanLoss' bottom: 'scaled' bottom: 'target' top: 'loss' }
}
base_lr: 0.05 momentum: 0.9 weight_decay: 0.001 lr_policy: 'inv' gamma: 0.01 power: 0.75
snapshot_after_train: false
)";

class LossRecorder : public TrainingObserver {
 public:
  std::vector<float> losses;
  void OnIteration(const IterationStats& s) override { losses.push_back(s.loss); }
};

struct TrainRun {
  std::vector<float> losses;
  std::vector<float> params;
};

TrainRun TrainRandomNet(int seed, int iters) {
  auto s = CreateSolver(test::SolverFromText(std::string(kRandomNet) + "random_seed: " + std::to_string(seed)));
  LossRecorder rec;
  s->set_observer(&rec);
  s->Step(iters);
  TrainRun r;
  r.losses = rec.losses;
  for (Blob* b : s->net().learnable_params()) r.params.insert(r.params.end(), b->cpu_data(), b->cpu_data() + b->count());
  return r;
}

TEST(SolverNets, SameSeedSameLossesBitForBit) {
  LogCapture quiet;
  const TrainRun a = TrainRandomNet(1701, 60);
  const TrainRun b = TrainRandomNet(1701, 60);
  ASSERT_EQ(a.losses.size(), 60u);
  ASSERT_EQ(a.losses.size(), b.losses.size());
  EXPECT_EQ(0, std::memcmp(a.losses.data(), b.losses.data(), a.losses.size() * sizeof(float)));
  ASSERT_EQ(a.params.size(), 6u);  // scale [3] + bias [3]
  EXPECT_EQ(0, std::memcmp(a.params.data(), b.params.data(), a.params.size() * sizeof(float)));
  // The loss falls: the net learns the 0.5 target.
  EXPECT_LT(a.losses.back(), a.losses.front());
  // Another seed gives another run.
  const TrainRun c = TrainRandomNet(1702, 60);
  EXPECT_NE(0, std::memcmp(a.losses.data(), c.losses.data(), a.losses.size() * sizeof(float)));
}

TEST(SolverNets, SeedIsAppliedBeforeTheNetsAreBuilt) {
  LogCapture quiet;
  auto s1 = CreateSolver(test::SolverFromText(std::string(kRandomNet) + "random_seed: 5"));
  auto s2 = CreateSolver(test::SolverFromText(std::string(kRandomNet) + "random_seed: 5"));
  // The filler draws of the first layer with params are the same.
  EXPECT_EQ(test::Weights(*s1), test::Weights(*s2));
}

/// 20 records of 1x1x3 bytes with labels, as Caffe Datum.
void WriteTinyDb(const std::string& path) {
  LmdbWriter w(path);
  for (int i = 0; i < 20; ++i) {
    caffe::Datum d;
    d.set_channels(1);
    d.set_height(1);
    d.set_width(3);
    d.set_label(i % 3);
    const char bytes[3] = {static_cast<char>(i * 11 % 256), static_cast<char>(i * 37 % 256),
                           static_cast<char>((255 - i * 7) % 256)};
    d.set_data(std::string(bytes, 3));
    char key[16];
    std::snprintf(key, sizeof key, "%08d", i);
    w.Put(key, d.SerializeAsString());
  }
  w.Commit();
}

std::string DbSolver(const std::string& db, const std::string& prefix) {
  return R"(net_param {
  name: 'tinydb'
  layer { name: 'data' type: 'Data' top: 'data' top: 'label'
    data_param { source: ')" + db + R"(' batch_size: 10 backend: LMDB } transform_param { scale: 0.00390625 } }
  layer { name: 'silence' type: 'Silence' bottom: 'label' }
  layer { name: 'target' type: 'DummyData' top: 'target'
    dummy_data_param { shape { dim: 10 dim: 1 dim: 1 dim: 3 } data_filler { type: 'constant' value: 0.5 } } }
  layer { name: 'scale' type: 'Scale' bottom: 'data' top: 'scaled'
    scale_param { axis: 2 num_axes: 2 bias_term: true filler { type: 'gaussian' std: 0.5 } } }
  layer { name: 'loss' type: 'EuclideanLoss' bottom: 'scaled' bottom: 'target' top: 'loss' }
}
base_lr: 0.1 momentum: 0.9 weight_decay: 0.01 lr_policy: 'multistep' gamma: 0.5
stepvalue: 50 stepvalue: 60 stepvalue: 150
max_iter: 200 snapshot: 100 random_seed: 3 display: 50 snapshot_prefix: ')" + prefix + "'\n";
}

TEST(SolverNets, ResumeFromSolverstateIsBitIdentical) {
  LogCapture quiet;
  TempDir dir;
  WriteTinyDb(dir / "db");
  auto straight = CreateSolver(test::SolverFromText(DbSolver(dir / "db", dir / "a")));
  straight->Solve();
  ASSERT_EQ(straight->iter(), 200);

  // A different seed: the initial weights differ, so equality below comes from the restore.
  std::string text = DbSolver(dir / "db", dir / "b");
  text.replace(text.find("random_seed: 3"), 14, "random_seed: 9");
  auto resumed = CreateSolver(test::SolverFromText(text));
  resumed->Solve(dir / "a_iter_100.solverstate");
  ASSERT_EQ(resumed->iter(), 200);
  EXPECT_EQ(resumed->current_step(), 3);

  const auto& p1 = straight->net().learnable_params();
  const auto& p2 = resumed->net().learnable_params();
  ASSERT_EQ(p1.size(), 2u);
  for (size_t i = 0; i < p1.size(); ++i) {
    EXPECT_EQ(0, std::memcmp(p1[i]->cpu_data(), p2[i]->cpu_data(), p1[i]->count() * sizeof(float))) << "param " << i;
    EXPECT_EQ(0, std::memcmp(straight->history()[i]->cpu_data(), resumed->history()[i]->cpu_data(),
                             p1[i]->count() * sizeof(float)))
        << "history " << i;
  }
  // Both final snapshots hold the same bytes of weights.
  const auto m1 = ReadNetParamFromBinaryFile(dir / "a_iter_200.caffemodel");
  const auto m2 = ReadNetParamFromBinaryFile(dir / "b_iter_200.caffemodel");
  EXPECT_EQ(m1.layer(3).blobs(0).SerializeAsString(), m2.layer(3).blobs(0).SerializeAsString());
}

TEST(SolverNets, NonFiniteOutputNamesTheFirstLayer) {
  LogCapture quiet;
  // log(0) = -inf in layer 'log'; the loss after it is infinite too, but 'log' comes first.
  auto s = CreateSolver(test::SolverFromText(R"(net_param {
  layer { name: 'data' type: 'DummyData' top: 'data' top: 'target'
    dummy_data_param { shape { dim: 2 dim: 3 } data_filler { type: 'constant' value: 0 } } }
  layer { name: 'scale' type: 'Scale' bottom: 'data' top: 'scaled' }
  layer { name: 'log' type: 'Log' bottom: 'scaled' top: 'logged' }
  layer { name: 'loss' type: 'EuclideanLoss' bottom: 'logged' bottom: 'target' top: 'loss' }
}
base_lr: 0.1 lr_policy: 'fixed' max_iter: 5 snapshot_after_train: false)"));
  try {
    s->Solve();
    FAIL() << "expected NumericError";
  } catch (const NumericError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("Non-finite loss (inf) at iteration 0"), std::string::npos) << msg;
    EXPECT_NE(msg.find("layer 'log' (Log) produced a non-finite output in top 'logged'"), std::string::npos) << msg;
  }
}

}  // namespace
}  // namespace crema
