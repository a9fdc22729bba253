// Switches for the engine's optional optimisations, so that each one can be measured
// against the plain path in the same run (bench/run.sh) and checked for equal results.
#pragma once

namespace crema {

/// Optional engine optimisations, all on by default. For A/B runs the environment
/// variable CREMA_OPT=0 turns all of them off (the plain reference paths) and
/// CREMA_OPT_OFF=layouts,fuse,pool,nhwc,update (comma-separated) turns off the named ones.
/// Layers read the switches when they build their primitives (Reshape), solvers per update.
struct EngineOptions {
  bool private_layouts = true;  ///< "layouts": keep oneDNN layouts between layers (DnnlPrivate)
  bool fuse_relu = true;        ///< "fuse": in-place ReLU as a post-op of Convolution/InnerProduct
  bool fast_pooling = true;     ///< "pool": Crema's pooling kernels instead of oneDNN's on plain NCHW
  bool nhwc_conv = true;        ///< "nhwc": channels-last convolutions when channels do not fill 16-blocks
  bool fused_update = true;     ///< "update": one threaded pass for regularise + SGD step + w -= step
};
/// The switches in effect (from the environment on first use, or SetEngineOptions).
const EngineOptions& GetEngineOptions();
/// Replaces the switches; affects layers built (reshaped to a new shape) afterwards.
void SetEngineOptions(const EngineOptions& options);

}  // namespace crema
