// Small helpers shared by the layer tests: set/read blob values, compare with
// the cases file's ~1e-6 relative tolerance.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "blob.h"

namespace crema::test {

inline void SetData(Blob& b, const std::vector<float>& v) {
  ASSERT_EQ(static_cast<size_t>(b.count()), v.size());
  std::copy(v.begin(), v.end(), b.mutable_cpu_data());
}
inline void SetDiff(Blob& b, const std::vector<float>& v) {
  ASSERT_EQ(static_cast<size_t>(b.count()), v.size());
  std::copy(v.begin(), v.end(), b.mutable_cpu_diff());
}
inline std::vector<float> Data(const Blob& b) { return {b.cpu_data(), b.cpu_data() + b.count()}; }
inline std::vector<float> Diff(const Blob& b) { return {b.cpu_diff(), b.cpu_diff() + b.count()}; }

/// Element-wise |a - e| <= rel * max(1, |e|).
inline void ExpectValues(const std::vector<float>& actual, const std::vector<float>& expected, float rel = 1e-6f) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i)
    EXPECT_NEAR(actual[i], expected[i], rel * std::max(1.f, std::fabs(expected[i]))) << "at index " << i;
}

}  // namespace crema::test
