#include "layers/param_blobs.h"

#include <memory>

#include "filler.h"

namespace crema {

void SetUpWeightAndBias(Layer& layer, const std::vector<int>& weight_shape, int num_output, bool bias_term,
                        const caffe::FillerParameter& weight_filler, const caffe::FillerParameter& bias_filler) {
  auto& blobs = layer.blobs();
  const std::vector<int> bias_shape{num_output};
  const size_t expected = bias_term ? 2 : 1;
  if (!blobs.empty()) {
    Require(blobs.size() == expected, layer.type(), " layer '", layer.name(),
            "': incorrect number of weight blobs: expected ", expected, ", got ", blobs.size());
    Require<ShapeError>(blobs[0]->shape() == weight_shape, layer.type(), " layer '", layer.name(),
                        "': incorrect weight shape: expected ", ShapeToString(weight_shape), ", got ",
                        blobs[0]->shape_string());
    if (bias_term)
      Require<ShapeError>(blobs[1]->shape() == bias_shape, layer.type(), " layer '", layer.name(),
                          "': incorrect bias shape: expected ", num_output, ", got ", blobs[1]->shape_string());
  } else {
    blobs.push_back(std::make_shared<Blob>(weight_shape));
    FillBlob(weight_filler, blobs[0].get(), layer.rng());
    if (bias_term) {
      blobs.push_back(std::make_shared<Blob>(bias_shape));
      FillBlob(bias_filler, blobs[1].get(), layer.rng());
    }
  }
  for (size_t i = 0; i < blobs.size(); ++i) layer.set_param_propagate_down(static_cast<int>(i), true);
}

}  // namespace crema
