// How a running solver reports to its driver (CLI or UI) and how the driver
// steers it. The solver calls the observer synchronously on its own thread;
// the UI's adapter turns the calls into queued Qt signals carrying values.
// TrainingControl is polled once per iteration and is safe to write from any
// thread.
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace crema {

/// One named scalar output of a net (e.g. "loss", "accuracy") with its loss weight.
struct OutputValue {
  std::string name;
  float value = 0.f;
  float loss_weight = 0.f;
};

/// Reported after each training iteration (after the update). `iter` is the
/// number of completed updates.
struct IterationStats {
  int iter = 0;
  float loss = 0.f;           ///< mean loss over the iter_size passes of this iteration
  float smoothed_loss = 0.f;  ///< average_loss smoothing, as displayed by Caffe
  float lr = 0.f;             ///< learning rate used for this update
  double iters_per_second = 0.0;
  std::vector<OutputValue> outputs;  ///< train net outputs of the last forward
};

/// Reported after a test pass: per output, the mean over test_iter batches.
struct TestResult {
  int iter = 0;
  int test_net_id = 0;
  std::vector<OutputValue> outputs;
};

/// Callbacks from the solver's thread. Default implementations do nothing.
class TrainingObserver {
 public:
  virtual ~TrainingObserver() = default;
  virtual void OnIteration(const IterationStats& stats) {}
  virtual void OnTest(const TestResult& result) {}
  /// After a snapshot; paths of the .caffemodel and .solverstate written.
  virtual void OnSnapshot(int iter, const std::string& model_path, const std::string& state_path) {}
  /// Training stopped because a value went non-finite; message names the layer.
  virtual void OnNonFinite(int iter, const std::string& message) {}
};

/// Requests from the driver, polled once per iteration by the solver.
class TrainingControl {
 public:
  enum class Action { None, Stop, Snapshot };

  void RequestStop() { stop_ = true; }
  void RequestSnapshot() { snapshot_ = true; }
  /// Consumes the stop request. Returns true once per request.
  bool TakeStop() { return stop_.exchange(false); }
  bool TakeSnapshot() { return snapshot_.exchange(false); }
  bool StopRequested() const { return stop_; }

  /// Hyperparameter changes applied at the start of the next iteration.
  void SetBaseLr(float v) {
    std::lock_guard<std::mutex> l(m_);
    base_lr_ = v;
  }
  void SetMomentum(float v) {
    std::lock_guard<std::mutex> l(m_);
    momentum_ = v;
  }
  void SetLrPolicy(const std::string& v) {
    std::lock_guard<std::mutex> l(m_);
    lr_policy_ = v;
  }
  std::optional<float> TakeBaseLr() { return Take(base_lr_); }
  std::optional<float> TakeMomentum() { return Take(momentum_); }
  std::optional<std::string> TakeLrPolicy() { return Take(lr_policy_); }

 private:
  template <typename T>
  std::optional<T> Take(std::optional<T>& slot) {
    std::lock_guard<std::mutex> l(m_);
    std::optional<T> v = slot;
    slot.reset();
    return v;
  }
  std::atomic<bool> stop_{false};
  std::atomic<bool> snapshot_{false};
  std::mutex m_;
  std::optional<float> base_lr_;
  std::optional<float> momentum_;
  std::optional<std::string> lr_policy_;
};

}  // namespace crema
