// Registration of every layer outside the core set: neurons, common layers,
// losses, LRN, Deconvolution, Im2col.
#include "layer_registry.h"
#include "layers/absval_layer.h"
#include "layers/argmax_layer.h"
#include "layers/batch_norm_layer.h"
#include "layers/bias_layer.h"
#include "layers/bnll_layer.h"
#include "layers/clip_layer.h"
#include "layers/concat_layer.h"
#include "layers/contrastive_loss_layer.h"
#include "layers/crop_layer.h"
#include "layers/deconvolution_layer.h"
#include "layers/dropout_layer.h"
#include "layers/eltwise_layer.h"
#include "layers/elu_layer.h"
#include "layers/embed_layer.h"
#include "layers/euclidean_loss_layer.h"
#include "layers/exp_layer.h"
#include "layers/flatten_layer.h"
#include "layers/hinge_loss_layer.h"
#include "layers/im2col_layer.h"
#include "layers/infogain_loss_layer.h"
#include "layers/layer_groups.h"
#include "layers/log_layer.h"
#include "layers/lrn_layer.h"
#include "layers/multinomial_logistic_loss_layer.h"
#include "layers/mvn_layer.h"
#include "layers/power_layer.h"
#include "layers/prelu_layer.h"
#include "layers/reduction_layer.h"
#include "layers/reshape_layer.h"
#include "layers/scale_layer.h"
#include "layers/sigmoid_cross_entropy_loss_layer.h"
#include "layers/sigmoid_layer.h"
#include "layers/silence_layer.h"
#include "layers/slice_layer.h"
#include "layers/swish_layer.h"
#include "layers/tanh_layer.h"
#include "layers/threshold_layer.h"
#include "layers/tile_layer.h"

namespace crema {

void RegisterExtraLayers(LayerRegistry& registry) {
  // Neurons.
  RegisterLayer<AbsValLayer>(registry, "AbsVal");
  RegisterLayer<BatchNormLayer>(registry, "BatchNorm");
  RegisterLayer<BiasLayer>(registry, "Bias");
  RegisterLayer<BNLLLayer>(registry, "BNLL");
  RegisterLayer<ClipLayer>(registry, "Clip");
  RegisterLayer<DropoutLayer>(registry, "Dropout");
  RegisterLayer<ELULayer>(registry, "ELU");
  RegisterLayer<ExpLayer>(registry, "Exp");
  RegisterLayer<LogLayer>(registry, "Log");
  RegisterLayer<PowerLayer>(registry, "Power");
  RegisterLayer<PReLULayer>(registry, "PReLU");
  RegisterLayer<ScaleLayer>(registry, "Scale");
  RegisterLayer<SigmoidLayer>(registry, "Sigmoid");
  RegisterLayer<SwishLayer>(registry, "Swish");
  RegisterLayer<TanHLayer>(registry, "TanH");
  RegisterLayer<ThresholdLayer>(registry, "Threshold");
  // Common.
  RegisterLayer<ArgMaxLayer>(registry, "ArgMax");
  RegisterLayer<ConcatLayer>(registry, "Concat");
  RegisterLayer<CropLayer>(registry, "Crop");
  RegisterLayer<EltwiseLayer>(registry, "Eltwise");
  RegisterLayer<EmbedLayer>(registry, "Embed");
  RegisterLayer<FlattenLayer>(registry, "Flatten");
  RegisterLayer<MVNLayer>(registry, "MVN");
  RegisterLayer<ReductionLayer>(registry, "Reduction");
  RegisterLayer<ReshapeLayer>(registry, "Reshape");
  RegisterLayer<SilenceLayer>(registry, "Silence");
  RegisterLayer<SliceLayer>(registry, "Slice");
  RegisterLayer<TileLayer>(registry, "Tile");
  // Losses.
  RegisterLayer<ContrastiveLossLayer>(registry, "ContrastiveLoss");
  RegisterLayer<EuclideanLossLayer>(registry, "EuclideanLoss");
  RegisterLayer<HingeLossLayer>(registry, "HingeLoss");
  RegisterLayer<InfogainLossLayer>(registry, "InfogainLoss");
  RegisterLayer<MultinomialLogisticLossLayer>(registry, "MultinomialLogisticLoss");
  RegisterLayer<SigmoidCrossEntropyLossLayer>(registry, "SigmoidCrossEntropyLoss");
  // Vision.
  RegisterLayer<DeconvolutionLayer>(registry, "Deconvolution");
  RegisterLayer<Im2colLayer>(registry, "Im2col");
  RegisterLayer<LRNLayer>(registry, "LRN");
}

}  // namespace crema
