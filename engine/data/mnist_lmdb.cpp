#include "data/mnist_lmdb.h"

#include <cstdio>
#include <filesystem>

#include "caffe.pb.h"
#include "common.h"
#include "data/lmdb_db.h"
#include "log.h"

namespace crema {

namespace fs = std::filesystem;

std::string MnistKey(int index) {
  char key[32];
  std::snprintf(key, sizeof(key), "%08d", index);
  return key;
}

size_t WriteMnistLmdb(const std::string& db_path, const IdxImages& images, const std::vector<uint8_t>& labels,
                      const std::vector<int>& order, bool overwrite) {
  if (static_cast<size_t>(images.count) != labels.size())
    throw DataError(Format("cannot write '", db_path, "': ", images.count, " images but ", labels.size(), " labels"));
  std::error_code ec;
  if (fs::exists(db_path, ec) && !overwrite)
    throw DataError(Format("'", db_path, "' already exists; refusing to overwrite it (remove it or pass --force)"));
  const std::string partial = db_path + ".partial";
  fs::remove_all(partial, ec);
  if (ec) throw DataError(Format("cannot remove stale '", partial, "': ", ec.message()));

  const size_t n = order.empty() ? static_cast<size_t>(images.count) : order.size();
  {
    LmdbWriter writer(partial, 1000);
    caffe::Datum datum;
    datum.set_channels(1);
    datum.set_height(images.rows);
    datum.set_width(images.cols);
    std::string value;
    for (size_t k = 0; k < n; ++k) {
      const int src = order.empty() ? static_cast<int>(k) : order[k];
      if (src < 0 || src >= images.count)
        throw DataError(Format("cannot write '", db_path, "': record index ", src, " out of range"));
      datum.set_data(images.image(src), images.image_size());
      datum.set_label(labels[src]);
      datum.SerializeToString(&value);
      writer.Put(MnistKey(static_cast<int>(k)), value);
      if ((k + 1) % 10000 == 0) LOG_INFO("Processed ", k + 1, " files.");
    }
    writer.Commit();
  }
  if (fs::exists(db_path, ec)) {
    fs::remove_all(db_path, ec);
    if (ec) throw DataError(Format("cannot replace '", db_path, "': ", ec.message()));
  }
  fs::rename(partial, db_path, ec);
  if (ec) throw DataError(Format("cannot move '", partial, "' to '", db_path, "': ", ec.message()));
  if (n % 10000 != 0) LOG_INFO("Processed ", n, " files.");
  return n;
}

size_t ConvertMnist(const std::string& images_path, const std::string& labels_path, const std::string& db_path,
                    bool overwrite) {
  std::error_code ec;
  if (fs::exists(db_path, ec) && !overwrite)
    throw DataError(Format("'", db_path, "' already exists; refusing to overwrite it (remove it or pass --force)"));
  const IdxImages images = ReadIdxImages(images_path);
  const std::vector<uint8_t> labels = ReadIdxLabels(labels_path);
  if (static_cast<size_t>(images.count) != labels.size())
    throw DataError(Format("'", images_path, "' has ", images.count, " images but '", labels_path, "' has ",
                           labels.size(), " labels"));
  LOG_INFO("A total of ", images.count, " items.");
  LOG_INFO("Rows: ", images.rows, " Cols: ", images.cols);
  return WriteMnistLmdb(db_path, images, labels, {}, overwrite);
}

}  // namespace crema
