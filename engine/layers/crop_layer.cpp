#include "layers/crop_layer.h"

#include <cstring>

namespace crema {

void CropLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.crop_param();
  const int input_dim = bottom[0]->num_axes();
  const int start_axis = bottom[0]->CanonicalAxisIndex(p.axis());
  Check(bottom[0]->num_axes() == bottom[1]->num_axes(), "bottoms need the same number of axes (",
        bottom[0]->shape_string(), " vs ", bottom[1]->shape_string(), ")");
  if (p.offset_size() > 1)
    Check(start_axis + p.offset_size() == input_dim, "number of offset values (", p.offset_size(),
          ") must match the number of cropped axes (", input_dim - start_axis, ")");
}

void CropLayer::Reshape(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.crop_param();
  const int input_dim = bottom[0]->num_axes();
  const int start_axis = bottom[0]->CanonicalAxisIndex(p.axis());
  offsets_.assign(input_dim, 0);
  std::vector<int> shape = bottom[0]->shape();
  for (int i = start_axis; i < input_dim; ++i) {
    int offset = 0;
    if (p.offset_size() == 1) {
      offset = static_cast<int>(p.offset(0));
    } else if (p.offset_size() > 1) {
      offset = static_cast<int>(p.offset(i - start_axis));
    }
    shape[i] = bottom[1]->shape(i);
    Check(bottom[0]->shape(i) - offset >= bottom[1]->shape(i), "invalid crop parameters in dimension ", i,
          ": size ", bottom[0]->shape(i), ", offset ", offset, ", crop size ", bottom[1]->shape(i));
    offsets_[i] = offset;
  }
  top[0]->Reshape(shape);
}

void CropLayer::Copy(const Blob& big, const Blob& small, const float* src, float* dst, bool forward) const {
  // Walk every index of the small (top) blob except the last axis, copying rows.
  const int axes = small.num_axes();
  if (small.count() == 0) return;
  if (axes == 0) {  // scalars: nothing to crop
    *dst = *src;
    return;
  }
  const int row = small.shape(axes - 1);
  std::vector<int> idx(axes, 0);
  const int rows = small.count() / row;
  for (int r = 0; r < rows; ++r) {
    int big_off = 0, small_off = 0;
    for (int a = 0; a < axes; ++a) {
      big_off = big_off * big.shape(a) + idx[a] + offsets_[a];
      small_off = small_off * small.shape(a) + idx[a];
    }
    if (forward) {
      std::memcpy(dst + small_off, src + big_off, sizeof(float) * row);
    } else {
      std::memcpy(dst + big_off, src + small_off, sizeof(float) * row);
    }
    // Advance the multi-index over axes [0, axes-1).
    for (int a = axes - 2; a >= 0; --a) {
      if (++idx[a] < small.shape(a)) break;
      idx[a] = 0;
    }
  }
}

void CropLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  Copy(*bottom[0], *top[0], bottom[0]->cpu_data(), top[0]->mutable_cpu_data(), true);
}

void CropLayer::Backward_cpu(const std::vector<Blob*>& top, const std::vector<bool>& propagate_down,
                             const std::vector<Blob*>& bottom) {
  if (!propagate_down[0]) return;
  bottom[0]->set_diff(0.f);
  Copy(*bottom[0], *top[0], top[0]->cpu_diff(), bottom[0]->mutable_cpu_diff(), false);
}

}  // namespace crema
