#include "data/image_data_layer.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "data/image_io.h"
#include "log.h"

namespace crema {

std::vector<std::pair<std::string, int>> ReadImageList(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw DataError(Format("cannot open image list '", path, "'"));
  std::vector<std::pair<std::string, int>> lines;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();  // lists written on Windows
    if (line.empty()) continue;
    const size_t pos = line.find_last_of(' ');
    if (pos == std::string::npos || pos == 0)
      throw DataError(Format(path, ":", number, ": expected 'path label', got '", line, "'"));
    lines.emplace_back(line.substr(0, pos), std::atoi(line.c_str() + pos + 1));
  }
  return lines;
}

ImageDataLayer::ImageDataLayer(const caffe::LayerParameter& param) : PrefetchingDataLayer(param) {}

ImageDataLayer::~ImageDataLayer() { StopPrefetch(); }

void ImageDataLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const caffe::ImageDataParameter& p = layer_param_.image_data_param();
  const std::string where = Format("ImageData layer '", name(), "'");
  new_height_ = static_cast<int>(p.new_height());
  new_width_ = static_cast<int>(p.new_width());
  is_color_ = p.is_color();
  root_folder_ = p.root_folder();
  Check((new_height_ == 0 && new_width_ == 0) || (new_height_ > 0 && new_width_ > 0),
        "image_data_param: new_height and new_width must be set together (got ", new_height_, " x ", new_width_, ")");
  Check(!p.source().empty(), "image_data_param.source is empty");
  Check(p.batch_size() > 0, "image_data_param.batch_size must be > 0");
  batch_size_ = static_cast<int>(p.batch_size());

  // Caffe's BaseDataLayer seeds the transformer before DataLayerSetUp runs.
  transformer_ = std::make_unique<DataTransformer>(layer_param_.transform_param(), phase_, where);
  if (transformer_->NeedsRandom()) transformer_->InitRand(rng());

  LOG_INFO("Opening file ", p.source());
  try {
    lines_ = ReadImageList(p.source());
  } catch (const DataError& e) {
    throw DataError(Format(where, ": ", e.what()));
  }
  Check(!lines_.empty(), "image list '", p.source(), "' is empty");
  if (p.shuffle()) {
    LOG_INFO("Shuffling data");
    prefetch_rng_ = std::make_unique<Rng>(static_cast<int64_t>(rng().NextUInt()));
    ShuffleImages();
  }
  LOG_INFO("A total of ", lines_.size(), " images.");
  lines_id_ = 0;
  if (p.rand_skip() > 0) {
    const unsigned skip = rng().NextUInt() % p.rand_skip();
    LOG_INFO("Skipping first ", skip, " data points.");
    Check(lines_.size() > skip, "not enough images (", lines_.size(), ") to skip ", skip);
    lines_id_ = skip;
  }

  // Top shape from the first image.
  Image first;
  try {
    first = ReadImageFile(root_folder_ + lines_[lines_id_].first, is_color_ ? ImageColor::kColor : ImageColor::kGray,
                          new_height_, new_width_);
  } catch (const DataError& e) {
    throw DataError(Format(where, ": ", e.what()));
  }
  caffe::Datum probe;
  probe.set_channels(first.channels);
  probe.set_height(first.height);
  probe.set_width(first.width);
  std::vector<int> shape = transformer_->InferDatumShape(probe);
  shape.insert(shape.begin(), batch_size_);
  top[0]->Reshape(shape);
  top[1]->Reshape({batch_size_});
  LOG_INFO("output data size: ", shape[0], ",", shape[1], ",", shape[2], ",", shape[3]);

  output_labels_ = true;
  StartPrefetch(3);  // Caffe's default prefetch depth
}

void ShuffleImageList(std::vector<std::pair<std::string, int>>* lines, Rng& rng) {
  for (size_t i = lines->size(); i > 1; --i)
    std::swap((*lines)[i - 1], (*lines)[static_cast<size_t>(rng.UniformInt(static_cast<int>(i)))]);
}

void ImageDataLayer::ShuffleImages() { ShuffleImageList(&lines_, *prefetch_rng_); }

void ImageDataLayer::LoadBatch(Batch* batch) {
  const std::string where = Format("ImageData layer '", name(), "'");
  const ImageColor color = is_color_ ? ImageColor::kColor : ImageColor::kGray;
  size_t item_size = 0;
  batch->label.resize(batch_size_);
  for (int item = 0; item < batch_size_; ++item) {
    const auto& entry = lines_[lines_id_];
    Image img;
    try {
      img = ReadImageFile(root_folder_ + entry.first, color, new_height_, new_width_);
    } catch (const DataError& e) {
      throw DataError(Format(where, ": could not load '", entry.first, "': ", e.what()));
    }
    if (item == 0) {
      // Caffe reshapes each batch from its first image.
      const int crop = static_cast<int>(transformer_->param().crop_size());
      batch->shape = {batch_size_, img.channels, crop > 0 ? crop : img.height, crop > 0 ? crop : img.width};
      item_size = static_cast<size_t>(batch->shape[1]) * batch->shape[2] * batch->shape[3];
      batch->data.resize(item_size * batch_size_);
    }
    const int crop = static_cast<int>(transformer_->param().crop_size());
    const bool same = crop > 0 ? img.channels == batch->shape[1]
                               : img.channels == batch->shape[1] && img.height == batch->shape[2] &&
                                     img.width == batch->shape[3];
    if (!same)
      throw DataError(Format(where, ": '", entry.first, "' is ", img.channels, "x", img.height, "x", img.width,
                             " but the batch started with ", batch->shape[1], "x", batch->shape[2], "x",
                             batch->shape[3], " (set new_height/new_width to resize all images to one size)"));
    transformer_->Transform(img.data.data(), img.channels, img.height, img.width,
                            batch->data.data() + item_size * item);
    batch->label[item] = static_cast<float>(entry.second);
    if (++lines_id_ >= lines_.size()) {
      lines_id_ = 0;  // Caffe logs the restart only at DLOG level
      if (prefetch_rng_) ShuffleImages();
    }
  }
}

}  // namespace crema
