// crema-cli train/test/time/info on a tiny net (DummyData + Scale + EuclideanLoss):
// the log parses with the field's regexes (Caffe's tools/extra/parse_log.py),
// flags behave as Caffe's, SIGHUP snapshots and SIGINT stops, resume works, and
// `test`/`time` print Caffe's summary lines.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "test_solver_util.h"

namespace crema {
namespace {

using test::TempDir;

/// A crema-cli child process with stdout and stderr on one pipe.
class CliProcess {
 public:
  explicit CliProcess(const std::vector<std::string>& args, const std::string& cwd = "",
                      const std::vector<std::string>& env = {}) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], 1);
      dup2(fds[1], 2);
      close(fds[0]);
      close(fds[1]);
      if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
      for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(CREMA_CLI_PATH));
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(CREMA_CLI_PATH, argv.data());
      _exit(127);
    }
    close(fds[1]);
    fd_ = fds[0];
  }
  ~CliProcess() {
    if (pid_ > 0 && !waited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (fd_ >= 0) close(fd_);
  }

  /// Reads output until `pattern` matches somewhere in it (true) or the process ends /
  /// `guard_seconds` pass (false). The guard only prevents a hang; it is not a timing check.
  bool ReadUntil(const std::string& pattern, int guard_seconds = 300) {
    const std::regex re(pattern);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(guard_seconds);
    while (!std::regex_search(out_, re)) {
      if (std::chrono::steady_clock::now() > deadline || !ReadSome(1000)) return std::regex_search(out_, re);
    }
    return true;
  }
  void Signal(int sig) { kill(pid_, sig); }
  /// Reads to EOF and returns the exit code (or 128 + signal).
  int Wait() {
    while (ReadSome(1000)) {
    }
    int status = 0;
    waitpid(pid_, &status, 0);
    waited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  const std::string& output() const { return out_; }

 private:
  /// False at EOF.
  bool ReadSome(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    const int r = poll(&p, 1, timeout_ms);
    if (r == 0) return true;
    char buf[4096];
    const ssize_t n = read(fd_, buf, sizeof buf);
    if (n <= 0) return false;
    out_.append(buf, static_cast<size_t>(n));
    return true;
  }
  pid_t pid_ = -1;
  int fd_ = -1;
  bool waited_ = false;
  std::string out_;
};

struct CliResult {
  int code;
  std::string out;
};

CliResult RunCli(const std::vector<std::string>& args, const std::string& cwd = "",
                 const std::vector<std::string>& env = {}) {
  CliProcess p(args, cwd, env);
  const int code = p.Wait();
  return {code, p.output()};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream is(text);
  for (std::string l; std::getline(is, l);) out.push_back(l);
  return out;
}

const char* kTinyNet = R"(name: "tiny"
layer { name: "data" type: "DummyData" top: "data" top: "target"
  dummy_data_param { shape { dim: 8 dim: 3 } shape { dim: 8 dim: 3 }
    data_filler { type: "gaussian" std: 1 } data_filler { type: "constant" value: 0.5 } } }
layer { name: "scale" type: "Scale" bottom: "data" top: "scaled"
  scale_param { bias_term: true filler { type: "uniform" min: -1 max: 1 } } }
layer { name: "loss" type: "EuclideanLoss" bottom: "scaled" bottom: "target" top: "loss" }
)";

/// Writes net.prototxt and solver.prototxt (relative net path) into `dir`.
std::string WriteTiny(const TempDir& dir, const std::string& solver_fields) {
  std::ofstream(dir / "net.prototxt") << kTinyNet;
  std::ofstream(dir / "solver.prototxt") << "net: \"net.prototxt\"\nbase_lr: 0.05\nmomentum: 0.9\n"
                                            "lr_policy: \"inv\"\ngamma: 0.001\npower: 0.75\nrandom_seed: 1\n"
                                         << solver_fields;
  return dir / "solver.prototxt";
}

// Caffe's tools/extra/parse_log.py, rule for rule.
struct ParsedLog {
  std::map<int, std::map<std::string, double>> train;  // iteration -> output -> value
  std::map<int, std::map<std::string, double>> test;
  std::map<int, double> lr;
  std::map<int, double> display_loss;  // "Iteration N (..), loss = X" (parse_log.sh style)
  int event_lines = 0;
  int events_without_prefix = 0;  // multi-line messages continue without a prefix, as in glog
};

