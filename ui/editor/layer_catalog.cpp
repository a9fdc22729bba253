#include "editor/layer_catalog.h"

#include <QCoreApplication>
#include <QHash>

#include "layer_registry.h"

namespace crema::ui {

namespace {

using G = LayerGroup;

struct Entry {
  const char* type;
  G group;
  const char* description;
  const char* prefix;
  bool numbered;
  QStringList bottoms;
  QStringList tops;
  QStringList params;
  bool inPlace = false;
  bool variadic = false;
};

const QStringList kOneTop = {QString()};
const QStringList kNone;

// BVLC Caffe's layer set, grouped as in Caffe's layer catalogue.
const std::vector<Entry>& entries() {
  static const std::vector<Entry> e = {
      // Data
      {"Data", G::Data,
       QT_TRANSLATE_NOOP("LayerCatalog", "Reads a batch of Datum records from LMDB or LevelDB"),
       "data", false, kNone, {"data", "label"}, {"data_param", "transform_param"}},
      {"Input", G::Data,
       QT_TRANSLATE_NOOP("LayerCatalog",
                         "Net input of a fixed shape, filled by the caller (deploy nets)"), "data",
       false, kNone, {"data"}, {"input_param"}},
      {"ImageData", G::Data,
       QT_TRANSLATE_NOOP("LayerCatalog",
                         "Reads images listed in a text file (path label per line)"), "data", false,
       kNone, {"data", "label"}, {"image_data_param", "transform_param"}},
      {"MemoryData", G::Data,
       QT_TRANSLATE_NOOP("LayerCatalog", "Batches handed over from memory by the application"),
       "data", false, kNone, {"data", "label"}, {"memory_data_param", "transform_param"}},
      {"DummyData", G::Data,
       QT_TRANSLATE_NOOP("LayerCatalog",
                         "Constant or random blobs of a given shape (testing, benchmarking)"),
       "data", false, kNone, {"data"}, {"dummy_data_param"}},
      {"HDF5Data", G::Data,
       QT_TRANSLATE_NOOP("LayerCatalog", "Reads batches from HDF5 files listed in a text file"),
       "data", false, kNone, {"data", "label"}, {"hdf5_data_param"}},
      {"WindowData", G::Data,
       QT_TRANSLATE_NOOP("LayerCatalog", "Crops windows from images for detection training"),
       "data", false, kNone, {"data", "label"}, {"window_data_param", "transform_param"}},
      // Vision
      {"Convolution", G::Vision,
       QT_TRANSLATE_NOOP("LayerCatalog",
                         "2-D convolution with learned filters (num_output x kernel)"), "conv",
       true, {"input"}, kOneTop, {"convolution_param"}},
      {"Deconvolution", G::Vision,
       QT_TRANSLATE_NOOP("LayerCatalog", "Transposed convolution: upsamples with learned filters"),
       "deconv", true, {"input"}, kOneTop, {"convolution_param"}},
      {"Pooling", G::Vision,
       QT_TRANSLATE_NOOP("LayerCatalog", "Max / average pooling over spatial windows"), "pool",
       true, {"input"}, kOneTop, {"pooling_param"}},
      {"SPP", G::Vision,
       QT_TRANSLATE_NOOP("LayerCatalog", "Spatial pyramid pooling to a fixed-length output"), "spp",
       true, {"input"}, kOneTop, {"spp_param"}},
      {"Crop", G::Vision,
       QT_TRANSLATE_NOOP("LayerCatalog",
                         "Crops the first bottom to the spatial size of the second"), "crop", true,
       {"input", "reference"}, kOneTop, {"crop_param"}},
      {"Im2col", G::Vision,
       QT_TRANSLATE_NOOP("LayerCatalog", "Rearranges image patches into columns"), "im2col", true,
       {"input"}, kOneTop, {"convolution_param"}},
      // Neuron
      {"ReLU", G::Neuron,
       QT_TRANSLATE_NOOP("LayerCatalog",
                         "Rectified linear unit max(0, x) (leaky with negative_slope)"), "relu",
       true, {"input"}, kOneTop, {"relu_param"}, true},
      {"PReLU", G::Neuron,
       QT_TRANSLATE_NOOP("LayerCatalog", "ReLU with a learned negative slope per channel"), "prelu",
       true, {"input"}, kOneTop, {"prelu_param"}, true},
      {"ELU", G::Neuron, QT_TRANSLATE_NOOP("LayerCatalog", "Exponential linear unit"), "elu", true,
       {"input"}, kOneTop, {"elu_param"}, true},
      {"Sigmoid", G::Neuron,
       QT_TRANSLATE_NOOP("LayerCatalog", "Logistic sigmoid 1 / (1 + exp(-x))"), "sigmoid", true,
       {"input"}, kOneTop, {"sigmoid_param"}, true},
      {"TanH", G::Neuron, QT_TRANSLATE_NOOP("LayerCatalog", "Hyperbolic tangent"), "tanh", true,
       {"input"}, kOneTop, {"tanh_param"}, true},
      {"Swish", G::Neuron, QT_TRANSLATE_NOOP("LayerCatalog", "x * sigmoid(beta x)"), "swish", true,
       {"input"}, kOneTop, {"swish_param"}, true},
      {"AbsVal", G::Neuron, QT_TRANSLATE_NOOP("LayerCatalog", "Absolute value |x|"), "abs", true,
       {"input"}, kOneTop, kNone, true},
      {"BNLL", G::Neuron,
       QT_TRANSLATE_NOOP("LayerCatalog", "Binomial normal log likelihood log(1 + exp(x))"), "bnll",
       true, {"input"}, kOneTop, kNone, true},
      {"Power", G::Neuron, QT_TRANSLATE_NOOP("LayerCatalog", "(shift + scale x) ^ power"), "power",
       true, {"input"}, kOneTop, {"power_param"}, true},
      {"Exp", G::Neuron, QT_TRANSLATE_NOOP("LayerCatalog", "base ^ (shift + scale x)"), "exp", true,
       {"input"}, kOneTop, {"exp_param"}, true},
      {"Log", G::Neuron, QT_TRANSLATE_NOOP("LayerCatalog", "log_base(shift + scale x)"), "log",
       true, {"input"}, kOneTop, {"log_param"}, true},
      {"Threshold", G::Neuron, QT_TRANSLATE_NOOP("LayerCatalog", "1 where x > threshold, else 0"),
       "threshold", true, {"input"}, kOneTop, {"threshold_param"}, true},
      {"Clip", G::Neuron, QT_TRANSLATE_NOOP("LayerCatalog", "Clamps x to [min, max]"), "clip", true,
       {"input"}, kOneTop, {"clip_param"}, true},
      {"Scale", G::Neuron,
       QT_TRANSLATE_NOOP("LayerCatalog",
                         "Multiplies by a learned (or second-bottom) scale, optional bias"),
       "scale", true, {"input"}, kOneTop, {"scale_param"}, true},
      {"Bias", G::Neuron,
       QT_TRANSLATE_NOOP("LayerCatalog", "Adds a learned (or second-bottom) bias"), "bias", true,
       {"input"}, kOneTop, {"bias_param"}, true},
      // Common
      {"InnerProduct", G::Common,
       QT_TRANSLATE_NOOP("LayerCatalog", "Fully connected layer (num_output outputs)"), "fc", true,
       {"input"}, kOneTop, {"inner_product_param"}},
      {"Dropout", G::Common,
       QT_TRANSLATE_NOOP("LayerCatalog", "Randomly zeroes inputs during training (dropout_ratio)"),
       "drop", true, {"input"}, kOneTop, {"dropout_param"}, true},
      {"Embed", G::Common,
       QT_TRANSLATE_NOOP("LayerCatalog", "Looks up learned vectors for integer ids"), "embed", true,
       {"input"}, kOneTop, {"embed_param"}},
      {"RNN", G::Common,
       QT_TRANSLATE_NOOP("LayerCatalog", "Simple recurrent layer over a time axis (x, cont)"),
       "rnn", true, {"input", "cont"}, kOneTop, {"recurrent_param"}},
      {"LSTM", G::Common,
       QT_TRANSLATE_NOOP("LayerCatalog", "Long short-term memory over a time axis (x, cont)"),
       "lstm", true, {"input", "cont"}, kOneTop, {"recurrent_param"}},
      // Normalization
      {"LRN", G::Normalization,
       QT_TRANSLATE_NOOP("LayerCatalog", "Local response normalization across or within channels"),
       "norm", true, {"input"}, kOneTop, {"lrn_param"}},
      {"BatchNorm", G::Normalization,
       QT_TRANSLATE_NOOP("LayerCatalog",
                         "Batch normalization (follow with Scale for a learned affine)"), "bn",
       true, {"input"}, kOneTop, {"batch_norm_param"}, true},
      {"MVN", G::Normalization,
       QT_TRANSLATE_NOOP("LayerCatalog", "Mean-variance normalization of each example"), "mvn",
       true, {"input"}, kOneTop, {"mvn_param"}},
      // Loss
      {"SoftmaxWithLoss", G::Loss,
       QT_TRANSLATE_NOOP("LayerCatalog", "Softmax + multinomial logistic loss of the label"),
       "loss", false, {"scores", "label"}, {"loss"}, {"softmax_param", "loss_param"}},
      {"EuclideanLoss", G::Loss,
       QT_TRANSLATE_NOOP("LayerCatalog", "Sum of squared differences / 2N"), "loss", false,
       {"prediction", "target"}, {"loss"}, {"loss_param"}},
      {"SigmoidCrossEntropyLoss", G::Loss,
       QT_TRANSLATE_NOOP("LayerCatalog", "Cross-entropy of sigmoid outputs against 0/1 targets"),
       "loss", false, {"scores", "target"}, {"loss"}, {"loss_param"}},
      {"HingeLoss", G::Loss,
       QT_TRANSLATE_NOOP("LayerCatalog", "One-vs-all hinge (SVM) loss, L1 or L2"), "loss", false,
       {"scores", "label"}, {"loss"}, {"hinge_loss_param", "loss_param"}},
      {"MultinomialLogisticLoss", G::Loss,
       QT_TRANSLATE_NOOP("LayerCatalog", "Log loss of given probabilities"), "loss", false,
       {"probabilities", "label"}, {"loss"}, {"loss_param"}},
      {"InfogainLoss", G::Loss,
       QT_TRANSLATE_NOOP("LayerCatalog", "Log loss weighted by an infogain matrix"), "loss", false,
       {"probabilities", "label"}, {"loss"}, {"infogain_loss_param", "loss_param"}},
      {"ContrastiveLoss", G::Loss,
       QT_TRANSLATE_NOOP("LayerCatalog",
                         "Siamese contrastive loss of two features and a similarity"), "loss",
       false, {"a", "b", "similar"}, {"loss"}, {"contrastive_loss_param", "loss_param"}},
      {"Accuracy", G::Loss,
       QT_TRANSLATE_NOOP("LayerCatalog", "Top-k classification accuracy (not a loss; for testing)"),
       "accuracy", false, {"scores", "label"}, {"accuracy"}, {"accuracy_param"}},
      // Utility
      {"Softmax", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Softmax over the class axis (probabilities)"), "prob",
       false, {"input"}, {"prob"}, {"softmax_param"}},
      {"Concat", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Concatenates bottoms along an axis"), "concat", true,
       {"a", "b"}, kOneTop, {"concat_param"}, false, true},
      {"Eltwise", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Element-wise sum, product or max of bottoms"), "eltwise",
       true, {"a", "b"}, kOneTop, {"eltwise_param"}, false, true},
      {"Slice", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Splits a blob along an axis into several tops"), "slice",
       true, {"input"}, {QString(), QString()}, {"slice_param"}},
      {"Split", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog",
                         "Copies a blob to several tops (inserted automatically by Net)"), "split",
       true, {"input"}, {QString(), QString()}, kNone},
      {"Flatten", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Folds axes [axis, end_axis] into one"), "flatten", true,
       {"input"}, kOneTop, {"flatten_param"}},
      {"Reshape", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Changes the shape without copying (0 keeps, -1 infers)"),
       "reshape", true, {"input"}, kOneTop, {"reshape_param"}},
      {"Tile", G::Utility, QT_TRANSLATE_NOOP("LayerCatalog", "Repeats the blob along an axis"),
       "tile", true, {"input"}, kOneTop, {"tile_param"}},
      {"Reduction", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Sum / mean / asum / sumsq over trailing axes"),
       "reduction", true, {"input"}, kOneTop, {"reduction_param"}},
      {"ArgMax", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Index (and value) of the top-k entries"), "argmax", true,
       {"input"}, kOneTop, {"argmax_param"}},
      {"Silence", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Consumes blobs so they are not reported as outputs"),
       "silence", true, {"input"}, kNone, kNone, false, true},
      {"Parameter", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Exposes a learned blob of a given shape as a top"),
       "param", true, kNone, kOneTop, {"parameter_param"}},
      {"BatchReindex", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Reorders the batch by an index blob"), "reindex", true,
       {"input", "indices"}, kOneTop, kNone},
      {"Filter", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Keeps the batch items whose selector is non-zero"),
       "filter", true, {"input", "selector"}, kOneTop, kNone},
      {"HDF5Output", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "Writes its bottoms to an HDF5 file"), "hdf5out", true,
       {"data", "label"}, kNone, {"hdf5_output_param"}},
      {"Python", G::Utility,
       QT_TRANSLATE_NOOP("LayerCatalog", "User layer implemented in Python (Caffe only)"), "py",
       true, {"input"}, kOneTop, {"python_param"}},
  };
  return e;
}

