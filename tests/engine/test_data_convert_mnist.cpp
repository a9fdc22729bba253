// convert-mnist (Caffe's convert_mnist_data layout, D1) and the LMDB cursor.
#include <gtest/gtest.h>

#include <cstdlib>

#include "caffe.pb.h"
#include "common.h"
#include "data/idx.h"
#include "data/lmdb_db.h"
#include "data/mnist_lmdb.h"
#include "log.h"
#include "test_data_tmpdir.h"

namespace crema {
namespace {

const std::string kMnist = std::string(CREMA_SHARED_DIR) + "/data/mnist/";

TEST(DataConvertMnist, KeysAreEightDigitIndices) {
  EXPECT_EQ(MnistKey(0), "00000000");
  EXPECT_EQ(MnistKey(59999), "00059999");  // D1: last train key
  EXPECT_EQ(MnistKey(9999), "00009999");   // D1: last test key
}

// D1 on the real MNIST test set: convert through crema-cli, then read keys and bytes back.
TEST(DataConvertMnist, CliConvertsSharedTestSetAndReadsBack) {
  test::TempDir dir;
  const std::string db = dir / "mnist_test_lmdb";
  const std::string cmd = std::string(CREMA_CLI_PATH) + " convert-mnist " + kMnist + "t10k-images-idx3-ubyte.gz " +
                          kMnist + "t10k-labels-idx1-ubyte.gz " + db + " 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;

  const IdxImages images = ReadIdxImages(kMnist + "t10k-images-idx3-ubyte.gz");
  const auto labels = ReadIdxLabels(kMnist + "t10k-labels-idx1-ubyte.gz");
  LmdbReader reader(db);
  ASSERT_EQ(reader.size(), 10000u);
  caffe::Datum datum;
  std::string last_key;
  for (int i = 0; i < 10000; ++i) {
    ASSERT_EQ(reader.key(), MnistKey(i));
    ASSERT_TRUE(datum.ParseFromString(reader.value()));
    ASSERT_EQ(datum.channels(), 1);
    ASSERT_EQ(datum.height(), 28);
    ASSERT_EQ(datum.width(), 28);
    ASSERT_EQ(datum.label(), labels[i]);
    ASSERT_EQ(datum.data(), std::string(reinterpret_cast<const char*>(images.image(i)), 784)) << "record " << i;
    ASSERT_EQ(datum.float_data_size(), 0);
    last_key = reader.key();
    reader.Next();
  }
  EXPECT_EQ(last_key, "00009999");
  EXPECT_EQ(reader.key(), "00000000");  // wrapped

  // A second run refuses to overwrite; --force replaces.
  EXPECT_NE(std::system(cmd.c_str()), 0);
  const std::string force = std::string(CREMA_CLI_PATH) + " convert-mnist --force " + kMnist +
                            "t10k-images-idx3-ubyte.gz " + kMnist + "t10k-labels-idx1-ubyte.gz " + db + " 2>/dev/null";
  EXPECT_EQ(std::system(force.c_str()), 0);
}

TEST(DataConvertMnist, RefusesToOverwriteWithClearError) {
  test::TempDir dir;
  IdxImages im;
  im.count = 1;
  im.rows = im.cols = 2;
  im.pixels = {1, 2, 3, 4};
  const std::string db = dir / "db";
  WriteMnistLmdb(db, im, {7});
  try {
    WriteMnistLmdb(db, im, {7});
    FAIL() << "expected DataError";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("already exists"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(db), std::string::npos) << e.what();
  }
  EXPECT_EQ(WriteMnistLmdb(db, im, {7}, {0, 0}, true), 2u);
  EXPECT_EQ(LmdbReader(db).size(), 2u);
}

TEST(DataLmdb, CursorWrapsAndLogsRestart) {
  test::TempDir dir;
  test::MakeCountingLmdb(dir / "db", 3);
  std::vector<std::string> lines;
  auto old = SetLogSink([&](LogLevel, const std::string& l) { lines.push_back(l); });
  LmdbReader reader(dir / "db");
  std::vector<std::string> keys;
  for (int i = 0; i < 7; ++i) {
    keys.push_back(reader.key());
    reader.Next();
  }
  SetLogSink(old);
  EXPECT_EQ(keys, (std::vector<std::string>{"00000000", "00000001", "00000002", "00000000", "00000001", "00000002",
                                            "00000000"}));
  int restarts = 0;
  for (const auto& l : lines) restarts += l.find("Restarting data prefetching from start.") != std::string::npos;
  EXPECT_EQ(restarts, 2);
}

TEST(DataLmdb, WriterCommitsInBatchesOfAThousand) {
  test::TempDir dir;
  {
    LmdbWriter writer(dir / "db", 1000);
    for (int i = 0; i < 2500; ++i) {
      writer.Put(MnistKey(i), "v");
      ASSERT_EQ(writer.pending(), static_cast<size_t>((i + 1) % 1000));
    }
    // 2000 committed, 500 pending until Commit / destruction.
  }
  EXPECT_EQ(LmdbReader(dir / "db").size(), 2500u);
}

TEST(DataLmdb, MissingOrInvalidDatabaseNamesThePath) {
  test::TempDir dir;
  try {
    LmdbReader r(dir / "nope_lmdb");
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find(dir / "nope_lmdb"), std::string::npos) << e.what();
  }
  try {
    LmdbReader r(dir.path());  // a directory without data.mdb
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("not an LMDB"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace crema
