// Tests of the legacy upgrades in engine/io/upgrade.cpp: the shared legacy V1
// files against their current-format counterparts, the X1-X4 cases of
// caffe-semantics.md section 10, V0 padding folding, input fields, BatchNorm,
// solver_type, and the crema-cli upgrade-net / upgrade-solver commands.
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "common.h"
#include "io/io.h"
#include "log.h"

namespace crema {
namespace {

using google::protobuf::util::MessageDifferencer;

const std::string kShared = CREMA_SHARED_DIR;
const std::string kLegacy = kShared + "/data/caffe/legacy_v1/";
const std::string kModels = kShared + "/data/caffe/models/";

template <typename M>
M FromText(const std::string& text) {
  M m;
  if (!google::protobuf::TextFormat::ParseFromString(text, &m)) throw ParseError("bad test text: " + text);
  return m;
}

std::string Diff(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  MessageDifferencer d;
  std::string report;
  d.ReportDifferencesToString(&report);
  d.Compare(a, b);
  return report;
}

/// Captures log lines for the lifetime of the object.
class LogCapture {
 public:
  LogCapture() {
    old_ = SetLogSink([this](LogLevel, const std::string& line) {
      std::lock_guard<std::mutex> lock(mu_);
      lines_.push_back(line);
    });
  }
  ~LogCapture() { SetLogSink(old_); }
  bool Contains(const std::string& s) const {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& l : lines_) {
      if (l.find(s) != std::string::npos) return true;
    }
    return false;
  }

