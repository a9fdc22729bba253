// Central-difference gradient checks for layers, after Caffe's
// src/caffe/test/test_gradient_check_util.hpp: stepsize 1e-2, threshold 1e-3,
// error scaled by max(|analytic|, |numeric|, 1); points within `kink_range` of a
// known kink (e.g. ReLU at 0) are skipped.
//
// Objective: L = sum_k sum_i w_ki * top_k[i] with fixed pseudo-random weights w,
// so every top element contributes. For layers with a loss (loss weight on top),
// the objective is the layer's returned loss instead.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <random>
#include <vector>

#include "blob.h"
#include "layer.h"

namespace crema::test {

struct GradientCheckOptions {
  float stepsize = 1e-2f;
  float threshold = 1e-3f;
  float kink = 0.f;
  float kink_range = -1.f;  ///< < 0: no kink skipping
  bool check_params = true;
  /// Bottoms to check; empty = all.
  std::vector<int> bottoms;
  unsigned seed = 1701;
};

/// Options for layers with a kink at 0 (ReLU, PReLU, ELU, AbsVal, ASUM): points within
/// 0.01 of it are skipped.
inline GradientCheckOptions KinkAtZero() {
  GradientCheckOptions opt;
  opt.kink = 0.f;
  opt.kink_range = 0.01f;
  return opt;
}

/// Sets up `layer` on the blobs (SetUp must not have been called), then compares the
/// analytic gradient of every bottom (and param blob) element with central differences.
/// Reports failures with gtest EXPECT (names blob, index, both values).
inline void CheckGradient(Layer& layer, const std::vector<Blob*>& bottom, const std::vector<Blob*>& top,
                          GradientCheckOptions opt = {}) {
  Rng rng(opt.seed);
  layer.set_rng(&rng);
  layer.SetUp(bottom, top);
  // Decide whether the layer itself defines a loss.
  bool has_loss = false;
  for (size_t k = 0; k < top.size(); ++k) has_loss |= layer.loss(static_cast<int>(k)) != 0.f;

  std::mt19937 gen(opt.seed);
  std::uniform_real_distribution<float> wdist(-1.f, 1.f);
  std::vector<std::vector<float>> weights(top.size());

  auto objective = [&]() -> double {
    // Stochastic layers (Dropout) must reseed to reproduce the same mask.
    rng.Seed(opt.seed);
    const float loss = layer.Forward(bottom, top);
    if (has_loss) return loss;
    double s = 0;
    for (size_t k = 0; k < top.size(); ++k) {
      if (weights[k].size() != static_cast<size_t>(top[k]->count())) {
        weights[k].resize(top[k]->count());
        for (float& w : weights[k]) w = wdist(gen);
      }
      const float* d = top[k]->cpu_data();
      for (int i = 0; i < top[k]->count(); ++i) s += static_cast<double>(weights[k][i]) * d[i];
    }
    return s;
  };

  // Blobs to check.
  std::vector<Blob*> check;
  std::vector<std::string> labels;
  std::vector<bool> propagate(bottom.size(), false);
  for (size_t b = 0; b < bottom.size(); ++b) {
    if (!opt.bottoms.empty() && std::find(opt.bottoms.begin(), opt.bottoms.end(), static_cast<int>(b)) == opt.bottoms.end())
      continue;
    propagate[b] = true;
    check.push_back(bottom[b]);
    labels.push_back("bottom " + std::to_string(b));
  }
  if (opt.check_params) {
    for (size_t p = 0; p < layer.blobs().size(); ++p) {
      check.push_back(layer.blobs()[p].get());
      labels.push_back("param " + std::to_string(p));
    }
  }

  // Analytic gradients.
  objective();
  if (!has_loss) {
    for (size_t k = 0; k < top.size(); ++k) {
      float* td = top[k]->mutable_cpu_diff();
      for (int i = 0; i < top[k]->count(); ++i) td[i] = weights[k][i];
    }
  }
  for (auto& pb : layer.blobs()) pb->set_diff(0.f);
  layer.Backward(top, propagate, bottom);
  std::vector<std::vector<float>> analytic;
  for (Blob* b : check) analytic.emplace_back(b->cpu_diff(), b->cpu_diff() + b->count());

  for (size_t c = 0; c < check.size(); ++c) {
    Blob* b = check[c];
    for (int i = 0; i < b->count(); ++i) {
      float* x = b->mutable_cpu_data() + i;
      const float orig = *x;
      *x = orig + opt.stepsize;
      const double plus = objective();
      *x = orig - opt.stepsize;
      const double minus = objective();
      *x = orig;
      const double numeric = (plus - minus) / (2.0 * opt.stepsize);
      const double a = analytic[c][i];
      if (opt.kink_range > 0 && std::fabs(orig - opt.kink) <= opt.kink_range) continue;
      const double scale = std::max({std::fabs(a), std::fabs(numeric), 1.0});
      EXPECT_NEAR(a, numeric, opt.threshold * scale)
          << layer.type() << " '" << layer.name() << "' " << labels[c] << " index " << i << " value " << orig;
    }
  }
}

/// Fills a blob with U[lo, hi) values from a fixed seed.
inline void FillUniformTest(Blob* b, float lo, float hi, unsigned seed = 1) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> d(lo, hi);
  float* p = b->mutable_cpu_data();
  for (int i = 0; i < b->count(); ++i) p[i] = d(gen);
}

/// Fills a blob with N(0, std) values from a fixed seed.
inline void FillGaussianTest(Blob* b, float stddev = 1.f, unsigned seed = 1) {
  std::mt19937 gen(seed);
  std::normal_distribution<float> d(0.f, stddev);
  float* p = b->mutable_cpu_data();
  for (int i = 0; i < b->count(); ++i) p[i] = d(gen);
}

/// A LayerParameter parsed from protobuf text, e.g. Param("type: 'ReLU' relu_param { negative_slope: 0.1 }").
caffe::LayerParameter LayerParamFromText(const std::string& text);

}  // namespace crema::test
