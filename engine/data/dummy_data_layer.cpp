#include "data/dummy_data_layer.h"

#include "filler.h"

namespace crema {

void DummyDataLayer::LayerSetUp(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const auto& p = layer_param_.dummy_data_param();
  const int num_top = static_cast<int>(top.size());
  const int num_fillers = p.data_filler_size();
  Check(num_fillers == 0 || num_fillers == 1 || num_fillers == num_top,
        "number of data fillers must be 0, 1 or equal to the number of tops: ", num_top, "; you specified ",
        num_fillers, " data fillers");
  const bool legacy = p.num_size() > 0;
  if (legacy) {
    Check(p.shape_size() == 0, "both shape and legacy fields (num, channels, height, width) were specified");
    auto ok = [num_top](int n) { return n == 1 || n == num_top; };
    Check(ok(p.num_size()), "must specify 'num' once, or once per top blob (", num_top, "); specified ",
          p.num_size());
    Check(ok(p.channels_size()), "must specify 'channels' once, or once per top blob (", num_top, "); specified ",
          p.channels_size());
    Check(ok(p.height_size()), "must specify 'height' once, or once per top blob (", num_top, "); specified ",
          p.height_size());
    Check(ok(p.width_size()), "must specify 'width' once, or once per top blob (", num_top, "); specified ",
          p.width_size());
  } else {
    Check(p.shape_size() == 1 || p.shape_size() == num_top, "must specify 'shape' once, or once per top blob (",
          num_top, "); specified ", p.shape_size());
  }

  fillers_.clear();
  refill_.clear();
  if (num_fillers == 0) {
    caffe::FillerParameter zero;
    zero.set_type("constant");
    zero.set_value(0);
    fillers_.push_back(zero);
    refill_.push_back(false);
  } else {
    for (const auto& f : p.data_filler()) {
      fillers_.push_back(f);
      refill_.push_back(f.type() != "constant");
    }
  }

  for (int i = 0; i < num_top; ++i) {
    if (legacy) {
      auto at = [i](const google::protobuf::RepeatedField<uint32_t>& v) {
        return static_cast<int>(v.size() == 1 ? v.Get(0) : v.Get(i));
      };
      top[i]->Reshape({at(p.num()), at(p.channels()), at(p.height()), at(p.width())});
    } else {
      const auto& s = p.shape(p.shape_size() == 1 ? 0 : i);
      std::vector<int> shape;
      for (const auto d : s.dim()) shape.push_back(static_cast<int>(d));
      top[i]->Reshape(shape);
    }
  }
  // Constant fillers are applied once here; random ones again on every Forward.
  for (int i = 0; i < num_top; ++i) {
    const int f = fillers_.size() == 1 ? 0 : i;
    if (!refill_[f]) Fill(f, top[i]);
  }
}

void DummyDataLayer::Fill(int filler_index, Blob* blob) {
  const auto& f = fillers_[filler_index];
  if (f.type() == "constant") {
    Rng unused(0);  // the constant filler draws nothing; the layer's rng() need not be set
    FillBlob(f, blob, unused);
  } else {
    FillBlob(f, blob, rng());
  }
}

void DummyDataLayer::Forward_cpu(const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  for (size_t i = 0; i < top.size(); ++i) {
    const int f = fillers_.size() == 1 ? 0 : static_cast<int>(i);
    if (refill_[f]) Fill(f, top[i]);
  }
}

}  // namespace crema