const QHash<QString, const Entry*>& index() {
  static const QHash<QString, const Entry*> idx = [] {
    QHash<QString, const Entry*> h;
    for (const Entry& e : entries()) h.insert(QString::fromLatin1(e.type), &e);
    return h;
  }();
  return idx;
}

caffe::FillerParameter xavier() {
  caffe::FillerParameter f;
  f.set_type("xavier");
  return f;
}

}  // namespace

QString layerGroupName(LayerGroup group) {
  switch (group) {
    case G::Data: return QStringLiteral("Data");
    case G::Vision: return QStringLiteral("Vision");
    case G::Neuron: return QStringLiteral("Neuron");
    case G::Common: return QStringLiteral("Common");
    case G::Normalization: return QStringLiteral("Normalization");
    case G::Loss: return QStringLiteral("Loss");
    case G::Utility: return QStringLiteral("Utility");
  }
  return QStringLiteral("Utility");
}

const std::vector<LayerGroup>& allLayerGroups() {
  static const std::vector<LayerGroup> g = {G::Data,          G::Vision, G::Neuron, G::Common,
                                            G::Normalization, G::Loss,   G::Utility};
  return g;
}

LayerTypeInfo layerTypeInfo(const QString& type) {
  LayerTypeInfo info;
  info.type = type;
  const Entry* e = index().value(type, nullptr);
  if (!e) {
    info.known = false;
    info.description = QCoreApplication::translate("LayerCatalog", "%1 layer (registered by the engine)").arg(type);
    info.namePrefix = type.toLower();
    info.bottomSlots = {QStringLiteral("input")};
    info.defaultTops = kOneTop;
    return info;
  }
  info.group = e->group;
  info.description = QCoreApplication::translate("LayerCatalog", e->description);
  info.namePrefix = QString::fromLatin1(e->prefix);
  info.numbered = e->numbered;
  info.bottomSlots = e->bottoms;
  info.variadicBottoms = e->variadic;
  info.defaultTops = e->tops;
  info.inPlaceCapable = e->inPlace;
  info.isData = e->group == G::Data;
  info.isLoss = e->group == G::Loss && type != QLatin1String("Accuracy");
  info.paramFields = e->params;
  return info;
}