ParsedLog ParseLikeParseLogPy(const std::string& log) {
  const std::regex regex_iteration(R"(Iteration (\d+))");
  const std::regex regex_train_output(R"(Train net output #(\d+): (\S+) = ([\.\deE+-]+))");
  const std::regex regex_test_output(R"(Test net output #(\d+): (\S+) = ([\.\deE+-]+))");
  const std::regex regex_learning_rate(R"(lr = ([-+]?[0-9]*\.?[0-9]+([eE]?[-+]?[0-9]+)?))");
  const std::regex regex_display(R"(Iteration (\d+) \(([\d.eE+-]+) iter/s, ([\d.eE+-]+)s/(\d+) iters\), loss = ([\d.eE+-]+))");
  const std::regex glog(R"(^[IWE]\d{4} \d{2}:\d{2}:\d{2}\.\d{6} +\d+ [\w.]+:\d+\] )");
  ParsedLog p;
  int iteration = -1;
  for (const auto& line : Lines(log)) {
    std::smatch m;
    if (std::regex_search(line, m, regex_iteration)) {
      iteration = std::stoi(m[1]);
      ++p.event_lines;
      if (!std::regex_search(line, glog)) ++p.events_without_prefix;
    }
    if (iteration == -1) continue;  // only after the first "Iteration" line, as parse_log.py
    if (std::regex_search(line, m, regex_learning_rate)) p.lr[iteration] = std::stod(m[1]);
    if (std::regex_search(line, m, regex_display)) p.display_loss[iteration] = std::stod(m[5]);
    if (std::regex_search(line, m, regex_train_output)) p.train[iteration][m[2]] = std::stod(m[3]);
    if (std::regex_search(line, m, regex_test_output)) p.test[iteration][m[2]] = std::stod(m[3]);
  }
  return p;
}

TEST(CliTrain, LogParsesWithCaffesParserAndHasEveryEvent) {
  TempDir dir;
  const std::string solver = WriteTiny(dir, "test_iter: 2\ntest_interval: 20\ndisplay: 10\nmax_iter: 40\n"
                                            "snapshot: 20\nsnapshot_prefix: \"snap/tiny\"\ntest_compute_loss: true\n");
  std::filesystem::create_directories(dir / "snap");
  const CliResult r = RunCli({"train", "--solver", solver, "--threads", "1"});
  ASSERT_EQ(r.code, 0) << r.out;
  const ParsedLog p = ParseLikeParseLogPy(r.out);
  EXPECT_GT(p.event_lines, 10);
  EXPECT_EQ(p.events_without_prefix, 0) << "event lines carry a glog prefix";
  // Display events at 0, 10, 20, 30 (and the final forward-only line at 40).
  std::vector<int> train_iters, test_iters, lr_iters, disp_iters;
  for (const auto& [it, v] : p.train) {
    train_iters.push_back(it);
    EXPECT_EQ(v.count("loss"), 1u) << it;
  }
  for (const auto& [it, v] : p.test) {
    test_iters.push_back(it);
    EXPECT_EQ(v.count("loss"), 1u) << it;
  }
  for (const auto& kv : p.lr) lr_iters.push_back(kv.first);
  for (const auto& kv : p.display_loss) disp_iters.push_back(kv.first);
  EXPECT_EQ(train_iters, (std::vector<int>{0, 10, 20, 30}));
  EXPECT_EQ(disp_iters, (std::vector<int>{0, 10, 20, 30}));
  EXPECT_EQ(lr_iters, (std::vector<int>{0, 10, 20, 30}));
  EXPECT_EQ(test_iters, (std::vector<int>{0, 20, 40}));
  EXPECT_NEAR(p.lr.at(10), 0.05 * std::pow(1 + 0.001 * 10, -0.75), 1e-7);
  EXPECT_LT(p.test.at(40).at("loss"), p.test.at(0).at("loss"));
  // The remaining Caffe lines.
  auto count = [&](const std::string& pattern) {
    int n = 0;
    const std::regex re(pattern);
    for (const auto& l : Lines(r.out)) n += std::regex_search(l, re);
    return n;
  };
  EXPECT_EQ(count(R"(\] Iteration 40, loss = [\d.eE+-]+$)"), 1);
  EXPECT_EQ(count(R"(\] Test loss: [\d.eE+-]+$)"), 3);
  EXPECT_EQ(count(R"(\]     Train net output #0: loss = [\d.eE+-]+ \(\* 1 = [\d.eE+-]+ loss\)$)"), 4);
  EXPECT_EQ(count(R"(\] Snapshotting to binary proto file .*snap/tiny_iter_20\.caffemodel$)"), 1);
  EXPECT_EQ(count(R"(\] Snapshotting solver state to binary proto file .*snap/tiny_iter_40\.solverstate$)"), 1);
  EXPECT_EQ(count(R"(\] Snapshotting to binary proto file)"), 2);  // no extra final snapshot (#2072)
  EXPECT_EQ(count(R"(\] Optimization Done\.$)"), 1);
  EXPECT_EQ(count(R"(\] Using 1 threads)"), 1);
  EXPECT_TRUE(test::FileExists(dir / "snap/tiny_iter_40.caffemodel"));
}