 private:
  LogSink old_;
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
};

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/crema_upgrade_test_XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { std::system(("rm -rf '" + path_ + "'").c_str()); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// --- the shared legacy files --------------------------------------------------

TEST(UpgradeLegacyFiles, LenetV1EqualsCurrentFormat) {
  LogCapture log;
  const auto upgraded = ReadNetParamFromTextFile(kLegacy + "mnist__lenet_train_test.prototxt");
  EXPECT_TRUE(log.Contains("Attempting to upgrade input file specified using deprecated V1LayerParameter: " +
                           kLegacy + "mnist__lenet_train_test.prototxt"));
  EXPECT_TRUE(log.Contains("Successfully upgraded file specified using deprecated V1LayerParameter"));
  const auto current = ReadNetParamFromTextFile(kModels + "mnist__lenet_train_test.prototxt");
  EXPECT_EQ(upgraded.layers_size(), 0);
  EXPECT_EQ(upgraded.layer_size(), 11);
  // No field is added by the current LeNet file: equal as they are.
  EXPECT_TRUE(MessageDifferencer::Equals(upgraded, current)) << Diff(upgraded, current);
}

// The current cifar10_quick file adds exactly one change: its data layers read
// LMDB instead of LevelDB (data_param.backend: LMDB added, and the source path
// renamed from *_leveldb to *_lmdb). We check that the upgraded legacy net has
// the LevelDB form, apply exactly that change, and require everything else equal.
TEST(UpgradeLegacyFiles, Cifar10QuickV1EqualsCurrentFormatUpToTheLmdbSwitch) {
  auto upgraded = ReadNetParamFromTextFile(kLegacy + "cifar10__cifar10_quick_train_test.prototxt");
  const auto current = ReadNetParamFromTextFile(kModels + "cifar10__cifar10_quick_train_test.prototxt");
  ASSERT_FALSE(MessageDifferencer::Equals(upgraded, current));
  int data_layers = 0;
  for (auto& layer : *upgraded.mutable_layer()) {
    if (layer.type() != "Data") continue;
    ++data_layers;
    caffe::DataParameter* dp = layer.mutable_data_param();
    EXPECT_FALSE(dp->has_backend());
    EXPECT_EQ(dp->backend(), caffe::DataParameter::LEVELDB);
    const std::string suffix = "_leveldb";
    ASSERT_GT(dp->source().size(), suffix.size());
    ASSERT_EQ(dp->source().substr(dp->source().size() - suffix.size()), suffix) << dp->source();
    dp->set_source(dp->source().substr(0, dp->source().size() - suffix.size()) + "_lmdb");
    dp->set_backend(caffe::DataParameter::LMDB);
  }
  EXPECT_EQ(data_layers, 2);
  EXPECT_TRUE(MessageDifferencer::Equals(upgraded, current)) << Diff(upgraded, current);
}

TEST(UpgradeLegacyFiles, CurrentFilesNeedNoUpgradeAndStayUnchanged) {
  for (const char* name : {"mnist__lenet_train_test", "cifar10__cifar10_quick_train_test", "mnist__lenet",
                           "bvlc_reference_caffenet__train_val", "cifar10__cifar10_full_train_test"}) {
    SCOPED_TRACE(name);
    caffe::NetParameter raw;
    ReadTextProtoFile(kModels + name + ".prototxt", &raw);
    EXPECT_FALSE(NetNeedsUpgrade(raw));
    caffe::NetParameter copy = raw;
    EXPECT_FALSE(UpgradeNetAsNeeded(name, &copy));
    EXPECT_TRUE(MessageDifferencer::Equals(raw, copy));
  }
}

TEST(UpgradeLegacyFiles, TrainedLenetDeployInputFieldsBecomeInputLayer) {
  const auto net = ReadNetParamFromTextFile(kShared + "/data/caffe/trained/lenet.prototxt");
  EXPECT_EQ(net.input_size(), 0);
  EXPECT_EQ(net.input_dim_size(), 0);
  ASSERT_GE(net.layer_size(), 1);
  const auto expected = FromText<caffe::LayerParameter>(
      "name: 'input' type: 'Input' top: 'data' input_param { shape { dim: 64 dim: 1 dim: 28 dim: 28 } }");
  EXPECT_TRUE(MessageDifferencer::Equals(net.layer(0), expected)) << net.layer(0).DebugString();
  EXPECT_EQ(net.layer(1).name(), "conv1");
}

// --- X1-X4 ----------------------------------------------------------------------

TEST(UpgradeCases, X1_V1ConvolutionBlobsLrAndWeightDecay) {
  auto net = FromText<caffe::NetParameter>(R"(
    layers { name: "conv1" type: CONVOLUTION bottom: "data" top: "conv1"
             blobs_lr: 1 blobs_lr: 2 weight_decay: 1 weight_decay: 0
             convolution_param { num_output: 20 kernel_size: 5 stride: 1 weight_filler { type: "xavier" } } })");
  EXPECT_TRUE(NetNeedsUpgrade(net));
  EXPECT_TRUE(UpgradeNetAsNeeded("x1", &net));
  const auto expected = FromText<caffe::NetParameter>(R"(
    layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
            param { lr_mult: 1 decay_mult: 1 } param { lr_mult: 2 decay_mult: 0 }
            convolution_param { num_output: 20 kernel_size: 5 stride: 1 weight_filler { type: "xavier" } } })");
  EXPECT_TRUE(MessageDifferencer::Equals(net, expected)) << Diff(net, expected);
  EXPECT_FALSE(NetNeedsUpgrade(net));
}

TEST(UpgradeCases, X2_DataTransformFieldsMoveToTransformParam) {
  LogCapture log;
  auto net = FromText<caffe::NetParameter>(R"(
    layers { name: "mnist" type: DATA top: "data" top: "label"
             data_param { source: "db" batch_size: 64 scale: 0.00390625 mean_file: "m.binaryproto"
                          crop_size: 24 mirror: true } }
    layers { name: "img" type: IMAGE_DATA top: "d2" image_data_param { source: "list.txt" scale: 0.5 } }
    layers { name: "win" type: WINDOW_DATA top: "d3" window_data_param { source: "w.txt" mirror: true } })");
  UpgradeNetAsNeeded("x2", &net);
  EXPECT_TRUE(log.Contains("Attempting to upgrade input file specified using deprecated transformation parameters: x2"));
  const auto expected = FromText<caffe::NetParameter>(R"(
    layer { name: "mnist" type: "Data" top: "data" top: "label"
            transform_param { scale: 0.00390625 mean_file: "m.binaryproto" crop_size: 24 mirror: true }
            data_param { source: "db" batch_size: 64 } }
    layer { name: "img" type: "ImageData" top: "d2" transform_param { scale: 0.5 }
            image_data_param { source: "list.txt" } }
    layer { name: "win" type: "WindowData" top: "d3" transform_param { mirror: true }
            window_data_param { source: "w.txt" } })");
  EXPECT_TRUE(MessageDifferencer::Equals(net, expected)) << Diff(net, expected);
  EXPECT_FALSE(net.layer(0).data_param().has_scale());
}

TEST(UpgradeCases, X3_InputDimBecomesFirstInputLayer) {
  LogCapture log;
  auto net = FromText<caffe::NetParameter>(R"(
    name: "LeNet" input: "data" input_dim: 1 input_dim: 1 input_dim: 28 input_dim: 28
    layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1" })");
  EXPECT_TRUE(NetNeedsUpgrade(net));
  EXPECT_TRUE(UpgradeNetAsNeeded("x3", &net));
  EXPECT_TRUE(log.Contains("Attempting to upgrade input file specified using deprecated input fields: x3"));
  const auto expected = FromText<caffe::NetParameter>(R"(
    name: "LeNet"
    layer { name: "input" type: "Input" top: "data" input_param { shape { dim: 1 dim: 1 dim: 28 dim: 28 } } }
    layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1" })");
  EXPECT_TRUE(MessageDifferencer::Equals(net, expected)) << Diff(net, expected);
}

TEST(UpgradeCases, X3_InputShapeAndSeveralInputs) {
  auto net = FromText<caffe::NetParameter>(R"(
    input: "a" input: "b" input_shape { dim: 2 dim: 3 } input_shape { dim: 2 }
    layer { name: "ip" type: "InnerProduct" bottom: "a" top: "ip" }
    layer { name: "loss" type: "EuclideanLoss" bottom: "ip" bottom: "b" })");
  UpgradeNetAsNeeded("shape", &net);
  const auto expected = FromText<caffe::NetParameter>(R"(
    layer { name: "input" type: "Input" top: "a" top: "b"
            input_param { shape { dim: 2 dim: 3 } shape { dim: 2 } } }
    layer { name: "ip" type: "InnerProduct" bottom: "a" top: "ip" }
    layer { name: "loss" type: "EuclideanLoss" bottom: "ip" bottom: "b" })");
  EXPECT_TRUE(MessageDifferencer::Equals(net, expected)) << Diff(net, expected);
}

TEST(UpgradeCases, X3_InputWithoutShapeIsDroppedAndBadDimCountThrows) {
  // Old caffemodels name their input without a shape: the field is just removed.
  auto bare = FromText<caffe::NetParameter>("input: 'data' layer { name: 'ip' type: 'InnerProduct' }");
  UpgradeNetAsNeeded("bare", &bare);
  EXPECT_EQ(bare.input_size(), 0);
  ASSERT_EQ(bare.layer_size(), 1);
  EXPECT_EQ(bare.layer(0).name(), "ip");
  auto bad = FromText<caffe::NetParameter>("input: 'data' input_dim: 1 input_dim: 28 input_dim: 28");
  EXPECT_THROW(UpgradeNetAsNeeded("bad", &bad), ConfigError);
}

TEST(UpgradeCases, X4_MixingLayerAndLayersIsFatal) {
  const std::string text = R"(
    layer { name: "data" type: "Input" top: "data" }
    layers { name: "ip" type: INNER_PRODUCT bottom: "data" top: "ip" })";
  try {
    ParseNetParam(text, "mixed.prototxt");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind("mixed.prototxt: ", 0), 0u) << msg;
    EXPECT_NE(msg.find("'layer' and 'layers'"), std::string::npos) << msg;
  }
  // The same in a binary caffemodel.
  TempDir tmp;
  const std::string f = tmp.File("mixed.caffemodel");
  WriteBinaryProtoFile(f, FromText<caffe::NetParameter>(text));
  EXPECT_THROW(ReadNetParamFromBinaryFile(f), ConfigError);
}

