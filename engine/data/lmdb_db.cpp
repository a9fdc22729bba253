#include "data/lmdb_db.h"

#include <lmdb.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "common.h"
#include "log.h"

namespace crema {
namespace {

std::string LmdbMessage(int rc) { return mdb_strerror(rc); }

bool IsDirectory(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool IsFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

bool IsLmdbDirectory(const std::string& path) { return IsDirectory(path) && IsFile(path + "/data.mdb"); }

// ---- LmdbReader -------------------------------------------------------------

LmdbReader::LmdbReader(const std::string& path) : path_(path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    throw DataError(Format("LMDB '", path, "' not found (", std::strerror(errno), ")"));
  if (!S_ISDIR(st.st_mode) || !IsFile(path + "/data.mdb"))
    throw DataError(Format("'", path, "' is not an LMDB database (expected a directory containing data.mdb)"));

  auto open_env = [&](unsigned flags) {
    int rc = mdb_env_create(&env_);
    if (rc != MDB_SUCCESS) throw DataError(Format("LMDB '", path, "': mdb_env_create failed: ", LmdbMessage(rc)));
    rc = mdb_env_open(env_, path.c_str(), flags, 0664);
    if (rc != MDB_SUCCESS) {
      mdb_env_close(env_);
      env_ = nullptr;
    }
    return rc;
  };
  int rc = open_env(MDB_RDONLY | MDB_NOTLS);
  if (rc == EACCES || rc == EROFS) {
    // Read-only folders (a shared dataset): no lock file can be created, so read without locking.
    LOG_WARN("LMDB '", path, "': lock file not writable; opening without locking (MDB_NOLOCK)");
    rc = open_env(MDB_RDONLY | MDB_NOTLS | MDB_NOLOCK);
  }
  if (rc != MDB_SUCCESS) throw DataError(Format("cannot open LMDB '", path, "': ", LmdbMessage(rc)));

  rc = mdb_txn_begin(env_, nullptr, MDB_RDONLY, &txn_);
  if (rc == MDB_SUCCESS) rc = mdb_dbi_open(txn_, nullptr, 0, &dbi_);
  MDB_stat stat;
  if (rc == MDB_SUCCESS) rc = mdb_stat(txn_, dbi_, &stat);
  if (rc == MDB_SUCCESS) rc = mdb_cursor_open(txn_, dbi_, &cursor_);
  if (rc != MDB_SUCCESS) {
    if (txn_) mdb_txn_abort(txn_);
    mdb_env_close(env_);
    throw DataError(Format("cannot read LMDB '", path, "': ", LmdbMessage(rc)));
  }
  size_ = stat.ms_entries;
  if (size_ == 0) {
    mdb_cursor_close(cursor_);
    mdb_txn_abort(txn_);
    mdb_env_close(env_);
    throw DataError(Format("LMDB '", path, "' is empty (no records)"));
  }
  SeekToFirst();
}

LmdbReader::~LmdbReader() {
  if (cursor_) mdb_cursor_close(cursor_);
  if (txn_) mdb_txn_abort(txn_);
  if (env_) mdb_env_close(env_);
}

void LmdbReader::Move(int op) {
  MDB_val k, v;
  const int rc = mdb_cursor_get(cursor_, &k, &v, static_cast<MDB_cursor_op>(op));
  if (rc == MDB_NOTFOUND) {
    valid_ = false;
    return;
  }
  if (rc != MDB_SUCCESS) throw DataError(Format("LMDB '", path_, "': cursor read failed: ", LmdbMessage(rc)));
  valid_ = true;
  key_ = {k.mv_data, k.mv_size};
  value_ = {v.mv_data, v.mv_size};
}

void LmdbReader::SeekToFirst() {
  Move(MDB_FIRST);
  if (!valid_) throw DataError(Format("LMDB '", path_, "' is empty (no records)"));
}

std::string LmdbReader::key() const { return std::string(static_cast<const char*>(key_.data), key_.size); }
std::string LmdbReader::value() const { return std::string(static_cast<const char*>(value_.data), value_.size); }

bool LmdbReader::Next() {
  ++position_;
  Move(MDB_NEXT);
  if (valid_) return false;
  LOG_INFO("Restarting data prefetching from start.");
  SeekToFirst();
  return true;
}

// ---- LmdbWriter -------------------------------------------------------------

LmdbWriter::LmdbWriter(const std::string& path, size_t commit_every)
    : path_(path), commit_every_(commit_every ? commit_every : 1) {
  if (!IsDirectory(path) && ::mkdir(path.c_str(), 0755) != 0)
    throw DataError(Format("cannot create LMDB directory '", path, "': ", std::strerror(errno)));
  int rc = mdb_env_create(&env_);
  if (rc != MDB_SUCCESS) throw DataError(Format("LMDB '", path, "': mdb_env_create failed: ", LmdbMessage(rc)));
  // Start at 256 MB of address space (the file only grows as data is written); doubled when full.
  rc = mdb_env_set_mapsize(env_, size_t{1} << 28);
  if (rc == MDB_SUCCESS) rc = mdb_env_open(env_, path.c_str(), 0, 0664);
  if (rc != MDB_SUCCESS) {
    mdb_env_close(env_);
    env_ = nullptr;
    throw DataError(Format("cannot open LMDB '", path, "' for writing: ", LmdbMessage(rc)));
  }
}

LmdbWriter::~LmdbWriter() {
  try {
    Commit();
  } catch (const std::exception& e) {
    LOG_ERROR(e.what());
  }
  if (env_) mdb_env_close(env_);
}

void LmdbWriter::Put(const std::string& key, const std::string& value) {
  pending_.emplace_back(key, value);
  ++puts_;
  if (pending_.size() >= commit_every_) Commit();
}

void LmdbWriter::DoubleMapSize() {
  MDB_envinfo info;
  mdb_env_info(env_, &info);
  const size_t new_size = info.me_mapsize * 2;
  LOG_INFO("Doubling LMDB map size to ", (new_size >> 20), "MB ...");
  const int rc = mdb_env_set_mapsize(env_, new_size);
  if (rc != MDB_SUCCESS) throw DataError(Format("LMDB '", path_, "': cannot grow map: ", LmdbMessage(rc)));
}

void LmdbWriter::Commit() {
  if (pending_.empty()) return;
  for (;;) {
    MDB_txn* txn = nullptr;
    int rc = mdb_txn_begin(env_, nullptr, 0, &txn);
    MDB_dbi dbi = 0;
    if (rc == MDB_SUCCESS) rc = mdb_dbi_open(txn, nullptr, 0, &dbi);
    for (size_t i = 0; rc == MDB_SUCCESS && i < pending_.size(); ++i) {
      MDB_val k{pending_[i].first.size(), const_cast<char*>(pending_[i].first.data())};
      MDB_val v{pending_[i].second.size(), const_cast<char*>(pending_[i].second.data())};
      rc = mdb_put(txn, dbi, &k, &v, 0);
    }
    if (rc == MDB_SUCCESS) {
      rc = mdb_txn_commit(txn);
      txn = nullptr;
    }
    if (txn) mdb_txn_abort(txn);
    if (rc == MDB_SUCCESS) break;
    if (rc == MDB_MAP_FULL) {
      DoubleMapSize();
      continue;
    }
    throw DataError(Format("LMDB '", path_, "': write failed: ", LmdbMessage(rc)));
  }
  pending_.clear();
}

}  // namespace crema
