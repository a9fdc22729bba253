#include "training/probe.h"

#include <algorithm>
#include <cstring>

#include "common.h"
#include "data/lmdb_db.h"
#include "log.h"

namespace crema::ui {
namespace {

/// Silences the engine's Info lines on this thread while probe nets are built
/// (their "Creating Layer ..." lines would bury the training log).
class QuietInfo {
 public:
  QuietInfo() : was_(crema::InfoLoggingEnabled()) { crema::SetInfoLoggingEnabled(false); }
  ~QuietInfo() { crema::SetInfoLoggingEnabled(was_); }

 private:
  bool was_;
};

caffe::NetParameter testPhase(const caffe::NetParameter& net) {
  caffe::NetParameter p = net;
  p.mutable_state()->set_phase(caffe::TEST);
  return p;
}

}  // namespace

std::vector<const caffe::LayerParameter*> testDataLayers(const caffe::NetParameter& net,
                                                         caffe::NetParameter* filtered) {
  {
    QuietInfo quiet;  // FilterNet reports every layer it drops
    crema::Net::FilterNet(testPhase(net), filtered);
  }
  filtered->mutable_state()->set_phase(caffe::TEST);
  std::vector<const caffe::LayerParameter*> out;
  for (const auto& l : filtered->layer()) {
    if (l.bottom_size() == 0 && l.top_size() > 0) out.push_back(&l);
  }
  return out;
}

std::unique_ptr<TestSet> TestSet::load(const caffe::NetParameter& net, int count,
                                       const std::string& base_dir) {
  caffe::NetParameter filtered;
  const auto sources = testDataLayers(net, &filtered);
  const caffe::LayerParameter* data = nullptr;
  for (const auto* l : sources) {
    if (l->type() != "Input" && l->type() != "MemoryData" && l->type() != "DummyData") {
      data = l;
      break;
    }
  }
  if (!data) {
    throw crema::ConfigError("the net has no TEST-phase data layer to take test images from");
  }
  count = std::max(1, count);
  // Never read past the end of the database (the Data layer would wrap around).
  if (data->has_data_param() && data->data_param().backend() == caffe::DataParameter::LMDB) {
    const std::string path = crema::ResolveSourcePath(data->data_param().source(), base_dir);
    if (crema::IsLmdbDirectory(path)) count = std::min<size_t>(count, crema::LmdbReader(path).size());
  }
  const int batch = std::min(count, 100);
  caffe::NetParameter p;
  p.set_name("crema_test_images");
  p.mutable_state()->set_phase(caffe::TEST);
  caffe::LayerParameter* layer = p.add_layer();
  *layer = *data;
  layer->clear_include();
  layer->clear_exclude();
  if (layer->has_data_param()) layer->mutable_data_param()->set_batch_size(batch);
  if (layer->has_image_data_param()) layer->mutable_image_data_param()->set_batch_size(batch);
  if (layer->has_hdf5_data_param()) layer->mutable_hdf5_data_param()->set_batch_size(batch);

  QuietInfo quiet;
  crema::Net dataNet(p, nullptr, base_dir);
  const auto& tops = dataNet.top_vecs().at(0);
  auto set = std::make_unique<TestSet>();
  set->source_ = data->has_data_param() ? data->data_param().source() : data->name();
  set->hasLabels_ = tops.size() > 1;
  while (set->size() < count) {
    dataNet.Forward();
    const crema::Blob& images = *tops[0];
    const int n = images.shape(0);
    const int per = images.count(1);
    if (set->size() == 0) {
      set->c_ = images.num_axes() > 1 ? images.shape(1) : 1;
      set->h_ = images.num_axes() > 2 ? images.shape(2) : 1;
      set->w_ = images.num_axes() > 3 ? images.shape(3) : 1;
    }
    for (int i = 0; i < n && set->size() < count; ++i) {
      set->data_.insert(set->data_.end(), images.cpu_data() + static_cast<size_t>(i) * per,
                        images.cpu_data() + static_cast<size_t>(i + 1) * per);
      set->labels_.push_back(set->hasLabels_ ? static_cast<int>(tops[1]->cpu_data()[i]) : -1);
    }
  }
  return set;
}

ProbeNet::ProbeNet(const caffe::NetParameter& net, const crema::Net& train,
                   const crema::Net& shapes_from, int batch)
    : batch_(std::max(1, batch)) {
  caffe::NetParameter filtered;
  testDataLayers(net, &filtered);
  caffe::NetParameter p;
  p.set_name(filtered.name() + "_probe");
  p.mutable_state()->set_phase(caffe::TEST);
  caffe::LayerParameter input;
  input.set_name("crema_probe_input");
  input.set_type("Input");
  bool first_source = true;
  std::vector<caffe::LayerParameter> rest;
  for (const auto& l : filtered.layer()) {
    if (l.bottom_size() == 0 && l.top_size() > 0) {
      for (int t = 0; t < l.top_size(); ++t) {
        const std::string& top = l.top(t);
        const crema::Net& from = shapes_from.has_blob(top) ? shapes_from : train;
        if (!from.has_blob(top)) {
          throw crema::ConfigError(crema::Format("probe: no blob '", top, "' to take a shape from"));
        }
        std::vector<int> shape = from.blob_by_name(top)->shape();
        if (shape.empty()) shape.push_back(1);
        shape[0] = batch_;
        input.add_top(top);
        auto* s = input.mutable_input_param()->add_shape();
        for (int d : shape) s->add_dim(d);
        if (first_source) {
          if (t == 0) data_blob_ = top;
          if (t == 1) label_blob_ = top;
        }
      }
      first_source = false;
    } else {
      rest.push_back(l);
    }
  }
  if (data_blob_.empty()) throw crema::ConfigError("probe: the net has no input layer");
  *p.add_layer() = input;
  for (auto& l : rest) *p.add_layer() = std::move(l);

  QuietInfo quiet;
  net_ = std::make_unique<crema::Net>(p, nullptr, "");
  net_->ShareTrainedLayersWith(train);
}

void ProbeNet::forward(const TestSet& set, const std::vector<int>& indices) {
  crema::Blob& data = *net_->blob_by_name(data_blob_);
  const int per = data.count(1);
  if (per != set.imageSize()) {
    throw crema::ShapeError(crema::Format("probe: test images have ", set.imageSize(),
                                          " values, the net's input expects ", per));
  }
  float* dst = data.mutable_cpu_data();
  float* labels = label_blob_.empty() ? nullptr : net_->blob_by_name(label_blob_)->mutable_cpu_data();
  for (int i = 0; i < batch_; ++i) {
    int idx = indices.empty() ? 0 : indices[std::min<size_t>(i, indices.size() - 1)];
    idx = std::clamp(idx, 0, set.size() - 1);
    std::memcpy(dst + static_cast<size_t>(i) * per, set.image(idx), sizeof(float) * per);
    if (labels) labels[i] = static_cast<float>(std::max(0, set.label(idx)));
  }
  QuietInfo quiet;
  net_->Forward();
}

std::string defaultOutputBlob(const crema::Net& net) {
  const auto& layers = net.layers();
  for (size_t i = 0; i < layers.size(); ++i) {
    if (layers[i]->IsLossLayer() && layers[i]->layer_param().bottom_size() > 0) {
      std::string name = layers[i]->layer_param().bottom(0);
      // A blob read by several layers reaches the loss through a Split layer: name its source.
      for (size_t j = 0; j < i; ++j) {
        const auto& lp = layers[j]->layer_param();
        if (lp.type() != "Split" || lp.bottom_size() == 0) continue;
        for (const auto& top : lp.top()) {
          if (top == name) return lp.bottom(0);
        }
      }
      return name;
    }
  }
  for (size_t i = layers.size(); i-- > 0;) {
    if (layers[i]->layer_param().top_size() > 0) return layers[i]->layer_param().top(0);
  }
  return std::string();
}

}  // namespace crema::ui
