#include "dnnl/dnnl_fusion.h"

#include <cstring>

#include "dnnl/dnnl_tensor.h"
#include "layers/relu_layer.h"
#include "log.h"
#include "net.h"

namespace crema {

int FuseInPlaceReLUs(Net& net) {
  if (!GetEngineOptions().fuse_relu) return 0;
  const auto& layers = net.layers();
  int fused = 0;
  for (size_t i = 1; i < layers.size(); ++i) {
    auto* relu = dynamic_cast<ReLULayer*>(layers[i].get());
    if (!relu || relu->fused()) continue;
    const auto& bottom = net.bottom_vecs()[i];
    const auto& top = net.top_vecs()[i];
    const auto& producer_top = net.top_vecs()[i - 1];
    if (bottom.size() != 1 || top.size() != 1 || bottom[0] != top[0]) continue;  // in-place only
    if (producer_top.size() != 1 || producer_top[0] != bottom[0]) continue;
    // Layer::FuseReLU refuses by default; Convolution and InnerProduct accept.
    if (!layers[i - 1]->FuseReLU(relu->layer_param().relu_param().negative_slope())) continue;
    relu->set_fused(true);
    LOG_INFO("Fused ", net.layer_names()[i], " into ", net.layer_names()[i - 1], " (oneDNN post-op)");
    ++fused;
  }
  return fused;
}

}  // namespace crema
