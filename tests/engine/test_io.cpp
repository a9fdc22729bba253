// Tests of engine/io: text/binary reading and writing of Caffe's formats on the
// real files in ../shared/data, parse-error positions, atomic writes.
#include <dirent.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "common.h"
#include "io/io.h"

namespace crema {
namespace {

using google::protobuf::util::MessageDifferencer;

const std::string kShared = CREMA_SHARED_DIR;

std::vector<std::string> ListDir(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  DIR* d = opendir(dir.c_str());
  if (!d) return out;
  while (dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(dir + "/" + name);
    }
  }
  closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

/// Solver files are the ones whose file name (not folder) mentions "solver".
bool IsSolverFile(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return path.find("solver", slash == std::string::npos ? 0 : slash + 1) != std::string::npos;
}

/// A fresh, empty temp directory removed (with its files) at scope exit.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/crema_io_test_XXXXXX";
    const char* d = mkdtemp(tmpl);
    if (!d) throw IoError("mkdtemp failed");
    path_ = d;
  }
  ~TempDir() { RemoveTree(path_); }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  std::vector<std::string> Entries() const {
    std::vector<std::string> out;
    DIR* d = opendir(path_.c_str());
    while (dirent* e = readdir(d)) {
      const std::string n = e->d_name;
      if (n != "." && n != "..") out.push_back(n);
    }
    closedir(d);
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  static void RemoveTree(const std::string& p) {
    struct stat st {};
    if (lstat(p.c_str(), &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
      chmod(p.c_str(), 0755);
      if (DIR* d = opendir(p.c_str())) {
        while (dirent* e = readdir(d)) {
          const std::string n = e->d_name;
          if (n != "." && n != "..") RemoveTree(p + "/" + n);
        }
        closedir(d);
      }
      rmdir(p.c_str());
    } else {
      unlink(p.c_str());
    }
  }
  std::string path_;
};

void WriteRaw(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string ReadRaw(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> AllPrototxts() {
  std::vector<std::string> files;
  for (const char* sub : {"/data/caffe/models", "/data/caffe/legacy_v1", "/data/caffe/trained", "/data/seed"}) {
    for (const auto& f : ListDir(kShared + sub, ".prototxt")) files.push_back(f);
  }
  return files;
}

TEST(IoText, EveryPrototxtInSharedDataParses) {
  const auto files = AllPrototxts();
  ASSERT_GE(files.size(), 25u);
  for (const auto& f : files) {
    SCOPED_TRACE(f);
    if (IsSolverFile(f)) {
      const caffe::SolverParameter s = ReadSolverParamFromTextFile(f);
      EXPECT_TRUE(s.has_base_lr());
      EXPECT_FALSE(s.has_solver_type());
    } else {
      const caffe::NetParameter n = ReadNetParamFromTextFile(f);
      EXPECT_GT(n.layer_size() + n.layers_size(), 0);
    }
  }
}

TEST(IoText, SeedSolverFieldsAreRead) {
  const auto s = ReadSolverParamFromTextFile(kShared + "/data/seed/lenet_auto_solver.prototxt");
  EXPECT_FLOAT_EQ(s.base_lr(), 0.01f);
  EXPECT_FLOAT_EQ(s.momentum(), 0.9f);
  EXPECT_FLOAT_EQ(s.weight_decay(), 0.0005f);
  EXPECT_EQ(s.lr_policy(), "inv");
  EXPECT_EQ(s.max_iter(), 10000);
  EXPECT_EQ(s.type(), "SGD");
}

TEST(IoText, TextRoundTripOfEveryPrototxtIsEqual) {
  TempDir tmp;
  for (const auto& f : AllPrototxts()) {
    SCOPED_TRACE(f);
    const std::string out = tmp.File("roundtrip.prototxt");
    if (IsSolverFile(f)) {
      caffe::SolverParameter a;
      ReadTextProtoFile(f, &a);
      WriteTextProtoFile(out, a);
      caffe::SolverParameter b;
      ReadTextProtoFile(out, &b);
      EXPECT_TRUE(MessageDifferencer::Equals(a, b));
    } else {
      caffe::NetParameter a;
      ReadTextProtoFile(f, &a);
      WriteTextProtoFile(out, a);
      caffe::NetParameter b;
      ReadTextProtoFile(out, &b);
      EXPECT_TRUE(MessageDifferencer::Equals(a, b));
      EXPECT_EQ(ToTextProto(a), ReadRaw(out));
    }
  }
  EXPECT_EQ(tmp.Entries(), std::vector<std::string>{"roundtrip.prototxt"});
}

TEST(IoBinary, CaffemodelRoundTrip) {
  const std::string src = kShared + "/data/caffe/trained/lenet_iter_10000.caffemodel";
  caffe::NetParameter a;
  ReadBinaryProtoFile(src, &a);
  // LeNet trained by Caffe: conv1 20x1x5x5 weights, ip2 10x500.
  ASSERT_GE(a.layer_size(), 8);
  int with_blobs = 0;
  for (const auto& l : a.layer()) with_blobs += l.blobs_size() > 0;
  EXPECT_EQ(with_blobs, 4);
  TempDir tmp;
  const std::string out = tmp.File("copy.caffemodel");
  WriteBinaryProtoFile(out, a);
  caffe::NetParameter b;
  ReadBinaryProtoFile(out, &b);
  EXPECT_TRUE(MessageDifferencer::Equals(a, b));
  EXPECT_EQ(ReadRaw(src).size(), ReadRaw(out).size());
  // The high-level reader gives the same (already current-format) net.
  EXPECT_TRUE(MessageDifferencer::Equals(a, ReadNetParamFromBinaryFile(src)));
}

TEST(IoBinary, SolverstateRoundTrip) {
  const std::string src = kShared + "/data/caffe/trained/lenet_iter_10000.solverstate";
  caffe::SolverState a;
  ReadBinaryProtoFile(src, &a);
  EXPECT_EQ(a.iter(), 10000);
  EXPECT_EQ(a.history_size(), 8);  // SGD: one history blob per learnable param (X9)
  TempDir tmp;
  const std::string out = tmp.File("copy.solverstate");
  WriteBinaryProtoFile(out, a);
  caffe::SolverState b;
  ReadBinaryProtoFile(out, &b);
  EXPECT_TRUE(MessageDifferencer::Equals(a, b));
}

TEST(IoBinary, GarbageIsAParseErrorNamingTheFile) {
  TempDir tmp;
  const std::string f = tmp.File("bad.caffemodel");
  WriteRaw(f, std::string("\xff\xff\xff\xff\xff\xff", 6));
  caffe::NetParameter p;
  try {
    ReadBinaryProtoFile(f, &p);
    FAIL() << "expected ParseError";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find(f), std::string::npos) << e.what();
  }
  EXPECT_THROW(ReadBinaryProtoFile(tmp.File("missing.caffemodel"), &p), IoError);
  EXPECT_THROW(ReadBinaryProtoFile(tmp.path(), &p), IoError);
}

// --- parse errors: file:line:column, 1-based ---------------------------------

std::string ParseErrorOf(const std::string& path) {
  try {
    ReadNetParamFromTextFile(path);
  } catch (const ParseError& e) {
    return e.what();
  }
  return "";
}

TEST(IoText, UnknownFieldReportsFileLineColumn) {
  TempDir tmp;
  const std::string f = tmp.File("net.prototxt");
  WriteRaw(f,
           "name: \"x\"\n"
           "layer {\n"
           "  name: \"data\"\n"
           "  bogus_field: 3\n"
           "}\n");
  const std::string msg = ParseErrorOf(f);
  // protobuf reports the position just after the unknown name (the ':').
  EXPECT_EQ(msg.rfind(f + ":4:14: ", 0), 0u) << msg;
  EXPECT_NE(msg.find("bogus_field"), std::string::npos) << msg;
}

TEST(IoText, MissingBraceReportsEndOfInput) {
  TempDir tmp;
  const std::string f = tmp.File("net.prototxt");
  WriteRaw(f,
           "layer {\n"
           "  name: \"data\"\n"
           "  type: \"Input\"\n");
  const std::string msg = ParseErrorOf(f);
  // The parser notices at end of input: line 4 (after the last newline), column 1.
  EXPECT_EQ(msg.rfind(f + ":4:1: ", 0), 0u) << msg;
}

TEST(IoText, SingularFieldTwiceIsAnErrorX10) {
  TempDir tmp;
  const std::string f = tmp.File("solver.prototxt");
  WriteRaw(f,
           "net: \"n.prototxt\"\n"
           "base_lr: 0.01\n"
           "momentum: 0.9\n"
           "base_lr: 0.02\n");
  try {
    ReadSolverParamFromTextFile(f);
    FAIL() << "expected ParseError";
  } catch (const ParseError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(f + ":4:8: ", 0), 0u) << msg;  // the ':' after the second base_lr
    EXPECT_NE(msg.find("base_lr"), std::string::npos) << msg;
    EXPECT_NE(msg.find("specified multiple times"), std::string::npos) << msg;
  }
}

TEST(IoText, RepeatedStepvalueIsFineX10) {
  const auto s = ParseSolverParam("lr_policy: \"multistep\" stepvalue: 100 stepvalue: 200\n", "mem");
  ASSERT_EQ(s.stepvalue_size(), 2);
  EXPECT_EQ(s.stepvalue(1), 200);
}

TEST(IoText, ErrorsAreCollectedWithOneBasedPositions) {
  caffe::NetParameter p;
  std::vector<TextParseIssue> issues;
  try {
    ParseTextProto("name: \"a\"\nlayer {\n  name: \"b\" }\n   }\n", "editor", &p, &issues);
    FAIL() << "expected ParseError";
  } catch (const ParseError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("editor:4:4: ", 0), 0u) << e.what();  // the stray '}'
  }
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].line, 4);
  EXPECT_EQ(issues[0].column, 4);
  EXPECT_FALSE(issues[0].warning);
}

