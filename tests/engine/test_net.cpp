// Net construction rules: cases N1-N11 of ../shared/cases/caffe-semantics.md §8.
#include <gtest/gtest.h>

#include <google/protobuf/text_format.h>

#include "common.h"
#include "gradient_checker.h"
#include "net.h"

namespace crema {
namespace {

caffe::NetParameter NetFromText(const std::string& text, caffe::Phase phase = caffe::TRAIN) {
  caffe::NetParameter p;
  if (!google::protobuf::TextFormat::ParseFromString(text, &p)) throw ParseError("bad test net");
  p.mutable_state()->set_phase(phase);
  return p;
}

// The BVLC LeNet train_test net with its Data layer replaced by an Input layer of the same name.
const char* kLeNet = R"(
name: "LeNet"
layer { name: "mnist" type: "Input" top: "data" top: "label"
        input_param { shape { dim: 4 dim: 1 dim: 28 dim: 28 } shape { dim: 4 } } }
layer { name: "conv1" type: "Convolution" bottom: "data" top: "conv1"
        param { lr_mult: 1 } param { lr_mult: 2 }
        convolution_param { num_output: 20 kernel_size: 5 stride: 1 weight_filler { type: "xavier" } } }
layer { name: "pool1" type: "Pooling" bottom: "conv1" top: "pool1" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
layer { name: "conv2" type: "Convolution" bottom: "pool1" top: "conv2"
        param { lr_mult: 1 } param { lr_mult: 2 }
        convolution_param { num_output: 50 kernel_size: 5 stride: 1 weight_filler { type: "xavier" } } }
layer { name: "pool2" type: "Pooling" bottom: "conv2" top: "pool2" pooling_param { pool: MAX kernel_size: 2 stride: 2 } }
layer { name: "ip1" type: "InnerProduct" bottom: "pool2" top: "ip1"
        param { lr_mult: 1 } param { lr_mult: 2 }
        inner_product_param { num_output: 500 weight_filler { type: "xavier" } } }
layer { name: "relu1" type: "ReLU" bottom: "ip1" top: "ip1" }
layer { name: "ip2" type: "InnerProduct" bottom: "ip1" top: "ip2"
        param { lr_mult: 1 } param { lr_mult: 2 }
        inner_product_param { num_output: 10 weight_filler { type: "xavier" } } }
layer { name: "accuracy" type: "Accuracy" bottom: "ip2" bottom: "label" top: "accuracy" include { phase: TEST } }
layer { name: "loss" type: "SoftmaxWithLoss" bottom: "ip2" bottom: "label" top: "loss" }
)";

std::vector<std::string> LayerNames(const Net& net) { return net.layer_names(); }

TEST(NetTest, N1LeNetTrainHasNoSplits) {
  Rng rng(1);
  Net net(NetFromText(kLeNet, caffe::TRAIN), &rng);
  EXPECT_EQ(LayerNames(net), (std::vector<std::string>{"mnist", "conv1", "pool1", "conv2", "pool2", "ip1", "relu1",
                                                       "ip2", "loss"}));
  ASSERT_EQ(net.output_blobs().size(), 1u);
  EXPECT_EQ(net.blob_names()[net.output_blob_indices()[0]], "loss");
  // C1: parameter counts 431,080 and LeNet shapes.
  size_t total = 0;
  for (Blob* b : net.learnable_params()) total += b->count();
  EXPECT_EQ(total, 431080u);
  EXPECT_EQ(net.blob_by_name("conv1")->shape(), (std::vector<int>{4, 20, 24, 24}));
  EXPECT_EQ(net.blob_by_name("pool1")->shape(), (std::vector<int>{4, 20, 12, 12}));
  EXPECT_EQ(net.blob_by_name("conv2")->shape(), (std::vector<int>{4, 50, 8, 8}));
  EXPECT_EQ(net.blob_by_name("pool2")->shape(), (std::vector<int>{4, 50, 4, 4}));
  EXPECT_EQ(net.blob_by_name("ip2")->shape(), (std::vector<int>{4, 10}));
  EXPECT_EQ(net.params_lr(), (std::vector<float>{1, 2, 1, 2, 1, 2, 1, 2}));
}

TEST(NetTest, N2LeNetTestSplitsAndOutputs) {
  Rng rng(1);
  Net net(NetFromText(kLeNet, caffe::TEST), &rng);
  EXPECT_EQ(LayerNames(net),
            (std::vector<std::string>{"mnist", "label_mnist_1_split", "conv1", "pool1", "conv2", "pool2", "ip1", "relu1",
                                      "ip2", "ip2_ip2_0_split", "accuracy", "loss"}));
  const auto& acc = net.bottom_id_vecs()[net.layer_index("accuracy")];
  EXPECT_EQ(net.blob_names()[acc[0]], "ip2_ip2_0_split_0");
  EXPECT_EQ(net.blob_names()[acc[1]], "label_mnist_1_split_0");
  const auto& loss = net.bottom_id_vecs()[net.layer_index("loss")];
  EXPECT_EQ(net.blob_names()[loss[0]], "ip2_ip2_0_split_1");
  EXPECT_EQ(net.blob_names()[loss[1]], "label_mnist_1_split_1");
  ASSERT_EQ(net.output_blobs().size(), 2u);
  EXPECT_EQ(net.blob_names()[net.output_blob_indices()[0]], "accuracy");
  EXPECT_EQ(net.blob_names()[net.output_blob_indices()[1]], "loss");
}

TEST(NetTest, N3SplitNamedAfterInPlaceLayer) {
  const char* text = R"(
    layer { name: "data" type: "Input" top: "data" top: "label"
            input_param { shape { dim: 2 dim: 3 } shape { dim: 2 } } }
    layer { name: "innerprod1" type: "InnerProduct" bottom: "data" top: "innerprod1"
            inner_product_param { num_output: 3 } }
    layer { name: "relu1" type: "ReLU" bottom: "innerprod1" top: "innerprod1" }
    layer { name: "innerprod2" type: "InnerProduct" bottom: "innerprod1" top: "innerprod2"
            inner_product_param { num_output: 3 } }
    layer { name: "loss1" type: "SoftmaxWithLoss" bottom: "innerprod1" bottom: "label" top: "l1" }
    layer { name: "loss2" type: "EuclideanLoss" bottom: "innerprod2" bottom: "data" top: "l2" })";
  caffe::NetParameter p;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &p));
  const caffe::NetParameter s = InsertSplits(p);
  std::vector<std::string> names;
  for (const auto& l : s.layer()) names.push_back(l.name());
  EXPECT_EQ(names, (std::vector<std::string>{"data", "data_data_0_split", "innerprod1", "relu1",
                                             "innerprod1_relu1_0_split", "innerprod2", "loss1", "loss2"}));
  EXPECT_EQ(s.layer(2).bottom(0), "data_data_0_split_0");
  EXPECT_EQ(s.layer(3).bottom(0), "innerprod1");
  EXPECT_EQ(s.layer(5).bottom(0), "innerprod1_relu1_0_split_0");
  EXPECT_EQ(s.layer(6).bottom(0), "innerprod1_relu1_0_split_1");
  EXPECT_EQ(s.layer(7).bottom(1), "data_data_0_split_1");
}

