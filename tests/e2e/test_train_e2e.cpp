// End-to-end runs of `crema-cli train` and `crema-cli test` on real MNIST digits,
// laid out as a Caffe user has them (examples/mnist/... relative to the working
// directory). Needs the mnist_data fixture (build/testdata): mnist_train_lmdb from
// `crema-cli data mnist` and mnist_shared_test_lmdb, the real MNIST test set of
// ../shared/data/mnist.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "common.h"
#include "io/io.h"

namespace crema {
namespace {

namespace fs = std::filesystem;

const std::string kShared = CREMA_SHARED_DIR;
const std::string kTestData = CREMA_TEST_DATA_DIR;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "crema_e2e_XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct CliRun {
  int code = -1;
  std::string out;
};

/// Runs crema-cli in `cwd` with stdout and stderr captured together.
CliRun RunCli(const std::string& cwd, const std::string& args) {
  const std::string cmd = "cd '" + cwd + "' && '" + CREMA_CLI_PATH + "' " + args + " 2>&1";
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

/// For each line matching `pattern`, its groups (0 = whole match).
std::vector<std::vector<std::string>> AllMatches(const std::string& text, const std::string& pattern) {
  std::vector<std::vector<std::string>> out;
  const std::regex re(pattern);
  std::istringstream is(text);
  for (std::string line; std::getline(is, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, re)) continue;
    std::vector<std::string> groups;
    for (const auto& g : m) groups.push_back(g.str());
    out.push_back(groups);
  }
  return out;
}

/// Test accuracy reported after the test pass at `iter` (test net #0, output "accuracy").
double TestAccuracyAt(const std::string& log, int iter) {
  std::istringstream is(log);
  bool in_test = false;
  const std::regex start("Iteration " + std::to_string(iter) + R"(, Testing net \(#0\))");
  const std::regex acc(R"(Test net output #\d+: accuracy = ([\d.eE+-]+))");
  for (std::string line; std::getline(is, line);) {
    std::smatch m;
    if (std::regex_search(line, start)) in_test = true;
    if (in_test && std::regex_search(line, m, acc)) return std::stod(m[1]);
  }
  return -1;
}

/// Training speed from the display lines: mean seconds per iteration over the
/// displays after the first (which includes the initial test pass).
double SecondsPerIteration(const std::string& log) {
  double seconds = 0;
  int iters = 0, n = 0;
  for (const auto& m : AllMatches(log, R"(Iteration (\d+) \(([\d.eE+-]+) iter/s, ([\d.eE+-]+)s/(\d+) iters\))")) {
    if (n++ == 0) continue;
    seconds += std::stod(m[3]);
    iters += std::stoi(m[4]);
  }
  return iters ? seconds / iters : -1;
}

bool HaveData() {
  return fs::exists(kTestData + "/mnist_train_lmdb/data.mdb") && fs::exists(kTestData + "/mnist_shared_test_lmdb/data.mdb");
}

/// Caffe's examples/mnist/mnist_autoencoder.prototxt (BVLC/caffe), which the
/// autoencoder solvers in ../shared/data/caffe/models name.
const char* kAutoencoder = R"(name: "MNISTAutoencoder"
layer { name: "data" type: "Data" top: "data" include { phase: TRAIN }
  transform_param { scale: 0.0039215684 }
  data_param { source: "examples/mnist/mnist_train_lmdb" batch_size: 100 backend: LMDB } }
layer { name: "data" type: "Data" top: "data" include { phase: TEST stage: "test-on-train" }
  transform_param { scale: 0.0039215684 }
  data_param { source: "examples/mnist/mnist_train_lmdb" batch_size: 100 backend: LMDB } }
layer { name: "data" type: "Data" top: "data" include { phase: TEST stage: "test-on-test" }
  transform_param { scale: 0.0039215684 }
  data_param { source: "examples/mnist/mnist_test_lmdb" batch_size: 100 backend: LMDB } }
layer { name: "flatdata" type: "Flatten" bottom: "data" top: "flatdata" }
layer { name: "encode1" type: "InnerProduct" bottom: "data" top: "encode1"
  param { lr_mult: 1 decay_mult: 1 } param { lr_mult: 1 decay_mult: 0 }
  inner_product_param { num_output: 1000 weight_filler { type: "gaussian" std: 1 sparse: 15 }
    bias_filler { type: "constant" value: 0 } } }
layer { name: "encode1neuron" type: "Sigmoid" bottom: "encode1" top: "encode1neuron" }
layer { name: "encode2" type: "InnerProduct" bottom: "encode1neuron" top: "encode2"
  param { lr_mult: 1 decay_mult: 1 } param { lr_mult: 1 decay_mult: 0 }
  inner_product_param { num_output: 500 weight_filler { type: "gaussian" std: 1 sparse: 15 }
    bias_filler { type: "constant" value: 0 } } }
layer { name: "encode2neuron" type: "Sigmoid" bottom: "encode2" top: "encode2neuron" }
layer { name: "encode3" type: "InnerProduct" bottom: "encode2neuron" top: "encode3"
  param { lr_mult: 1 decay_mult: 1 } param { lr_mult: 1 decay_mult: 0 }
  inner_product_param { num_output: 250 weight_filler { type: "gaussian" std: 1 sparse: 15 }
    bias_filler { type: "constant" value: 0 } } }
layer { name: "encode3neuron" type: "Sigmoid" bottom: "encode3" top: "encode3neuron" }
layer { name: "encode4" type: "InnerProduct" bottom: "encode3neuron" top: "encode4"
  param { lr_mult: 1 decay_mult: 1 } param { lr_mult: 1 decay_mult: 0 }
  inner_product_param { num_output: 30 weight_filler { type: "gaussian" std: 1 sparse: 15 }
    bias_filler { type: "constant" value: 0 } } }
layer { name: "decode4" type: "InnerProduct" bottom: "encode4" top: "decode4"
  param { lr_mult: 1 decay_mult: 1 } param { lr_mult: 1 decay_mult: 0 }
  inner_product_param { num_output: 250 weight_filler { type: "gaussian" std: 1 sparse: 15 }
    bias_filler { type: "constant" value: 0 } } }
layer { name: "decode4neuron" type: "Sigmoid" bottom: "decode4" top: "decode4neuron" }
layer { name: "decode3" type: "InnerProduct" bottom: "decode4neuron" top: "decode3"
  param { lr_mult: 1 decay_mult: 1 } param { lr_mult: 1 decay_mult: 0 }
  inner_product_param { num_output: 500 weight_filler { type: "gaussian" std: 1 sparse: 15 }
    bias_filler { type: "constant" value: 0 } } }
layer { name: "decode3neuron" type: "Sigmoid" bottom: "decode3" top: "decode3neuron" }
layer { name: "decode2" type: "InnerProduct" bottom: "decode3neuron" top: "decode2"
  param { lr_mult: 1 decay_mult: 1 } param { lr_mult: 1 decay_mult: 0 }
  inner_product_param { num_output: 1000 weight_filler { type: "gaussian" std: 1 sparse: 15 }
    bias_filler { type: "constant" value: 0 } } }
layer { name: "decode2neuron" type: "Sigmoid" bottom: "decode2" top: "decode2neuron" }
layer { name: "decode1" type: "InnerProduct" bottom: "decode2neuron" top: "decode1"
  param { lr_mult: 1 decay_mult: 1 } param { lr_mult: 1 decay_mult: 0 }
  inner_product_param { num_output: 784 weight_filler { type: "gaussian" std: 1 sparse: 15 }
    bias_filler { type: "constant" value: 0 } } }
layer { name: "loss" type: "SigmoidCrossEntropyLoss" bottom: "decode1" bottom: "flatdata"
  top: "cross_entropy_loss" loss_weight: 1 }
layer { name: "decode1neuron" type: "Sigmoid" bottom: "decode1" top: "decode1neuron" }
layer { name: "loss" type: "EuclideanLoss" bottom: "decode1neuron" bottom: "flatdata" top: "l2_error"
  loss_weight: 0 }
)";

