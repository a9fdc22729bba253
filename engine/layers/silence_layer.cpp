#include "layers/silence_layer.h"

namespace crema {

void SilenceLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                                const std::vector<Blob*>& bottom) {
  for (size_t i = 0; i < bottom.size(); ++i)
    if (propagate_down[i]) bottom[i]->set_diff(0.f);
}

}  // namespace crema