TEST(CliTrain, DefaultSnapshotPrefixIsTheSolverPath) {
  TempDir dir;
  const std::string solver = WriteTiny(dir, "max_iter: 3\n");
  const CliResult r = RunCli({"train", "--solver", solver}, "/");
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(test::FileExists(dir / "solver_iter_3.caffemodel"));
  EXPECT_TRUE(test::FileExists(dir / "solver_iter_3.solverstate"));
}

TEST(CliTrain, ResumeAndFinetuneFlags) {
  TempDir dir;
  const std::string solver = WriteTiny(dir, "max_iter: 20\nsnapshot: 10\ndisplay: 5\n");
  ASSERT_EQ(RunCli({"train", "--solver", solver}).code, 0);
  CliResult r = RunCli({"train", "--solver", solver, "--snapshot", dir / "solver_iter_10.solverstate"});
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("Restoring previous solver status from " + dir / "solver_iter_10.solverstate"),
            std::string::npos);
  EXPECT_EQ(r.out.find("Iteration 5 ("), std::string::npos);  // starts at 10
  EXPECT_NE(r.out.find("Iteration 10 ("), std::string::npos);
  r = RunCli({"train", "--solver", solver, "--weights",
              dir / "solver_iter_10.caffemodel," + dir / "solver_iter_20.caffemodel"});
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("Copying weights from " + dir / "solver_iter_20.caffemodel"), std::string::npos);
  // X8: a .caffemodel given as --snapshot.
  r = RunCli({"train", "--solver", solver, "--snapshot", dir / "solver_iter_10.caffemodel"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("Incorrect length of history blobs (0 vs. 2)"), std::string::npos) << r.out;
}

TEST(CliTrain, UsageErrors) {
  TempDir dir;
  const std::string solver = WriteTiny(dir, "max_iter: 1\n");
  EXPECT_EQ(RunCli({"train"}).code, 2);
  EXPECT_EQ(RunCli({"train", "--solver", solver, "--snapshot", "a.solverstate", "--weights", "b.caffemodel"}).code, 2);
  EXPECT_EQ(RunCli({"train", "--solver", solver, "--sigint_effect", "explode"}).code, 2);
  EXPECT_EQ(RunCli({"train", "--solver", solver, "--bogus", "1"}).code, 2);
  EXPECT_EQ(RunCli({"test", "--model", dir / "net.prototxt"}).code, 2);  // needs --weights
  std::ofstream(dir / "lower.prototxt") << "net: \"net.prototxt\" base_lr: 0.1 lr_policy: \"fixed\" type: \"adam\"";
  const CliResult r = RunCli({"train", "--solver", dir / "lower.prototxt"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("Unknown solver type: adam"), std::string::npos) << r.out;
}

TEST(CliTrain, SighupSnapshotsAndSigintStops) {
  TempDir dir;
  const std::string solver = WriteTiny(dir, "max_iter: 1000000000\ndisplay: 1000\n");
  CliProcess p({"train", "--solver", solver});
  ASSERT_TRUE(p.ReadUntil(R"(Iteration 1000 \()")) << p.output();
  p.Signal(SIGHUP);
  ASSERT_TRUE(p.ReadUntil(R"(Snapshotting solver state to binary proto file \S+_iter_\d+\.solverstate)")) << p.output();
  p.Signal(SIGINT);
  EXPECT_EQ(p.Wait(), 0) << p.output();
  EXPECT_NE(p.output().find("Optimization stopped early."), std::string::npos) << p.output();
  EXPECT_EQ(p.output().find("Optimization Done."), std::string::npos);
  int snapshots = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    snapshots += e.path().extension() == ".solverstate";
  }
  EXPECT_EQ(snapshots, 2);  // the SIGHUP one and the one after stopping (snapshot_after_train)
}

