// Net's HDF5 model format (Caffe src/caffe/net.cpp: ToHDF5, CopyTrainedLayersFromHDF5).
// Layout: /data/<layer name>/<param index> float datasets of the param's shape;
// /diff/<layer name>/<param index> with the diffs when snapshot_diff is set.
#include <algorithm>
#include <map>

#include "io/hdf5.h"
#include "io/io.h"
#include "log.h"
#include "net.h"

namespace crema {

namespace {

std::string ShapeText(const std::vector<int>& shape) {
  std::string s;
  size_t count = 1;
  for (int d : shape) {
    s += Format(d, " ");
    count *= static_cast<size_t>(d);
  }
  return Format(s, "(", count, ")");
}

}  // namespace

void Net::ToHDF5(const std::string& path, bool write_diff) const {
  h5::Id file = h5::CreateMemoryFile(path);
  h5::Id data = h5::CreateGroup(file, "data", path);
  h5::Id diff;
  if (write_diff) diff = h5::CreateGroup(file, "diff", path);
  for (size_t layer_id = 0; layer_id < layers_.size(); ++layer_id) {
    const std::string& layer_name = layer_names_[layer_id];
    // Duplicate layer names (allowed by Caffe) cannot be two groups; the first one wins on load anyway.
    if (h5::Exists(data, layer_name)) {
      LOG_WARN("HDF5 model '", path, "': duplicate layer name '", layer_name, "', its params are not written");
      continue;
    }
    h5::Id layer_data = h5::CreateGroup(data, layer_name, path);
    h5::Id layer_diff;
    if (write_diff) layer_diff = h5::CreateGroup(diff, layer_name, path);
    const std::vector<int>& param_ids = param_id_vecs_[layer_id];
    for (size_t j = 0; j < param_ids.size(); ++j) {
      const Blob& blob = *params_[param_ids[j]];
      const std::string name = std::to_string(j);
      if (param_owners_[param_ids[j]] == -1) h5::WriteArray(layer_data, name, blob.shape(), blob.cpu_data(), path);
      if (write_diff) h5::WriteArray(layer_diff, name, blob.shape(), blob.cpu_diff(), path);
    }
  }
  h5::WriteFileImage(file, path);
}

void Net::CopyTrainedLayersFromHDF5(const std::string& path) {
  h5::Id file = h5::OpenFile(path);
  h5::Id data = h5::OpenGroup(file, "data", path);
  for (const std::string& source_layer : h5::LinkNames(data, path)) {
    auto it = layer_names_index_.find(source_layer);
    if (it == layer_names_index_.end()) {
      LOG_INFO("Ignoring source layer ", source_layer);
      continue;
    }
    const int layer_id = it->second;
    auto& target_blobs = layers_[layer_id]->blobs();
    const std::string where = Format(path, ": layer '", source_layer, "'");
    h5::Id layer = h5::OpenGroup(data, source_layer, path);
    const int num_source = h5::NumLinks(layer, where);
    Require<ShapeError>(num_source <= static_cast<int>(target_blobs.size()), "Incompatible number of blobs for layer '",
                        source_layer, "': the model ", path, " has ", num_source, ", the net expects ",
                        target_blobs.size());
    // Read and check every param of the layer before changing any.
    std::vector<std::pair<size_t, h5::Array>> loaded;
    for (size_t j = 0; j < target_blobs.size(); ++j) {
      const std::string name = std::to_string(j);
      if (!h5::Exists(layer, name)) {
        const int net_param_id = param_id_vecs_[layer_id][j];
        if (param_owners_[net_param_id] != -1) continue;  // shared: its owner's group holds it
        throw ShapeError(Format("Incompatible number of blobs for layer '", source_layer, "': the model ", path,
                                " has no param ", j));
      }
      h5::Array a = h5::ReadArray(layer, name, where);
      if (a.shape != target_blobs[j]->shape()) {
        throw ShapeError(Format("Cannot copy param ", j, " weights from layer '", source_layer,
                                "'; shape mismatch. Source param shape is ", ShapeText(a.shape),
                                "; target param shape is ", target_blobs[j]->shape_string(),
                                ". To learn this layer's parameters from scratch rather than copying from a saved "
                                "net, rename the layer."));
      }
      loaded.emplace_back(j, std::move(a));
    }
    for (auto& [j, a] : loaded) std::copy(a.data.begin(), a.data.end(), target_blobs[j]->mutable_cpu_data());
  }
}

}  // namespace crema
