// Minimal Caffe/gflags-style flag parsing for crema-cli: --name value, --name=value,
// -name value; bare words are positional. Unknown flags are a usage error.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common.h"

namespace crema::tools {

/// Raised for command-line mistakes (exit code 2).
class UsageError : public Error {
 public:
  using Error::Error;
};

class Flags {
 public:
  /// `known` lists the accepted flag names (without dashes); `booleans` those that take no value.
  Flags(const std::vector<std::string>& args, const std::vector<std::string>& known,
        const std::vector<std::string>& booleans = {});
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  /// Integer value; throws UsageError if not an integer.
  int GetInt(const std::string& name, int fallback) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

}  // namespace crema::tools