TEST(NetTest, N4LossWeightOnSharedTopForcesSplit) {
  const char* text = R"(
    layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 2 dim: 3 } } }
    layer { name: "innerproduct1" type: "InnerProduct" bottom: "data" top: "innerproduct1" loss_weight: 2.5
            inner_product_param { num_output: 3 } }
    layer { name: "innerproduct2" type: "InnerProduct" bottom: "data" top: "innerproduct2"
            inner_product_param { num_output: 3 } }
    layer { name: "loss" type: "EuclideanLoss" bottom: "innerproduct1" bottom: "innerproduct2" top: "loss" })";
  caffe::NetParameter p;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &p));
  const caffe::NetParameter s = InsertSplits(p);
  ASSERT_EQ(s.layer_size(), 6);
  const auto& split = s.layer(3);
  EXPECT_EQ(split.name(), "innerproduct1_innerproduct1_0_split");
  ASSERT_EQ(split.loss_weight_size(), 2);
  EXPECT_FLOAT_EQ(split.loss_weight(0), 2.5f);
  EXPECT_FLOAT_EQ(split.loss_weight(1), 0.f);
  EXPECT_EQ(s.layer(2).loss_weight_size(), 0);
  EXPECT_EQ(s.layer(5).bottom(0), "innerproduct1_innerproduct1_0_split_1");
}

