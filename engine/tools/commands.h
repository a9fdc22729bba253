// crema-cli subcommands (Caffe's tools/caffe.cpp and tools/convert_mnist_data.cpp
// equivalents). Each takes the arguments after the subcommand name, prints
// Caffe-format log lines, and returns the process exit code. Errors are reported
// as "crema-cli <cmd>: <message>" on stderr with exit code 1 (2 for usage errors).
#pragma once

#include <string>
#include <vector>

namespace crema::tools {

using Args = std::vector<std::string>;

int Train(const Args& args);          ///< train --solver S [--weights a,b] [--snapshot X.solverstate]
int Test(const Args& args);           ///< test --model M --weights W [--iterations 50]
int Time(const Args& args);           ///< time --model M [--iterations 50] [--phase TRAIN|TEST]
int Info(const Args& args);           ///< info: oneDNN version, ISA, threads
int ConvertMnist(const Args& args);   ///< convert-mnist IMAGES LABELS OUT_DB
int ConvertImageset(const Args& args);   ///< convert-imageset [FLAGS] ROOTFOLDER/ LISTFILE DB_NAME
int ComputeImageMean(const Args& args);  ///< compute-image-mean [--backend lmdb] INPUT_DB [OUTPUT_FILE]
int Data(const Args& args);           ///< data mnist --out DIR [--images I --labels L]
int UpgradeNet(const Args& args);     ///< upgrade-net IN OUT
int UpgradeSolver(const Args& args);  ///< upgrade-solver IN OUT

}  // namespace crema::tools
