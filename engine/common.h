// Shared definitions of the Crema engine: error types and small helpers.
// The engine never aborts on bad input: every failure is a typed exception
// whose message says what went wrong, where (layer name, file:line), and
// what was expected.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

namespace crema {

/// Base of every engine exception.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what) : std::runtime_error(what) {}
};

/// A prototxt/binary file could not be read or parsed (message carries file:line:column).
class ParseError : public Error {
 public:
  using Error::Error;
};

/// Blob shapes do not fit together (e.g. loading weights of the wrong shape).
class ShapeError : public Error {
 public:
  using Error::Error;
};

/// A data source (LMDB, IDX, download) is missing or malformed.
class DataError : public Error {
 public:
  using Error::Error;
};

/// A net, layer or solver definition is invalid (Caffe's CHECK failures at setup).
class ConfigError : public Error {
 public:
  using Error::Error;
};

/// Training produced a non-finite value; names the first offending layer.
class NumericError : public Error {
 public:
  using Error::Error;
};

/// I/O failure writing or reading a file (snapshot, model).
class IoError : public Error {
 public:
  using Error::Error;
};

/// Builds a message from stream-able parts: Format("layer ", name, " has ", n, " bottoms").
template <typename... Args>
std::string Format(const Args&... args) {
  std::ostringstream os;
  (os << ... << args);
  return os.str();
}

/// Throws ExceptionT(Format(args...)) when cond is false. Use for Caffe's CHECKs.
template <typename ExceptionT = ConfigError, typename... Args>
inline void Require(bool cond, const Args&... args) {
  if (!cond) throw ExceptionT(Format(args...));
}

}  // namespace crema
