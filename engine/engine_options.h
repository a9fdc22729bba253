// Switches for the engine's optional optimisations, so that each one can be measured
// against the plain path in the same run (bench/run.sh) and checked for equal results.
#pragma once

namespace crema {

/// Optional engine optimisations. For A/B runs the environment variable CREMA_OPT=0 turns
/// all of them off (the plain reference paths), CREMA_OPT_OFF=layouts,fuse,pool,update
/// (comma-separated) turns off the named ones and CREMA_OPT_ON=nhwc turns on the one that is
/// off by default: channels-last convolutions run different oneDNN kernels (another
/// summation order), so a 200-iteration LeNet run drifts past 1e-5 from the plain path
/// (from iteration ~35), while every other switch gives bit-identical losses.
/// Layers read the switches when they build their primitives (Reshape), solvers per update.
struct EngineOptions {
  bool private_layouts = true;  ///< "layouts": keep oneDNN layouts between layers (DnnlPrivate)
  bool fuse_relu = true;        ///< "fuse": in-place ReLU as a post-op of Convolution/InnerProduct
  bool fast_pooling = true;     ///< "pool": Crema's pooling kernels instead of oneDNN's on plain NCHW
  bool nhwc_conv = false;       ///< "nhwc": channels-last convolutions when channels do not fill 16-blocks
  bool fused_update = true;     ///< "update": one threaded pass for regularise + SGD step + w -= step
};
/// The switches in effect (from the environment on first use, or SetEngineOptions).
const EngineOptions& GetEngineOptions();
/// Replaces the switches; affects layers built (reshaped to a new shape) afterwards.
void SetEngineOptions(const EngineOptions& options);

}  // namespace crema
