#include "layers/input_layer.h"

namespace crema {

void InputLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const int num_top = static_cast<int>(top.size());
  const caffe::InputParameter& p = layer_param_.input_param();
  const int num_shape = p.shape_size();
  Check(num_shape == 0 || num_shape == 1 || num_shape == num_top,
        "input_param.shape must be specified once, once per top blob (", num_top, "), or not at all; got ",
        num_shape);
  if (num_shape == 0) return;
  for (int i = 0; i < num_top; ++i) {
    const caffe::BlobShape& s = p.shape(num_shape == 1 ? 0 : i);
    std::vector<int> shape;
    for (int d = 0; d < s.dim_size(); ++d) {
      if (s.dim(d) < 0 || s.dim(d) > 0x7fffffff)
        throw ShapeError(Format("Input layer '", name(), "': dimension ", d, " of shape ", i, " is ", s.dim(d)));
      shape.push_back(static_cast<int>(s.dim(d)));
    }
    top[i]->Reshape(shape);
  }
}

}  // namespace crema
