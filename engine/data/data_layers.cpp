// Registration of the data layers (engine/data/).
#include "data/data_layer.h"
#include "data/dummy_data_layer.h"
#include "data/image_data_layer.h"
#include "data/memory_data_layer.h"
#include "layer_registry.h"
#include "layers/layer_groups.h"

namespace crema {

void RegisterDataLayers(LayerRegistry& registry) {
  RegisterLayer<DataLayer>(registry, "Data");
  RegisterLayer<MemoryDataLayer>(registry, "MemoryData");
  RegisterLayer<DummyDataLayer>(registry, "DummyData");
  RegisterLayer<ImageDataLayer>(registry, "ImageData");
  RegisterHdf5Layers(registry);
}

}  // namespace crema