TEST(CliTrain, SignalEffectsAreConfigurable) {
  TempDir dir;
  const std::string solver = WriteTiny(dir, "max_iter: 1000000000\ndisplay: 1000\nsnapshot_after_train: false\n");
  CliProcess p({"train", "--solver", solver, "--sigint_effect", "none", "--sighup_effect", "stop"});
  ASSERT_TRUE(p.ReadUntil(R"(Iteration 1000 \()")) << p.output();
  p.Signal(SIGINT);  // ignored
  ASSERT_TRUE(p.ReadUntil(R"(Iteration 3000 \()")) << p.output();
  p.Signal(SIGHUP);
  EXPECT_EQ(p.Wait(), 0) << p.output();
  EXPECT_NE(p.output().find("Optimization stopped early."), std::string::npos);
}

TEST(CliTest, SummaryLinesAndDefaultIterations) {
  TempDir dir;
  const std::string solver = WriteTiny(dir, "max_iter: 5\n");
  ASSERT_EQ(RunCli({"train", "--solver", solver}).code, 0);
  CliResult r = RunCli({"test", "--model", dir / "net.prototxt", "--weights", dir / "solver_iter_5.caffemodel",
                        "--iterations", "3"});
  ASSERT_EQ(r.code, 0) << r.out;
  const std::regex batch(R"(\] Batch \d+, loss = [\d.eE+-]+$)");
  const std::regex loss_line(R"(\] Loss: ([\d.eE+-]+)$)");
  const std::regex summary(R"(\] loss = ([\d.eE+-]+) \(\* 1 = ([\d.eE+-]+) loss\)$)");
  int batches = 0, losses = 0, summaries = 0;
  for (const auto& l : Lines(r.out)) {
    batches += std::regex_search(l, batch);
    losses += std::regex_search(l, loss_line);
    summaries += std::regex_search(l, summary);
  }
  EXPECT_EQ(batches, 3);
  EXPECT_EQ(losses, 1);
  EXPECT_EQ(summaries, 1);
  EXPECT_NE(r.out.find("Running for 3 iterations."), std::string::npos);
  // T9: without --iterations, 50 batches.
  r = RunCli({"test", "--model", dir / "net.prototxt", "--weights", dir / "solver_iter_5.caffemodel"});
  ASSERT_EQ(r.code, 0) << r.out;
  batches = 0;
  for (const auto& l : Lines(r.out)) batches += std::regex_search(l, batch);
  EXPECT_EQ(batches, 50);
}

TEST(CliTime, PerLayerAndAverageLines) {
  TempDir dir;
  WriteTiny(dir, "");
  const CliResult r = RunCli({"time", "--model", dir / "net.prototxt", "--iterations", "4"});
  ASSERT_EQ(r.code, 0) << r.out;
  for (const char* layer : {"data", "scale", "loss"}) {
    EXPECT_EQ(std::regex_search(r.out, std::regex(std::string(R"(\] +)") + layer + R"(\tforward: [\d.eE+-]+ ms\.)")), true)
        << layer;
    EXPECT_EQ(std::regex_search(r.out, std::regex(std::string(R"(\] +)") + layer + R"(\tbackward: [\d.eE+-]+ ms\.)")),
              true)
        << layer;
  }
  for (const char* line : {"Average Forward pass: ", "Average Backward pass: ", "Average Forward-Backward: ",
                           "Total Time: "}) {
    EXPECT_TRUE(std::regex_search(r.out, std::regex(std::string(line) + R"([\d.eE+-]+ ms\.)"))) << line;
  }
  EXPECT_EQ(RunCli({"time", "--model", dir / "net.prototxt", "--phase", "VAL"}).code, 2);
}

TEST(CliInfo, ReportsEngineAndThreads) {
  CliResult r = RunCli({"info", "--threads", "3"});
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("oneDNN v"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Threads: 3"), std::string::npos) << r.out;
  r = RunCli({"info"}, "", {"CREMA_THREADS=2"});
  EXPECT_NE(r.out.find("Threads: 2"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace crema
