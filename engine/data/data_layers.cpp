#include "layer_registry.h"
#include "layers/layer_groups.h"

namespace crema {

void RegisterDataLayers(LayerRegistry& registry) {}

}  // namespace crema
