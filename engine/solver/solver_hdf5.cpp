// The solver's HDF5 snapshot format (snapshot_format: HDF5), Caffe
// src/caffe/solvers/sgd_solver.cpp SnapshotSolverStateToHDF5 /
// RestoreSolverStateFromHDF5. The model itself is Net::ToHDF5 (net_hdf5.cpp).
#include <algorithm>

#include "io/hdf5.h"
#include "io/io.h"
#include "log.h"
#include "solver/solver.h"

namespace crema {

void Solver::SnapshotSolverStateToHDF5(const std::string& model_filename, const std::string& state_path) {
  LOG_INFO("Snapshotting solver state to HDF5 file ", state_path);
  h5::Id file = h5::CreateMemoryFile(state_path);
  h5::WriteInt(file, "iter", iter_, state_path);
  h5::WriteString(file, "learned_net", model_filename, state_path);
  h5::WriteInt(file, "current_step", current_step_, state_path);
  h5::Id history = h5::CreateGroup(file, "history", state_path);
  for (size_t i = 0; i < history_.size(); ++i) {
    const Blob& h = *history_[i];
    h5::WriteArray(history, std::to_string(i), h.shape(), h.cpu_data(), state_path);
  }
  h5::WriteFileImage(file, state_path);
}

void Solver::RestoreSolverStateFromHDF5(const std::string& state_file) {
  EnsureHistory();
  h5::Id file = h5::OpenFile(state_file);
  if (!h5::Exists(file, "history")) {
    throw ConfigError(Format("Incorrect length of history blobs (0 vs. ", history_.size(), ") in '", state_file,
                             "': it has no 'history' group; is it a .solverstate.h5? To start from a model, use "
                             "--weights."));
  }
  h5::Id history = h5::OpenGroup(file, "history", state_file);
  const int n = h5::NumLinks(history, state_file);
  // Check before touching anything, so a wrong file leaves the solver intact (as the binary path does).
  if (n != static_cast<int>(history_.size())) {
    throw ConfigError(Format("Incorrect length of history blobs (", n, " vs. ", history_.size(), ") in '", state_file,
                             "': is it a .solverstate.h5 of this net and solver type (", type(), ")?"));
  }
  const std::string where = state_file + ": history";
  std::vector<h5::Array> loaded;
  for (int i = 0; i < n; ++i) {
    loaded.push_back(h5::ReadArray(history, std::to_string(i), where));
    Require<ShapeError>(loaded.back().data.size() == static_cast<size_t>(history_[i]->count()), "History blob ", i,
                        " of '", state_file, "' has ", loaded.back().data.size(), " values, the net's param has ",
                        history_[i]->count(), " (", history_[i]->shape_string(), ")");
  }
  const int iter = h5::ReadInt(file, "iter", state_file);
  const int current_step = h5::ReadInt(file, "current_step", state_file);
  if (h5::Exists(file, "learned_net")) {
    const std::string learned = h5::ReadString(file, "learned_net", state_file);
    net_->CopyTrainedLayersFromFile(ResolveLearnedNet(learned, state_file));
  }
  iter_ = iter;
  current_step_ = current_step;
  LOG_INFO("SGDSolver: restoring history");
  for (int i = 0; i < n; ++i) {
    std::copy(loaded[i].data.begin(), loaded[i].data.end(), history_[i]->mutable_cpu_data());
  }
}

}  // namespace crema
