// Test helper: switches the engine's optional optimisations (EngineOptions) for one scope.
#pragma once

#include "dnnl/dnnl_tensor.h"

namespace crema::test {

/// Installs `options` and restores the previous switches on destruction.
class ScopedEngineOptions {
 public:
  explicit ScopedEngineOptions(const EngineOptions& options) : saved_(GetEngineOptions()) {
    SetEngineOptions(options);
  }
  ~ScopedEngineOptions() { SetEngineOptions(saved_); }
  ScopedEngineOptions(const ScopedEngineOptions&) = delete;
  ScopedEngineOptions& operator=(const ScopedEngineOptions&) = delete;

 private:
  EngineOptions saved_;
};

}  // namespace crema::test
