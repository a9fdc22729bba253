#include "data/data_layer.h"

#include <algorithm>
#include <cstring>
#include <unistd.h>

#include "log.h"

namespace crema {

DataLayer::DataLayer(const caffe::LayerParameter& param) : PrefetchingDataLayer(param) {}

DataLayer::~DataLayer() { StopPrefetch(); }

void DataLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const caffe::DataParameter& dp = layer_param_.data_param();
  const std::string where = Format("Data layer '", name(), "'");
  Check(dp.batch_size() > 0, "data_param.batch_size must be > 0");
  Check(!dp.source().empty(), "data_param.source is empty");
  const std::string& source = dp.source();
  if (dp.backend() == caffe::DataParameter::LEVELDB) {
    // Caffe's default backend is LEVELDB; an LMDB directory with the backend left unset is read as LMDB.
    const bool explicit_leveldb = dp.has_backend();
    const bool exists = access(source.c_str(), F_OK) == 0;
    if (explicit_leveldb || (exists && !IsLmdbDirectory(source)))
      Check(false, "LEVELDB backend not supported; convert '", source,
            "' to LMDB (Caffe's convert_imageset/convert_mnist_data with --backend=lmdb, or crema-cli convert-mnist "
            "for MNIST IDX files) and set data_param { backend: LMDB }");
    if (exists)
      LOG_WARN(where, ": data_param.backend not set (Caffe defaults to LEVELDB); '", source,
               "' is an LMDB, reading it as LMDB");
  }
  if (dp.rand_skip() > 0) LOG_WARN(where, ": rand_skip is ignored (as in Caffe's DataLayer)");

  try {
    reader_ = std::make_unique<LmdbReader>(source);
  } catch (const DataError& e) {
    throw DataError(Format(where, ": ", e.what()));
  }
  LOG_INFO("Opened lmdb ", source);

  transformer_ = std::make_unique<DataTransformer>(layer_param_.transform_param(), phase_, where);
  if (transformer_->NeedsRandom()) transformer_->InitRand(rng());

  // Top shapes from the first record.
  caffe::Datum first;
  if (!first.ParseFromString(reader_->value()))
    throw DataError(Format(where, ": record '", reader_->key(), "' of '", source, "' is not a Datum"));
  std::vector<int> shape = transformer_->InferDatumShape(first);
  batch_size_ = static_cast<int>(dp.batch_size());
  shape.insert(shape.begin(), batch_size_);
  top[0]->Reshape(shape);
  LOG_INFO("output data size: ", shape[0], ",", shape[1], ",", shape[2], ",", shape[3]);
  output_labels_ = top.size() > 1;
  if (output_labels_) top[1]->Reshape({batch_size_});

  StartPrefetch(static_cast<int>(dp.prefetch()));
}

void DataLayer::LoadBatch(Batch* batch) {
  const std::string where = Format("Data layer '", name(), "'");
  size_t item_size = 0;
  if (output_labels_) batch->label.resize(batch_size_);
  for (int item = 0; item < batch_size_; ++item) {
    if (!datum_.ParseFromString(reader_->value()))
      throw DataError(Format(where, ": record '", reader_->key(), "' of '", reader_->path(), "' is not a Datum"));
    // Decode once here rather than in both InferDatumShape and Transform.
    if (datum_.encoded()) transformer_->DecodeIfEncoded(&datum_, Format("record '", reader_->key(), "'"));
    std::vector<int> shape = transformer_->InferDatumShape(datum_);
    if (item == 0) {
      // Caffe reshapes each batch from its first datum.
      shape.insert(shape.begin(), batch_size_);
      batch->shape = shape;
      item_size = static_cast<size_t>(shape[1]) * shape[2] * shape[3];
      batch->data.resize(item_size * batch_size_);
    } else if (shape[0] != batch->shape[1] || shape[1] != batch->shape[2] || shape[2] != batch->shape[3]) {
      throw DataError(Format(where, ": record '", reader_->key(), "' has shape ", ShapeToString(shape),
                             " but the batch started with ", batch->shape[1], " ", batch->shape[2], " ",
                             batch->shape[3], " (all records of a batch must have one shape)"));
    }
    transformer_->Transform(datum_, batch->data.data() + item_size * item);
    if (output_labels_) batch->label[item] = static_cast<float>(datum_.label());
    reader_->Next();
  }
}

}  // namespace crema