// --- V1 -> V2 in full ---------------------------------------------------------

TEST(UpgradeV1, EveryLayerTypeGetsItsCaffeName) {
  const std::map<std::string, std::string> expected = {
      {"NONE", ""},
      {"ABSVAL", "AbsVal"},
      {"ACCURACY", "Accuracy"},
      {"ARGMAX", "ArgMax"},
      {"BNLL", "BNLL"},
      {"CONCAT", "Concat"},
      {"CONTRASTIVE_LOSS", "ContrastiveLoss"},
      {"CONVOLUTION", "Convolution"},
      {"DATA", "Data"},
      {"DECONVOLUTION", "Deconvolution"},
      {"DROPOUT", "Dropout"},
      {"DUMMY_DATA", "DummyData"},
      {"EUCLIDEAN_LOSS", "EuclideanLoss"},
      {"ELTWISE", "Eltwise"},
      {"EXP", "Exp"},
      {"FLATTEN", "Flatten"},
      {"HDF5_DATA", "HDF5Data"},
      {"HDF5_OUTPUT", "HDF5Output"},
      {"HINGE_LOSS", "HingeLoss"},
      {"IM2COL", "Im2col"},
      {"IMAGE_DATA", "ImageData"},
      {"INFOGAIN_LOSS", "InfogainLoss"},
      {"INNER_PRODUCT", "InnerProduct"},
      {"LRN", "LRN"},
      {"MEMORY_DATA", "MemoryData"},
      {"MULTINOMIAL_LOGISTIC_LOSS", "MultinomialLogisticLoss"},
      {"MVN", "MVN"},
      {"POOLING", "Pooling"},
      {"POWER", "Power"},
      {"RELU", "ReLU"},
      {"SIGMOID", "Sigmoid"},
      {"SIGMOID_CROSS_ENTROPY_LOSS", "SigmoidCrossEntropyLoss"},
      {"SILENCE", "Silence"},
      {"SOFTMAX", "Softmax"},
      {"SOFTMAX_LOSS", "SoftmaxWithLoss"},
      {"SPLIT", "Split"},
      {"SLICE", "Slice"},
      {"TANH", "TanH"},
      {"WINDOW_DATA", "WindowData"},
      {"THRESHOLD", "Threshold"},
  };
  const auto* enum_desc = caffe::V1LayerParameter::LayerType_descriptor();
  ASSERT_EQ(enum_desc->value_count(), static_cast<int>(expected.size()));
  for (int i = 0; i < enum_desc->value_count(); ++i) {
    const auto* v = enum_desc->value(i);
    SCOPED_TRACE(v->name());
    caffe::NetParameter net;
    auto* l = net.add_layers();
    l->set_name("l");
    l->set_type(static_cast<caffe::V1LayerParameter::LayerType>(v->number()));
    UpgradeNetAsNeeded("types", &net);
    ASSERT_EQ(net.layer_size(), 1);
    ASSERT_TRUE(expected.count(v->name()));
    EXPECT_EQ(net.layer(0).type(), expected.at(v->name()));
  }
}

