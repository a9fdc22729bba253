// Solver: Caffe's training loop (src/caffe/solver.cpp, sgd_solver.cpp) and the
// base of the update rules (SGD, Nesterov, AdaGrad, RMSProp, AdaDelta, Adam).
//
// Per iteration, in Caffe's order: clear param diffs; test if test_interval
// divides iter (iter 0 only with test_initialization); iter_size
// forward/backward passes; smoothed loss (average_loss); display lines; apply
// update (lr from iter before increment; global-norm clipping on the summed
// diff; 1/iter_size normalisation; L2/L1 regularisation with decay_mult; the
// rule's ComputeUpdateValue with lr*lr_mult; w -= diff); iter++; snapshot if
// `snapshot` divides iter. The driver steers through TrainingControl and
// listens through TrainingObserver.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "caffe.pb.h"
#include "net.h"
#include "rng.h"
#include "solver/training_observer.h"

namespace crema {

class Solver {
 public:
  /// Builds train and test nets from `param` (net/train_net/test_net fields, or
  /// inline net_param/train_net_param/test_net_param). Relative net paths and data
  /// sources resolve against `base_dir` (the solver file's folder), falling back to
  /// the working directory. Seeds the RNG before building nets when random_seed >= 0.
  /// Throws ConfigError on invalid settings (e.g. momentum != 0 for AdaGrad).
  explicit Solver(const caffe::SolverParameter& param, const std::string& base_dir = "");
  virtual ~Solver();

  /// Trains until max_iter (or a stop request). If resume_file is non-empty,
  /// restores from that .solverstate first. Ends with Caffe's post-loop snapshot,
  /// display and test, and "Optimization Done.".
  void Solve(const std::string& resume_file = "");
  /// Runs `iters` training iterations (Caffe's Solver::Step). Returns early on stop.
  void Step(int iters);
  /// Runs every test net now (test_iter batches each); reports through the observer and log.
  void TestAll();
  /// Runs test net `test_net_id` for test_iter batches and logs Caffe's "Test net output"
  /// lines; the result holds, per output element, the mean of the per-batch values.
  /// The result is empty (no outputs) when a stop request interrupted the test.
  TestResult Test(int test_net_id);
  /// Writes <prefix>_iter_N.caffemodel and .solverstate atomically (with snapshot_format: HDF5,
  /// .caffemodel.h5 and .solverstate.h5 in Caffe's HDF5 layout); returns the model path.
  std::string Snapshot();
  /// Restores weights, history, iter and current_step from a .solverstate (a name ending in
  /// ".h5" is read as Caffe's HDF5 solverstate, see RestoreSolverStateFromHDF5).
  /// The weights come from the state's learned_net: as written (relative to the
  /// working directory), else relative to the state file's folder, else the file of
  /// that name next to the state file. Throws ConfigError "Incorrect length of history
  /// blobs (n vs. P)" for a file that is not this solver's state (e.g. a .caffemodel),
  /// IoError when learned_net cannot be found, ShapeError on a net mismatch.
  void Restore(const std::string& state_file);
  /// Copies weights from comma-separated .caffemodel paths (binary or HDF5) into the train net
  /// and every test net (Caffe's `train --weights a,b`). Throws IoError/ShapeError.
  void LoadWeights(const std::string& comma_separated_paths);
  /// prefix + "_iter_" + iter + extension (Caffe's SnapshotFilename).
  std::string SnapshotFilename(const std::string& extension) const;

  /// The learning rate for the current iteration (Caffe GetLearningRate).
  /// Throws ConfigError on an unknown or missing lr_policy.
  float GetLearningRate();

  int iter() const { return iter_; }
  const caffe::SolverParameter& param() const { return param_; }
  /// Mutable parameter (e.g. to change base_lr between runs; mid-run use TrainingControl).
  caffe::SolverParameter& mutable_param() { return param_; }
  Net& net() { return *net_; }
  const std::vector<std::unique_ptr<Net>>& test_nets() const { return test_nets_; }
  Rng& rng() { return rng_; }
  /// The solver type string, e.g. "SGD".
  virtual const char* type() const = 0;

  void set_observer(TrainingObserver* observer) { observer_ = observer; }
  TrainingControl& control() { return control_; }
  /// Smoothed loss as last displayed.
  float smoothed_loss() const { return smoothed_loss_; }
  /// Learning rate used by the last update (0 before the first).
  float last_lr() const { return last_lr_; }
  /// Multistep/step position (saved in the solverstate).
  int current_step() const { return current_step_; }
  /// True when the last Solve/Step ended on a stop request.
  bool requested_early_exit() const { return requested_early_exit_; }
  /// History blobs (P, or 2P for AdaDelta and Adam), created on first use.
  const std::vector<std::unique_ptr<Blob>>& history() {
    EnsureHistory();
    return history_;
  }

