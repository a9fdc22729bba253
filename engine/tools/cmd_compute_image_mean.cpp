// crema-cli compute-image-mean [--backend lmdb] INPUT_DB [OUTPUT_FILE]
// (BVLC Caffe's tools/compute_image_mean.cpp). Averages every Datum of the LMDB (encoded
// records are decoded natively first, as DecodeDatumNative) into a 1 x C x H x W BlobProto
// written to OUTPUT_FILE (the transform_param.mean_file format), then logs
// "Number of channels: C" and "mean_value channel [c]: m" for each channel (the mean of
// that channel's plane, usable as transform_param.mean_value).
// Difference from Caffe: sums are accumulated in double rather than float (identical up to
// ~65k images of 8-bit data; Caffe's float sum loses precision beyond that).
// Errors: DataError when a record is not a Datum or its size differs from the first one
// ("Incorrect data field size"), or the database cannot be opened.
#include <algorithm>
#include <vector>

#include "caffe.pb.h"
#include "common.h"
#include "data/image_io.h"
#include "data/lmdb_db.h"
#include "io/io.h"
#include "log.h"
#include "tools/commands.h"
#include "tools/flags.h"

namespace crema::tools {

int ComputeImageMean(const Args& args) {
  Flags flags(args, {"backend"});
  if (flags.positional().empty() || flags.positional().size() > 2)
    throw UsageError("expects INPUT_DB [OUTPUT_FILE]");
  const std::string backend = flags.Get("backend", "lmdb");
  if (backend == "leveldb")
    throw UsageError("--backend leveldb is not supported: Crema reads LMDB only (use --backend lmdb)");
  if (backend != "lmdb") throw UsageError("unknown --backend '" + backend + "' (lmdb)");
  const std::string db_path = flags.positional()[0];

  LmdbReader reader(db_path);
  caffe::Datum datum;
  int channels = 0, height = 0, width = 0;
  size_t size = 0;
  std::vector<double> sum;
  const size_t total = reader.size();
  size_t count = 0;
  for (size_t i = 0; i < total; ++i) {
    if (i > 0) reader.Next();
    if (!datum.ParseFromString(reader.value()))
      throw DataError(Format("record '", reader.key(), "' of '", db_path, "' is not a Datum"));
    const bool was_encoded = DecodeDatumInPlace(&datum, ImageColor::kNative, Format("record '", reader.key(), "'"));
    if (i == 0) {
      if (was_encoded) LOG_INFO("Decoding Datum");
      channels = datum.channels();
      height = datum.height();
      width = datum.width();
      size = static_cast<size_t>(channels) * height * width;
      sum.assign(size, 0.0);
    }
    const size_t in_datum = std::max(datum.data().size(), static_cast<size_t>(datum.float_data_size()));
    if (in_datum != size)
      throw DataError(Format("Incorrect data field size ", in_datum, " in record '", reader.key(), "' (expected ",
                             channels, "x", height, "x", width, " = ", size, ")"));
    if (!datum.data().empty()) {
      const auto* bytes = reinterpret_cast<const uint8_t*>(datum.data().data());
      for (size_t k = 0; k < size; ++k) sum[k] += bytes[k];
    } else {
      for (size_t k = 0; k < size; ++k) sum[k] += datum.float_data(static_cast<int>(k));
    }
    if (++count % 10000 == 0) LOG_INFO("Processed ", count, " files.");
  }
  if (count % 10000 != 0) LOG_INFO("Processed ", count, " files.");

  caffe::BlobProto mean;
  mean.set_num(1);
  mean.set_channels(channels);
  mean.set_height(height);
  mean.set_width(width);
  for (size_t k = 0; k < size; ++k) mean.add_data(static_cast<float>(sum[k] / static_cast<double>(count)));
  if (flags.positional().size() == 2) {
    LOG_INFO("Write to ", flags.positional()[1]);
    WriteBinaryProtoFile(flags.positional()[1], mean);
  }
  LOG_INFO("Number of channels: ", channels);
  const size_t dim = static_cast<size_t>(height) * width;
  for (int c = 0; c < channels; ++c) {
    double m = 0;
    for (size_t k = 0; k < dim; ++k) m += mean.data(static_cast<int>(c * dim + k));
    LOG_INFO("mean_value channel [", c, "]: ", m / static_cast<double>(dim));
  }
  return 0;
}

}  // namespace crema::tools
