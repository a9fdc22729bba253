// Data layer over small LMDBs made in a temp dir: D5-D7 of caffe-semantics.md §9,
// shapes, transform, errors, clean shutdown.
#include <gtest/gtest.h>

#include <google/protobuf/text_format.h>

#include "blob.h"
#include "caffe.pb.h"
#include "common.h"
#include "data/data_layer.h"
#include "layer_registry.h"
#include "test_data_tmpdir.h"

namespace crema {
namespace {

caffe::LayerParameter DataParam(const std::string& source, int batch, const std::string& extra = "") {
  caffe::LayerParameter p;
  const std::string text = "name: 'data' type: 'Data' top: 'data' top: 'label' phase: TRAIN "
                           "data_param { source: '" + source + "' batch_size: " + std::to_string(batch) +
                           " backend: LMDB } " + extra;
  if (!google::protobuf::TextFormat::ParseFromString(text, &p)) throw ParseError(text);
  return p;
}

std::vector<int> Labels(const Blob& b) {
  std::vector<int> v;
  for (int i = 0; i < b.count(); ++i) v.push_back(static_cast<int>(b.cpu_data()[i]));
  return v;
}

TEST(DataLayer, RegisteredAsData) {
  EXPECT_TRUE(LayerRegistry::Global().Has("Data"));
  EXPECT_TRUE(LayerRegistry::Global().Has("MemoryData"));
  EXPECT_TRUE(LayerRegistry::Global().Has("DummyData"));
}

// D5: 10 records, batch 4 -> [0..3], [4..7], [8,9,0,1], [2..5].
TEST(DataLayer, D5_SequentialBatchesWrap) {
  test::TempDir dir;
  test::MakeCountingLmdb(dir / "db", 10, 1, 2, 3);
  auto layer = LayerRegistry::Global().Create(DataParam(dir / "db", 4, "transform_param { scale: 0.5 }"));
  Blob data, label;
  layer->SetUp({}, {&data, &label});
  EXPECT_EQ(data.shape(), (std::vector<int>{4, 1, 2, 3}));
  EXPECT_EQ(label.shape(), (std::vector<int>{4}));
  const std::vector<std::vector<int>> expected = {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 0, 1}, {2, 3, 4, 5}};
  for (const auto& want : expected) {
    layer->Forward({}, {&data, &label});
    EXPECT_EQ(Labels(label), want);
    for (int n = 0; n < 4; ++n)
      for (int k = 0; k < 6; ++k) ASSERT_FLOAT_EQ(data.cpu_data()[n * 6 + k], want[n] * 0.5f);
  }
}

// D6: MNIST-sized train set, batch 64: 937.5 batches per epoch; batch #937 mixes 59968-59999 and 0-31.
TEST(DataLayer, D6_BatchAcrossTheEpochBoundary) {
  test::TempDir dir;
  test::MakeCountingLmdb(dir / "db", 60000, 1, 1, 1);
  auto layer = LayerRegistry::Global().Create(DataParam(dir / "db", 64));
  Blob data, label;
  layer->SetUp({}, {&data, &label});
  for (int b = 0; b < 937; ++b) layer->Forward({}, {&data, &label});
  layer->Forward({}, {&data, &label});  // batch #937 (0-based)
  const auto l = Labels(label);
  for (int i = 0; i < 32; ++i) EXPECT_EQ(l[i], 59968 + i);
  for (int i = 0; i < 32; ++i) EXPECT_EQ(l[32 + i], i);
}

// D7: test_iter * batch != DB size: consecutive test passes see different (wrapped) subsets.
TEST(DataLayer, D7_ConsecutivePassesSeeDifferentRecords) {
  test::TempDir dir;
  test::MakeCountingLmdb(dir / "db", 10, 1, 1, 1);
  caffe::LayerParameter p = DataParam(dir / "db", 4);
  p.set_phase(caffe::TEST);
  auto layer = LayerRegistry::Global().Create(p);
  Blob data, label;
  layer->SetUp({}, {&data, &label});
  auto pass = [&] {  // test_iter 2
    std::vector<int> seen;
    for (int it = 0; it < 2; ++it) {
      layer->Forward({}, {&data, &label});
      for (int v : Labels(label)) seen.push_back(v);
    }
    return seen;
  };
  EXPECT_EQ(pass(), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(pass(), (std::vector<int>{8, 9, 0, 1, 2, 3, 4, 5}));
}

TEST(DataLayer, DataOnlyTopAndShapeFromFirstDatumOfEachBatch) {
  test::TempDir dir;
  {
    LmdbWriter w(dir / "db");
    for (int i = 0; i < 4; ++i) {
      caffe::Datum d;
      d.set_channels(1);
      d.set_height(i < 2 ? 2 : 3);
      d.set_width(i < 2 ? 2 : 3);
      d.set_data(std::string(i < 2 ? 4 : 9, static_cast<char>(i)));
      w.Put(MnistKey(i), d.SerializeAsString());
    }
  }
  caffe::LayerParameter p = DataParam(dir / "db", 2);
  p.clear_top();
  p.add_top("data");
  auto layer = LayerRegistry::Global().Create(p);
  Blob data;
  layer->SetUp({}, {&data});
  EXPECT_EQ(data.shape(), (std::vector<int>{2, 1, 2, 2}));
  layer->Forward({}, {&data});
  EXPECT_EQ(data.shape(), (std::vector<int>{2, 1, 2, 2}));
  layer->Forward({}, {&data});
  EXPECT_EQ(data.shape(), (std::vector<int>{2, 1, 3, 3}));
  EXPECT_FLOAT_EQ(data.cpu_data()[9], 3.f);
}

TEST(DataLayer, MixedShapesInOneBatchFailOnForward) {
  test::TempDir dir;
  {
    LmdbWriter w(dir / "db");
    for (int i = 0; i < 2; ++i) {
      caffe::Datum d;
      d.set_channels(1);
      d.set_height(i + 1);
      d.set_width(1);
      d.set_data(std::string(i + 1, 'x'));
      w.Put(MnistKey(i), d.SerializeAsString());
    }
  }
  auto layer = LayerRegistry::Global().Create(DataParam(dir / "db", 2));
  Blob data, label;
  layer->SetUp({}, {&data, &label});
  EXPECT_THROW(layer->Forward({}, {&data, &label}), DataError);
  EXPECT_THROW(layer->Forward({}, {&data, &label}), DataError);  // stays failed, does not hang
}

TEST(DataLayer, TrainCropDrawsFromLayerRng) {
  test::TempDir dir;
  test::MakeCountingLmdb(dir / "db", 5, 1, 4, 4);
  auto layer = LayerRegistry::Global().Create(DataParam(dir / "db", 2, "transform_param { crop_size: 3 }"));
  Blob data, label;
  // A random crop needs the layer's rng: without it setup fails clearly.
  EXPECT_THROW(layer->SetUp({}, {&data, &label}), ConfigError);
  auto layer2 = LayerRegistry::Global().Create(DataParam(dir / "db", 2, "transform_param { crop_size: 3 }"));
  Rng rng(1);
  layer2->set_rng(&rng);
  layer2->SetUp({}, {&data, &label});
  EXPECT_EQ(data.shape(), (std::vector<int>{2, 1, 3, 3}));
  layer2->Forward({}, {&data, &label});
  EXPECT_EQ(Labels(label), (std::vector<int>{0, 1}));
}

TEST(DataLayer, MissingDatabaseNamesThePathTried) {
  test::TempDir dir;
  auto layer = LayerRegistry::Global().Create(DataParam(dir / "missing_lmdb", 2));
  Blob data, label;
  try {
    layer->SetUp({}, {&data, &label});
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find(dir / "missing_lmdb"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("'data'"), std::string::npos) << e.what();
  }
}

TEST(DataLayer, LevelDbBackendIsAClearConfigError) {
  test::TempDir dir;
  test::MakeCountingLmdb(dir / "db", 2);
  caffe::LayerParameter p = DataParam(dir / "db", 2);
  p.mutable_data_param()->set_backend(caffe::DataParameter::LEVELDB);
  auto layer = LayerRegistry::Global().Create(p);
  Blob data, label;
  try {
    layer->SetUp({}, {&data, &label});
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("LEVELDB backend not supported"), std::string::npos) << e.what();
  }
  // Backend left unset (Caffe's default LEVELDB) on an LMDB directory: read as LMDB.
  p.mutable_data_param()->clear_backend();
  auto lenient = LayerRegistry::Global().Create(p);
  lenient->SetUp({}, {&data, &label});
  lenient->Forward({}, {&data, &label});
  EXPECT_EQ(Labels(label), (std::vector<int>{0, 1}));
}

TEST(DataLayer, BackwardDoesNothingAndDestructionStopsPrefetch) {
  test::TempDir dir;
  test::MakeCountingLmdb(dir / "db", 3);
  for (int prefetch : {1, 4}) {
    caffe::LayerParameter p = DataParam(dir / "db", 2);
    p.mutable_data_param()->set_prefetch(prefetch);
    auto layer = LayerRegistry::Global().Create(p);
    Blob data, label;
    layer->SetUp({}, {&data, &label});
    layer->Forward({}, {&data, &label});
    data.set_diff(3.f);
    layer->Backward({&data, &label}, {false, false}, {});
    EXPECT_FLOAT_EQ(data.cpu_diff()[0], 3.f);
    layer.reset();  // joins the prefetch thread while it waits for a free batch
  }
}

}  // namespace
}  // namespace crema
