// Looking at a training net without disturbing it (worker thread only).
//
// TestSet reads the first images of the net's TEST data source once, through
// a net made only of the TEST-phase data layers (so images are transformed
// exactly as the test net sees them). ProbeNet is the TEST-phase net with its
// data layers replaced by one Input layer of a chosen batch size, sharing
// the train net's weights (Net::ShareTrainedLayersWith): feeding it held
// images never moves the train or test data cursors. This is the seed's
// "run the test net from conv1 on a held batch", without the held batch
// being overwritten by the next test pass.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "caffe.pb.h"
#include "net.h"

namespace crema::ui {

/// Test images with labels, as float C x H x W arrays after the data transform.
class TestSet {
 public:
  /// Loads up to `count` images from the TEST-phase data layer of `net`
  /// (relative sources resolve against base_dir). Throws crema::Error when the
  /// net has no TEST data layer or the source cannot be read.
  static std::unique_ptr<TestSet> load(const caffe::NetParameter& net, int count,
                                       const std::string& base_dir);

  int size() const { return static_cast<int>(labels_.size()); }
  int channels() const { return c_; }
  int height() const { return h_; }
  int width() const { return w_; }
  int imageSize() const { return c_ * h_ * w_; }
  const float* image(int i) const { return data_.data() + static_cast<size_t>(i) * imageSize(); }
  int label(int i) const { return labels_[i]; }
  bool hasLabels() const { return hasLabels_; }
  const std::string& source() const { return source_; }

 private:
  int c_ = 0, h_ = 0, w_ = 0;
  bool hasLabels_ = false;
  std::vector<float> data_;
  std::vector<int> labels_;
  std::string source_;
};

/// The TEST net with an Input layer in place of its data layers, sharing weights with `train`.
class ProbeNet {
 public:
  /// `net` is the full (unfiltered) NetParameter; `shapes_from` provides the
  /// data blobs' per-image shapes (the solver's test or train net). Throws
  /// crema::Error if the net cannot be built.
  ProbeNet(const caffe::NetParameter& net, const Net& train, const Net& shapes_from, int batch);

  int batch() const { return batch_; }
  Net& net() { return *net_; }
  /// Copies images [indices] of `set` (and their labels) into the input blobs
  /// and runs the whole net forward. Missing slots repeat the last image.
  void forward(const TestSet& set, const std::vector<int>& indices);
  /// Name of the image input blob ("data") and the label blob ("" if none).
  const std::string& dataBlob() const { return data_blob_; }
  const std::string& labelBlob() const { return label_blob_; }

 private:
  int batch_ = 1;
  std::string data_blob_;
  std::string label_blob_;
  std::unique_ptr<Net> net_;
};

/// The blob whose values feed the first loss layer (Caffe's "score" in LeNet):
/// bottom 0 of the first layer that is a loss layer in `net`; else the last
/// top produced. Empty for an empty net.
std::string defaultOutputBlob(const Net& net);

/// The TEST-phase layers of `net` that have no bottoms (data/input layers).
std::vector<const caffe::LayerParameter*> testDataLayers(const caffe::NetParameter& net,
                                                         caffe::NetParameter* filtered);

}  // namespace crema::ui
