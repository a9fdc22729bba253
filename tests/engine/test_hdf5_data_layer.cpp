// HDF5Data layer (Caffe src/caffe/layers/hdf5_data_layer.cpp): rows in order
// across files with wrap-around, shapes of rank 2 and 4, double -> float,
// row-count mismatch errors, refused transform_param, shuffle, source paths,
// and a linear regression trained from an HDF5 source.
#include <gtest/gtest.h>


#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include "blob.h"
#include "common.h"
#include "data/hdf5_data_layer.h"
#include "hdf5_test_util.h"
#include "io/io.h"
#include "layer_registry.h"
#include "gradient_checker.h"
#include "layer_test_helpers.h"
#include "net.h"
#include "rng.h"
#include "solver/solver.h"
#include "test_data_tmpdir.h"

namespace crema {
namespace {

using test::H5Dataset;
using test::TempDir;
using test::WriteH5;

caffe::LayerParameter Param(const std::string& text) { return test::LayerParamFromText(text); }

void WriteList(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  for (const auto& l : lines) out << l << "\n";
}

std::vector<float> Values(const Blob& b) { return test::Data(b); }

// Rows of "data" (N x 2) hold [10*r + f, 10*r + f + 0.5] and "label" (N) holds 10*r + f, with f a per-file offset.
H5Dataset DataRows(int rows, int f) {
  H5Dataset d{"data", {static_cast<hsize_t>(rows), 2}, {}, false};
  for (int r = 0; r < rows; ++r) {
    d.values.push_back(10 * r + f);
    d.values.push_back(10 * r + f + 0.5);
  }
  return d;
}
H5Dataset LabelRows(int rows, int f) {
  H5Dataset d{"label", {static_cast<hsize_t>(rows)}, {}, false};
  for (int r = 0; r < rows; ++r) d.values.push_back(10 * r + f);
  return d;
}

// The editor's palette marks unregistered types "Caffe only"; both HDF5 layers are registered now.
TEST(HDF5DataLayer, BothHdf5LayersAreRegistered) {
  EXPECT_TRUE(LayerRegistry::Global().Has("HDF5Data"));
  EXPECT_TRUE(LayerRegistry::Global().Has("HDF5Output"));
}

TEST(HDF5DataLayer, ReadsRowsInOrderAcrossTwoFilesWithWrapAround) {
  TempDir dir;
  WriteH5(dir / "a.h5", {DataRows(3, 0), LabelRows(3, 0)});  // labels 0, 10, 20
  WriteH5(dir / "b.h5", {DataRows(2, 1), LabelRows(2, 1)});  // labels 1, 11
  // Relative entries resolve against the list's folder; blank lines are skipped.
  WriteList(dir / "list.txt", {"a.h5", "", "  " + (dir / "b.h5") + "  "});
  HDF5DataLayer layer(Param("name: 'h' type: 'HDF5Data' top: 'data' top: 'label' "
                            "hdf5_data_param { source: '" + dir / "list.txt" + "' batch_size: 4 }"));
  Blob data, label;
  layer.SetUp({}, {&data, &label});
  EXPECT_EQ(data.shape(), (std::vector<int>{4, 2}));
  EXPECT_EQ(label.shape(), (std::vector<int>{4}));
  ASSERT_EQ(layer.files().size(), 2u);
  EXPECT_EQ(layer.files()[0], dir / "a.h5");

  layer.Forward({}, {&data, &label});
  EXPECT_EQ(Values(label), (std::vector<float>{0, 10, 20, 1}));
  EXPECT_EQ(Values(data), (std::vector<float>{0, 0.5, 10, 10.5, 20, 20.5, 1, 1.5}));
  layer.Forward({}, {&data, &label});
  EXPECT_EQ(Values(label), (std::vector<float>{11, 0, 10, 20}));  // b ends, wraps to a
  layer.Forward({}, {&data, &label});
  EXPECT_EQ(Values(label), (std::vector<float>{1, 11, 0, 10}));
  EXPECT_EQ(Values(data), (std::vector<float>{1, 1.5, 11, 11.5, 0, 0.5, 10, 10.5}));
}

TEST(HDF5DataLayer, Rank4DataAndDoubleConvertedToFloat) {
  TempDir dir;
  H5Dataset data{"data", {3, 2, 1, 2}, {}, true};  // double
  for (int i = 0; i < 12; ++i) data.values.push_back(0.1 * i);
  H5Dataset label{"label", {3, 1}, {7, 8, 9}, true};
  WriteH5(dir / "x.h5", {data, label});
  WriteList(dir / "list.txt", {dir / "x.h5"});
  HDF5DataLayer layer(Param("name: 'h' type: 'HDF5Data' top: 'data' top: 'label' "
                            "hdf5_data_param { source: '" + dir / "list.txt" + "' batch_size: 2 }"));
  Blob d, l;
  layer.SetUp({}, {&d, &l});
  EXPECT_EQ(d.shape(), (std::vector<int>{2, 2, 1, 2}));
  EXPECT_EQ(l.shape(), (std::vector<int>{2, 1}));
  layer.Forward({}, {&d, &l});
  std::vector<float> want;
  for (int i = 0; i < 8; ++i) want.push_back(static_cast<float>(0.1 * i));  // the double rounded to float
  EXPECT_EQ(Values(d), want);
  EXPECT_EQ(Values(l), (std::vector<float>{7, 8}));
  layer.Forward({}, {&d, &l});  // row 2, then wrap to row 0
  EXPECT_EQ(Values(l), (std::vector<float>{9, 7}));
  EXPECT_EQ(d.cpu_data()[0], static_cast<float>(0.1 * 8));
  EXPECT_EQ(d.cpu_data()[4], 0.f);
}

TEST(HDF5DataLayer, MismatchedRowCountsNameFileAndDataset) {
  TempDir dir;
  WriteH5(dir / "bad.h5", {DataRows(3, 0), LabelRows(2, 0)});
  WriteList(dir / "list.txt", {dir / "bad.h5"});
  HDF5DataLayer layer(Param("name: 'h' type: 'HDF5Data' top: 'data' top: 'label' "
                            "hdf5_data_param { source: '" + dir / "list.txt" + "' batch_size: 2 }"));
  Blob d, l;
  try {
    layer.SetUp({}, {&d, &l});
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find(dir / "bad.h5"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'label' has 2 rows"), std::string::npos) << msg;
    EXPECT_NE(msg.find("'data' has 3"), std::string::npos) << msg;
  }
}

TEST(HDF5DataLayer, ErrorsForMissingDatasetListAndTransformParam) {
  TempDir dir;
  WriteH5(dir / "x.h5", {DataRows(2, 0)});
  WriteList(dir / "list.txt", {dir / "x.h5"});
  Blob d, l;
  {
    HDF5DataLayer layer(Param("name: 'h' type: 'HDF5Data' top: 'data' top: 'label' "
                              "hdf5_data_param { source: '" + dir / "list.txt" + "' batch_size: 2 }"));
    try {
      layer.SetUp({}, {&d, &l});
      FAIL() << "expected DataError";
    } catch (const DataError& e) {
      EXPECT_NE(std::string(e.what()).find("no dataset 'label'"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(dir / "x.h5"), std::string::npos) << e.what();
    }
  }
  {
    HDF5DataLayer layer(Param("name: 'h' type: 'HDF5Data' top: 'data' transform_param { scale: 2 } "
                              "hdf5_data_param { source: '" + dir / "list.txt" + "' batch_size: 2 }"));
    EXPECT_THROW(layer.SetUp({}, {&d}), ConfigError);
  }
  {
    HDF5DataLayer layer(Param("name: 'h' type: 'HDF5Data' top: 'data' "
                              "hdf5_data_param { source: '" + dir / "nope.txt" + "' batch_size: 2 }"));
    EXPECT_THROW(layer.SetUp({}, {&d}), IoError);
  }
  {
    WriteList(dir / "missing.txt", {dir / "nope.h5"});
    HDF5DataLayer layer(Param("name: 'h' type: 'HDF5Data' top: 'data' "
                              "hdf5_data_param { source: '" + dir / "missing.txt" + "' batch_size: 2 }"));
    EXPECT_THROW(layer.SetUp({}, {&d}), IoError);
  }
}

TEST(HDF5DataLayer, ShuffleVisitsEveryRowOncePerEpochAndFollowsTheSeed) {
  TempDir dir;
  WriteH5(dir / "x.h5", {LabelRows(8, 0)});
  WriteList(dir / "list.txt", {dir / "x.h5"});
  const std::string text = "name: 'h' type: 'HDF5Data' top: 'label' "
                           "hdf5_data_param { source: '" + dir / "list.txt" + "' batch_size: 8 shuffle: true }";
  auto epochs = [&](int seed) {
    Rng rng(seed);
    HDF5DataLayer layer(Param(text));
    layer.set_rng(&rng);
    Blob l;
    layer.SetUp({}, {&l});
    std::vector<std::vector<float>> out;
    for (int e = 0; e < 4; ++e) {
      layer.Forward({}, {&l});
      out.push_back(Values(l));
    }
    return out;
  };
  const auto a = epochs(5), b = epochs(5);
  EXPECT_EQ(a, b);
  const std::vector<float> in_order = {0, 10, 20, 30, 40, 50, 60, 70};
  int shuffled = 0;
  for (const auto& epoch : a) {
    std::vector<float> sorted = epoch;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, in_order);
    shuffled += epoch != in_order;
  }
  EXPECT_GT(shuffled, 0);  // 4 identity permutations of 8 rows would have probability (1/8!)^4
}

TEST(HDF5DataLayer, NetResolvesRelativeSourceAgainstBaseDir) {
  TempDir dir;
  WriteH5(dir / "x.h5", {DataRows(2, 0), LabelRows(2, 0)});
  WriteList(dir / "list.txt", {"x.h5"});
  caffe::NetParameter p = ParseNetParam(
      "layer { name: 'h' type: 'HDF5Data' top: 'data' top: 'label' hdf5_data_param { source: 'list.txt' "
      "batch_size: 3 } }",
      "net");
  Net net(p, nullptr, dir.path());
  net.Forward();
  EXPECT_EQ(Values(*net.blob_by_name("label")), (std::vector<float>{0, 10, 0}));
}

// y = 2 x0 - 3 x1 + 0.5 on 16 points in two files; InnerProduct(1) + EuclideanLoss trained with SGD.
TEST(HDF5DataLayer, TrainsALinearRegressionFromHdf5) {
  TempDir dir;
  std::vector<double> x, y;
  for (int i = 0; i < 16; ++i) {
    const double x0 = (i % 4) * 0.5 - 0.75, x1 = (i / 4) * 0.5 - 0.75;
    x.push_back(x0);
    x.push_back(x1);
    y.push_back(2 * x0 - 3 * x1 + 0.5);
  }
  WriteH5(dir / "a.h5", {{"data", {8, 2}, {x.begin(), x.begin() + 16}, true}, {"target", {8, 1}, {y.begin(), y.begin() + 8}, false}});
  WriteH5(dir / "b.h5", {{"data", {8, 2}, {x.begin() + 16, x.end()}, false}, {"target", {8, 1}, {y.begin() + 8, y.end()}, true}});
  WriteList(dir / "train.txt", {"a.h5", "b.h5"});
  const std::string solver_text =
      "net_param { name: 'linreg' "
      "layer { name: 'h' type: 'HDF5Data' top: 'data' top: 'target' "
      "        hdf5_data_param { source: 'train.txt' batch_size: 8 } } "
      "layer { name: 'ip' type: 'InnerProduct' bottom: 'data' top: 'pred' "
      "        inner_product_param { num_output: 1 weight_filler { type: 'constant' value: 0 } "
      "                              bias_filler { type: 'constant' value: 0 } } } "
      "layer { name: 'loss' type: 'EuclideanLoss' bottom: 'pred' bottom: 'target' top: 'loss' } } "
      "base_lr: 0.5 lr_policy: 'fixed' momentum: 0.5 max_iter: 200 display: 0 snapshot_after_train: false "
      "random_seed: 1";
  auto solver = CreateSolver(ParseSolverParam(solver_text, "solver"), dir.path());
  // With zero weights the first loss is sum(y^2) / (2 * 8) over the first file.
  double first = 0;
  for (int i = 0; i < 8; ++i) first += y[i] * y[i];
  first /= 16;
  EXPECT_NEAR(solver->net().Forward(), first, 1e-6);  // reads file a; the next Step reads b
  solver->Step(200);
  const Blob& w = *solver->net().layer_by_name("ip")->blobs()[0];
  const Blob& b = *solver->net().layer_by_name("ip")->blobs()[1];
  EXPECT_NEAR(w.cpu_data()[0], 2.0, 1e-3);
  EXPECT_NEAR(w.cpu_data()[1], -3.0, 1e-3);
  EXPECT_NEAR(b.cpu_data()[0], 0.5, 1e-3);
  EXPECT_LT(solver->net().Forward(), 1e-6);
}

}  // namespace
}  // namespace crema