QStringList catalogTypes() {
  QStringList t;
  for (const Entry& e : entries()) t << QString::fromLatin1(e.type);
  return t;
}

QStringList engineLayerTypes() {
  QStringList t;
  try {
    for (const std::string& s : crema::LayerRegistry::Global().Types()) t << QString::fromStdString(s);
  } catch (const std::exception&) {
    // A failing registration must not take the editor down; the palette then shows the catalogue only.
  }
  return t;
}

caffe::LayerParameter makeDefaultLayer(const QString& type, const QString& name) {
  const LayerTypeInfo info = layerTypeInfo(type);
  caffe::LayerParameter l;
  l.set_name(name.toStdString());
  l.set_type(type.toStdString());
  for (const QString& t : info.defaultTops) l.add_top(t.isEmpty() ? name.toStdString() : t.toStdString());
  // Slice / Split: distinct names for the second and later tops.
  for (int i = 1; i < l.top_size(); ++i) {
    if (l.top(i) == l.top(0)) l.set_top(i, name.toStdString() + "_" + std::to_string(i));
  }

  const std::string t = type.toStdString();
  if (t == "Data") {
    auto* d = l.mutable_data_param();
    d->set_source("mnist/mnist_train_lmdb");
    d->set_batch_size(64);
    d->set_backend(caffe::DataParameter::LMDB);
    l.mutable_transform_param()->set_scale(1.0f / 256.0f);
  } else if (t == "Input") {
    auto* s = l.mutable_input_param()->add_shape();
    for (int d : {64, 1, 28, 28}) s->add_dim(d);
  } else if (t == "ImageData") {
    auto* d = l.mutable_image_data_param();
    d->set_source("images.txt");
    d->set_batch_size(32);
    d->set_new_height(256);
    d->set_new_width(256);
    l.mutable_transform_param()->set_crop_size(227);
  } else if (t == "MemoryData") {
    auto* d = l.mutable_memory_data_param();
    d->set_batch_size(64);
    d->set_channels(1);
    d->set_height(28);
    d->set_width(28);
  } else if (t == "DummyData") {
    auto* d = l.mutable_dummy_data_param();
    auto* s = d->add_shape();
    for (int v : {64, 1, 28, 28}) s->add_dim(v);
    d->add_data_filler()->set_type("gaussian");
  } else if (t == "HDF5Data") {
    l.mutable_hdf5_data_param()->set_source("train_h5_list.txt");
    l.mutable_hdf5_data_param()->set_batch_size(64);
  } else if (t == "WindowData") {
    l.mutable_window_data_param()->set_source("windows.txt");
    l.mutable_window_data_param()->set_batch_size(128);
  } else if (t == "Convolution") {
    auto* c = l.mutable_convolution_param();
    c->set_num_output(20);
    c->add_kernel_size(5);
    *c->mutable_weight_filler() = xavier();
  } else if (t == "Deconvolution") {
    auto* c = l.mutable_convolution_param();
    c->set_num_output(20);
    c->add_kernel_size(4);
    c->add_stride(2);
    *c->mutable_weight_filler() = xavier();
  } else if (t == "Im2col") {
    l.mutable_convolution_param()->add_kernel_size(3);
  } else if (t == "Pooling") {
    auto* p = l.mutable_pooling_param();
    p->set_pool(caffe::PoolingParameter::MAX);
    p->set_kernel_size(2);
    p->set_stride(2);
  } else if (t == "SPP") {
    l.mutable_spp_param()->set_pyramid_height(2);
  } else if (t == "InnerProduct") {
    auto* p = l.mutable_inner_product_param();
    p->set_num_output(10);
    *p->mutable_weight_filler() = xavier();
  } else if (t == "Embed") {
    auto* p = l.mutable_embed_param();
    p->set_num_output(10);
    p->set_input_dim(100);
    *p->mutable_weight_filler() = xavier();
  } else if (t == "RNN" || t == "LSTM") {
    auto* p = l.mutable_recurrent_param();
    p->set_num_output(10);
    *p->mutable_weight_filler() = xavier();
  } else if (t == "LRN") {
    auto* p = l.mutable_lrn_param();
    p->set_local_size(5);
    p->set_alpha(1e-4f);
    p->set_beta(0.75f);
  } else if (t == "Clip") {
    l.mutable_clip_param()->set_min(0.0f);
    l.mutable_clip_param()->set_max(6.0f);
  } else if (t == "Reshape") {
    auto* s = l.mutable_reshape_param()->mutable_shape();
    s->add_dim(0);
    s->add_dim(-1);
  } else if (t == "Tile") {
    l.mutable_tile_param()->set_tiles(2);
  } else if (t == "Parameter") {
    auto* s = l.mutable_parameter_param()->mutable_shape();
    s->add_dim(1);
    s->add_dim(10);
  } else if (t == "Accuracy") {
    l.add_include()->set_phase(caffe::TEST);
  } else if (t == "Python") {
    l.mutable_python_param()->set_module("my_module");
    l.mutable_python_param()->set_layer("MyLayer");
  }
  return l;
}

