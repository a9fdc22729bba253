// Reading and writing Caffe's file formats: net/solver prototxt (protobuf
// TextFormat), binary .caffemodel / .solverstate / .binaryproto. Legacy nets
// (V0, V1 `layers { type: CONVOLUTION }`, data-transform fields, input/input_dim)
// and legacy solver fields (solver_type enum) are upgraded on load, as Caffe's
// upgrade_proto.cpp does. Writes are atomic: a temp file in the same folder,
// then rename, so a snapshot is never half-written.
#pragma once

#include <string>
#include <vector>

#include <google/protobuf/message.h>

#include "caffe.pb.h"

namespace crema {

/// One problem found while parsing text: 1-based line and column.
struct TextParseIssue {
  int line = 0;
  int column = 0;
  std::string message;
  bool warning = false;
};

/// Parses protobuf text into `msg`. On failure throws ParseError whose message is
/// "<source_name>:<line>:<column>: <what>" (first error; all are in `issues` if given).
void ParseTextProto(const std::string& text, const std::string& source_name, google::protobuf::Message* msg,
                    std::vector<TextParseIssue>* issues = nullptr);
/// The whole file as bytes. Throws IoError (naming the path) if it is missing, a
/// folder, or unreadable.
std::string ReadFileBytes(const std::string& path);
/// Reads a text file into `msg`. Throws IoError if unreadable, ParseError on syntax errors.
void ReadTextProtoFile(const std::string& path, google::protobuf::Message* msg);
/// Reads a binary protobuf file (no 64 MB limit). Throws IoError/ParseError.
void ReadBinaryProtoFile(const std::string& path, google::protobuf::Message* msg);
/// Writes `msg` as text, atomically. Throws IoError.
void WriteTextProtoFile(const std::string& path, const google::protobuf::Message& msg);
/// Writes `msg` binary, atomically. Throws IoError.
void WriteBinaryProtoFile(const std::string& path, const google::protobuf::Message& msg);
/// Text form of a message (TextFormat printer), as written to files.
std::string ToTextProto(const google::protobuf::Message& msg);
/// Replaces `path` atomically with `bytes` (temp file + fsync + rename). Throws IoError.
void WriteFileAtomically(const std::string& path, const std::string& bytes);

/// Net prototxt (text) with legacy upgrade. Throws ParseError/ConfigError with the path.
caffe::NetParameter ReadNetParamFromTextFile(const std::string& path);
/// Net from a string (e.g. the editor's text view), upgraded; errors carry source_name:line:column.
caffe::NetParameter ParseNetParam(const std::string& text, const std::string& source_name);
/// Binary .caffemodel with legacy upgrade.
caffe::NetParameter ReadNetParamFromBinaryFile(const std::string& path);
/// Solver prototxt with legacy upgrade (solver_type enum -> type string).
caffe::SolverParameter ReadSolverParamFromTextFile(const std::string& path);
caffe::SolverParameter ParseSolverParam(const std::string& text, const std::string& source_name);

/// True if the net uses any legacy form (V0/V1 layers, data transform fields in
/// data params, input/input_dim fields, old BatchNorm params).
bool NetNeedsUpgrade(const caffe::NetParameter& param);
/// Upgrades in place; returns true if anything changed. Throws ConfigError when
/// `layer` and `layers` are mixed or a V0/V1 type is unknown. Logs what it did.
bool UpgradeNetAsNeeded(const std::string& source_name, caffe::NetParameter* param);
/// solver_type enum -> type string; throws ConfigError if both are set differently.
bool UpgradeSolverAsNeeded(const std::string& source_name, caffe::SolverParameter* param);

/// True if `path` is an existing HDF5 file (by its signature, HDF5's H5Fis_hdf5), e.g. a
/// .caffemodel.h5; false for missing or other files. Never throws (defined in io/hdf5.cpp).
bool IsHdf5File(const std::string& path);

/// Folder of a path ("" -> "."), for resolving relative net and data paths.
std::string DirName(const std::string& path);
/// Joins base and relative unless rel is absolute.
std::string JoinPath(const std::string& base, const std::string& rel);

}  // namespace crema