TEST(UpgradeV1, ParamNamesShareModeRulesLossWeightAreCarried) {
  auto net = FromText<caffe::NetParameter>(R"(
    layers { name: "ip" type: INNER_PRODUCT bottom: "x" top: "ip" top: "aux"
             param: "w_shared" param: "b_shared" blob_share_mode: STRICT blob_share_mode: PERMISSIVE
             blobs_lr: 0.5 weight_decay: 3
             loss_weight: 1 loss_weight: 0.25
             include { phase: TRAIN stage: "s" } exclude { min_level: 2 }
             blobs { shape { dim: 2 } data: 1 data: 2 } })");
  UpgradeNetAsNeeded("v1", &net);
  const auto expected = FromText<caffe::NetParameter>(R"(
    layer { name: "ip" type: "InnerProduct" bottom: "x" top: "ip" top: "aux"
            loss_weight: 1 loss_weight: 0.25
            param { name: "w_shared" share_mode: STRICT lr_mult: 0.5 decay_mult: 3 }
            param { name: "b_shared" share_mode: PERMISSIVE }
            blobs { shape { dim: 2 } data: 1 data: 2 }
            include { phase: TRAIN stage: "s" } exclude { min_level: 2 } })");
  EXPECT_TRUE(MessageDifferencer::Equals(net, expected)) << Diff(net, expected);
}

