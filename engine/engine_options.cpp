#include "engine_options.h"

#include <cstdlib>
#include <sstream>
#include <string>

namespace crema {

namespace {

EngineOptions OptionsFromEnvironment() {
  EngineOptions o;
  const char* all = std::getenv("CREMA_OPT");
  if (all && std::string(all) == "0") {
    o.private_layouts = o.fuse_relu = o.fast_pooling = o.nhwc_conv = o.fused_update = false;
    return o;
  }
  if (const char* off = std::getenv("CREMA_OPT_OFF")) {
    std::stringstream ss(off);
    for (std::string name; std::getline(ss, name, ',');) {
      if (name == "layouts") o.private_layouts = false;
      if (name == "fuse") o.fuse_relu = false;
      if (name == "pool") o.fast_pooling = false;
      if (name == "nhwc") o.nhwc_conv = false;
      if (name == "update") o.fused_update = false;
    }
  }
  if (const char* on = std::getenv("CREMA_OPT_ON")) {
    std::stringstream ss(on);
    for (std::string name; std::getline(ss, name, ',');) {
      if (name == "nhwc") o.nhwc_conv = true;
    }
  }
  return o;
}

EngineOptions& MutableOptions() {
  static EngineOptions options = OptionsFromEnvironment();
  return options;
}

}  // namespace

const EngineOptions& GetEngineOptions() { return MutableOptions(); }
void SetEngineOptions(const EngineOptions& options) { MutableOptions() = options; }

}  // namespace crema
