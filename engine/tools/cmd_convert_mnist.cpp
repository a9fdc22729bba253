// crema-cli convert-mnist IMAGES LABELS OUT_DB [--backend lmdb] [--force]
// (Caffe's examples/mnist/convert_mnist_data.cpp).
#include "common.h"
#include "data/mnist_lmdb.h"
#include "tools/commands.h"
#include "tools/flags.h"

namespace crema::tools {

int ConvertMnist(const Args& args) {
  Flags flags(args, {"backend"}, {"force"});
  if (flags.positional().size() != 3) throw UsageError("expects IMAGES LABELS OUT_DB");
  const std::string backend = flags.Get("backend", "lmdb");
  if (backend != "lmdb") throw UsageError("only --backend lmdb is supported (got '" + backend + "')");
  const auto& p = flags.positional();
  crema::ConvertMnist(p[0], p[1], p[2], flags.Has("force") && flags.Get("force") != "false");
  return 0;
}

}  // namespace crema::tools