TEST(UpgradeV1, EveryLayerSpecificParamIsCopied) {
  namespace pb = google::protobuf;
  caffe::NetParameter net;
  caffe::V1LayerParameter* v1 = net.add_layers();
  v1->set_name("all");
  v1->set_type(caffe::V1LayerParameter::RELU);
  const pb::Descriptor* d = caffe::V1LayerParameter::descriptor();
  std::vector<std::string> names;
  for (int i = 0; i < d->field_count(); ++i) {
    const pb::FieldDescriptor* f = d->field(i);
    if (f->is_repeated() || f->type() != pb::FieldDescriptor::TYPE_MESSAGE || f->name() == "layer") continue;
    // Setting a message field with content: the debug string of its name in a
    // string field when there is one, else just its has-bit.
    pb::Message* m = v1->GetReflection()->MutableMessage(v1, f);
    const pb::Descriptor* md = m->GetDescriptor();
    for (int j = 0; j < md->field_count(); ++j) {
      const pb::FieldDescriptor* sf = md->field(j);
      if (!sf->is_repeated() && sf->type() == pb::FieldDescriptor::TYPE_STRING) {
        m->GetReflection()->SetString(m, sf, f->name());
        break;
      }
    }
    names.push_back(f->name());
  }
  ASSERT_GE(names.size(), 30u);  // accuracy_param ... loss_param
  const caffe::V1LayerParameter original = *v1;
  UpgradeNetAsNeeded("params", &net);
  const caffe::LayerParameter& out = net.layer(0);
  for (const auto& name : names) {
    SCOPED_TRACE(name);
    const pb::FieldDescriptor* in_f = d->FindFieldByName(name);
    const pb::FieldDescriptor* out_f = caffe::LayerParameter::descriptor()->FindFieldByName(name);
    ASSERT_NE(out_f, nullptr);
    ASSERT_TRUE(out.GetReflection()->HasField(out, out_f));
    EXPECT_TRUE(MessageDifferencer::Equals(out.GetReflection()->GetMessage(out, out_f),
                                           original.GetReflection()->GetMessage(original, in_f)));
  }
}

TEST(UpgradeV1, BinaryCaffemodelIsUpgradedWithItsBlobs) {
  auto v1 = FromText<caffe::NetParameter>(R"(
    name: "old"
    layers { name: "ip" type: INNER_PRODUCT bottom: "data" top: "ip" blobs_lr: 1 blobs_lr: 2
             blobs { num: 1 channels: 1 height: 2 width: 3 data: 1 data: 2 data: 3 data: 4 data: 5 data: 6 }
             blobs { num: 1 channels: 1 height: 1 width: 2 data: 7 data: 8 } })");
  TempDir tmp;
  const std::string f = tmp.File("old.caffemodel");
  WriteBinaryProtoFile(f, v1);
  LogCapture log;
  const auto net = ReadNetParamFromBinaryFile(f);
  EXPECT_TRUE(log.Contains("deprecated V1LayerParameter: " + f));
  ASSERT_EQ(net.layer_size(), 1);
  EXPECT_EQ(net.layer(0).type(), "InnerProduct");
  ASSERT_EQ(net.layer(0).blobs_size(), 2);
  EXPECT_TRUE(MessageDifferencer::Equals(net.layer(0).blobs(0), v1.layers(0).blobs(0)));
  EXPECT_EQ(net.layer(0).blobs(1).data(1), 8.0f);
}

// --- V0 -------------------------------------------------------------------------

