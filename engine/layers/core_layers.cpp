// Registration of the core layers (the ones LeNet and most Caffe nets need).
#include "layer_registry.h"
#include "layers/accuracy_layer.h"
#include "layers/convolution_layer.h"
#include "layers/inner_product_layer.h"
#include "layers/input_layer.h"
#include "layers/layer_groups.h"
#include "layers/pooling_layer.h"
#include "layers/relu_layer.h"
#include "layers/softmax_layer.h"
#include "layers/softmax_loss_layer.h"
#include "layers/split_layer.h"

namespace crema {

void RegisterCoreLayers(LayerRegistry& registry) {
  RegisterLayer<ConvolutionLayer>(registry, "Convolution");
  RegisterLayer<PoolingLayer>(registry, "Pooling");
  RegisterLayer<InnerProductLayer>(registry, "InnerProduct");
  RegisterLayer<ReLULayer>(registry, "ReLU");
  RegisterLayer<SoftmaxLayer>(registry, "Softmax");
  RegisterLayer<SoftmaxWithLossLayer>(registry, "SoftmaxWithLoss");
  RegisterLayer<AccuracyLayer>(registry, "Accuracy");
  RegisterLayer<InputLayer>(registry, "Input");
  RegisterLayer<SplitLayer>(registry, "Split");
}

}  // namespace crema
