// Accuracy: cases T3-T5 of the semantics file (§7), ignore_label, axis, per-class top.
#include <gtest/gtest.h>

#include "gradient_checker.h"
#include "layer_registry.h"
#include "layer_test_helpers.h"
#include "layers/accuracy_layer.h"

namespace crema {
namespace {

using test::ExpectValues;
using test::LayerParamFromText;

float Accuracy(const std::vector<float>& scores, int num_classes, const std::vector<float>& labels,
               const std::string& extra = "") {
  AccuracyLayer layer(LayerParamFromText("type: 'Accuracy' " + extra));
  const int n = static_cast<int>(labels.size());
  Blob x({n, num_classes}), label({n}), top;
  test::SetData(x, scores);
  test::SetData(label, labels);
  layer.SetUp({&x, &label}, {&top});
  layer.Forward({&x, &label}, {&top});
  return top.cpu_data()[0];
}

TEST(AccuracyLayer, Shapes) {
  AccuracyLayer layer(LayerParamFromText("type: 'Accuracy'"));
  Blob x({4, 10}), label({4}), top, per_class;
  layer.SetUp({&x, &label}, {&top, &per_class});
  EXPECT_EQ(top.num_axes(), 0);
  EXPECT_EQ(per_class.shape(), (std::vector<int>{10}));
}

TEST(AccuracyLayer, T3TiesCountAgainstTrueClass) {
  const std::vector<float> s = {0.5f, 0.5f, 0.f};
  EXPECT_EQ(Accuracy(s, 3, {0}), 0.f);
  EXPECT_EQ(Accuracy(s, 3, {1}), 0.f);
  EXPECT_EQ(Accuracy(s, 3, {0}, "accuracy_param { top_k: 2 }"), 1.f);
}

TEST(AccuracyLayer, T4AllZeroScores) {
  const std::vector<float> s(10, 0.f);
  for (int l = 0; l < 10; ++l) {
    EXPECT_EQ(Accuracy(s, 10, {static_cast<float>(l)}), 0.f) << l;
    EXPECT_EQ(Accuracy(s, 10, {static_cast<float>(l)}, "accuracy_param { top_k: 10 }"), 1.f) << l;
  }
}

TEST(AccuracyLayer, T5TopK) {
  const std::vector<float> s = {0.1f, 0.7f, 0.2f};
  EXPECT_EQ(Accuracy(s, 3, {2}), 0.f);
  EXPECT_EQ(Accuracy(s, 3, {2}, "accuracy_param { top_k: 2 }"), 1.f);
}

TEST(AccuracyLayer, BatchMeanAndTruncatedLabels) {
  // rows: argmax 1, 0, 2, 2 ; labels 1, 1.7 (->1), 2, 0 -> correct 2 of 4
  const std::vector<float> s = {0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1};
  EXPECT_FLOAT_EQ(Accuracy(s, 3, {1.f, 1.7f, 2.f, 0.f}), 0.5f);
}

TEST(AccuracyLayer, IgnoreLabel) {
  const std::vector<float> s = {0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1};
  // label 0 ignored: rows 0 (correct), 1 (wrong), 2 (correct) -> 2/3
  EXPECT_FLOAT_EQ(Accuracy(s, 3, {1.f, 1.f, 2.f, 0.f}, "accuracy_param { ignore_label: 0 }"), 2.f / 3.f);
  // everything ignored -> 0, not NaN
  EXPECT_EQ(Accuracy({0, 1, 1, 0}, 2, {1.f, 1.f}, "accuracy_param { ignore_label: 1 }"), 0.f);
}

TEST(AccuracyLayer, PerClassSecondTop) {
  AccuracyLayer layer(LayerParamFromText("type: 'Accuracy'"));
  Blob x({4, 3}), label({4}), top, per_class;
  test::SetData(x, {0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1});
  test::SetData(label, {1.f, 1.f, 2.f, 0.f});
  layer.SetUp({&x, &label}, {&top, &per_class});
  layer.Forward({&x, &label}, {&top, &per_class});
  EXPECT_FLOAT_EQ(top.cpu_data()[0], 0.5f);
  // class 0: 1 sample, wrong; class 1: 2 samples, 1 right; class 2: 1 sample, right
  ExpectValues(test::Data(per_class), {0.f, 0.5f, 1.f});
}

TEST(AccuracyLayer, SpatialAxis) {
  // N=1, C=3, H=1, W=2: position 0 scores (0.1, 0.8, 0.1), position 1 scores (0.6, 0.2, 0.2)
  AccuracyLayer layer(LayerParamFromText("type: 'Accuracy'"));
  Blob x(1, 3, 1, 2), label(1, 1, 1, 2), top;
  test::SetData(x, {0.1f, 0.6f, 0.8f, 0.2f, 0.1f, 0.2f});
  test::SetData(label, {1.f, 2.f});
  layer.SetUp({&x, &label}, {&top});
  layer.Forward({&x, &label}, {&top});
  EXPECT_FLOAT_EQ(top.cpu_data()[0], 0.5f);
}

TEST(AccuracyLayer, TopKLargerThanClassesThrows) {
  AccuracyLayer layer(LayerParamFromText("type: 'Accuracy' accuracy_param { top_k: 4 }"));
  Blob x({2, 3}), label({2}), top;
  EXPECT_THROW(layer.SetUp({&x, &label}, {&top}), ConfigError);
}

TEST(AccuracyLayer, LabelCountMismatchThrows) {
  AccuracyLayer layer(LayerParamFromText("type: 'Accuracy'"));
  Blob x({2, 3}), label({3}), top;
  EXPECT_THROW(layer.SetUp({&x, &label}, {&top}), ConfigError);
}

TEST(AccuracyLayer, LabelOutOfRangeThrows) {
  EXPECT_THROW(Accuracy({0, 1}, 2, {2.f}), DataError);
}

TEST(AccuracyLayer, BackwardThrows) {
  AccuracyLayer layer(LayerParamFromText("type: 'Accuracy'"));
  Blob x({2, 3}), label({2}), top;
  layer.SetUp({&x, &label}, {&top});
  layer.Forward({&x, &label}, {&top});
  EXPECT_NO_THROW(layer.Backward({&top}, {false, false}, {&x, &label}));
  EXPECT_THROW(layer.Backward({&top}, {true, false}, {&x, &label}), ConfigError);
}

TEST(AccuracyLayer, Registered) {
  auto layer = LayerRegistry::Global().Create(LayerParamFromText("type: 'Accuracy'"));
  EXPECT_STREQ(layer->type(), "Accuracy");
}

}  // namespace
}  // namespace crema
