#include "layer_registry.h"

#include <algorithm>

namespace crema {

LayerRegistry& LayerRegistry::Global() {
  static LayerRegistry* registry = [] {
    auto* r = new LayerRegistry();
    RegisterBuiltinLayers(*r);
    return r;
  }();
  return *registry;
}

void LayerRegistry::Register(const std::string& type, LayerCreator creator) {
  Require(!Has(type), "Layer type '", type, "' already registered");
  creators_.emplace_back(type, std::move(creator));
}

bool LayerRegistry::Has(const std::string& type) const {
  return std::any_of(creators_.begin(), creators_.end(), [&](const auto& c) { return c.first == type; });
}

std::unique_ptr<Layer> LayerRegistry::Create(const caffe::LayerParameter& param) const {
  for (const auto& c : creators_) {
    if (c.first == param.type()) return c.second(param);
  }
  std::string known;
  for (const auto& t : Types()) known += (known.empty() ? "" : ", ") + t;
  throw ConfigError(Format("Unknown layer type '", param.type(), "' (layer '", param.name(), "'). Known types: ", known));
}

std::vector<std::string> LayerRegistry::Types() const {
  std::vector<std::string> t;
  for (const auto& c : creators_) t.push_back(c.first);
  std::sort(t.begin(), t.end());
  return t;
}

}  // namespace crema