TEST(NetTest, N5IncludeAndExcludeIsAnError) {
  const char* text = R"(
    layer { name: "data" type: "Input" top: "data" input_param { shape { dim: 1 } }
            include { phase: TEST } exclude { phase: TRAIN } })";
  EXPECT_THROW(Net(NetFromText(text, caffe::TEST)), ConfigError);
}

TEST(NetTest, N6DefaultStateIsTest) {
  caffe::NetParameter p;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kLeNet, &p));
  Net net(p);  // no state: phase TEST
  EXPECT_EQ(net.phase(), caffe::TEST);
  EXPECT_TRUE(net.has_layer("accuracy"));
}

TEST(NetTest, N7FrozenConv1DoesNotNeedBackward) {
  std::string text = kLeNet;
  const std::string from = "param { lr_mult: 1 } param { lr_mult: 2 }\n        convolution_param { num_output: 20";
  text.replace(text.find(from), from.size(),
               "param { lr_mult: 0 } param { lr_mult: 0 }\n        convolution_param { num_output: 20");
  Rng rng(1);
  Net net(NetFromText(text, caffe::TRAIN), &rng);
  EXPECT_FALSE(net.layer_need_backward()[net.layer_index("conv1")]);
  EXPECT_FALSE(net.layer_need_backward()[net.layer_index("pool1")]);
  EXPECT_TRUE(net.layer_need_backward()[net.layer_index("conv2")]);
  EXPECT_FALSE(net.bottom_need_backward()[net.layer_index("conv2")][0]);
}

TEST(NetTest, N8ForceBackwardComputesDataDiffNotLabel) {
  std::string text = std::string("force_backward: true\n") + kLeNet;
  Rng rng(1);
  Net net(NetFromText(text, caffe::TRAIN), &rng);
  test::FillUniformTest(net.blob_by_name("data").get(), 0.f, 1.f);
  float* label = net.blob_by_name("label")->mutable_cpu_data();
  for (int i = 0; i < 4; ++i) label[i] = static_cast<float>(i);
  net.ForwardBackward();
  EXPECT_GT(net.blob_by_name("data")->asum_diff(), 0.f);
  const int loss_id = net.layer_index("loss");
  EXPECT_TRUE(net.bottom_need_backward()[loss_id][0]);
  EXPECT_FALSE(net.bottom_need_backward()[loss_id][1]);
}

TEST(NetTest, N9ConsumerAfterInPlaceSeesPostReluValuesWithoutSplit) {
  const char* text = R"(
    layer { name: "data" type: "Input" top: "x" input_param { shape { dim: 1 dim: 4 } } }
    layer { name: "relu" type: "ReLU" bottom: "x" top: "x" }
    layer { name: "sum" type: "Power" bottom: "x" top: "y" })";
  Net net(NetFromText(text, caffe::TEST));
  EXPECT_EQ(net.layers().size(), 3u);
  float* x = net.blob_by_name("x")->mutable_cpu_data();
  x[0] = -1;
  x[1] = 2;
  x[2] = -3;
  x[3] = 4;
  net.Forward();
  const float* y = net.blob_by_name("y")->cpu_data();
  EXPECT_EQ(y[0], 0.f);
  EXPECT_EQ(y[1], 2.f);
  EXPECT_EQ(y[2], 0.f);
  EXPECT_EQ(y[3], 4.f);
}

