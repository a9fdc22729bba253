// Reading and writing Caffe's file formats (see io.h). Facts from Caffe's
// src/caffe/util/io.cpp: text through protobuf TextFormat, binary through a
// CodedInputStream whose 64 MB default limit is lifted (large caffemodels).
#include "io/io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <sstream>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/text_format.h>

#include "common.h"

namespace crema {
namespace {

namespace gpio = google::protobuf::io;

/// Collects TextFormat errors and warnings, converting protobuf's 0-based
/// line/column to the 1-based numbers editors show.
class CollectingErrorCollector : public gpio::ErrorCollector {
 public:
  void AddError(int line, gpio::ColumnNumber column, const std::string& message) override {
    issues.push_back({line + 1, column + 1, message, false});
  }
  void AddWarning(int line, gpio::ColumnNumber column, const std::string& message) override {
    issues.push_back({line + 1, column + 1, message, true});
  }
  std::vector<TextParseIssue> issues;
};

std::string ErrnoText(int err) { return std::strerror(err); }


/// Closes a file descriptor on scope exit unless released.
struct FdGuard {
  int fd = -1;
  ~FdGuard() {
    if (fd >= 0) ::close(fd);
  }
};

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) {
      errno = EIO;
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

std::string BaseName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

void ParseTextProto(const std::string& text, const std::string& source_name, google::protobuf::Message* msg,
                    std::vector<TextParseIssue>* issues) {
  CollectingErrorCollector collector;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&collector);
  const bool ok = parser.ParseFromString(text, msg);
  if (issues) *issues = collector.issues;
  if (ok) return;
  for (const TextParseIssue& issue : collector.issues) {
    if (!issue.warning) {
      throw ParseError(Format(source_name, ":", issue.line, ":", issue.column, ": ", issue.message));
    }
  }
  throw ParseError(Format(source_name, ": cannot parse as ", msg->GetTypeName()));
}

std::string ReadFileBytes(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) throw IoError(Format("cannot read ", path, ": is a directory"));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(Format("cannot open ", path, ": ", ErrnoText(errno)));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw IoError(Format("cannot read ", path));
  return ss.str();
}

void ReadTextProtoFile(const std::string& path, google::protobuf::Message* msg) {
  ParseTextProto(ReadFileBytes(path), path, msg);
}

void ReadBinaryProtoFile(const std::string& path, google::protobuf::Message* msg) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError(Format("cannot open ", path, ": ", ErrnoText(errno)));
  FdGuard guard{fd};
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) throw IoError(Format("cannot read ", path, ": is a directory"));
  gpio::FileInputStream raw(fd);
  gpio::CodedInputStream coded(&raw);
  coded.SetTotalBytesLimit(INT_MAX);
  msg->Clear();
  const bool ok = msg->ParseFromCodedStream(&coded) && coded.ConsumedEntireMessage();
  if (raw.GetErrno() != 0) throw IoError(Format("cannot read ", path, ": ", ErrnoText(raw.GetErrno())));
  if (!ok) throw ParseError(Format(path, ": not a valid binary ", msg->GetTypeName()));
}

std::string ToTextProto(const google::protobuf::Message& msg) {
  std::string out;
  google::protobuf::TextFormat::Printer printer;
  if (!printer.PrintToString(msg, &out)) throw IoError(Format("cannot print ", msg.GetTypeName(), " as text"));
  return out;
}

void WriteTextProtoFile(const std::string& path, const google::protobuf::Message& msg) {
  WriteFileAtomically(path, ToTextProto(msg));
}

void WriteBinaryProtoFile(const std::string& path, const google::protobuf::Message& msg) {
  std::string bytes;
  if (!msg.SerializeToString(&bytes)) throw IoError(Format("cannot serialize ", msg.GetTypeName(), " for ", path));
  WriteFileAtomically(path, bytes);
}

void WriteFileAtomically(const std::string& path, const std::string& bytes) {
  if (path.empty()) throw IoError("cannot write: empty path");
  const std::string dir = DirName(path);
  std::string tmpl = JoinPath(dir, "." + BaseName(path) + ".tmp.XXXXXX");
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0) throw IoError(Format("cannot write ", path, ": cannot create a temp file in ", dir, ": ", ErrnoText(errno)));
  const std::string tmp(name.data());
  FdGuard guard{fd};
  auto fail = [&](const std::string& what, int err) {
    if (guard.fd >= 0) {
      ::close(guard.fd);
      guard.fd = -1;
    }
    ::unlink(tmp.c_str());
    throw IoError(Format("cannot write ", path, ": ", what, ": ", ErrnoText(err)));
  };
  // Keep the mode of a file being replaced; new files get rw-r--r--.
  struct stat st {};
  mode_t mode = 0644;
  if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) mode = st.st_mode & 07777;
  if (::fchmod(fd, mode) != 0) fail("chmod", errno);
  if (!WriteAll(fd, bytes.data(), bytes.size())) fail("write", errno);
  if (::fsync(fd) != 0) fail("fsync", errno);
  const int fd_to_close = guard.fd;
  guard.fd = -1;
  if (::close(fd_to_close) != 0) fail("close", errno);
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail("rename", errno);
  // Make the rename itself durable (best effort).
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

caffe::NetParameter ParseNetParam(const std::string& text, const std::string& source_name) {
  caffe::NetParameter param;
  ParseTextProto(text, source_name, &param);
  UpgradeNetAsNeeded(source_name, &param);
  return param;
}

caffe::NetParameter ReadNetParamFromTextFile(const std::string& path) {
  return ParseNetParam(ReadFileBytes(path), path);
}

caffe::NetParameter ReadNetParamFromBinaryFile(const std::string& path) {
  caffe::NetParameter param;
  ReadBinaryProtoFile(path, &param);
  UpgradeNetAsNeeded(path, &param);
  return param;
}

caffe::SolverParameter ParseSolverParam(const std::string& text, const std::string& source_name) {
  caffe::SolverParameter param;
  ParseTextProto(text, source_name, &param);
  UpgradeSolverAsNeeded(source_name, &param);
  return param;
}

caffe::SolverParameter ReadSolverParamFromTextFile(const std::string& path) {
  return ParseSolverParam(ReadFileBytes(path), path);
}

std::string DirName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  // Collapse repeated slashes before the name ("a//b" -> "a").
  size_t end = slash;
  while (end > 0 && path[end - 1] == '/') --end;
  if (end == 0) return "/";
  return path.substr(0, end);
}

std::string JoinPath(const std::string& base, const std::string& rel) {
  if (rel.empty()) return base;
  if (rel.front() == '/' || base.empty()) return rel;
  if (base.back() == '/') return base + rel;
  return base + "/" + rel;
}

}  // namespace crema
