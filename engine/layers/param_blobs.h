// Weight and bias blobs shared by the layers with learnable filters
// (Convolution, Deconvolution, InnerProduct).
#pragma once

#include <vector>

#include "caffe.pb.h"
#include "layer.h"

namespace crema {

/// Creates layer.blobs() = {weight of `weight_shape`, bias [num_output] if bias_term},
/// filled by the given fillers from layer.rng(); or, when the layer was built with blobs
/// (loaded from a model), checks them: a wrong count throws ConfigError, a wrong shape
/// ShapeError, both naming the layer and the expected and actual values. Every param then
/// propagates down.
void SetUpWeightAndBias(Layer& layer, const std::vector<int>& weight_shape, int num_output, bool bias_term,
                        const caffe::FillerParameter& weight_filler, const caffe::FillerParameter& bias_filler);

}  // namespace crema