/// A Caffe-root-like working folder: examples/mnist/ with the LeNet and autoencoder
/// nets and the two LMDBs (symlinks into build/testdata).
class CaffeLayout {
 public:
  CaffeLayout() {
    fs::create_directories(dir_ / "examples/mnist");
    fs::copy_file(kShared + "/data/caffe/models/mnist__lenet_train_test.prototxt",
                  dir_ / "examples/mnist/lenet_train_test.prototxt");
    std::ofstream(dir_ / "examples/mnist/mnist_autoencoder.prototxt") << kAutoencoder;
    fs::create_directory_symlink(kTestData + "/mnist_train_lmdb", dir_ / "examples/mnist/mnist_train_lmdb");
    fs::create_directory_symlink(kTestData + "/mnist_shared_test_lmdb", dir_ / "examples/mnist/mnist_test_lmdb");
  }
  /// Copies a solver from ../shared/data/caffe/models with max_iter replaced; returns its relative path.
  std::string Solver(const std::string& shared_name, int max_iter) {
    caffe::SolverParameter p = ReadSolverParamFromTextFile(kShared + "/data/caffe/models/" + shared_name);
    p.set_max_iter(max_iter);
    const std::string rel = "examples/mnist/" + shared_name;
    WriteTextProtoFile(dir_ / rel, p);
    return rel;
  }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
};

