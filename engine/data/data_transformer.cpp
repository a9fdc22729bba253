#include "data/data_transformer.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>

#include "common.h"
#include "data/image_io.h"
#include "log.h"

namespace crema {
namespace {

/// A binary BlobProto (Caffe's .binaryproto mean file), without protobuf's 64 MB default limit.
caffe::BlobProto ReadMeanFile(const std::string& path, const std::string& where) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) throw DataError(Format(where, ": cannot open mean_file '", path, "': ", std::strerror(errno)));
  caffe::BlobProto proto;
  bool ok = false;
  {
    google::protobuf::io::FileInputStream raw(fd);
    google::protobuf::io::CodedInputStream coded(&raw);
    coded.SetTotalBytesLimit(std::numeric_limits<int>::max());
    ok = proto.ParseFromCodedStream(&coded);
  }
  ::close(fd);
  if (!ok) throw DataError(Format(where, ": mean_file '", path, "' is not a binary BlobProto"));
  return proto;
}

}  // namespace

DataTransformer::DataTransformer(const caffe::TransformationParameter& param, caffe::Phase phase,
                                 const std::string& where)
    : param_(param), phase_(phase), where_(where.empty() ? std::string("DataTransformer") : where) {
  if (param_.has_mean_file()) {
    Require(param_.mean_value_size() == 0, where_,
            ": cannot specify mean_file and mean_value at the same time (transform_param)");
    LOG_INFO("Loading mean file from: ", param_.mean_file());
    mean_.FromProto(ReadMeanFile(param_.mean_file(), where_), true);
    has_mean_file_ = true;
  }
  mean_values_.assign(param_.mean_value().begin(), param_.mean_value().end());
  Require<ConfigError>(!(param_.force_color() && param_.force_gray()), where_,
                       ": transform_param cannot set both force_color and force_gray");
}

bool DataTransformer::DecodeIfEncoded(caffe::Datum* datum, const std::string& name) const {
  if (!datum->encoded()) return false;
  const ImageColor color = param_.force_color() ? ImageColor::kColor
                           : param_.force_gray() ? ImageColor::kGray
                                                 : ImageColor::kNative;
  try {
    return DecodeDatumInPlace(datum, color, name.empty() ? std::string("encoded Datum") : name);
  } catch (const DataError& e) {
    throw DataError(Format(where_, ": ", e.what()));
  }
}

bool DataTransformer::NeedsRandom() const {
  return param_.mirror() || (phase_ == caffe::TRAIN && param_.crop_size() > 0);
}

void DataTransformer::InitRand(Rng& layer_rng) {
  if (!NeedsRandom()) return;
  rng_ = std::make_unique<Rng>(static_cast<int64_t>(layer_rng.NextUInt()));
}

int DataTransformer::Rand(int n) {
  if (!rng_) throw ConfigError(Format(where_, ": transformer needs a random source (InitRand not called)"));
  // Caffe: (*rng)() % n on the raw 32-bit draw.
  return static_cast<int>(rng_->NextUInt() % static_cast<uint32_t>(n));
}

std::vector<int> DataTransformer::InferDatumShape(const caffe::Datum& datum) const {
  if (datum.encoded()) {
    caffe::Datum decoded = datum;
    DecodeIfEncoded(&decoded);
    return InferDatumShape(decoded);
  }
  const int c = datum.channels(), h = datum.height(), w = datum.width();
  if (c <= 0 || h <= 0 || w <= 0)
    throw DataError(Format(where_, ": Datum has shape ", c, "x", h, "x", w, " (all dimensions must be > 0)"));
  const int crop = static_cast<int>(param_.crop_size());
  if (crop > 0) {
    if (h < crop || w < crop)
      throw DataError(Format(where_, ": crop_size ", crop, " is larger than the Datum (", h, "x", w, ")"));
    return {c, crop, crop};
  }
  return {c, h, w};
}

