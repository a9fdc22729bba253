#include "layer_registry.h"
#include "layers/layer_groups.h"

namespace crema {

void RegisterCoreLayers(LayerRegistry& registry) {}

}  // namespace crema