TEST(UpgradeV0, PaddingLayerFoldsIntoConvAndTypesAreMapped) {
  LogCapture log;
  auto net = FromText<caffe::NetParameter>(R"(
    name: "v0net"
    input: "data" input_dim: 2 input_dim: 3 input_dim: 8 input_dim: 8
    layers { layer { name: "pad1" type: "padding" pad: 2 } bottom: "data" top: "pad1" }
    layers { layer { name: "conv1" type: "conv" num_output: 4 kernelsize: 3 stride: 1 group: 1 biasterm: false
                     weight_filler { type: "gaussian" std: 0.01 } blobs_lr: 1 blobs_lr: 2 weight_decay: 1 weight_decay: 0 }
             bottom: "pad1" top: "conv1" }
    layers { layer { name: "relu1" type: "relu" } bottom: "conv1" top: "conv1" }
    layers { layer { name: "pool1" type: "pool" pool: AVE kernelsize: 2 stride: 2 } bottom: "conv1" top: "pool1" }
    layers { layer { name: "norm1" type: "lrn" local_size: 3 alpha: 0.0001 beta: 0.75 } bottom: "pool1" top: "norm1" }
    layers { layer { name: "fc" type: "innerproduct" num_output: 10 } bottom: "norm1" top: "fc" }
    layers { layer { name: "drop" type: "dropout" dropout_ratio: 0.3 } bottom: "fc" top: "fc" }
    layers { layer { name: "prob" type: "softmax" } bottom: "fc" top: "prob" })");
  EXPECT_TRUE(NetNeedsUpgrade(net));
  EXPECT_TRUE(UpgradeNetAsNeeded("v0", &net));
  EXPECT_TRUE(log.Contains("Attempting to upgrade input file specified using deprecated V0LayerParameter: v0"));
  EXPECT_TRUE(log.Contains("Successfully upgraded file specified using deprecated V0LayerParameter"));
  const auto expected = FromText<caffe::NetParameter>(R"(
    name: "v0net"
    layer { name: "input" type: "Input" top: "data" input_param { shape { dim: 2 dim: 3 dim: 8 dim: 8 } } }
    layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
            param { lr_mult: 1 decay_mult: 1 } param { lr_mult: 2 decay_mult: 0 }
            convolution_param { num_output: 4 bias_term: false pad: 2 kernel_size: 3 group: 1 stride: 1
                                weight_filler { type: "gaussian" std: 0.01 } } }
    layer { name: "relu1" type: "ReLU" bottom: "conv1" top: "conv1" }
    layer { name: "pool1" type: "Pooling" bottom: "conv1" top: "pool1"
            pooling_param { pool: AVE kernel_size: 2 stride: 2 } }
    layer { name: "norm1" type: "LRN" bottom: "pool1" top: "norm1"
            lrn_param { local_size: 3 alpha: 0.0001 beta: 0.75 } }
    layer { name: "fc" type: "InnerProduct" bottom: "norm1" top: "fc" inner_product_param { num_output: 10 } }
    layer { name: "drop" type: "Dropout" bottom: "fc" top: "fc" dropout_param { dropout_ratio: 0.3 } }
    layer { name: "prob" type: "Softmax" bottom: "fc" top: "prob" })");
  EXPECT_TRUE(MessageDifferencer::Equals(net, expected)) << Diff(net, expected);
}

TEST(UpgradeV0, DataLayerFieldsGoToDataAndTransformParams) {
  auto net = FromText<caffe::NetParameter>(R"(
    layers { layer { name: "d" type: "data" source: "train_db" batchsize: 32 scale: 0.5 meanfile: "mean"
                     cropsize: 20 mirror: true rand_skip: 7 } top: "data" top: "label" }
    layers { layer { name: "loss" type: "softmax_loss" } bottom: "data" bottom: "label" })");
  UpgradeNetAsNeeded("v0data", &net);
  const auto expected = FromText<caffe::NetParameter>(R"(
    layer { name: "d" type: "Data" top: "data" top: "label"
            transform_param { scale: 0.5 mirror: true crop_size: 20 mean_file: "mean" }
            data_param { source: "train_db" batch_size: 32 rand_skip: 7 } }
    layer { name: "loss" type: "SoftmaxWithLoss" bottom: "data" bottom: "label" })");
  EXPECT_TRUE(MessageDifferencer::Equals(net, expected)) << Diff(net, expected);
}