void DataTransformer::Transform(const caffe::Datum& datum, float* dst) {
  if (datum.encoded()) {
    caffe::Datum decoded = datum;
    DecodeIfEncoded(&decoded);
    Transform(decoded, dst);
    return;
  }
  InferDatumShape(datum);
  const int c = datum.channels(), h = datum.height(), w = datum.width();
  const size_t size = static_cast<size_t>(c) * h * w;
  if (!datum.data().empty()) {
    if (datum.data().size() != size)
      throw DataError(Format(where_, ": Datum data has ", datum.data().size(), " bytes, expected ", c, "x", h, "x",
                             w, " = ", size));
    TransformImpl(reinterpret_cast<const uint8_t*>(datum.data().data()), c, h, w, dst);
  } else {
    if (static_cast<size_t>(datum.float_data_size()) != size)
      throw DataError(Format(where_, ": Datum float_data has ", datum.float_data_size(), " values, expected ", c,
                             "x", h, "x", w, " = ", size));
    TransformImpl(datum.float_data().data(), c, h, w, dst);
  }
}

void DataTransformer::Transform(const uint8_t* src, int channels, int height, int width, float* dst) {
  const int crop = static_cast<int>(param_.crop_size());
  if (channels <= 0 || height < crop || width < crop || height <= 0 || width <= 0)
    throw DataError(Format(where_, ": cannot transform a ", channels, "x", height, "x", width, " image with crop_size ",
                           crop));
  TransformImpl(src, channels, height, width, dst);
}

void DataTransformer::Transform(const float* src, int channels, int height, int width, float* dst) {
  const int crop = static_cast<int>(param_.crop_size());
  if (channels <= 0 || height < crop || width < crop || height <= 0 || width <= 0)
    throw DataError(Format(where_, ": cannot transform a ", channels, "x", height, "x", width, " image with crop_size ",
                           crop));
  TransformImpl(src, channels, height, width, dst);
}

template <typename T>
void DataTransformer::TransformImpl(const T* src, int channels, int height, int width, float* dst) {
  const int crop = static_cast<int>(param_.crop_size());
  const float scale = param_.scale();
  // Coin first, then offsets (Caffe's order of draws).
  const bool do_mirror = param_.mirror() && Rand(2);

  const float* mean = nullptr;
  if (has_mean_file_) {
    if (mean_.channels() != channels || mean_.height() != height || mean_.width() != width)
      throw DataError(Format(where_, ": mean_file '", param_.mean_file(), "' has shape ", mean_.shape_string(),
                             ", the data is ", channels, "x", height, "x", width));
    mean = mean_.cpu_data();
  }
  const int num_means = static_cast<int>(mean_values_.size());
  if (num_means > 0 && num_means != 1 && num_means != channels)
    throw DataError(Format(where_, ": mean_value has ", num_means,
                           " values; give one, or one per channel (the data has ", channels, ")"));

  int out_h = height, out_w = width, h_off = 0, w_off = 0;
  if (crop > 0) {
    out_h = out_w = crop;
    if (phase_ == caffe::TRAIN) {
      h_off = Rand(height - crop + 1);
      w_off = Rand(width - crop + 1);
    } else {
      h_off = (height - crop) / 2;
      w_off = (width - crop) / 2;
    }
  }

  for (int c = 0; c < channels; ++c) {
    const float mean_c = num_means == 0 ? 0.f : mean_values_[num_means == 1 ? 0 : c];
    for (int h = 0; h < out_h; ++h) {
      const size_t src_row = (static_cast<size_t>(c) * height + h_off + h) * width + w_off;
      float* out_row = dst + (static_cast<size_t>(c) * out_h + h) * out_w;
      for (int w = 0; w < out_w; ++w) {
        const size_t src_index = src_row + w;
        const float x = static_cast<float>(src[src_index]);
        const float m = mean ? mean[src_index] : mean_c;
        out_row[do_mirror ? out_w - 1 - w : w] = (x - m) * scale;
      }
    }
  }
}

}  // namespace crema