TEST(IoText, UnreadableFileIsIoError) {
  TempDir tmp;
  EXPECT_THROW(ReadNetParamFromTextFile(tmp.File("nope.prototxt")), IoError);
  EXPECT_THROW(ReadNetParamFromTextFile(tmp.path()), IoError);
}

// --- atomic writes ---------------------------------------------------------

TEST(IoAtomic, ReplacesExistingFileAndLeavesNoTemp) {
  TempDir tmp;
  const std::string f = tmp.File("out.bin");
  WriteRaw(f, "old");
  chmod(f.c_str(), 0640);
  WriteFileAtomically(f, "new contents");
  EXPECT_EQ(ReadRaw(f), "new contents");
  struct stat st {};
  ASSERT_EQ(stat(f.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);  // the replaced file's mode is kept
  EXPECT_EQ(tmp.Entries(), std::vector<std::string>{"out.bin"});
}

TEST(IoAtomic, WritingOverADirectoryFailsCleanly) {
  TempDir tmp;
  const std::string sub = tmp.File("snap");
  ASSERT_EQ(mkdir(sub.c_str(), 0755), 0);
  try {
    WriteFileAtomically(sub, "data");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(sub), std::string::npos) << e.what();
  }
  EXPECT_EQ(tmp.Entries(), std::vector<std::string>{"snap"});
}

