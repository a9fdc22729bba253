// crema-cli upgrade-net / upgrade-solver: Caffe's tools/upgrade_net_proto_text,
// upgrade_net_proto_binary and upgrade_solver_proto_text in one place. The
// input may be a text prototxt or a binary caffemodel (detected from the bytes);
// the output is written in the same form, atomically.
#include <fstream>
#include <sstream>

#include "common.h"
#include "io/io.h"
#include "log.h"
#include "tools/commands.h"
#include "tools/flags.h"

namespace crema::tools {
namespace {

/// Protobuf text never holds control bytes other than tab/CR/LF; a serialized
/// message of any size practically always does (tags, lengths, floats).
bool LooksBinary(const std::string& bytes) {
  for (unsigned char c : bytes) {
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f) return true;
  }
  return false;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(Format("cannot open ", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::pair<std::string, std::string> InOut(const Args& args) {
  const Flags flags(args, {});
  if (flags.positional().size() != 2) throw UsageError("expected IN and OUT");
  return {flags.positional()[0], flags.positional()[1]};
}

}  // namespace

int UpgradeNet(const Args& args) {
  const auto [in, out] = InOut(args);
  const bool binary = LooksBinary(ReadBytes(in));
  caffe::NetParameter net;
  if (binary) {
    ReadBinaryProtoFile(in, &net);
  } else {
    ReadTextProtoFile(in, &net);
  }
  if (NetNeedsUpgrade(net)) {
    UpgradeNetAsNeeded(in, &net);
  } else {
    LOG_INFO("File already in latest proto format: ", in);
  }
  if (binary) {
    WriteBinaryProtoFile(out, net);
    LOG_INFO("Wrote upgraded NetParameter binary proto to ", out);
  } else {
    WriteTextProtoFile(out, net);
    LOG_INFO("Wrote upgraded NetParameter text proto to ", out);
  }
  return 0;
}

int UpgradeSolver(const Args& args) {
  const auto [in, out] = InOut(args);
  caffe::SolverParameter solver;
  ReadTextProtoFile(in, &solver);
  if (!UpgradeSolverAsNeeded(in, &solver)) LOG_INFO("File already in latest proto format: ", in);
  WriteTextProtoFile(out, solver);
  LOG_INFO("Wrote upgraded SolverParameter text proto to ", out);
  return 0;
}

}  // namespace crema::tools