TEST(NetTest, N10ShapeMismatchWhenLoadingCaffeModelNamesLayerAndShapes) {
  std::string text = kLeNet;
  text.replace(text.find("num_output: 10 "), 15, "num_output: 5 ");
  Rng rng(1);
  Net net(NetFromText(text, caffe::TEST), &rng);
  try {
    net.CopyTrainedLayersFromFile(CREMA_SHARED_DIR "/data/caffe/trained/lenet_iter_10000.caffemodel");
    FAIL() << "expected a shape error";
  } catch (const ShapeError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'ip2'"), std::string::npos) << what;
    EXPECT_NE(what.find("10 500"), std::string::npos) << what;
    EXPECT_NE(what.find("5 500"), std::string::npos) << what;
  }
}

TEST(NetTest, LoadsCaffeTrainedLeNetWeights) {
  Rng rng(1);
  Net net(NetFromText(kLeNet, caffe::TEST), &rng);
  net.CopyTrainedLayersFromFile(CREMA_SHARED_DIR "/data/caffe/trained/lenet_iter_10000.caffemodel");
  // Weights trained by Caffe are far from the xavier init and non-zero everywhere.
  EXPECT_GT(net.layer_by_name("conv1")->blobs()[0]->asum_data(), 10.f);
  EXPECT_NE(net.layer_by_name("ip2")->blobs()[1]->asum_data(), 0.f);
}

TEST(NetTest, N11ConsumerBeforeInPlaceIsMultipleSources) {
  const char* text = R"(
    layer { name: "data" type: "Input" top: "x" input_param { shape { dim: 1 dim: 4 } } }
    layer { name: "early" type: "Power" bottom: "x" top: "y" }
    layer { name: "relu" type: "ReLU" bottom: "x" top: "x" })";
  try {
    Net net(NetFromText(text, caffe::TEST));
    FAIL() << "expected an error";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("Top blob 'x' produced by multiple sources"), std::string::npos) << e.what();
  }
}

TEST(NetTest, UnknownBottomNamesLayerAndIndex) {
  const char* text = R"(
    layer { name: "data" type: "Input" top: "x" input_param { shape { dim: 1 dim: 4 } } }
    layer { name: "relu" type: "ReLU" bottom: "nope" top: "z" })";
  try {
    Net net(NetFromText(text, caffe::TEST));
    FAIL() << "expected an error";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("Unknown bottom blob 'nope' (layer 'relu', bottom index 0)"),
              std::string::npos)
        << e.what();
  }
}

TEST(NetTest, UnknownLayerTypeListsKnownTypes) {
  const char* text = R"(layer { name: "a" type: "Convolutoin" top: "x" })";
  try {
    Net net(NetFromText(text, caffe::TEST));
    FAIL() << "expected an error";
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("Unknown layer type 'Convolutoin'"), std::string::npos) << what;
    EXPECT_NE(what.find("Convolution"), std::string::npos) << what;
  }
}

TEST(NetTest, ForwardFromToCountsOnlyLayersRun) {
  Rng rng(3);
  Net net(NetFromText(kLeNet, caffe::TRAIN), &rng);
  test::FillUniformTest(net.blob_by_name("data").get(), 0.f, 1.f);
  const float full = net.Forward();
  EXPECT_GT(full, 0.f);
  EXPECT_FLOAT_EQ(net.ForwardFromTo(0, net.layer_index("ip2")), 0.f);
  EXPECT_FLOAT_EQ(net.ForwardFrom(net.layer_index("loss")), full);
}