 protected:
  /// Applies one update to every learnable param (normalise, regularise, rule, w -= diff).
  virtual void ApplyUpdate();
  /// The rule: turns param `param_id`'s diff into the step to subtract (history in history_).
  virtual void ComputeUpdateValue(int param_id, float rate) = 0;
  /// Optional fast path run after clipping: does Normalize, Regularize, ComputeUpdateValue and
  /// w -= step for every param in one (threaded) pass per param with the same float
  /// arithmetic, and returns true; false (the default) runs the separate passes.
  virtual bool FusedUpdate(float rate) { return false; }
  /// Number of history blobs per learnable param (2 for AdaDelta and Adam).
  virtual int HistoryBlobsPerParam() const { return 1; }
  void ClipGradients();
  void Normalize(int param_id);
  void Regularize(int param_id);
  void SnapshotSolverState(const std::string& model_filename, const std::string& state_path);
  void RestoreSolverState(const caffe::SolverState& state);
  /// snapshot_format: HDF5 (Caffe SGDSolver::SnapshotSolverStateToHDF5, solver_hdf5.cpp): writes
  /// `state_path` atomically with int datasets "iter" and "current_step", string dataset
  /// "learned_net" (model_filename as written) and group "history" holding "0".."n-1" (n = P,
  /// or 2P for AdaDelta and Adam). Throws IoError.
  void SnapshotSolverStateToHDF5(const std::string& model_filename, const std::string& state_path);
  /// Restores from a .solverstate.h5 written by Caffe or Crema (Caffe
  /// SGDSolver::RestoreSolverStateFromHDF5): checks the history length first (ConfigError
  /// "Incorrect length of history blobs"), then loads learned_net (HDF5 or binary), iter,
  /// current_step and history. Throws IoError, DataError, ShapeError as Restore does.
  void RestoreSolverStateFromHDF5(const std::string& state_file);
  /// Finds the model a solverstate names: as written (relative to the working directory),
  /// else relative to the state file's folder, else the file of that name next to it.
  /// Throws IoError when none exists.
  std::string ResolveLearnedNet(const std::string& learned, const std::string& state_file) const;
  void UpdateSmoothedLoss(float loss, int start_iter, int average_loss);
  /// Whether the rule accepts this momentum (AdaGrad and RMSProp require 0).
  virtual bool AcceptsMomentum(float momentum) const { return true; }
  /// Allocates history_/update_/temp_ from the learnable params (once).
  void EnsureHistory();
  /// Applies pending TrainingControl changes (base_lr, momentum, lr_policy), logging each.
  void ApplyControlChanges();
  /// False when any learnable param diff holds a NaN or infinity.
  bool GradientsFinite() const;
  /// Re-runs the last batch layer by layer and names the first layer whose output,
  /// param or gradient is non-finite.
  std::string DiagnoseNonFinite();
  /// Reports a non-finite loss/gradient (observer, log) and throws NumericError.
  [[noreturn]] void StopOnNonFinite(float loss);
  /// Caffe's output lines for one output blob set ("Train net output #k: ...").
  std::vector<OutputValue> CollectOutputs(const Net& net) const;

  int iterations_last_ = 0;
  bool requested_early_exit_ = false;
  float last_lr_ = 0.f;

  caffe::SolverParameter param_;
  std::string base_dir_;
  Rng rng_;
  std::unique_ptr<Net> net_;
  std::vector<std::unique_ptr<Net>> test_nets_;
  /// history_[i] (and history_[i + P] for two-moment rules) for learnable param i.
  std::vector<std::unique_ptr<Blob>> history_;
  std::vector<std::unique_ptr<Blob>> update_;
  std::vector<std::unique_ptr<Blob>> temp_;
  int iter_ = 0;
  int current_step_ = 0;
  std::vector<float> losses_;
  float smoothed_loss_ = 0.f;
  TrainingObserver* observer_ = nullptr;
  TrainingControl control_;
};

/// Creates the solver named by param.type() (or legacy solver_type), after
/// upgrading legacy fields. Throws ConfigError for an unknown type (case-sensitive:
/// SGD, Nesterov, AdaGrad, RMSProp, AdaDelta, Adam) or when both type and solver_type are set.
std::unique_ptr<Solver> CreateSolver(const caffe::SolverParameter& param, const std::string& base_dir = "");

/// Caffe's UpgradeSnapshotPrefixProperty: a missing snapshot_prefix becomes the
/// solver file path without its extension; a prefix naming a directory becomes
/// dir/<solver file stem>. A relative prefix resolves against the solver file's folder
/// when its folder exists there, else against the working directory (Caffe's rule).
void ResolveSnapshotPrefix(const std::string& solver_path, caffe::SolverParameter* param);

/// Reads a solver prototxt (legacy fields upgraded), resolves its snapshot prefix
/// and creates the solver with base_dir = the file's folder.
std::unique_ptr<Solver> CreateSolverFromFile(const std::string& solver_path);

}  // namespace crema
