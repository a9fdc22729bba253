// HDF5Output layer (Caffe src/caffe/layers/hdf5_output_layer.cpp): writes what
// was fed as "data" and "label" with Caffe's legacy 4-D shapes; one Forward
// gives Caffe's file, later Forwards append rows (Caffe fails there, #1726).
#include <gtest/gtest.h>


#include <filesystem>

#include "blob.h"
#include "common.h"
#include "data/hdf5_output_layer.h"
#include "gradient_checker.h"
#include "hdf5_test_util.h"
#include "io/io.h"
#include "net.h"
#include "test_data_tmpdir.h"

namespace crema {
namespace {

using test::ReadH5;
using test::TempDir;

caffe::LayerParameter Param(const std::string& file) {
  return test::LayerParamFromText("name: 'out' type: 'HDF5Output' bottom: 'data' bottom: 'label' "
                                   "hdf5_output_param { file_name: '" + file + "' }");
}

void Fill(Blob* b, float start) {
  for (int i = 0; i < b->count(); ++i) b->mutable_cpu_data()[i] = start + static_cast<float>(i);
}

TEST(HDF5OutputLayer, WritesWhatWasFedAndAppendsEachForward) {
  TempDir dir;
  const std::string file = dir / "out.h5";
  HDF5OutputLayer layer(Param(file));
  Blob data({2, 3}), label({2});
  layer.SetUp({&data, &label}, {});
  EXPECT_FALSE(std::filesystem::exists(file));  // created by the first Forward, not at setup

  Fill(&data, 0.5f);
  Fill(&label, 7.f);
  layer.Forward({&data, &label}, {});
  // After one Forward: Caffe's file exactly: (N, C, H, W) with missing axes = 1.
  auto d = ReadH5(file, "data"), l = ReadH5(file, "label");
  ASSERT_TRUE(d.found && l.found);
  EXPECT_EQ(d.shape, (std::vector<hsize_t>{2, 3, 1, 1}));
  EXPECT_EQ(l.shape, (std::vector<hsize_t>{2, 1, 1, 1}));
  EXPECT_EQ(d.values, (std::vector<float>{0.5, 1.5, 2.5, 3.5, 4.5, 5.5}));
  EXPECT_EQ(l.values, (std::vector<float>{7, 8}));

  Fill(&data, 100.f);
  Fill(&label, -1.f);
  layer.Forward({&data, &label}, {});
  d = ReadH5(file, "data");
  l = ReadH5(file, "label");
  EXPECT_EQ(d.shape, (std::vector<hsize_t>{4, 3, 1, 1}));
  EXPECT_EQ(d.values, (std::vector<float>{0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 100, 101, 102, 103, 104, 105}));
  EXPECT_EQ(l.values, (std::vector<float>{7, 8, -1, 0}));
  EXPECT_EQ(layer.rows_written(), 4);

  // Setting up another layer on the same file leaves it alone (building a net for its
  // shapes must not lose data); that layer's first Forward starts the file afresh.
  HDF5OutputLayer again(Param(file));
  again.SetUp({&data, &label}, {});
  EXPECT_EQ(ReadH5(file, "data").shape, (std::vector<hsize_t>{4, 3, 1, 1}));
  Fill(&data, -5.f);
  again.Forward({&data, &label}, {});
  d = ReadH5(file, "data");
  EXPECT_EQ(d.shape, (std::vector<hsize_t>{2, 3, 1, 1}));
  EXPECT_EQ(d.values, (std::vector<float>{-5, -4, -3, -2, -1, 0}));
}

TEST(HDF5OutputLayer, Rank4BlobsInANet) {
  TempDir dir;
  const std::string file = dir / "net_out.h5";
  caffe::NetParameter p = ParseNetParam(
      "layer { name: 'in' type: 'DummyData' top: 'data' top: 'label' dummy_data_param { "
      "  shape { dim: 3 dim: 2 dim: 2 dim: 2 } shape { dim: 3 } "
      "  data_filler { type: 'constant' value: 1.5 } data_filler { type: 'constant' value: 4 } } } "
      "layer { name: 'out' type: 'HDF5Output' bottom: 'data' bottom: 'label' hdf5_output_param { file_name: '" +
          file + "' } }",
      "net");
  {
    Net net(p);
    net.Forward();
    net.Forward();
  }
  const auto d = ReadH5(file, "data");
  EXPECT_EQ(d.shape, (std::vector<hsize_t>{6, 2, 2, 2}));
  EXPECT_EQ(d.values, std::vector<float>(48, 1.5f));
  EXPECT_EQ(ReadH5(file, "label").values, std::vector<float>(6, 4.f));
}

TEST(HDF5OutputLayer, Errors) {
  TempDir dir;
  Blob data({2, 3}), label({3}), five({1, 1, 1, 1, 2}), one({1});
  {
    HDF5OutputLayer layer(Param(dir / "e.h5"));
    layer.SetUp({&data, &label}, {});
    EXPECT_THROW(layer.Forward({&data, &label}, {}), ConfigError);  // batch sizes differ
    EXPECT_THROW(layer.Forward({&five, &one}, {}), ConfigError);    // 5 axes
  }
  HDF5OutputLayer no_dir(Param(dir / "missing_dir/e.h5"));
  EXPECT_THROW(no_dir.SetUp({&data, &label}, {}), IoError);
}

}  // namespace
}  // namespace crema