TEST(TrainE2E, CremaCliTestScoresCaffesTrainedLeNet) {
  ASSERT_TRUE(HaveData()) << "run the prepare_mnist_data test first";
  CaffeLayout layout;
  // The prototxt names examples/mnist/mnist_test_lmdb relative to the working directory, as Caffe does.
  const CliRun r = RunCli(layout.dir().path(),
                          "test --model '" + kShared + "/data/caffe/trained/lenet_train_test.prototxt' --weights '" +
                              kShared + "/data/caffe/trained/lenet_iter_10000.caffemodel' --iterations 100");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto acc = AllMatches(r.out, R"(\] accuracy = ([\d.eE+-]+)$)");
  ASSERT_EQ(acc.size(), 1u) << r.out;
  EXPECT_NEAR(std::stod(acc[0][1]), 0.9833, 0.0002);
  const auto loss = AllMatches(r.out, R"(\] loss = ([\d.eE+-]+) \(\* 1 = [\d.eE+-]+ loss\)$)");
  ASSERT_EQ(loss.size(), 1u);
  EXPECT_LT(std::stod(loss[0][1]), 0.1);
  std::printf("crema-cli test on Caffe's lenet_iter_10000: accuracy = %s, loss = %s\n", acc[0][1].c_str(),
              loss[0][1].c_str());
}

TEST(TrainE2E, SeedLeNetReaches95PercentIn1000Iterations) {
  ASSERT_TRUE(HaveData());
  // The seed's layout: mnist/lenet_auto_{solver,train,test}.prototxt, run from the folder above.
  TempDir dir;
  fs::create_directories(dir / "mnist");
  for (const char* f : {"lenet_auto_train.prototxt", "lenet_auto_test.prototxt"})
    fs::copy_file(kShared + "/data/seed/" + f, dir / (std::string("mnist/") + f));
  caffe::SolverParameter p = ReadSolverParamFromTextFile(kShared + "/data/seed/lenet_auto_solver.prototxt");
  p.set_max_iter(1000);
  WriteTextProtoFile(dir / "mnist/lenet_auto_solver.prototxt", p);
  fs::create_directory_symlink(kTestData + "/mnist_train_lmdb", dir / "mnist/mnist_train_lmdb");
  fs::create_directory_symlink(kTestData + "/mnist_shared_test_lmdb", dir / "mnist/mnist_test_lmdb");

  const CliRun r = RunCli(dir.path(), "train --solver mnist/lenet_auto_solver.prototxt");
  ASSERT_EQ(r.code, 0) << r.out;
  ASSERT_TRUE(fs::exists(dir / "mnist/lenet_iter_1000.caffemodel"));
  // The seed's test net outputs only the loss (the notebook computes accuracy in Python), so score the
  // trained weights with that net plus an Accuracy layer over all 10,000 test digits.
  std::ifstream test_net(kShared + "/data/seed/lenet_auto_test.prototxt");
  std::ofstream(dir / "mnist/lenet_auto_test_accuracy.prototxt")
      << test_net.rdbuf()
      << "\nlayer { name: \"accuracy\" type: \"Accuracy\" bottom: \"score\" bottom: \"label\" top: \"accuracy\" }\n";
  const CliRun t = RunCli(dir.path(), "test --model mnist/lenet_auto_test_accuracy.prototxt --weights "
                                      "mnist/lenet_iter_1000.caffemodel --iterations 100");
  ASSERT_EQ(t.code, 0) << t.out;
  const auto acc = AllMatches(t.out, R"(\] accuracy = ([\d.eE+-]+)$)");
  ASSERT_EQ(acc.size(), 1u) << t.out;
  const double accuracy = std::stod(acc[0][1]);
  EXPECT_GE(accuracy, 0.95) << r.out;
  // The test loss falls between the tests at 0, 500 and 1000.
  const auto losses = AllMatches(r.out, R"(Test net output #0: loss = ([\d.eE+-]+))");
  ASSERT_EQ(losses.size(), 3u);
  EXPECT_LT(std::stod(losses[2][1]), std::stod(losses[0][1]));
  const double spi = SecondsPerIteration(r.out);
  std::printf("seed LeNet, 1000 iterations (batch 64): test accuracy %.4f, %.1f ms per training iteration\n",
              accuracy, spi * 1000);
  ::testing::Test::RecordProperty("accuracy_at_1000", std::to_string(accuracy));
  ::testing::Test::RecordProperty("ms_per_iteration", std::to_string(spi * 1000));
}