TEST(IoAtomic, MissingDirectoryIsIoErrorNamingThePath) {
  TempDir tmp;
  const std::string f = tmp.File("no/such/dir/x.caffemodel");
  try {
    WriteFileAtomically(f, "data");
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find(f), std::string::npos) << e.what();
  }
  EXPECT_TRUE(tmp.Entries().empty());
}

TEST(IoAtomic, ReadOnlyDirectoryFailsAndKeepsExistingFile) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions (see FailedWriteKeepsExistingFile)";
  TempDir tmp;
  const std::string f = tmp.File("model.caffemodel");
  WriteRaw(f, "previous snapshot");
  ASSERT_EQ(chmod(tmp.path().c_str(), 0555), 0);
  EXPECT_THROW(WriteFileAtomically(f, "new"), IoError);
  chmod(tmp.path().c_str(), 0755);
  EXPECT_EQ(ReadRaw(f), "previous snapshot");
  EXPECT_EQ(tmp.Entries(), std::vector<std::string>{"model.caffemodel"});
}

// A write that fails midway (file-size limit, as on a full disk) must leave the
// old file intact and no temp file behind. Works for root too.
TEST(IoAtomic, FailedWriteKeepsExistingFile) {
  TempDir tmp;
  const std::string f = tmp.File("model.caffemodel");
  WriteRaw(f, "previous snapshot");
  struct sigaction ignore {}, old_action {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGXFSZ, &ignore, &old_action);
  rlimit old_limit{};
  getrlimit(RLIMIT_FSIZE, &old_limit);
  rlimit small = old_limit;
  small.rlim_cur = 4096;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  bool threw = false;
  std::string what;
  try {
    WriteFileAtomically(f, std::string(100000, 'x'));
  } catch (const IoError& e) {
    threw = true;
    what = e.what();
  }
  setrlimit(RLIMIT_FSIZE, &old_limit);
  sigaction(SIGXFSZ, &old_action, nullptr);
  EXPECT_TRUE(threw);
  EXPECT_NE(what.find(f), std::string::npos) << what;
  EXPECT_EQ(ReadRaw(f), "previous snapshot");
  EXPECT_EQ(tmp.Entries(), std::vector<std::string>{"model.caffemodel"});
}

// --- path helpers -------------------------------------------------------------

TEST(IoPaths, DirNameAndJoinPath) {
  EXPECT_EQ(DirName("examples/mnist/lenet.prototxt"), "examples/mnist");
  EXPECT_EQ(DirName("lenet.prototxt"), ".");
  EXPECT_EQ(DirName(""), ".");
  EXPECT_EQ(DirName("/lenet.prototxt"), "/");
  EXPECT_EQ(DirName("/a/b/"), "/a/b");
  EXPECT_EQ(DirName("a//b"), "a");
  EXPECT_EQ(JoinPath("models", "mnist_train_lmdb"), "models/mnist_train_lmdb");
  EXPECT_EQ(JoinPath("models/", "x"), "models/x");
  EXPECT_EQ(JoinPath("models", "/abs/x"), "/abs/x");
  EXPECT_EQ(JoinPath("", "x"), "x");
  EXPECT_EQ(JoinPath(DirName("lenet.prototxt"), "db"), "./db");
}

}  // namespace
}  // namespace crema
