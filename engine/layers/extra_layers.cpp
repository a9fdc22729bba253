#include "layer_registry.h"
#include "layers/layer_groups.h"

namespace crema {

void RegisterExtraLayers(LayerRegistry& registry) {}

}  // namespace crema