TEST(UpgradeV0, BadV0NetsThrow) {
  auto unknown_type = FromText<caffe::NetParameter>("layers { layer { name: 'x' type: 'warp_drive' } }");
  EXPECT_THROW(UpgradeNetAsNeeded("v0", &unknown_type), ConfigError);
  auto pad_into_relu = FromText<caffe::NetParameter>(R"(
    input: "data"
    layers { layer { name: "pad" type: "padding" pad: 1 } bottom: "data" top: "p" }
    layers { layer { name: "r" type: "relu" } bottom: "p" top: "r" })");
  EXPECT_THROW(UpgradeNetAsNeeded("v0", &pad_into_relu), ConfigError);
  auto unknown_blob = FromText<caffe::NetParameter>("layers { layer { name: 'r' type: 'relu' } bottom: 'nowhere' }");
  EXPECT_THROW(UpgradeNetAsNeeded("v0", &unknown_blob), ConfigError);
}

// --- BatchNorm --------------------------------------------------------------------

TEST(UpgradeBatchNorm, ThreeFrozenParamsAreDroppedAsCaffeDoes) {
  LogCapture log;
  auto net = ReadNetParamFromTextFile(kModels + "cifar10__cifar10_full_sigmoid_train_test_bn.prototxt");
  EXPECT_TRUE(log.Contains("Attempting to upgrade batch norm layers using deprecated params: "));
  int bn = 0;
  for (const auto& l : net.layer()) {
    if (l.type() != "BatchNorm") continue;
    ++bn;
    EXPECT_EQ(l.param_size(), 0) << l.name();
  }
  EXPECT_EQ(bn, 3);
  // Other layers keep their params; a BatchNorm with another count is left alone.
  auto other = FromText<caffe::NetParameter>(
      "layer { name: 'bn' type: 'BatchNorm' param { lr_mult: 0 } } "
      "layer { name: 'c' type: 'Convolution' param { lr_mult: 0 } param { lr_mult: 0 } param { lr_mult: 0 } }");
  EXPECT_FALSE(NetNeedsUpgrade(other));
  EXPECT_FALSE(UpgradeNetAsNeeded("bn", &other));
  EXPECT_EQ(other.layer(0).param_size(), 1);
  EXPECT_EQ(other.layer(1).param_size(), 3);
}

// --- solver -----------------------------------------------------------------------

TEST(UpgradeSolver, SolverTypeEnumBecomesTypeString) {
  const std::map<std::string, std::string> expected = {{"SGD", "SGD"},         {"NESTEROV", "Nesterov"},
                                                       {"ADAGRAD", "AdaGrad"}, {"RMSPROP", "RMSProp"},
                                                       {"ADADELTA", "AdaDelta"}, {"ADAM", "Adam"}};
  for (const auto& [enum_name, type] : expected) {
    SCOPED_TRACE(enum_name);
    LogCapture log;
    auto s = ParseSolverParam("base_lr: 0.001 solver_type: " + enum_name, "s.prototxt");
    EXPECT_EQ(s.type(), type);
    EXPECT_FALSE(s.has_solver_type());
    EXPECT_TRUE(log.Contains("Attempting to upgrade input file specified using deprecated 'solver_type' field"));
  }
  const auto adam = ParseSolverParam("solver_type: ADAM momentum2: 0.999", "adam");
  EXPECT_EQ(adam.type(), "Adam");
}

TEST(UpgradeSolver, BothTypeFieldsThrowAndCurrentSolverIsUntouched) {
  EXPECT_THROW(ParseSolverParam("solver_type: ADAM type: \"Adam\"", "both"), ConfigError);
  EXPECT_THROW(ParseSolverParam("solver_type: SGD type: \"Adam\"", "both"), ConfigError);
  auto s = FromText<caffe::SolverParameter>("type: 'Nesterov' base_lr: 0.1");
  const auto copy = s;
  EXPECT_FALSE(UpgradeSolverAsNeeded("current", &s));
  EXPECT_TRUE(MessageDifferencer::Equals(s, copy));
}

