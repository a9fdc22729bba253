// MemoryData layer: arrays fed from code via Reset, batches in order with wrap.
#include <gtest/gtest.h>

#include "blob.h"
#include "common.h"
#include "data/memory_data_layer.h"
#include "gradient_checker.h"

namespace crema {
namespace {

using test::LayerParamFromText;

TEST(MemoryDataLayer, ShapesAndBatchesWrap) {
  MemoryDataLayer layer(
      LayerParamFromText("name: 'm' type: 'MemoryData' top: 'data' top: 'label' "
                         "memory_data_param { batch_size: 2 channels: 1 height: 1 width: 3 }"));
  Blob data, label;
  layer.SetUp({}, {&data, &label});
  EXPECT_EQ(data.shape(), (std::vector<int>{2, 1, 1, 3}));
  EXPECT_EQ(label.shape(), (std::vector<int>{2}));
  EXPECT_THROW(layer.Forward({}, {&data, &label}), ConfigError);  // Reset not called

  std::vector<float> x(4 * 3), y = {10, 11, 12, 13};
  for (int i = 0; i < 12; ++i) x[i] = static_cast<float>(i);
  layer.Reset(x.data(), y.data(), 4);
  x.assign(12, -1.f);  // the layer keeps its own copy
  layer.Forward({}, {&data, &label});
  EXPECT_EQ(std::vector<float>(data.cpu_data(), data.cpu_data() + 6), (std::vector<float>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(std::vector<float>(label.cpu_data(), label.cpu_data() + 2), (std::vector<float>{10, 11}));
  layer.Forward({}, {&data, &label});
  EXPECT_FLOAT_EQ(data.cpu_data()[0], 6.f);
  EXPECT_FLOAT_EQ(label.cpu_data()[1], 13.f);
  EXPECT_EQ(layer.position(), 0);
  layer.Forward({}, {&data, &label});  // wrapped
  EXPECT_FLOAT_EQ(label.cpu_data()[0], 10.f);
}

TEST(MemoryDataLayer, ResetRequiresMultipleOfBatchAndPositiveSizes) {
  MemoryDataLayer layer(
      LayerParamFromText("name: 'm' type: 'MemoryData' top: 'data' top: 'label' "
                         "memory_data_param { batch_size: 2 channels: 1 height: 1 width: 1 }"));
  Blob data, label;
  layer.SetUp({}, {&data, &label});
  float x[3] = {1, 2, 3}, y[3] = {0, 0, 0};
  EXPECT_THROW(layer.Reset(x, y, 3), ConfigError);
  EXPECT_THROW(layer.Reset(nullptr, y, 2), ConfigError);

  MemoryDataLayer bad(
      LayerParamFromText("name: 'm' type: 'MemoryData' top: 'data' top: 'label' "
                         "memory_data_param { batch_size: 2 channels: 1 height: 0 width: 1 }"));
  EXPECT_THROW(bad.SetUp({}, {&data, &label}), ConfigError);

  layer.set_batch_size(3);
  layer.Reset(x, y, 3);
  layer.Forward({}, {&data, &label});
  EXPECT_EQ(data.shape(), (std::vector<int>{3, 1, 1, 1}));
  EXPECT_FLOAT_EQ(data.cpu_data()[2], 3.f);
}

}  // namespace
}  // namespace crema
