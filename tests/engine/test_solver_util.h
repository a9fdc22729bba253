// Helpers for the solver tests: a scripted test layer whose loss values and
// parameter gradients are given by the test, so the solver's update order,
// display, smoothing and test averaging can be checked against the
// hand-computed traces of ../shared/cases/caffe-semantics.md (sections 5-7, 11).
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

#include "io/io.h"
#include "layer.h"
#include "layer_registry.h"
#include "log.h"
#include "solver/solver.h"

namespace crema::test {

/// What a ScriptedParam layer does. Entry k of a list is used by the k-th call
/// (the last entry repeats).
struct Script {
  std::vector<float> init;                 ///< initial param values (its size is the param size)
  std::vector<std::vector<float>> grads;   ///< gradient per backward call; empty: grad = w - target
  std::vector<float> losses;               ///< top[0] per forward call; empty: 0.5 * |w - target|^2
  std::vector<float> target;               ///< for the quadratic default (zeros if empty)
  std::vector<float> second;               ///< top[1] (if the layer has two tops) per forward call
};

inline std::map<std::string, Script>& Scripts() {
  static std::map<std::string, Script> scripts;
  return scripts;
}

/// Test layer "ScriptedParam": no bottoms, one param blob, top[0] a scalar loss
/// (loss_weight 1 by default), optional top[1] a scalar output. The script is looked
/// up by the layer's name.
class ScriptedParamLayer : public Layer {
 public:
  using Layer::Layer;
  const char* type() const override { return "ScriptedParam"; }
  int ExactNumBottomBlobs() const override { return 0; }
  int MinTopBlobs() const override { return 1; }
  int MaxTopBlobs() const override { return 2; }

  void LayerSetUp(const std::vector<Blob*>&, const std::vector<Blob*>&) override {
    script_ = Scripts().at(name());
    if (layer_param_.loss_weight_size() == 0) {
      layer_param_.add_loss_weight(1.f);
      if (layer_param_.top_size() > 1) layer_param_.add_loss_weight(0.f);
    }
    if (blobs_.empty()) {
      blobs_.push_back(std::make_shared<Blob>(std::vector<int>{static_cast<int>(script_.init.size())}));
      std::copy(script_.init.begin(), script_.init.end(), blobs_[0]->mutable_cpu_data());
    }
    if (script_.target.empty()) script_.target.assign(script_.init.size(), 0.f);
  }
  void Reshape(const std::vector<Blob*>&, const std::vector<Blob*>& top) override {
    for (Blob* t : top) t->Reshape({});
  }

  int forward_calls = 0;
  int backward_calls = 0;

 protected:
  template <typename T>
  static const T& Pick(const std::vector<T>& v, int k) {
    return v[std::min<size_t>(k, v.size() - 1)];
  }
  void Forward_cpu(const std::vector<Blob*>&, const std::vector<Blob*>& top) override {
    const float* w = blobs_[0]->cpu_data();
    float v = 0;
    if (script_.losses.empty()) {
      for (int i = 0; i < blobs_[0]->count(); ++i) v += 0.5f * (w[i] - script_.target[i]) * (w[i] - script_.target[i]);
    } else {
      v = Pick(script_.losses, forward_calls);
    }
    top[0]->mutable_cpu_data()[0] = v;
    if (top.size() > 1) top[1]->mutable_cpu_data()[0] = script_.second.empty() ? 0.f : Pick(script_.second, forward_calls);
    ++forward_calls;
  }
  void Backward_cpu(const std::vector<Blob*>&, const std::vector<bool>&, const std::vector<Blob*>&) override {
    if (!param_propagate_down(0)) return;
    const float* w = blobs_[0]->cpu_data();
    float* g = blobs_[0]->mutable_cpu_diff();
    for (int i = 0; i < blobs_[0]->count(); ++i) {
      g[i] += script_.grads.empty() ? (w[i] - script_.target[i]) : Pick(script_.grads, backward_calls)[i];
    }
    ++backward_calls;
  }

 private:
  Script script_;
};

inline void RegisterScriptedLayer() {
  static std::once_flag once;
  std::call_once(once, [] {
    auto& reg = LayerRegistry::Global();
    if (!reg.Has("ScriptedParam")) RegisterLayer<ScriptedParamLayer>(reg, "ScriptedParam");
  });
}

/// Collects every log line (without the glog prefix) while alive.
class LogCapture {
 public:
  LogCapture() {
    old_ = SetLogSink([this](LogLevel, const std::string& line) {
      std::lock_guard<std::mutex> l(m_);
      const auto pos = line.find("] ");
      lines_.push_back(pos == std::string::npos ? line : line.substr(pos + 2));
    });
  }
  ~LogCapture() { SetLogSink(old_); }
  std::vector<std::string> lines() {
    std::lock_guard<std::mutex> l(m_);
    return lines_;
  }
  /// Lines matching a regex (search).
  std::vector<std::smatch> Matches(const std::string& pattern) {
    std::vector<std::smatch> out;
    stash_ = lines();
    const std::regex re(pattern);
    for (const auto& l : stash_) {
      std::smatch m;
      if (std::regex_search(l, m, re)) out.push_back(m);
    }
    return out;
  }
  int Count(const std::string& pattern) { return static_cast<int>(Matches(pattern).size()); }

 private:
  std::mutex m_;
  std::vector<std::string> lines_;
  std::vector<std::string> stash_;
  LogSink old_;
};

/// A fresh temporary folder, removed at destruction.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "crema_solver_XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// SolverParameter from text (inline nets allowed).
inline caffe::SolverParameter SolverFromText(const std::string& text) { return ParseSolverParam(text, "test-solver"); }

/// Values of the first learnable param of the solver's train net.
inline std::vector<float> Weights(Solver& s, int param = 0) {
  Blob* b = s.net().learnable_params()[param];
  return std::vector<float>(b->cpu_data(), b->cpu_data() + b->count());
}

inline bool FileExists(const std::string& p) { return std::filesystem::exists(p); }

}  // namespace crema::test