class EverySolverFile : public ::testing::TestWithParam<const char*> {};

TEST_P(EverySolverFile, Trains200IterationsWithoutError) {
  ASSERT_TRUE(HaveData());
  CaffeLayout layout;
  const std::string solver = layout.Solver(GetParam(), 200);
  const CliRun r = RunCli(layout.dir().path(), "train --solver " + solver);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("Optimization Done."), std::string::npos);
  // Displays at 0 and 100 and the final 200; the loss is finite.
  const auto shown = AllMatches(r.out, R"(Iteration (\d+) \(.* iters\), loss = ([\d.eE+-]+)$)");
  ASSERT_EQ(shown.size(), 2u) << r.out;
  for (const auto& m : shown) EXPECT_TRUE(std::isfinite(std::stod(m[2]))) << m[0];
  // The final snapshot is written under the solver's prefix.
  const caffe::SolverParameter p = ReadSolverParamFromTextFile(layout.dir() / solver);
  EXPECT_TRUE(fs::exists(layout.dir() / (p.snapshot_prefix() + "_iter_200.solverstate"))) << p.snapshot_prefix();
  std::printf("%s: 200 iterations, %.1f ms per iteration\n", GetParam(), SecondsPerIteration(r.out) * 1000);
}

INSTANTIATE_TEST_SUITE_P(CaffeModels, EverySolverFile,
                         ::testing::Values("mnist__lenet_solver.prototxt", "mnist__lenet_solver_adam.prototxt",
                                           "mnist__lenet_solver_rmsprop.prototxt",
                                           "mnist__lenet_adadelta_solver.prototxt",
                                           "mnist__lenet_multistep_solver.prototxt",
                                           "mnist__mnist_autoencoder_solver_nesterov.prototxt",
                                           "mnist__mnist_autoencoder_solver_adagrad.prototxt"),
                         [](const auto& info) {
                           std::string n = info.param;
                           n = n.substr(7, n.size() - 7 - 9);  // strip "mnist__" and ".prototxt"
                           for (char& c : n) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return n;
                         });

TEST(TrainE2E, ResumesFromCaffesOwnSolverstate) {
  ASSERT_TRUE(HaveData());
  CaffeLayout layout;
  // Caffe's lenet_solver from the trained folder (legacy solver_type: SGD), run 20 more iterations.
  caffe::SolverParameter p = ReadSolverParamFromTextFile(kShared + "/data/caffe/trained/lenet_solver.prototxt");
  p.set_max_iter(10020);
  WriteTextProtoFile(layout.dir() / "examples/mnist/resume_solver.prototxt", p);
  // learned_net inside is "examples/mnist/lenet_iter_10000.caffemodel": absent here, so the model next to the
  // solverstate is used.
  const CliRun r = RunCli(layout.dir().path(), "train --solver examples/mnist/resume_solver.prototxt --snapshot '" +
                                                   kShared + "/data/caffe/trained/lenet_iter_10000.solverstate'");
  ASSERT_EQ(r.code, 0) << r.out;
  // The weights are Caffe's: the test at iteration 10000 scores as `crema-cli test` does.
  EXPECT_NEAR(TestAccuracyAt(r.out, 10000), 0.9833, 0.0002) << r.out;
  EXPECT_NE(r.out.find("Iteration 10000, lr = "), std::string::npos);
  EXPECT_TRUE(fs::exists(layout.dir() / "examples/mnist/lenet_iter_10020.caffemodel"));
}

}  // namespace
}  // namespace crema