QStringList relevantParamFields(const caffe::LayerParameter& layer) {
  QStringList fields = layerTypeInfo(QString::fromStdString(layer.type())).paramFields;
  const auto* d = caffe::LayerParameter::descriptor();
  const auto* r = caffe::LayerParameter::GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const auto* f = d->field(i);
    const QString name = QString::fromStdString(f->name());
    if (f->is_repeated() || f->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (!name.endsWith(QLatin1String("_param"))) continue;
    if (r->HasField(layer, f) && !fields.contains(name)) fields << name;
  }
  return fields;
}

QString layerSummary(const caffe::LayerParameter& l) {
  const QString x = QString(QChar(0x00D7));
  auto kernel = [&](const google::protobuf::RepeatedField<uint32_t>& ks, bool hasH, uint32_t kh, uint32_t kw) {
    if (hasH) return QStringLiteral("%1%2%3").arg(kh).arg(x).arg(kw);
    if (ks.size() == 0) return QStringLiteral("?");
    QStringList parts;
    for (uint32_t k : ks) parts << QString::number(k);
    if (parts.size() == 1) parts << parts[0];
    return parts.join(x);
  };
  const std::string t = l.type();
  QStringList s;
  if (t == "Convolution" || t == "Deconvolution") {
    const auto& c = l.convolution_param();
    s << QStringLiteral("%1 %2 %3").arg(c.num_output()).arg(x).arg(kernel(c.kernel_size(), c.has_kernel_h(), c.kernel_h(), c.kernel_w()));
    if (c.stride_size() && c.stride(0) != 1) s << QStringLiteral("stride %1").arg(c.stride(0));
    if (c.has_stride_h()) s << QStringLiteral("stride %1%2%3").arg(c.stride_h()).arg(x).arg(c.stride_w());
    if (c.pad_size() && c.pad(0) != 0) s << QStringLiteral("pad %1").arg(c.pad(0));
    if (c.has_pad_h()) s << QStringLiteral("pad %1%2%3").arg(c.pad_h()).arg(x).arg(c.pad_w());
    if (c.group() != 1) s << QStringLiteral("group %1").arg(c.group());
    if (c.has_weight_filler()) s << QString::fromStdString(c.weight_filler().type());
  } else if (t == "Pooling") {
    const auto& p = l.pooling_param();
    s << QString::fromStdString(caffe::PoolingParameter::PoolMethod_Name(p.pool()));
    if (p.global_pooling()) {
      s << QStringLiteral("global");
    } else {
      s << (p.has_kernel_h() ? QStringLiteral("%1%2%3").arg(p.kernel_h()).arg(x).arg(p.kernel_w())
                             : QString::number(p.kernel_size()) + x + QString::number(p.kernel_size()));
      if (p.stride() != 1 || p.has_stride_h())
        s << QStringLiteral("stride %1").arg(p.has_stride_h() ? p.stride_h() : p.stride());
      if (p.pad()) s << QStringLiteral("pad %1").arg(p.pad());
    }
  } else if (t == "InnerProduct") {
    s << QStringLiteral("%1 outputs").arg(l.inner_product_param().num_output());
    if (l.inner_product_param().has_weight_filler())
      s << QString::fromStdString(l.inner_product_param().weight_filler().type());
  } else if (t == "Data") {
    const auto& d = l.data_param();
    s << QString::fromStdString(caffe::DataParameter::DB_Name(d.backend())) + QLatin1Char(' ') +
             QString::fromStdString(d.source());
    s << QStringLiteral("batch %1").arg(d.batch_size());
    if (l.transform_param().has_scale()) s << QStringLiteral("scale %1").arg(double(l.transform_param().scale()), 0, 'g', 4);
    if (l.transform_param().crop_size()) s << QStringLiteral("crop %1").arg(l.transform_param().crop_size());
  } else if (t == "Input") {
    for (const auto& shape : l.input_param().shape()) {
      QStringList d;
      for (auto v : shape.dim()) d << QString::number(v);
      s << d.join(x);
    }
  } else if (t == "ImageData") {
    s << QString::fromStdString(l.image_data_param().source()) << QStringLiteral("batch %1").arg(l.image_data_param().batch_size());
  } else if (t == "MemoryData") {
    const auto& m = l.memory_data_param();
    s << QStringLiteral("%1%2%3%2%4%2%5").arg(m.batch_size()).arg(x).arg(m.channels()).arg(m.height()).arg(m.width());
  } else if (t == "LRN") {
    const auto& p = l.lrn_param();
    s << QStringLiteral("size %1").arg(p.local_size()) << QStringLiteral("alpha %1").arg(double(p.alpha()), 0, 'g', 3)
      << QStringLiteral("beta %1").arg(double(p.beta()), 0, 'g', 3);
  } else if (t == "Dropout") {
    s << QStringLiteral("ratio %1").arg(double(l.dropout_param().dropout_ratio()), 0, 'g', 3);
  } else if (t == "ReLU" && l.relu_param().negative_slope() != 0.f) {
    s << QStringLiteral("slope %1").arg(double(l.relu_param().negative_slope()), 0, 'g', 3);
  } else if (t == "Eltwise") {
    s << QString::fromStdString(caffe::EltwiseParameter::EltwiseOp_Name(l.eltwise_param().operation()));
  } else if (t == "Concat") {
    s << QStringLiteral("axis %1").arg(l.concat_param().axis());
  } else if (t == "Accuracy" && l.accuracy_param().top_k() != 1) {
    s << QStringLiteral("top-%1").arg(l.accuracy_param().top_k());
  } else if (t == "Embed") {
    s << QStringLiteral("%1 %2 %3").arg(l.embed_param().input_dim()).arg(QChar(0x2192)).arg(l.embed_param().num_output());
  } else if (t == "Python") {
    s << QString::fromStdString(l.python_param().module() + "." + l.python_param().layer());
  }
  for (int i = 0; i < l.loss_weight_size(); ++i) {
    if (l.loss_weight(i) != 1.f) s << QStringLiteral("loss weight %1").arg(double(l.loss_weight(i)));
  }
  return s.join(QStringLiteral("  "));
}

}  // namespace crema::ui
