// A temporary directory for data tests, removed with its contents at scope exit.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "caffe.pb.h"
#include "data/lmdb_db.h"
#include "data/mnist_lmdb.h"

namespace crema::test {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "crema_data_test_XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// Writes an LMDB of n Datum records c x h x w (keys "%08d"); record i has every byte = i % 256 and label i.
inline void MakeCountingLmdb(const std::string& path, int n, int c = 1, int h = 2, int w = 3) {
  LmdbWriter writer(path);
  for (int i = 0; i < n; ++i) {
    caffe::Datum d;
    d.set_channels(c);
    d.set_height(h);
    d.set_width(w);
    d.set_data(std::string(static_cast<size_t>(c) * h * w, static_cast<char>(i)));
    d.set_label(i);
    writer.Put(MnistKey(i), d.SerializeAsString());
  }
}

}  // namespace crema::test