TEST(UpgradeSolver, TrainedLenetSolverFile) {
  const auto s = ReadSolverParamFromTextFile(kShared + "/data/caffe/trained/lenet_solver.prototxt");
  EXPECT_EQ(s.type(), "SGD");
  EXPECT_FALSE(s.has_solver_type());
  EXPECT_FLOAT_EQ(s.base_lr(), 0.001f);
}

TEST(UpgradeSolver, InlineNetsAreUpgradedToo) {
  const auto s = ParseSolverParam(R"(
    base_lr: 0.01
    net_param { layers { name: "ip" type: INNER_PRODUCT blobs_lr: 2 } }
    test_net_param { input: "data" input_dim: 1 input_dim: 1 input_dim: 2 input_dim: 2 })", "inline");
  ASSERT_EQ(s.net_param().layer_size(), 1);
  EXPECT_EQ(s.net_param().layer(0).type(), "InnerProduct");
  EXPECT_EQ(s.net_param().layer(0).param(0).lr_mult(), 2.0f);
  ASSERT_EQ(s.test_net_param(0).layer_size(), 1);
  EXPECT_EQ(s.test_net_param(0).layer(0).type(), "Input");
}

// --- crema-cli upgrade-net / upgrade-solver ---------------------------------------

int RunCli(const std::string& args) {
  const std::string cmd = std::string(CREMA_CLI_PATH) + " " + args + " 2>/dev/null";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

TEST(UpgradeCli, UpgradeNetTextWritesCurrentFormatText) {
  TempDir tmp;
  const std::string out = tmp.File("lenet.prototxt");
  ASSERT_EQ(RunCli("upgrade-net " + kLegacy + "mnist__lenet_train_test.prototxt " + out), 0);
  caffe::NetParameter written;
  ReadTextProtoFile(out, &written);  // text, already current: no upgrade needed
  EXPECT_FALSE(NetNeedsUpgrade(written));
  const auto current = ReadNetParamFromTextFile(kModels + "mnist__lenet_train_test.prototxt");
  EXPECT_TRUE(MessageDifferencer::Equals(written, current)) << Diff(written, current);
}

TEST(UpgradeCli, UpgradeNetBinaryWritesBinary) {
  TempDir tmp;
  const std::string in = tmp.File("old.caffemodel");
  const std::string out = tmp.File("new.caffemodel");
  WriteBinaryProtoFile(in, FromText<caffe::NetParameter>(
                               "layers { name: 'ip' type: INNER_PRODUCT blobs { shape { dim: 2 } data: 1 data: 2 } }"));
  ASSERT_EQ(RunCli("upgrade-net " + in + " " + out), 0);
  caffe::NetParameter written;
  ReadBinaryProtoFile(out, &written);
  ASSERT_EQ(written.layer_size(), 1);
  EXPECT_EQ(written.layers_size(), 0);
  EXPECT_EQ(written.layer(0).type(), "InnerProduct");
  EXPECT_EQ(written.layer(0).blobs(0).data(1), 2.0f);
  // The real Caffe-trained model is already current: copied unchanged.
  const std::string trained = kShared + "/data/caffe/trained/lenet_iter_10000.caffemodel";
  ASSERT_EQ(RunCli("upgrade-net " + trained + " " + out), 0);
  caffe::NetParameter a, b;
  ReadBinaryProtoFile(trained, &a);
  ReadBinaryProtoFile(out, &b);
  EXPECT_TRUE(MessageDifferencer::Equals(a, b));
}

TEST(UpgradeCli, UpgradeSolverAndErrors) {
  TempDir tmp;
  const std::string out = tmp.File("solver.prototxt");
  ASSERT_EQ(RunCli("upgrade-solver " + kShared + "/data/caffe/trained/lenet_solver.prototxt " + out), 0);
  caffe::SolverParameter written;
  ReadTextProtoFile(out, &written);
  EXPECT_EQ(written.type(), "SGD");
  EXPECT_FALSE(written.has_solver_type());
  EXPECT_EQ(RunCli("upgrade-solver " + out), 2);                           // usage: OUT missing
  EXPECT_EQ(RunCli("upgrade-net " + tmp.File("missing") + " " + out), 1);  // unreadable input
}

}  // namespace
}  // namespace crema
