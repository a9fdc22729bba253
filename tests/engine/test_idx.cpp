// IDX (MNIST) reader: the real test digits in ../shared/data/mnist, and malformed files.
#include <gtest/gtest.h>

#include <fstream>

#include "common.h"
#include "data/idx.h"
#include "test_data_tmpdir.h"

namespace crema {
namespace {

const std::string kMnist = std::string(CREMA_SHARED_DIR) + "/data/mnist/";

TEST(Idx, ReadsSharedMnistTestLabels) {
  const auto labels = ReadIdxLabels(kMnist + "t10k-labels-idx1-ubyte.gz");
  ASSERT_EQ(labels.size(), 10000u);
  const std::vector<uint8_t> first = {7, 2, 1, 0, 4, 1, 4, 9};
  EXPECT_EQ(std::vector<uint8_t>(labels.begin(), labels.begin() + 8), first);
  int count[10] = {};
  for (auto l : labels) {
    ASSERT_LT(l, 10);
    ++count[l];
  }
  EXPECT_EQ(count[0], 980);  // the MNIST test set has 980 zeros and 1135 ones
  EXPECT_EQ(count[1], 1135);
}

TEST(Idx, ReadsSharedMnistTestImages) {
  const IdxImages images = ReadIdxImages(kMnist + "t10k-images-idx3-ubyte.gz");
  EXPECT_EQ(images.count, 10000);
  EXPECT_EQ(images.rows, 28);
  EXPECT_EQ(images.cols, 28);
  ASSERT_EQ(images.pixels.size(), 10000u * 784u);
  // The first digit (a 7): border rows are blank, and it has ink.
  const uint8_t* img = images.image(0);
  for (int x = 0; x < 28; ++x) EXPECT_EQ(img[x], 0);
  int ink = 0;
  for (int i = 0; i < 784; ++i) ink += img[i] > 128;
  EXPECT_GT(ink, 50);
  EXPECT_LT(ink, 300);
}

void WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

TEST(Idx, ReadsRawUncompressedFiles) {
  test::TempDir dir;
  // 2 images of 1x2, magic 0x00000803.
  WriteBytes(dir / "img", {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 10, 20, 30, 40});
  WriteBytes(dir / "lab", {0, 0, 8, 1, 0, 0, 0, 2, 5, 6});
  const IdxImages im = ReadIdxImages(dir / "img");
  EXPECT_EQ(im.count, 2);
  EXPECT_EQ(im.rows, 1);
  EXPECT_EQ(im.cols, 2);
  EXPECT_EQ(im.image(1)[0], 30);
  EXPECT_EQ(im.image(1)[1], 40);
  EXPECT_EQ(ReadIdxLabels(dir / "lab"), (std::vector<uint8_t>{5, 6}));
}

std::string ErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

TEST(Idx, ErrorsNameTheFileAndTheProblem) {
  test::TempDir dir;
  WriteBytes(dir / "lab", {0, 0, 8, 1, 0, 0, 0, 2, 5, 6});
  // Labels given where images are expected: bad magic.
  std::string e = ErrorOf([&] { ReadIdxImages(dir / "lab"); });
  EXPECT_NE(e.find(dir / "lab"), std::string::npos) << e;
  EXPECT_NE(e.find("magic"), std::string::npos) << e;
  EXPECT_NE(e.find("2049"), std::string::npos) << e;
  // Truncated payload.
  WriteBytes(dir / "short", {0, 0, 8, 1, 0, 0, 0, 5, 1, 2});
  e = ErrorOf([&] { ReadIdxLabels(dir / "short"); });
  EXPECT_NE(e.find("truncated"), std::string::npos) << e;
  // Missing file.
  e = ErrorOf([&] { ReadIdxLabels(dir / "absent.gz"); });
  EXPECT_NE(e.find(dir / "absent.gz"), std::string::npos) << e;
  // Corrupt gzip stream.
  WriteBytes(dir / "bad.gz", {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3});
  e = ErrorOf([&] { ReadIdxLabels(dir / "bad.gz"); });
  EXPECT_NE(e.find("gzip"), std::string::npos) << e;
}

}  // namespace
}  // namespace crema
