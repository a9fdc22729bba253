// DataTransformer: Caffe's per-record preprocessing (src/caffe/data_transformer.cpp).
//
// For a Datum of C x H x W (uint8 `data`, or `float_data` when `data` is empty):
//   1. crop: with crop_size K, a K x K window at (h_off, w_off): TRAIN draws
//      h_off, w_off uniformly in [0, H-K] (resp. W-K); TEST uses (H-K)/2, (W-K)/2.
//   2. mirror: when `mirror` is set, a coin flip per record, in TRAIN *and* TEST
//      (Caffe's behaviour) reverses the columns.
//   3. value: (x - mean) * scale, where mean is mean_file[c][h_off+h][w_off+w]
//      (the mean is indexed at uncropped coordinates), or mean_value[c] (one
//      value for all channels or one per channel), or 0.
// Output is C x K x K (or C x H x W without crop) floats, row-major.
// Encoded (JPEG/PNG) Datum records are decoded first, as Caffe's DataTransformer does:
// natively (gray files give 1 channel, colour files 3 in BGR order; DecodeDatumToCVMatNative)
// unless transform_param.force_color / force_gray ask for 3 / 1 channels.
// Random draws per record, in Caffe's order: mirror coin, then h_off, then w_off.
#pragma once

#include <memory>
#include <vector>

#include "blob.h"
#include "caffe.pb.h"
#include "rng.h"

namespace crema {

class DataTransformer {
 public:
  /// Validates the parameter: mean_file together with mean_value is a ConfigError;
  /// mean_file is read as a binary BlobProto (DataError if unreadable).
  /// `where` prefixes error messages (e.g. "Data layer 'mnist'").
  DataTransformer(const caffe::TransformationParameter& param, caffe::Phase phase, const std::string& where = "");

  /// True when transforming draws random numbers (mirror, or a crop in TRAIN).
  bool NeedsRandom() const;
  /// Seeds the transformer's own random source from one draw of `layer_rng`
  /// (Caffe's InitRand: caffe_rng_rand() at setup). Does nothing when !NeedsRandom().
  /// The transformer owns its stream so the prefetch thread never touches the layer's.
  void InitRand(Rng& layer_rng);

  /// Decodes an encoded Datum in place (see the header comment); false for a raw Datum.
  /// Throws DataError naming `name` when the bytes do not decode.
  bool DecodeIfEncoded(caffe::Datum* datum, const std::string& name = "") const;

  /// Output shape {C, H', W'} for a datum (H' = W' = crop_size when cropping).
  /// Throws DataError when the datum is smaller than the crop or has no channels.
  std::vector<int> InferDatumShape(const caffe::Datum& datum) const;

  /// Transforms one datum into dst (InferDatumShape(datum) floats). Throws DataError on
  /// size mismatches (data bytes vs C*H*W, mean_file vs datum shape, mean_value count).
  void Transform(const caffe::Datum& datum, float* dst);

  /// Transforms a C x H x W uint8 image (decoded pictures, e.g. the ImageData layer).
  void Transform(const uint8_t* src, int channels, int height, int width, float* dst);

  /// Transforms a C x H x W float image in the same way (used for arrays fed from code).
  void Transform(const float* src, int channels, int height, int width, float* dst);

  const caffe::TransformationParameter& param() const { return param_; }

 private:
  template <typename T>
  void TransformImpl(const T* src, int channels, int height, int width, float* dst);
  int Rand(int n);

  caffe::TransformationParameter param_;
  caffe::Phase phase_;
  std::string where_;
  Blob mean_;
  bool has_mean_file_ = false;
  std::vector<float> mean_values_;
  std::unique_ptr<Rng> rng_;
};

}  // namespace crema
