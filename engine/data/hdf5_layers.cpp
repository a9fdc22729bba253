// Registration of the HDF5 layers (called from RegisterDataLayers in data_layers.cpp).
#include "data/hdf5_data_layer.h"
#include "data/hdf5_output_layer.h"
#include "layer_registry.h"
#include "layers/layer_groups.h"

namespace crema {

void RegisterHdf5Layers(LayerRegistry& registry) {
  RegisterLayer<HDF5DataLayer>(registry, "HDF5Data");
  RegisterLayer<HDF5OutputLayer>(registry, "HDF5Output");
}

}  // namespace crema
