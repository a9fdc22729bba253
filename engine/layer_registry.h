// Maps a prototxt layer `type` string ("Convolution") to a creator.
// Filled explicitly by RegisterBuiltinLayers() (engine/layers/builtin_layers.cpp);
// no static-initialiser registration.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "layer.h"

namespace crema {

using LayerCreator = std::function<std::unique_ptr<Layer>(const caffe::LayerParameter&)>;

class LayerRegistry {
 public:
  /// The process-wide registry, with the built-in layers registered on first use.
  static LayerRegistry& Global();
  /// Adds a type; throws ConfigError if the type is already registered.
  void Register(const std::string& type, LayerCreator creator);
  bool Has(const std::string& type) const;
  /// Creates a layer; an unknown type throws ConfigError naming the layer and the known types.
  std::unique_ptr<Layer> Create(const caffe::LayerParameter& param) const;
  /// Registered type names, sorted.
  std::vector<std::string> Types() const;

 private:
  std::vector<std::pair<std::string, LayerCreator>> creators_;
};

/// Registers every layer type shipped with the engine (defined in layers/builtin_layers.cpp).
void RegisterBuiltinLayers(LayerRegistry& registry);

/// Convenience for RegisterBuiltinLayers: registry.Register(type, creator of T).
template <typename T>
void RegisterLayer(LayerRegistry& registry, const std::string& type) {
  registry.Register(type, [](const caffe::LayerParameter& p) { return std::unique_ptr<Layer>(new T(p)); });
}

}  // namespace crema
