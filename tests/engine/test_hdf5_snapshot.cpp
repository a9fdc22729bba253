// HDF5 snapshots (snapshot_format: HDF5; Caffe net.cpp ToHDF5 /
// CopyTrainedLayersFromHDF5, sgd_solver.cpp Snapshot/RestoreSolverStateToHDF5):
// Caffe's file layout, weights equal bit for bit to the binary snapshot of the
// same state, restore giving the same next losses as the binary restore, shared
// params, diffs, the errors for wrong files, and crema-cli train/test/resume with .h5 files.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "hdf5_test_util.h"
#include "io/io.h"
#include "net.h"
#include "solver/solver.h"
#include "test_data_tmpdir.h"

namespace crema {
namespace {

using test::H5Dataset;
using test::ReadH5;
using test::TempDir;
namespace fs = std::filesystem;

// A tiny net with a shared InnerProduct (ip2b uses ip2's params) fed by DummyData refilled each Forward.
const char* kNet =
    "name: 'tiny' "
    "layer { name: 'in' type: 'DummyData' top: 'data' top: 'target' dummy_data_param { "
    "  shape { dim: 4 dim: 3 } shape { dim: 4 dim: 2 } "
    "  data_filler { type: 'uniform' min: -1 max: 1 } data_filler { type: 'uniform' min: -1 max: 1 } } } "
    "layer { name: 'ip1' type: 'InnerProduct' bottom: 'data' top: 'h' inner_product_param { num_output: 4 "
    "  weight_filler { type: 'xavier' } bias_filler { type: 'constant' value: 0.1 } } } "
    "layer { name: 'relu' type: 'ReLU' bottom: 'h' top: 'h' } "
    "layer { name: 'ip2' type: 'InnerProduct' bottom: 'h' top: 'a' param { name: 'w2' } param { name: 'b2' } "
    "  inner_product_param { num_output: 2 weight_filler { type: 'xavier' } } } "
    "layer { name: 'ip2b' type: 'InnerProduct' bottom: 'h' top: 'b' param { name: 'w2' } param { name: 'b2' } "
    "  inner_product_param { num_output: 2 weight_filler { type: 'xavier' } } } "
    "layer { name: 'sum' type: 'Eltwise' bottom: 'a' bottom: 'b' top: 'pred' } "
    "layer { name: 'loss' type: 'EuclideanLoss' bottom: 'pred' bottom: 'target' top: 'loss' } ";

std::unique_ptr<Solver> MakeSolver(const std::string& prefix, const std::string& type, const std::string& extra = "") {
  return CreateSolver(ParseSolverParam(std::string("net_param { ") + kNet + "} type: '" + type +
                                           "' base_lr: 0.05 lr_policy: 'multistep' stepvalue: 2 gamma: 0.5 "
                                           "momentum: 0.9 random_seed: 7 display: 0 snapshot_prefix: '" +
                                           prefix + "' " + extra,
                                       "solver"));
}

std::unique_ptr<Net> FreshNet() {
  caffe::NetParameter p = ParseNetParam(kNet, "net");
  p.mutable_state()->set_phase(caffe::TRAIN);
  Rng rng(123);
  return std::make_unique<Net>(p, &rng);
}

bool SameBits(const Blob& a, const Blob& b) {
  return a.shape() == b.shape() && std::memcmp(a.cpu_data(), b.cpu_data(), sizeof(float) * a.count()) == 0;
}

TEST(Hdf5Snapshot, CaffeLayoutAndWeightsEqualToBinarySnapshot) {
  TempDir dir;
  auto solver = MakeSolver(dir / "m", "SGD", "snapshot_format: HDF5");
  solver->Step(3);
  const std::string model = solver->Snapshot();
  EXPECT_EQ(model, dir / "m_iter_3.caffemodel.h5");
  const std::string state = dir / "m_iter_3.solverstate.h5";
  ASSERT_TRUE(fs::exists(model));
  ASSERT_TRUE(fs::exists(state));
  EXPECT_FALSE(fs::exists(dir / "m_iter_3.caffemodel"));
  solver->mutable_param().set_snapshot_format(caffe::SolverParameter::BINARYPROTO);
  EXPECT_EQ(solver->Snapshot(), dir / "m_iter_3.caffemodel");

  // Model layout: data/<layer>/<i>, shared params only under their owner, no diff group.
  EXPECT_EQ(test::H5GroupSize(model, "/"), 1);
  EXPECT_EQ(test::H5GroupSize(model, "data"), 8);  // every layer gets a group, the inserted Split too
  EXPECT_EQ(test::H5GroupSize(model, "data/h_relu_0_split"), 0);
  EXPECT_EQ(test::H5GroupSize(model, "data/ip1"), 2);
  EXPECT_EQ(test::H5GroupSize(model, "data/ip2"), 2);
  EXPECT_EQ(test::H5GroupSize(model, "data/ip2b"), 0);
  EXPECT_EQ(test::H5GroupSize(model, "data/relu"), 0);
  const auto w1 = ReadH5(model, "data/ip1/0");
  EXPECT_EQ(w1.shape, (std::vector<hsize_t>{4, 3}));
  const Blob& trained_w1 = *solver->net().layer_by_name("ip1")->blobs()[0];
  ASSERT_EQ(w1.values.size(), 12u);
  EXPECT_EQ(std::memcmp(w1.values.data(), trained_w1.cpu_data(), 12 * sizeof(float)), 0);

  // Solverstate layout: iter, learned_net, current_step, history/0..3.
  EXPECT_EQ(ReadH5(state, "iter").values, (std::vector<float>{3}));
  EXPECT_EQ(ReadH5(state, "current_step").values, (std::vector<float>{1}));  // multistep passed stepvalue 2
  EXPECT_EQ(test::ReadH5String(state, "learned_net"), model);
  EXPECT_EQ(test::H5GroupSize(state, "history"), 4);
  const auto h0 = ReadH5(state, "history/0");
  EXPECT_EQ(h0.shape, (std::vector<hsize_t>{4, 3}));
  EXPECT_EQ(std::memcmp(h0.values.data(), solver->history()[0]->cpu_data(), 12 * sizeof(float)), 0);

  // Loading: the HDF5 model and the binary model give the same bits as the trained net.
  auto from_h5 = FreshNet(), from_bin = FreshNet();
  EXPECT_FALSE(SameBits(*from_h5->layer_by_name("ip1")->blobs()[0], trained_w1));  // fillers differ
  from_h5->CopyTrainedLayersFromFile(model);  // sniffed as HDF5
  from_bin->CopyTrainedLayersFromFile(dir / "m_iter_3.caffemodel");
  for (const char* layer : {"ip1", "ip2", "ip2b"}) {
    for (int j = 0; j < 2; ++j) {
      const Blob& trained = *solver->net().layer_by_name(layer)->blobs()[j];
      EXPECT_TRUE(SameBits(*from_h5->layer_by_name(layer)->blobs()[j], trained)) << layer << " " << j;
      EXPECT_TRUE(SameBits(*from_bin->layer_by_name(layer)->blobs()[j], trained)) << layer << " " << j;
    }
  }
}

TEST(Hdf5Snapshot, SnapshotDiffWritesEveryParamsDiff) {
  TempDir dir;
  auto solver = MakeSolver(dir / "d", "SGD", "snapshot_format: HDF5 snapshot_diff: true");
  solver->Step(1);
  const std::string model = solver->Snapshot();
  EXPECT_EQ(test::H5GroupSize(model, "/"), 2);
  EXPECT_EQ(test::H5GroupSize(model, "diff/ip2b"), 2);  // diffs are written for shared params too
  const auto d = ReadH5(model, "diff/ip1/0");
  const Blob& w = *solver->net().layer_by_name("ip1")->blobs()[0];
  ASSERT_EQ(d.values.size(), 12u);
  EXPECT_EQ(std::memcmp(d.values.data(), w.cpu_diff(), 12 * sizeof(float)), 0);
}

class Hdf5Restore : public ::testing::TestWithParam<const char*> {};

TEST_P(Hdf5Restore, SameNextLossesAsBinaryRestoreBitForBit) {
  TempDir dir;
  const std::string type = GetParam();
  {
    auto a = MakeSolver(dir / "m", type, "snapshot_format: HDF5");
    a->Step(3);
    a->Snapshot();
    a->mutable_param().set_snapshot_format(caffe::SolverParameter::BINARYPROTO);
    a->Snapshot();
  }
  auto run = [&](const std::string& state) {
    auto s = MakeSolver(dir / "r", type);
    if (!state.empty()) s->Restore(state);
    std::vector<float> losses;
    for (int i = 0; i < 4; ++i) {
      s->Step(1);
      losses.push_back(s->smoothed_loss());
    }
    return std::make_pair(losses, s->iter());
  };
  const auto bin = run(dir / "m_iter_3.solverstate");
  const auto h5 = run(dir / "m_iter_3.solverstate.h5");
  const auto fresh = run("");
  EXPECT_EQ(h5.second, 7);
  EXPECT_EQ(bin.second, 7);
  ASSERT_EQ(h5.first.size(), 4u);
  EXPECT_EQ(std::memcmp(h5.first.data(), bin.first.data(), 4 * sizeof(float)), 0)
      << h5.first[0] << " vs " << bin.first[0];
  EXPECT_NE(h5.first, fresh.first);  // the restore did change something
}

INSTANTIATE_TEST_SUITE_P(Types, Hdf5Restore, ::testing::Values("SGD", "Adam"));

TEST(Hdf5Snapshot, WeightsFlagAndErrors) {
  TempDir dir;
  auto a = MakeSolver(dir / "m", "SGD", "snapshot_format: HDF5");
  a->Step(2);
  const std::string model = a->Snapshot();

  // train --weights x.caffemodel.h5
  auto b = MakeSolver(dir / "b", "SGD");
  b->LoadWeights(model);
  EXPECT_TRUE(SameBits(*b->net().layer_by_name("ip2")->blobs()[0], *a->net().layer_by_name("ip2")->blobs()[0]));

  // A model passed as a solverstate: no history group (Caffe's #4181 case, in HDF5).
  try {
    b->Restore(model);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("Incorrect length of history blobs"), std::string::npos) << e.what();
  }
  EXPECT_EQ(b->iter(), 0);

