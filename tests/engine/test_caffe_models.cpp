// Every net in ../shared/data/caffe/models builds in TRAIN and TEST, runs forward
// and backward, and reports Caffe's blob shapes in its setup log.
// Data layers (their LMDBs are absent) become Input layers of the dataset's
// shape: MNIST 1x28x28, CIFAR-10 3x32x32, ImageNet crops 3x227x227. The batch is
// the net's batch_size, capped at 100 (CIFAR full BN's 1000-image test batch)
// and at 10 for ImageNet so the suite stays fast.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <dirent.h>
#include <map>
#include <string>
#include <vector>

#include "gradient_checker.h"
#include "io/io.h"
#include "log.h"
#include "net.h"

namespace crema::test {

namespace {

const std::string kModels = std::string(CREMA_SHARED_DIR) + "/data/caffe/models/";

struct Expect {
  std::string layer;        ///< layer whose first top is checked
  std::vector<int> shape;   ///< expected shape of that top
};

struct ModelCase {
  std::vector<int> sample;  ///< per-item data shape for replaced Data layers
  int max_batch;
  bool has_train;           ///< false for deploy nets (their single phase is checked as TEST and TRAIN)
  std::map<caffe::Phase, std::vector<Expect>> expect;
};

std::vector<Expect> LeNet(int n) {
  return {{"conv1", {n, 20, 24, 24}}, {"pool1", {n, 20, 12, 12}}, {"conv2", {n, 50, 8, 8}},
          {"pool2", {n, 50, 4, 4}},   {"ip1", {n, 500}},          {"ip2", {n, 10}}};
}
std::vector<Expect> CifarQuick(int n) {
  return {{"conv1", {n, 32, 32, 32}}, {"pool1", {n, 32, 16, 16}}, {"conv2", {n, 32, 16, 16}},
          {"pool2", {n, 32, 8, 8}},   {"conv3", {n, 64, 8, 8}},   {"pool3", {n, 64, 4, 4}},
          {"ip1", {n, 64}},           {"ip2", {n, 10}}};
}
std::vector<Expect> CifarFull(int n) {
  return {{"conv1", {n, 32, 32, 32}}, {"pool1", {n, 32, 16, 16}}, {"norm1", {n, 32, 16, 16}},
          {"conv2", {n, 32, 16, 16}}, {"pool2", {n, 32, 8, 8}},   {"norm2", {n, 32, 8, 8}},
          {"conv3", {n, 64, 8, 8}},   {"pool3", {n, 64, 4, 4}},   {"ip1", {n, 10}}};
}
std::vector<Expect> CifarBN(int n) {
  return {{"conv1", {n, 32, 32, 32}}, {"pool1", {n, 32, 16, 16}}, {"bn1", {n, 32, 16, 16}},
          {"Sigmoid1", {n, 32, 16, 16}}, {"conv2", {n, 32, 16, 16}}, {"bn2", {n, 32, 16, 16}},
          {"pool2", {n, 32, 8, 8}},   {"bn3", {n, 64, 8, 8}},     {"pool3", {n, 64, 4, 4}},
          {"ip1", {n, 10}}};
}
std::vector<Expect> CaffeNet(int n) {
  return {{"data", {n, 3, 227, 227}},  {"conv1", {n, 96, 55, 55}},  {"pool1", {n, 96, 27, 27}},
          {"norm1", {n, 96, 27, 27}},  {"conv2", {n, 256, 27, 27}}, {"pool2", {n, 256, 13, 13}},
          {"norm2", {n, 256, 13, 13}}, {"conv3", {n, 384, 13, 13}}, {"conv4", {n, 384, 13, 13}},
          {"conv5", {n, 256, 13, 13}}, {"pool5", {n, 256, 6, 6}},   {"fc6", {n, 4096}},
          {"fc7", {n, 4096}},          {"fc8", {n, 1000}}};
}
std::vector<Expect> AlexNet(int n) {
  return {{"data", {n, 3, 227, 227}},  {"conv1", {n, 96, 55, 55}},  {"norm1", {n, 96, 55, 55}},
          {"pool1", {n, 96, 27, 27}},  {"conv2", {n, 256, 27, 27}}, {"norm2", {n, 256, 27, 27}},
          {"pool2", {n, 256, 13, 13}}, {"conv3", {n, 384, 13, 13}}, {"conv5", {n, 256, 13, 13}},
          {"pool5", {n, 256, 6, 6}},   {"fc6", {n, 4096}},          {"fc8", {n, 1000}},
          {"prob", {n, 1000}}};
}
template <typename T>
std::vector<T> Plus(std::vector<T> a, const std::vector<T>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const std::map<std::string, ModelCase>& Cases() {
  static const std::map<std::string, ModelCase> cases = {
      {"mnist__lenet.prototxt", {{}, 0, false, {{caffe::TEST, Plus(LeNet(64), {{"prob", {64, 10}}})}}}},
      {"mnist__lenet_train_test.prototxt",
       {{1, 28, 28}, 100, true, {{caffe::TRAIN, LeNet(64)}, {caffe::TEST, LeNet(100)}}}},
      {"cifar10__cifar10_quick.prototxt", {{}, 0, false, {{caffe::TEST, Plus(CifarQuick(1), {{"prob", {1, 10}}})}}}},
      {"cifar10__cifar10_quick_train_test.prototxt",
       {{3, 32, 32}, 100, true, {{caffe::TRAIN, CifarQuick(100)}, {caffe::TEST, CifarQuick(100)}}}},
      {"cifar10__cifar10_full_train_test.prototxt",
       {{3, 32, 32}, 100, true, {{caffe::TRAIN, CifarFull(100)}, {caffe::TEST, CifarFull(100)}}}},
      {"cifar10__cifar10_full_sigmoid_train_test_bn.prototxt",
       {{3, 32, 32}, 100, true, {{caffe::TRAIN, CifarBN(100)}, {caffe::TEST, CifarBN(100)}}}},
      {"bvlc_reference_caffenet__train_val.prototxt",
       {{3, 227, 227}, 10, true, {{caffe::TRAIN, CaffeNet(10)}, {caffe::TEST, CaffeNet(10)}}}},
      {"bvlc_reference_caffenet__deploy.prototxt",
       {{}, 0, false, {{caffe::TEST, Plus(CaffeNet(10), {{"prob", {10, 1000}}})}}}},
      {"bvlc_alexnet__deploy.prototxt", {{}, 0, false, {{caffe::TEST, AlexNet(10)}}}},
  };
  return cases;
}

/// The net file with Data layers replaced by Input layers and the phase set.
caffe::NetParameter LoadNet(const std::string& file, const ModelCase& c, caffe::Phase phase) {
  caffe::NetParameter p = ReadNetParamFromTextFile(kModels + file);
  for (auto& layer : *p.mutable_layer()) {
    if (layer.type() != "Data") continue;
    const int batch = std::min(static_cast<int>(layer.data_param().batch_size()), c.max_batch);
    layer.set_type("Input");
    layer.clear_data_param();
    layer.clear_transform_param();
    auto* data_shape = layer.mutable_input_param()->add_shape();
    data_shape->add_dim(batch);
    for (int d : c.sample) data_shape->add_dim(d);
    layer.mutable_input_param()->add_shape()->add_dim(batch);  // label
  }
  p.mutable_state()->set_phase(phase);
  // Deploy nets have no loss: force a backward pass through every layer anyway.
  if (!c.has_train) p.set_force_backward(true);
  return p;
}

/// "Setting up <layer>" followed by its "Top shape: ..." lines, from the setup log.
std::map<std::string, std::vector<std::string>> ParseTopShapes(const std::vector<std::string>& lines) {
  std::map<std::string, std::vector<std::string>> tops;
  std::string current;
  for (const auto& line : lines) {
    const auto setup = line.find("] Setting up ");
    if (setup != std::string::npos) {
      current = line.substr(setup + 13);
      continue;
    }
    const auto top = line.find("] Top shape: ");
    if (top != std::string::npos && !current.empty()) tops[current].push_back(line.substr(top + 13));
  }
  return tops;
}

void RunCase(const std::string& file, caffe::Phase phase) {
  SCOPED_TRACE(file + (phase == caffe::TRAIN ? " TRAIN" : " TEST"));
  const ModelCase& c = Cases().at(file);
  const auto& expect = c.expect.count(phase) ? c.expect.at(phase) : c.expect.at(caffe::TEST);
  std::vector<std::string> lines;
  LogSink previous = SetLogSink([&lines](LogLevel, const std::string& line) { lines.push_back(line); });
  const bool info = InfoLoggingEnabled();
  SetInfoLoggingEnabled(true);
  Rng rng(1701);
  std::unique_ptr<Net> net;
  try {
    net = std::make_unique<Net>(LoadNet(file, c, phase), &rng);
  } catch (...) {
    SetLogSink(previous);
    SetInfoLoggingEnabled(info);
    throw;
  }
  SetLogSink(previous);
  SetInfoLoggingEnabled(info);

  const auto reported = ParseTopShapes(lines);
  for (const auto& e : expect) {
    ASSERT_TRUE(net->has_layer(e.layer)) << e.layer;
    const auto& tops = net->top_vecs()[net->layer_index(e.layer)];
    ASSERT_FALSE(tops.empty()) << e.layer;
    EXPECT_EQ(tops[0]->shape(), e.shape) << e.layer;
    long long count = 1;
    for (int d : e.shape) count *= d;
    ASSERT_TRUE(reported.count(e.layer)) << "no 'Setting up " << e.layer << "' in the log";
    EXPECT_EQ(reported.at(e.layer).at(0), ShapeToString(e.shape) + " (" + std::to_string(count) + ")") << e.layer;
  }

  // Random images, valid labels.
  FillGaussianTest(net->blob_by_name("data").get(), 1.f, 7);
  if (net->has_blob("label")) {
    Blob* label = net->blob_by_name("label").get();
    for (int i = 0; i < label->count(); ++i) label->mutable_cpu_data()[i] = static_cast<float>(i % 10);
  }
  const float loss = net->Forward();
  EXPECT_TRUE(std::isfinite(loss)) << loss;
  if (c.has_train) {
    EXPECT_GT(loss, 0.f);  // a softmax loss on random inputs is positive
  }
  net->ClearParamDiffs();
  net->Backward();
  // Backward reached the first learned layer: conv1's weight gradient is finite and
  // (for nets with a loss) not all zero.
  const auto& conv1 = net->layer_by_name("conv1");
  ASSERT_FALSE(conv1->blobs().empty());
  const float g = conv1->blobs()[0]->asum_diff();
  EXPECT_TRUE(std::isfinite(g));
  if (c.has_train) EXPECT_GT(g, 0.f);
}

}  // namespace

TEST(CaffeModels, EveryNetFileHasACase) {
  DIR* dir = opendir(kModels.c_str());
  ASSERT_NE(dir, nullptr) << kModels;
  int nets = 0;
  while (dirent* e = readdir(dir)) {
    const std::string name = e->d_name;
    if (name.size() < 9 || name.substr(name.size() - 9) != ".prototxt") continue;
    if (name.find("solver") != std::string::npos) continue;
    ++nets;
    EXPECT_TRUE(Cases().count(name)) << "no shape expectations for " << name;
  }
  closedir(dir);
  EXPECT_EQ(nets, static_cast<int>(Cases().size()));
}

TEST(CaffeModels, LeNetBothPhases) {
  RunCase("mnist__lenet_train_test.prototxt", caffe::TRAIN);
  RunCase("mnist__lenet_train_test.prototxt", caffe::TEST);
  RunCase("mnist__lenet.prototxt", caffe::TRAIN);
  RunCase("mnist__lenet.prototxt", caffe::TEST);
}

TEST(CaffeModels, Cifar10QuickBothPhases) {
  RunCase("cifar10__cifar10_quick_train_test.prototxt", caffe::TRAIN);
  RunCase("cifar10__cifar10_quick_train_test.prototxt", caffe::TEST);
  RunCase("cifar10__cifar10_quick.prototxt", caffe::TRAIN);
  RunCase("cifar10__cifar10_quick.prototxt", caffe::TEST);
}

TEST(CaffeModels, Cifar10FullBothPhases) {
  RunCase("cifar10__cifar10_full_train_test.prototxt", caffe::TRAIN);
  RunCase("cifar10__cifar10_full_train_test.prototxt", caffe::TEST);
}

TEST(CaffeModels, Cifar10FullSigmoidBatchNormBothPhases) {
  RunCase("cifar10__cifar10_full_sigmoid_train_test_bn.prototxt", caffe::TRAIN);
  RunCase("cifar10__cifar10_full_sigmoid_train_test_bn.prototxt", caffe::TEST);
}

TEST(CaffeModels, CaffeNetTrainValBothPhases) {
  RunCase("bvlc_reference_caffenet__train_val.prototxt", caffe::TRAIN);
  RunCase("bvlc_reference_caffenet__train_val.prototxt", caffe::TEST);
}

// The acceptance example: CaffeNet deploy gives pool5 10x256x6x6 and fc8 10x1000.
TEST(CaffeModels, CaffeNetDeployBothPhases) {
  RunCase("bvlc_reference_caffenet__deploy.prototxt", caffe::TEST);
  RunCase("bvlc_reference_caffenet__deploy.prototxt", caffe::TRAIN);
}

TEST(CaffeModels, AlexNetDeployBothPhases) {
  RunCase("bvlc_alexnet__deploy.prototxt", caffe::TEST);
  RunCase("bvlc_alexnet__deploy.prototxt", caffe::TRAIN);
}

}  // namespace crema::test
