// Layer fusion over a built Net: oneDNN post-ops that remove a whole pass over a blob.
#pragma once

namespace crema {

class Net;

/// Fuses every in-place ReLU (bottom == top) that directly follows the Convolution or
/// InnerProduct producing that blob as its only top into the producer as an eltwise
/// post-op (when EngineOptions::fuse_relu). Caffe semantics are kept: with an in-place
/// ReLU nothing can read the pre-activation values, the blob holds the same post-ReLU
/// values after the forward, and the ReLU's backward (on the top data, as in Caffe's
/// in-place case) is unchanged. Returns the number of fused pairs.
int FuseInPlaceReLUs(Net& net);

}  // namespace crema
