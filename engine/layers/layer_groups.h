// Registration functions, one per group of layer files.
#pragma once

namespace crema {
class LayerRegistry;
/// Convolution, Pooling, InnerProduct, ReLU, Softmax, SoftmaxWithLoss, Accuracy, Input, Split (core_layers.cpp).
void RegisterCoreLayers(LayerRegistry& registry);
/// Data (LMDB), MemoryData, DummyData (engine/data/data_layers.cpp).
void RegisterDataLayers(LayerRegistry& registry);
/// Every other Caffe layer: neurons, common, losses, LRN, Deconvolution (extra_layers.cpp).
void RegisterExtraLayers(LayerRegistry& registry);
/// HDF5Data and HDF5Output (engine/data/hdf5_layers.cpp); called by RegisterDataLayers.
void RegisterHdf5Layers(LayerRegistry& registry);
}  // namespace crema
