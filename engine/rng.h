// One seeded random source per solver (Caffe: Caffe::rng_stream()).
// Everything random (fillers, Dropout masks, data transformer crops and
// mirrors, prefetch seeds) draws from it in construction order, so a fixed
// random_seed makes two runs with the same thread count bit-identical.
#pragma once

#include <cstdint>
#include <random>

namespace crema {

class Rng {
 public:
  /// seed < 0 means non-deterministic (Caffe's random_seed: -1 default).
  explicit Rng(int64_t seed = -1) { Seed(seed); }
  void Seed(int64_t seed) {
    engine_.seed(seed >= 0 ? static_cast<uint32_t>(seed) : std::random_device{}());
  }
  std::mt19937& engine() { return engine_; }
  /// Raw 32-bit draw (Caffe's caffe_rng_rand), e.g. to seed another thread's Rng.
  uint32_t NextUInt() { return engine_(); }
  /// U[a, b) in float (Caffe makes b inclusive with nextafter; see filler.cpp).
  float Uniform(float a, float b) { return std::uniform_real_distribution<float>(a, b)(engine_); }
  float Gaussian(float mean, float stddev) { return std::normal_distribution<float>(mean, stddev)(engine_); }
  bool Bernoulli(float p) { return std::bernoulli_distribution(p)(engine_); }
  /// Integer uniform in [0, n).
  int UniformInt(int n) { return n <= 1 ? 0 : std::uniform_int_distribution<int>(0, n - 1)(engine_); }

 private:
  std::mt19937 engine_;
};

}  // namespace crema