TEST(NetTest, WeightSharingByParamNameSumsGradients) {
  const char* text = R"(
    force_backward: true
    layer { name: "data" type: "Input" top: "a" top: "b" input_param { shape { dim: 2 dim: 3 } } }
    layer { name: "ip_a" type: "InnerProduct" bottom: "a" top: "fa" param { name: "w" } param { name: "bias" }
            inner_product_param { num_output: 2 weight_filler { type: "gaussian" std: 0.5 } } }
    layer { name: "ip_b" type: "InnerProduct" bottom: "b" top: "fb" param { name: "w" } param { name: "bias" }
            inner_product_param { num_output: 2 weight_filler { type: "gaussian" std: 0.5 } } }
    layer { name: "loss" type: "EuclideanLoss" bottom: "fa" bottom: "fb" top: "loss" })";
  Rng rng(5);
  Net net(NetFromText(text, caffe::TRAIN), &rng);
  EXPECT_EQ(net.learnable_params().size(), 2u);
  auto wa = net.layer_by_name("ip_a")->blobs()[0];
  auto wb = net.layer_by_name("ip_b")->blobs()[0];
  EXPECT_TRUE(wa->SharesDataWith(*wb));
  EXPECT_EQ(net.param_owners()[2], 0);
  // The shared gradient is the sum of both uses: compare with an unshared net holding the same values.
  std::string unshared = text;
  for (const char* name : {" param { name: \"w\" } param { name: \"bias\" }"}) {
    for (size_t pos; (pos = unshared.find(name)) != std::string::npos;) unshared.erase(pos, std::string(name).size());
  }
  Net ref(NetFromText(unshared, caffe::TRAIN), &rng);
  ASSERT_EQ(ref.learnable_params().size(), 4u);
  for (const char* layer : {"ip_a", "ip_b"}) {
    for (int j = 0; j < 2; ++j) ref.layer_by_name(layer)->blobs()[j]->CopyFrom(*net.layer_by_name("ip_a")->blobs()[j]);
  }
  for (Net* n : {&net, &ref}) {
    test::FillUniformTest(n->blob_by_name("a").get(), -1.f, 1.f, 11);
    test::FillUniformTest(n->blob_by_name("b").get(), -1.f, 1.f, 12);
    n->ClearParamDiffs();
    n->ForwardBackward();
  }
  const Blob& shared_w = *net.layer_by_name("ip_a")->blobs()[0];
  const Blob& ref_wa = *ref.layer_by_name("ip_a")->blobs()[0];
  const Blob& ref_wb = *ref.layer_by_name("ip_b")->blobs()[0];
  ASSERT_GT(shared_w.asum_diff(), 0.f);
  for (int i = 0; i < shared_w.count(); ++i)
    EXPECT_NEAR(shared_w.cpu_diff()[i], ref_wa.cpu_diff()[i] + ref_wb.cpu_diff()[i], 1e-6f) << i;
  // Mismatched shapes are refused.
  std::string bad = text;
  bad.replace(bad.rfind("num_output: 2"), 13, "num_output: 3");
  EXPECT_THROW(Net(NetFromText(bad, caffe::TRAIN)), ShapeError);
}

}  // namespace
}  // namespace crema

namespace crema {
namespace {

// Caffe #2895: a consumer with loss_weight 0 never runs backward and must leave a zero diff,
// so the ip2 gradient equals the single-loss net's.
TEST(NetTest, Issue2895ZeroWeightLossLeavesGradientUnchanged) {
  std::string two_losses = kLeNet;
  two_losses += R"(layer { name: "loss0" type: "SoftmaxWithLoss" bottom: "ip2" bottom: "label" top: "loss0" loss_weight: 0 })";
  Rng rng1(9), rng2(9);
  Net single(NetFromText(kLeNet, caffe::TRAIN), &rng1);
  Net doubled(NetFromText(two_losses, caffe::TRAIN), &rng2);
  for (Net* n : {&single, &doubled}) {
    test::FillUniformTest(n->blob_by_name("data").get(), 0.f, 1.f, 4);
    float* label = n->blob_by_name("label")->mutable_cpu_data();
    for (int i = 0; i < 4; ++i) label[i] = static_cast<float>((3 * i) % 10);
    n->ClearParamDiffs();
    n->ForwardBackward();
  }
  const Blob& a = *single.layer_by_name("ip2")->blobs()[0];
  const Blob& b = *doubled.layer_by_name("ip2")->blobs()[0];
  ASSERT_GT(a.asum_diff(), 0.f);
  for (int i = 0; i < a.count(); ++i) EXPECT_NEAR(a.cpu_diff()[i], b.cpu_diff()[i], 1e-6f) << i;
}

}  // namespace
}  // namespace crema
