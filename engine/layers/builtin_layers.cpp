// The explicit list of built-in layer types (no static-initialiser registration).
#include "layer_registry.h"
#include "layers/layer_groups.h"

namespace crema {

void RegisterBuiltinLayers(LayerRegistry& registry) {
  RegisterCoreLayers(registry);
  RegisterDataLayers(registry);
  RegisterExtraLayers(registry);
}

}  // namespace crema
