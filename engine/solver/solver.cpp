// Solver base: Caffe's training loop (src/caffe/solver.cpp) and the shared
// part of SGDSolver (src/caffe/solvers/sgd_solver.cpp): learning rate, gradient
// clipping, iter_size normalisation, regularisation, snapshot and restore.
#include "solver/solver.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common.h"
#include "io/io.h"
#include "log.h"
#include "solver/lr_policy.h"

namespace crema {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

bool FileExists(const std::string& path) {
  std::error_code ec;
  return !path.empty() && fs::exists(path, ec);
}

bool IsAbsolute(const std::string& path) { return !path.empty() && path[0] == '/'; }

/// A relative path from a solver file: the solver's folder first, then the working directory.
std::string ResolveInputPath(const std::string& base_dir, const std::string& path, const char* what) {
  if (IsAbsolute(path) || base_dir.empty()) {
    if (!FileExists(path)) throw IoError(Format("Cannot find ", what, " '", path, "'"));
    return path;
  }
  const std::string in_base = JoinPath(base_dir, path);
  if (FileExists(in_base)) return in_base;
  if (FileExists(path)) return path;
  throw IoError(Format("Cannot find ", what, " '", path, "' (looked in '", base_dir,
                       "' and in the working directory)"));
}

bool AllFinite(const float* v, int n) {
  // A float is NaN or infinite exactly when its exponent bits are all ones; the OR-reduction
  // over the bit patterns vectorises (and threads for big blobs), unlike a serial sum.
  unsigned bad = 0;
#pragma omp parallel for simd reduction(| : bad) if (n > 65536) schedule(static)
  for (int i = 0; i < n; ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, v + i, sizeof bits);
    bad |= (bits & 0x7f800000u) == 0x7f800000u;
  }
  return bad == 0;
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

double SecondsSince(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

Solver::Solver(const caffe::SolverParameter& param, const std::string& base_dir)
    : param_(param), base_dir_(base_dir), rng_(param.random_seed() >= 0 ? param.random_seed() : -1) {
  LOG_INFO("Initializing solver from parameters: \n", ToTextProto(param_));
  Require(param_.average_loss() >= 1, "average_loss should be >= 1 (got ", param_.average_loss(), ")");
  Require(param_.iter_size() >= 1, "iter_size should be >= 1 (got ", param_.iter_size(), ")");
  Require(param_.regularization_type() == "L2" || param_.regularization_type() == "L1",
          "Unknown regularization type: '", param_.regularization_type(), "' (use L2 or L1)");
  Require(param_.snapshot() >= 0, "snapshot should be >= 0 (got ", param_.snapshot(), ")");
  Require(param_.display() >= 0, "display should be >= 0 (got ", param_.display(), ")");
  ValidateLrPolicy(param_);
  if (param_.snapshot() > 0) {
    Require(param_.has_snapshot_prefix() && !param_.snapshot_prefix().empty(),
            "In solver params, snapshot is specified but snapshot_prefix is not");
    // Caffe's CheckSnapshotWritePermissions: fail now rather than after hours of training.
    const std::string probe = SnapshotFilename(".tempfile");
    {
      std::ofstream probe_ofs(probe);
      if (!probe_ofs.good()) {
        throw IoError(Format("Cannot write to snapshot prefix '", param_.snapshot_prefix(),
                             "'. Make sure that the directory exists and is writeable."));
      }
    }
    std::remove(probe.c_str());
  }
  // random_seed (>= 0) was applied to rng_ above, before any net draws from it.

  // --- train net (exactly one of net, net_param, train_net, train_net_param) ---
  const int num_train_nets =
      param_.has_net() + param_.has_net_param() + param_.has_train_net() + param_.has_train_net_param();
  Require(num_train_nets >= 1,
          "SolverParameter must specify a train net using one of these fields: net, net_param, train_net, "
          "train_net_param");
  Require(num_train_nets <= 1,
          "SolverParameter must not contain more than one of these fields specifying a train_net: net, "
          "net_param, train_net, train_net_param");
  caffe::NetParameter net_param;
  if (param_.has_train_net_param()) {
    LOG_INFO("Creating training net specified in train_net_param.");
    net_param.CopyFrom(param_.train_net_param());
  } else if (param_.has_train_net()) {
    const std::string path = ResolveInputPath(base_dir_, param_.train_net(), "train_net file");
    LOG_INFO("Creating training net from train_net file: ", path);
    net_param = ReadNetParamFromTextFile(path);
  } else if (param_.has_net_param()) {
    LOG_INFO("Creating training net specified in net_param.");
    net_param.CopyFrom(param_.net_param());
  } else {
    const std::string path = ResolveInputPath(base_dir_, param_.net(), "net file");
    LOG_INFO("Creating training net from net file: ", path);
    net_param = ReadNetParamFromTextFile(path);
  }
  {
    // Solver defaults first, then the net's own state, then train_state (highest precedence).
    caffe::NetState state;
    state.set_phase(caffe::TRAIN);
    state.MergeFrom(net_param.state());
    state.MergeFrom(param_.train_state());
    *net_param.mutable_state() = state;
  }
  net_ = std::make_unique<Net>(net_param, &rng_, base_dir_);

  // --- test nets: test_net_param, then test_net files, then the generic net per remaining test_iter ---
  const bool has_generic = param_.has_net() || param_.has_net_param();
  Require(!(param_.has_net() && param_.has_net_param()), "Both net_param and net_file may not be specified.");
  const int num_test_nets = param_.test_net_param_size() + param_.test_net_size();
  if (has_generic) {
    Require(param_.test_iter_size() >= num_test_nets, "test_iter must be specified for each test network.");
  } else {
    Require(param_.test_iter_size() == num_test_nets, "test_iter must be specified for each test network.");
  }
  const int num_instances = param_.test_iter_size();
  if (param_.test_state_size()) {
    Require(param_.test_state_size() == num_instances,
            "test_state must be unspecified or specified once per test net.");
  }
  if (num_instances) Require(param_.test_interval() > 0, "test_interval must be > 0 when test nets are given");
  std::vector<caffe::NetParameter> test_params;
  std::vector<std::string> sources;
  for (const auto& p : param_.test_net_param()) {
    test_params.push_back(p);
    sources.push_back("test_net_param");
  }
  for (const auto& f : param_.test_net()) {
    const std::string path = ResolveInputPath(base_dir_, f, "test_net file");
    test_params.push_back(ReadNetParamFromTextFile(path));
    sources.push_back("test_net file: " + path);
  }
  const int remaining = num_instances - static_cast<int>(test_params.size());
  if (remaining > 0) {
    caffe::NetParameter generic;
    std::string source;
    if (param_.has_net_param()) {
      generic = param_.net_param();
      source = "net_param";
    } else {
      const std::string path = ResolveInputPath(base_dir_, param_.net(), "net file");
      generic = ReadNetParamFromTextFile(path);
      source = "net file: " + path;
    }
    for (int i = 0; i < remaining; ++i) {
      test_params.push_back(generic);
      sources.push_back(source);
    }
  }
  for (int i = 0; i < num_instances; ++i) {
    caffe::NetState state;
    state.set_phase(caffe::TEST);
    state.MergeFrom(test_params[i].state());
    if (param_.test_state_size()) state.MergeFrom(param_.test_state(i));
    *test_params[i].mutable_state() = state;
    LOG_INFO("Creating test net (#", i, ") specified by ", sources[i]);
    test_nets_.push_back(std::make_unique<Net>(test_params[i], &rng_, base_dir_));
  }
  LOG_INFO("Solver scaffolding done.");

  for (const auto& w : param_.weights()) {
    for (const auto& path : SplitComma(w)) LoadWeights(ResolveInputPath(base_dir_, path, "weights file"));
  }
  iter_ = 0;
  current_step_ = 0;
}

Solver::~Solver() = default;

std::string Solver::SnapshotFilename(const std::string& extension) const {
  return param_.snapshot_prefix() + "_iter_" + std::to_string(iter_) + extension;
}

void Solver::LoadWeights(const std::string& comma_separated_paths) {
  for (const auto& path : SplitComma(comma_separated_paths)) {
    LOG_INFO("Copying weights from ", path);
    if (IsHdf5File(path)) {
      net_->CopyTrainedLayersFromHDF5(path);
      for (auto& t : test_nets_) t->CopyTrainedLayersFromHDF5(path);
      continue;
    }
    const caffe::NetParameter weights = ReadNetParamFromBinaryFile(path);
    net_->CopyTrainedLayersFrom(weights);
    for (auto& t : test_nets_) t->CopyTrainedLayersFrom(weights);
  }
}

float Solver::GetLearningRate() { return ComputeLearningRate(param_, iter_, &current_step_); }

void Solver::EnsureHistory() {
  if (!history_.empty() || net_->learnable_params().empty()) return;
  const auto& params = net_->learnable_params();
  const int k = HistoryBlobsPerParam();
  for (int j = 0; j < k; ++j) {
    for (Blob* p : params) history_.push_back(std::make_unique<Blob>(p->shape()));
  }
  for (Blob* p : params) {
    update_.push_back(std::make_unique<Blob>(p->shape()));
    temp_.push_back(std::make_unique<Blob>(p->shape()));
  }
}

// ---------------------------------------------------------------- the loop

void Solver::Solve(const std::string& resume_file) {
  LOG_INFO("Solving ", net_->name());
  LOG_INFO("Learning Rate Policy: ", param_.lr_policy());
  requested_early_exit_ = false;
  if (!resume_file.empty()) {
    LOG_INFO("Restoring previous solver status from ", resume_file);
    Restore(resume_file);
  }
  const int start_iter = iter_;
  Step(param_.max_iter() - iter_);
  // The final snapshot, unless the loop just wrote this iteration's (#2072).
  if (param_.snapshot_after_train() && (!param_.snapshot() || iter_ % param_.snapshot() != 0)) Snapshot();
  if (requested_early_exit_) {
    LOG_INFO("Optimization stopped early.");
    return;
  }
  // One extra forward-only pass to display the loss after the last update (#3132).
  if (param_.display() && iter_ % param_.display() == 0) {
    const float loss = net_->Forward();
    UpdateSmoothedLoss(loss, start_iter, param_.average_loss());
    LOG_INFO("Iteration ", iter_, ", loss = ", smoothed_loss_);
  }
  if (param_.test_interval() && iter_ % param_.test_interval() == 0) TestAll();
  LOG_INFO("Optimization Done.");
}

void Solver::ApplyControlChanges() {
  if (auto v = control_.TakeBaseLr()) {
    LOG_INFO("Iteration ", iter_, ": base_lr changed from ", param_.base_lr(), " to ", *v);
    param_.set_base_lr(*v);
  }
  if (auto v = control_.TakeMomentum()) {
    if (AcceptsMomentum(*v)) {
      LOG_INFO("Iteration ", iter_, ": momentum changed from ", param_.momentum(), " to ", *v);
      param_.set_momentum(*v);
    } else {
      LOG_WARN("Iteration ", iter_, ": momentum ", *v, " ignored: ", type(), " requires momentum 0");
    }
  }
  if (auto v = control_.TakeLrPolicy()) {
    caffe::SolverParameter trial = param_;
    trial.set_lr_policy(*v);
    try {
      ValidateLrPolicy(trial);
      LOG_INFO("Iteration ", iter_, ": lr_policy changed from ", param_.lr_policy(), " to ", *v);
      param_.set_lr_policy(*v);
    } catch (const ConfigError& e) {
      LOG_WARN("Iteration ", iter_, ": lr_policy '", *v, "' ignored: ", e.what());
    }
  }
}

std::vector<OutputValue> Solver::CollectOutputs(const Net& net) const {
  std::vector<OutputValue> out;
  const auto& blobs = net.output_blobs();
  for (size_t j = 0; j < blobs.size(); ++j) {
    const int idx = net.output_blob_indices()[j];
    const std::string& name = net.blob_names()[idx];
    const float w = net.blob_loss_weights()[idx];
    const float* v = blobs[j]->cpu_data();
    for (int k = 0; k < blobs[j]->count(); ++k) out.push_back({name, v[k], w});
  }
  return out;
}

void Solver::Step(int iters) {
  const int start_iter = iter_;
  const int stop_iter = iter_ + iters;
  const int average_loss = param_.average_loss();
  losses_.clear();
  smoothed_loss_ = 0;
  requested_early_exit_ = false;
  iterations_last_ = iter_;
  Clock::time_point display_timer = Clock::now();
  Clock::time_point iter_timer = display_timer;

  while (iter_ < stop_iter) {
    ApplyControlChanges();
    net_->ClearParamDiffs();
    if (param_.test_interval() && iter_ % param_.test_interval() == 0 &&
        (iter_ > 0 || param_.test_initialization())) {
      TestAll();
      if (requested_early_exit_) break;  // stop requested while testing
    }
    const bool display = param_.display() && iter_ % param_.display() == 0;
    float loss = 0;
    for (int i = 0; i < param_.iter_size(); ++i) loss += net_->ForwardBackward();
    loss /= param_.iter_size();
    // Cheap per-iteration check; the diagnostic pass runs only on failure.
    if (!std::isfinite(loss) || !GradientsFinite()) StopOnNonFinite(loss);
    UpdateSmoothedLoss(loss, start_iter, average_loss);
    if (display) {
      const float lapse = static_cast<float>(SecondsSince(display_timer));
      const float per_s = (iter_ - iterations_last_) / (lapse ? lapse : 1.f);
      LOG_INFO("Iteration ", iter_, " (", per_s, " iter/s, ", lapse, "s/", param_.display(),
               " iters), loss = ", smoothed_loss_);
      display_timer = Clock::now();
      iterations_last_ = iter_;
      int score_index = 0;
      for (const OutputValue& o : CollectOutputs(*net_)) {
        std::string loss_msg;
        if (o.loss_weight) loss_msg = Format(" (* ", o.loss_weight, " = ", o.loss_weight * o.value, " loss)");
        LOG_INFO("    Train net output #", score_index++, ": ", o.name, " = ", o.value, loss_msg);
      }
    }
    ApplyUpdate();
    // iter_ counts completed updates.
    ++iter_;

    if (observer_) {
      IterationStats stats;
      stats.iter = iter_;
      stats.loss = loss;
      stats.smoothed_loss = smoothed_loss_;
      stats.lr = last_lr_;
      const double dt = SecondsSince(iter_timer);
      stats.iters_per_second = dt > 0 ? 1.0 / dt : 0.0;
      stats.outputs = CollectOutputs(*net_);
      observer_->OnIteration(stats);
    }
    iter_timer = Clock::now();

    const bool snapshot_requested = control_.TakeSnapshot();
    const bool stop_requested = control_.TakeStop();
    if ((param_.snapshot() && iter_ % param_.snapshot() == 0) || snapshot_requested) Snapshot();
    if (stop_requested) {
      requested_early_exit_ = true;
      break;
    }
  }
}

void Solver::UpdateSmoothedLoss(float loss, int start_iter, int average_loss) {
  if (static_cast<int>(losses_.size()) < average_loss) {
    losses_.push_back(loss);
    const int size = static_cast<int>(losses_.size());
    smoothed_loss_ = (smoothed_loss_ * (size - 1) + loss) / size;
  } else {
    const int idx = (iter_ - start_iter) % average_loss;
    smoothed_loss_ += (loss - losses_[idx]) / average_loss;
    losses_[idx] = loss;
  }
}

// ---------------------------------------------------------------- testing

void Solver::TestAll() {
  for (int id = 0; id < static_cast<int>(test_nets_.size()) && !requested_early_exit_; ++id) Test(id);
}

TestResult Solver::Test(int test_net_id) {
  Require(test_net_id >= 0 && test_net_id < static_cast<int>(test_nets_.size()), "No test net #", test_net_id);
  LOG_INFO("Iteration ", iter_, ", Testing net (#", test_net_id, ")");
  Net& test_net = *test_nets_[test_net_id];
  test_net.ShareTrainedLayersWith(*net_);
  const int test_iter = param_.test_iter(test_net_id);
  std::vector<float> score;
  std::vector<OutputValue> first;
  float loss = 0;
  for (int i = 0; i < test_iter; ++i) {
    // A stop or snapshot request is honoured between test batches, as in Caffe.
    if (control_.TakeSnapshot()) Snapshot();
    if (control_.TakeStop()) requested_early_exit_ = true;
    if (requested_early_exit_) break;
    const float iter_loss = test_net.Forward();
    if (param_.test_compute_loss()) loss += iter_loss;
    std::vector<OutputValue> outs = CollectOutputs(test_net);
    if (i == 0) {
      first = outs;
      for (const auto& o : outs) score.push_back(o.value);
    } else {
      for (size_t k = 0; k < outs.size() && k < score.size(); ++k) score[k] += outs[k].value;
    }
  }
  TestResult result;
  result.iter = iter_;
  result.test_net_id = test_net_id;
  if (requested_early_exit_) {
    LOG_INFO("Test interrupted.");
    return result;
  }
  if (param_.test_compute_loss()) {
    loss /= test_iter;
    LOG_INFO("Test loss: ", loss);
  }
  for (size_t k = 0; k < score.size(); ++k) {
    const float mean = score[k] / test_iter;
    std::string loss_msg;
    if (first[k].loss_weight) loss_msg = Format(" (* ", first[k].loss_weight, " = ", first[k].loss_weight * mean, " loss)");
    LOG_INFO("    Test net output #", k, ": ", first[k].name, " = ", mean, loss_msg);
    result.outputs.push_back({first[k].name, mean, first[k].loss_weight});
  }
  if (observer_) observer_->OnTest(result);
  return result;
}

// ---------------------------------------------------------------- update

void Solver::ApplyUpdate() {
  EnsureHistory();
  const float rate = GetLearningRate();
  last_lr_ = rate;
  if (param_.display() && iter_ % param_.display() == 0) LOG_INFO("Iteration ", iter_, ", lr = ", rate);
  ClipGradients();
  if (FusedUpdate(rate)) return;
  const int n = static_cast<int>(net_->learnable_params().size());
  for (int param_id = 0; param_id < n; ++param_id) {
    Normalize(param_id);
    Regularize(param_id);
    ComputeUpdateValue(param_id, rate);
  }
  net_->Update();
}

void Solver::ClipGradients() {
  const float clip = param_.clip_gradients();
  if (clip < 0) return;
  const auto& params = net_->learnable_params();
  float sumsq = 0;
  for (Blob* p : params) sumsq += p->sumsq_diff();
  const float norm = std::sqrt(sumsq);
  if (norm > clip) {
    const float scale = clip / norm;
    LOG_INFO("Gradient clipping: scaling down gradients (L2 norm ", norm, " > ", clip, ") by scale factor ", scale);
    for (Blob* p : params) p->scale_diff(scale);
  }
}

void Solver::Normalize(int param_id) {
  if (param_.iter_size() == 1) return;
  net_->learnable_params()[param_id]->scale_diff(1.f / param_.iter_size());
}

void Solver::Regularize(int param_id) {
  Blob* p = net_->learnable_params()[param_id];
  const float local_decay = param_.weight_decay() * net_->params_weight_decay()[param_id];
  if (!local_decay) return;
  const int n = p->count();
  const float* w = p->cpu_data();
  float* g = p->mutable_cpu_diff();
  if (param_.regularization_type() == "L2") {
    for (int i = 0; i < n; ++i) g[i] += local_decay * w[i];
  } else if (param_.regularization_type() == "L1") {
    for (int i = 0; i < n; ++i) g[i] += local_decay * static_cast<float>((0.f < w[i]) - (w[i] < 0.f));
  } else {
    throw ConfigError(Format("Unknown regularization type: ", param_.regularization_type()));
  }
}

// ---------------------------------------------------------------- non-finite values

bool Solver::GradientsFinite() const {
  for (Blob* p : net_->learnable_params()) {
    if (!AllFinite(p->cpu_diff(), p->count())) return false;
  }
  return true;
}

std::string Solver::DiagnoseNonFinite() {
  Net& net = *net_;
  const auto& layers = net.layers();
  const int num_layers = static_cast<int>(layers.size());
  auto describe = [&](int i) { return Format("layer '", net.layer_names()[i], "' (", layers[i]->type(), ")"); };
  auto blob_name = [&](const std::vector<std::vector<int>>& ids, int i, int j) {
    return net.blob_names()[ids[i][j]];
  };
  // 1. Weights already broken?
  for (int i = 0; i < num_layers; ++i) {
    const auto& blobs = layers[i]->blobs();
    for (size_t k = 0; k < blobs.size(); ++k) {
      if (!AllFinite(blobs[k]->cpu_data(), blobs[k]->count()))
        return Format(describe(i), " has non-finite weights (param #", k, ")");
    }
  }
  // 2. Forward layer by layer over the last batch: data-producing layers (no bottoms) keep
  //    their tops so the same batch is seen again.
  for (int i = 0; i < num_layers; ++i) {
    if (!net.bottom_vecs()[i].empty()) net.ForwardFromTo(i, i);
    const auto& tops = net.top_vecs()[i];
    for (size_t j = 0; j < tops.size(); ++j) {
      if (!AllFinite(tops[j]->cpu_data(), tops[j]->count()))
        return Format(describe(i), " produced a non-finite output in top '", blob_name(net.top_id_vecs(), i, j),
                      "' (forward)");
    }
  }
  // 3. Backward layer by layer: the first layer (in backward order) whose bottom or param
  //    gradient goes non-finite.
  net.ClearParamDiffs();
  for (int i = num_layers - 1; i >= 0; --i) {
    if (!net.layer_need_backward()[i]) continue;
    net.BackwardFromTo(i, i);
    const auto& bottoms = net.bottom_vecs()[i];
    for (size_t j = 0; j < bottoms.size(); ++j) {
      if (!net.bottom_need_backward()[i][j]) continue;
      if (!AllFinite(bottoms[j]->cpu_diff(), bottoms[j]->count()))
        return Format(describe(i), " produced a non-finite gradient for bottom '",
                      blob_name(net.bottom_id_vecs(), i, j), "' (backward)");
    }
    const auto& blobs = layers[i]->blobs();
    for (size_t k = 0; k < blobs.size(); ++k) {
      if (!AllFinite(blobs[k]->cpu_diff(), blobs[k]->count()))
        return Format(describe(i), " produced a non-finite gradient for its param #", k, " (backward)");
    }
  }
  return "no layer reproduced it on a re-run of the last batch";
}

void Solver::StopOnNonFinite(float loss) {
  const bool loss_bad = !std::isfinite(loss);
  std::string where;
  try {
    where = DiagnoseNonFinite();
  } catch (const std::exception& e) {
    where = Format("the diagnostic pass failed: ", e.what());
  }
  const std::string message =
      Format(loss_bad ? Format("Non-finite loss (", loss, ")") : std::string("Non-finite gradient"), " at iteration ",
             iter_, ": ", where, ". Training stopped; the last snapshot (if any) is kept.");
  LOG_ERROR(message);
  if (observer_) observer_->OnNonFinite(iter_, message);
  throw NumericError(message);
}

// ---------------------------------------------------------------- snapshot / restore

std::string Solver::Snapshot() {
  EnsureHistory();
  const bool h5 = param_.snapshot_format() == caffe::SolverParameter::HDF5;
  const std::string model_filename = SnapshotFilename(h5 ? ".caffemodel.h5" : ".caffemodel");
  const std::string state_filename = SnapshotFilename(h5 ? ".solverstate.h5" : ".solverstate");
  if (h5) {
    LOG_INFO("Snapshotting to HDF5 file ", model_filename);
    net_->ToHDF5(model_filename, param_.snapshot_diff());
    SnapshotSolverStateToHDF5(model_filename, state_filename);
  } else {
    LOG_INFO("Snapshotting to binary proto file ", model_filename);
    caffe::NetParameter net_param;
    net_->ToProto(&net_param, param_.snapshot_diff());
    WriteBinaryProtoFile(model_filename, net_param);
    SnapshotSolverState(model_filename, state_filename);
  }
  if (observer_) observer_->OnSnapshot(iter_, model_filename, state_filename);
  return model_filename;
}

void Solver::SnapshotSolverState(const std::string& model_filename, const std::string& state_path) {
  caffe::SolverState state;
  state.set_iter(iter_);
  state.set_learned_net(model_filename);
  state.set_current_step(current_step_);
  for (const auto& h : history_) h->ToProto(state.add_history());
  LOG_INFO("Snapshotting solver state to binary proto file ", state_path);
  WriteBinaryProtoFile(state_path, state);
}

void Solver::Restore(const std::string& state_file) {
  const bool h5 = state_file.size() >= 3 && state_file.compare(state_file.size() - 3, 3, ".h5") == 0;
  if (h5) return RestoreSolverStateFromHDF5(state_file);  // solver_hdf5.cpp
  caffe::SolverState state;
  ReadBinaryProtoFile(state_file, &state);
  EnsureHistory();
  // Check before touching anything, so a wrong file (e.g. a .caffemodel, #4181) leaves the solver intact.
  if (state.history_size() != static_cast<int>(history_.size())) {
    throw ConfigError(Format("Incorrect length of history blobs (", state.history_size(), " vs. ", history_.size(),
                             ") in '", state_file, "': is it a .solverstate of this net and solver type (",
                             type(), ")? To start from a .caffemodel, use --weights."));
  }
  if (state.has_learned_net()) net_->CopyTrainedLayersFromFile(ResolveLearnedNet(state.learned_net(), state_file));
  RestoreSolverState(state);
}

std::string Solver::ResolveLearnedNet(const std::string& learned, const std::string& state_file) const {
  const std::string dir = DirName(state_file);
  if (FileExists(learned)) return learned;
  if (!IsAbsolute(learned) && FileExists(JoinPath(dir, learned))) return JoinPath(dir, learned);
  const std::string beside = JoinPath(dir, fs::path(learned).filename().string());
  if (FileExists(beside)) {
    LOG_WARN("learned_net '", learned, "' not found; using '", beside, "' next to the solverstate");
    return beside;
  }
  throw IoError(Format("Cannot open learned_net '", learned, "' named by solverstate '", state_file,
                       "' (the solverstate stores the .caffemodel path as written)"));
}

void Solver::RestoreSolverState(const caffe::SolverState& state) {
  EnsureHistory();
  Require(state.history_size() == static_cast<int>(history_.size()), "Incorrect length of history blobs (",
          state.history_size(), " vs. ", history_.size(), ")");
  // Validate every blob first, then commit.
  std::vector<Blob> loaded(history_.size());
  for (size_t i = 0; i < history_.size(); ++i) {
    loaded[i].FromProto(state.history(static_cast<int>(i)), true);
    Require<ShapeError>(loaded[i].count() == history_[i]->count(), "History blob ", i, " has ",
                        loaded[i].count(), " values (", loaded[i].shape_string(), "), the net's param has ",
                        history_[i]->count(), " (", history_[i]->shape_string(), ")");
  }
  iter_ = state.iter();
  current_step_ = state.current_step();
  LOG_INFO("SGDSolver: restoring history");
  for (size_t i = 0; i < history_.size(); ++i) history_[i]->CopyFrom(loaded[i]);
}

// ---------------------------------------------------------------- file helpers

void ResolveSnapshotPrefix(const std::string& solver_path, caffe::SolverParameter* param) {
  const fs::path sp(solver_path);
  if (!param->has_snapshot_prefix() || param->snapshot_prefix().empty()) {
    param->set_snapshot_prefix(fs::path(sp).replace_extension().string());
    LOG_INFO("snapshot_prefix was not specified and is set to ", param->snapshot_prefix());
    return;
  }
  std::string prefix = param->snapshot_prefix();
  const std::string base_dir = DirName(solver_path);
  if (!IsAbsolute(prefix)) {
    // The solver's folder first (when the prefix's folder exists there), then the working directory.
    std::error_code ec;
    const std::string in_base = JoinPath(base_dir, prefix);
    const fs::path base_parent = fs::path(in_base).parent_path();
    if (fs::is_directory(in_base, ec) || base_parent.empty() || fs::is_directory(base_parent, ec)) prefix = in_base;
  }
  std::error_code ec;
  if (fs::is_directory(prefix, ec)) {
    prefix = (fs::path(prefix) / sp.stem()).string();
    LOG_INFO("snapshot_prefix is a directory and is set to ", prefix);
  }
  param->set_snapshot_prefix(prefix);
}

std::unique_ptr<Solver> CreateSolverFromFile(const std::string& solver_path) {
  caffe::SolverParameter param = ReadSolverParamFromTextFile(solver_path);
  ResolveSnapshotPrefix(solver_path, &param);
  return CreateSolver(param, DirName(solver_path));
}

}  // namespace crema