  // A net whose ip1 has another shape.
  std::string other = kNet;
  other.replace(other.find("num_output: 4"), 13, "num_output: 5");
  caffe::NetParameter p = ParseNetParam(other, "net");
  p.mutable_state()->set_phase(caffe::TRAIN);
  Net wrong(p);
  EXPECT_THROW(wrong.CopyTrainedLayersFromFile(model), ShapeError);

  // An HDF5 file without the "data" group.
  test::WriteH5(dir / "empty.h5", {{"x", {1}, {0}, false}});
  EXPECT_THROW(FreshNet()->CopyTrainedLayersFromHDF5(dir / "empty.h5"), DataError);
  EXPECT_THROW(FreshNet()->CopyTrainedLayersFromHDF5(dir / "nope.h5"), IoError);
}

// crema-cli end to end: an HDF5Data net trained with HDF5 snapshots, its TEST net dumping through
// HDF5Output, then `test --weights x.caffemodel.h5` and `train --snapshot x.solverstate.h5`.
struct Cli {
  int code = -1;
  std::string out;
};
Cli RunCli(const std::string& args, const std::string& cwd) {
  Cli r;
  FILE* p = popen(("cd '" + cwd + "' && '" CREMA_CLI_PATH "' " + args + " 2>&1").c_str(), "r");
  if (!p) return r;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

TEST(Hdf5Snapshot, CliTrainTestAndResume) {
  TempDir dir;
  H5Dataset data{"data", {8, 3}, {}, false}, target{"target", {8, 2}, {}, true};
  for (int i = 0; i < 24; ++i) data.values.push_back(0.1 * (i % 7) - 0.3);
  for (int i = 0; i < 16; ++i) target.values.push_back(0.05 * (i % 5));
  test::WriteH5(dir / "d.h5", {data, target});
  std::ofstream(dir / "list.txt") << "d.h5\n";
  std::ofstream(dir / "net.prototxt")
      << "name: 'h5net' layer { name: 'h' type: 'HDF5Data' top: 'data' top: 'target' "
         "hdf5_data_param { source: 'list.txt' batch_size: 4 } } "
         "layer { name: 'ip' type: 'InnerProduct' bottom: 'data' top: 'pred' inner_product_param { num_output: 2 "
         "weight_filler { type: 'xavier' } } } "
         "layer { name: 'loss' type: 'EuclideanLoss' bottom: 'pred' bottom: 'target' top: 'loss' } "
         "layer { name: 'out' type: 'HDF5Output' bottom: 'pred' bottom: 'target' include { phase: TEST } "
         "hdf5_output_param { file_name: 'out.h5' } }";
  std::ofstream(dir / "solver.prototxt")
      << "net: 'net.prototxt' base_lr: 0.1 lr_policy: 'fixed' max_iter: 20 snapshot: 10 snapshot_format: HDF5 "
         "snapshot_prefix: 'snap' test_iter: 2 test_interval: 10 display: 10 random_seed: 3";
  const Cli train = RunCli("train --solver solver.prototxt", dir.path());
  ASSERT_EQ(train.code, 0) << train.out;
  EXPECT_NE(train.out.find("Snapshotting to HDF5 file"), std::string::npos);
  for (const char* f : {"snap_iter_10.caffemodel.h5", "snap_iter_10.solverstate.h5", "snap_iter_20.caffemodel.h5"}) {
    EXPECT_TRUE(fs::exists(dir / f)) << f;
  }
  // Tests at iterations 0, 10 and 20, 2 batches of 4 each: 24 appended rows.
  EXPECT_EQ(ReadH5(dir / "out.h5", "pred").found, false);
  EXPECT_EQ(ReadH5(dir / "out.h5", "data").shape, (std::vector<hsize_t>{24, 2, 1, 1}));
  EXPECT_EQ(ReadH5(dir / "out.h5", "label").shape, (std::vector<hsize_t>{24, 2, 1, 1}));

  const Cli tested = RunCli("test --model net.prototxt --weights snap_iter_20.caffemodel.h5 --iterations 2", dir.path());
  ASSERT_EQ(tested.code, 0) << tested.out;
  EXPECT_NE(tested.out.find("loss = "), std::string::npos) << tested.out;

  const Cli resumed = RunCli("train --solver solver.prototxt --snapshot snap_iter_10.solverstate.h5", dir.path());
  ASSERT_EQ(resumed.code, 0) << resumed.out;
  EXPECT_NE(resumed.out.find("Iteration 20"), std::string::npos) << resumed.out;
  EXPECT_EQ(resumed.out.find("Iteration 0,"), std::string::npos) << resumed.out;
}

}  // namespace
}  // namespace crema
