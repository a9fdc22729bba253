#include "data/hdf5_data_layer.h"

#include <algorithm>
#include <fstream>

#include "io/hdf5.h"
#include "io/io.h"
#include "log.h"
#include "net.h"

namespace crema {

namespace {

std::string Trim(const std::string& s) {
  const char* ws = " \t\r\n";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

std::string ShapeText(const std::vector<int>& shape, size_t from) {
  std::string s = "(";
  for (size_t i = from; i < shape.size(); ++i) s += Format(i > from ? ", " : "", shape[i]);
  return s + ")";
}

}  // namespace

void HDF5DataLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Check(!layer_param_.has_transform_param(), "HDF5Data does not transform data (remove transform_param)");
  const auto& p = layer_param_.hdf5_data_param();
  batch_size_ = static_cast<int>(p.batch_size());
  Check(batch_size_ > 0, "hdf5_data_param.batch_size must be positive (got ", p.batch_size(), ")");
  shuffle_ = p.shuffle();

  const std::string& source = p.source();
  LOG_INFO("Loading list of HDF5 filenames from: ", source);
  std::ifstream in(source);
  if (!in) throw IoError(Format("HDF5Data layer '", name(), "': cannot open source list '", source, "'"));
  const std::string list_dir = DirName(source);
  files_.clear();
  for (std::string line; std::getline(in, line);) {
    line = Trim(line);
    if (!line.empty()) files_.push_back(ResolveSourcePath(line, list_dir));
  }
  LOG_INFO("Number of HDF5 files: ", files_.size());
  Check(!files_.empty(), "must have at least 1 HDF5 filename listed in ", source);

  file_permutation_.resize(files_.size());
  for (size_t i = 0; i < files_.size(); ++i) file_permutation_[i] = static_cast<int>(i);
  if (shuffle_) {
    shuffle_rng_.seed(rng().NextUInt());
    std::shuffle(file_permutation_.begin(), file_permutation_.end(), shuffle_rng_);
  }
  row_shapes_.clear();
  current_file_ = 0;
  LoadFile(files_[file_permutation_[current_file_]]);
  current_row_ = 0;

  for (size_t i = 0; i < top.size(); ++i) {
    std::vector<int> shape = datasets_[i].shape;
    shape[0] = batch_size_;
    top[i]->Reshape(shape);
  }
}

void HDF5DataLayer::LoadFile(const std::string& path) {
  h5::Id file = h5::OpenFile(path);
  const int num_tops = layer_param_.top_size();
  datasets_.assign(num_tops, Dataset{});
  for (int i = 0; i < num_tops; ++i) {
    const std::string& dataset = layer_param_.top(i);
    h5::Array a = h5::ReadArray(file, dataset, path, /*min_rank=*/1);
    datasets_[i].shape = std::move(a.shape);
    datasets_[i].data = std::move(a.data);
  }
  const int rows = datasets_[0].shape[0];
  for (int i = 1; i < num_tops; ++i) {
    if (datasets_[i].shape[0] != rows) {
      throw DataError(Format("HDF5Data layer '", name(), "': in '", path, "' dataset '", layer_param_.top(i),
                             "' has ", datasets_[i].shape[0], " rows but dataset '", layer_param_.top(0), "' has ",
                             rows, "; every dataset of a file needs the same number of rows"));
    }
  }
  if (rows == 0) throw DataError(Format("HDF5Data layer '", name(), "': '", path, "' has no rows"));
  if (row_shapes_.empty()) {
    for (const Dataset& d : datasets_) row_shapes_.emplace_back(d.shape.begin() + 1, d.shape.end());
  } else {
    for (int i = 0; i < num_tops; ++i) {
      const std::vector<int> row(datasets_[i].shape.begin() + 1, datasets_[i].shape.end());
      if (row != row_shapes_[i]) {
        throw DataError(Format("HDF5Data layer '", name(), "': in '", path, "' dataset '", layer_param_.top(i),
                               "' has rows of shape ", ShapeText(datasets_[i].shape, 1),
                               " but the first file's rows are ", ShapeText(row_shapes_[i], 0)));
      }
    }
  }
  row_permutation_.resize(rows);
  for (int r = 0; r < rows; ++r) row_permutation_[r] = r;
  if (shuffle_) std::shuffle(row_permutation_.begin(), row_permutation_.end(), shuffle_rng_);
}

void HDF5DataLayer::Next() {
  if (++current_row_ < datasets_[0].shape[0]) return;
  if (files_.size() > 1) {
    if (++current_file_ == static_cast<int>(files_.size())) {
      current_file_ = 0;
      if (shuffle_) std::shuffle(file_permutation_.begin(), file_permutation_.end(), shuffle_rng_);
    }
    LoadFile(files_[file_permutation_[current_file_]]);
  }
  current_row_ = 0;
  if (shuffle_) std::shuffle(row_permutation_.begin(), row_permutation_.end(), shuffle_rng_);
}

void HDF5DataLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  for (int i = 0; i < batch_size_; ++i) {
    const size_t row = static_cast<size_t>(row_permutation_[current_row_]);
    for (size_t j = 0; j < top.size(); ++j) {
      const size_t dim = static_cast<size_t>(top[j]->count() / batch_size_);
      std::copy_n(datasets_[j].data.data() + row * dim, dim, top[j]->mutable_cpu_data() + i * dim);
    }
    Next();
  }
}

}  // namespace crema
