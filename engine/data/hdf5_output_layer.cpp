#include "data/hdf5_output_layer.h"

#include <unistd.h>

#include <filesystem>

#include "io/hdf5.h"
#include "log.h"

namespace crema {

namespace {

std::vector<int> LegacyShape(const Blob& b) {
  std::vector<int> s = b.shape();
  s.resize(4, 1);
  return s;
}

}  // namespace

void HDF5OutputLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  file_name_ = layer_param_.hdf5_output_param().file_name();
  Check(!file_name_.empty(), "hdf5_output_param.file_name is required");
  // Only check here that the file can be created: building a net (the editor's live
  // analysis, `crema-cli time`, a second TEST net) must not empty an existing file.
  const std::filesystem::path path(file_name_);
  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(dir) || access(dir.c_str(), W_OK) != 0) {
    throw IoError(Format("Cannot write HDF5 file '", file_name_, "': folder '", dir.string(),
                         "' does not exist or is not writable"));
  }
  created_ = false;
  rows_written_ = 0;
}

void HDF5OutputLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  for (int i = 0; i < 2; ++i) {
    Check(bottom[i]->num_axes() >= 1 && bottom[i]->num_axes() <= 4, "bottom ", i, " has shape ",
          bottom[i]->shape_string(), "; 1 to 4 axes expected (written as N x C x H x W)");
  }
  Check(bottom[0]->shape(0) == bottom[1]->shape(0), "data blob and label blob must have the same batch size (",
        bottom[0]->shape(0), " vs. ", bottom[1]->shape(0), ")");
  LOG_INFO("Saving HDF5 file ", file_name_);
  if (!created_) {
    h5::Id created = h5::CreateFile(file_name_);  // truncates, as Caffe's setup does
    if (!created.Close()) throw IoError(Format("Cannot write HDF5 file '", file_name_, "'"));
    created_ = true;
  }
  h5::Id file = h5::OpenFile(file_name_, /*writable=*/true);
  h5::AppendRows(file, "data", LegacyShape(*bottom[0]), bottom[0]->cpu_data(), file_name_);
  h5::AppendRows(file, "label", LegacyShape(*bottom[1]), bottom[1]->cpu_data(), file_name_);
  if (!file.Close()) throw IoError(Format("Cannot write HDF5 file '", file_name_, "'"));
  rows_written_ += bottom[0]->shape(0);
  LOG_INFO("Successfully saved ", bottom[0]->shape(0), " rows");
}

}  // namespace crema
