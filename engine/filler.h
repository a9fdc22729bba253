// Fillers: initial values of param blobs (Caffe include/caffe/filler.hpp).
// fan_in = count / shape[0]; fan_out = count / shape[1] (count for 1-D blobs).
//   constant: value (default 0)          uniform: U[min, max] (defaults [0,1])
//   gaussian: N(mean, std), std > 0, optional `sparse` Bernoulli mask
//   positive_unitball: U[0,1] then each row (per shape[0]) normalised to sum 1
//   xavier: U[-a, a], a = sqrt(3/n)       msra: N(0, sqrt(2/n))
//     n = fan_in | fan_out | (fan_in+fan_out)/2 by variance_norm
//     (Glorot & Bengio 2010; He et al. 2015, as Caffe implements them)
//   bilinear: upsampling kernel for Deconvolution (Long et al. 2015 FCN)
#pragma once

#include "blob.h"
#include "caffe.pb.h"
#include "rng.h"

namespace crema {

/// Fills blob per param. Throws ConfigError on an unknown type or invalid
/// parameters (gaussian std <= 0, uniform min > max, ...).
void FillBlob(const caffe::FillerParameter& param, Blob* blob, Rng& rng);

}  // namespace crema
