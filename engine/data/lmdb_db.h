// Thin RAII wrappers over the liblmdb C API for Caffe-style databases
// (a directory holding data.mdb/lock.mdb; keys are strings, values are
// serialised caffe::Datum records). Follows Caffe's src/caffe/util/db_lmdb.cpp:
// readers open MDB_RDONLY|MDB_NOTLS (and fall back to MDB_NOLOCK when the
// lock file is not writable), writers buffer puts and commit in batches,
// doubling the map size when it is full.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct MDB_env;
struct MDB_txn;
struct MDB_cursor;

namespace crema {

/// True when `path` is a directory containing an LMDB data file (data.mdb).
bool IsLmdbDirectory(const std::string& path);

/// Read-only view of one LMDB: record count and a sequential cursor that wraps
/// to the first record at the end (Caffe's DataLayer::Next), logging
/// "Restarting data prefetching from start." when it does. The cursor may be
/// used from a thread other than the one that opened it (MDB_NOTLS), but by
/// one thread at a time.
class LmdbReader {
 public:
  /// Opens the database. Throws DataError naming the path when it is missing,
  /// not an LMDB, unreadable, or empty.
  explicit LmdbReader(const std::string& path);
  ~LmdbReader();
  LmdbReader(const LmdbReader&) = delete;
  LmdbReader& operator=(const LmdbReader&) = delete;

  const std::string& path() const { return path_; }
  /// Number of records (mdb_stat ms_entries).
  size_t size() const { return size_; }
  /// Positions at the first record.
  void SeekToFirst();
  /// Key and value of the current record (valid until the next move).
  std::string key() const;
  std::string value() const;
  /// Moves to the next record; at the end wraps to the first and logs the restart.
  /// Returns true when it wrapped.
  bool Next();
  /// Records passed since opening, counting wraps (Caffe's offset_).
  size_t position() const { return position_; }

 private:
  void Move(int op);
  std::string path_;
  MDB_env* env_ = nullptr;
  MDB_txn* txn_ = nullptr;
  unsigned dbi_ = 0;
  MDB_cursor* cursor_ = nullptr;
  size_t size_ = 0;
  size_t position_ = 0;
  bool valid_ = false;
  struct Val {
    const void* data = nullptr;
    size_t size = 0;
  } key_, value_;
};

/// Writes key/value records into a new or existing LMDB directory (created
/// if absent). Puts are buffered and committed every `commit_every` puts (Caffe's
/// convert_mnist_data commits every 1000) and on Commit()/destruction.
class LmdbWriter {
 public:
  /// Throws DataError if the directory cannot be created or opened.
  explicit LmdbWriter(const std::string& path, size_t commit_every = 1000);
  /// Commits pending puts; errors at this point are logged, not thrown.
  ~LmdbWriter();
  LmdbWriter(const LmdbWriter&) = delete;
  LmdbWriter& operator=(const LmdbWriter&) = delete;

  void Put(const std::string& key, const std::string& value);
  /// Writes the buffered puts in one transaction. Throws DataError on failure.
  void Commit();
  size_t puts() const { return puts_; }
  /// Puts buffered but not yet committed.
  size_t pending() const { return pending_.size(); }

 private:
  void DoubleMapSize();
  std::string path_;
  MDB_env* env_ = nullptr;
  size_t commit_every_;
  size_t puts_ = 0;
  std::vector<std::pair<std::string, std::string>> pending_;
};

}  // namespace crema
