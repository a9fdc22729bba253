#include "editor/net_analysis.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>
#include <memory>
#include <set>

#include "common.h"
#include "data/image_io.h"
#include "data/lmdb_db.h"
#include "editor/layer_catalog.h"
#include "editor/net_document.h"
#include "editor/net_graph.h"
#include "log.h"
#include "net.h"
#include "rng.h"

namespace crema::ui {

namespace gp = google::protobuf;

namespace {

const QString kTimes = QString(QChar(0x00D7));

// Silences the engine's Info lines on this thread while analysing (restored after).
class QuietInfoLog {
 public:
  QuietInfoLog() : m_was(crema::InfoLoggingEnabled()) { crema::SetInfoLoggingEnabled(false); }
  ~QuietInfoLog() { crema::SetInfoLoggingEnabled(m_was); }

 private:
  bool m_was;
};

// Every FillerParameter below `msg` becomes constant (building is then cheap and deterministic).
void constantFillers(gp::Message* msg) {
  const gp::Descriptor* d = msg->GetDescriptor();
  const gp::Reflection* r = msg->GetReflection();
  if (d == caffe::FillerParameter::descriptor()) {
    auto* f = static_cast<caffe::FillerParameter*>(msg);
    f->set_type("constant");
    f->clear_sparse();
    return;
  }
  std::vector<const gp::FieldDescriptor*> fields;
  r->ListFields(*msg, &fields);
  for (const auto* f : fields) {
    if (f->cpp_type() != gp::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (f->is_repeated()) {
      for (int i = 0; i < r->FieldSize(*msg, f); ++i) constantFillers(r->MutableRepeatedMessage(msg, f, i));
    } else {
      constantFillers(r->MutableMessage(msg, f));
    }
  }
}

bool isLossLike(const caffe::LayerParameter& l) {
  for (float w : l.loss_weight()) {
    if (w != 0.f) return true;
  }
  if (l.loss_weight_size() > 0) return false;
  const QString t = QString::fromStdString(l.type());
  return t.endsWith(QLatin1String("Loss"));
}

long long macsOf(const crema::Layer& layer, const std::vector<Blob*>& bottom, const std::vector<Blob*>& top) {
  const std::string type = layer.type();
  const auto& blobs = layer.blobs();
  long long macs = 0;
  if ((type == "Convolution" || type == "Im2col") && !blobs.empty()) {
    for (const Blob* t : top) macs += (long long)t->count() * blobs[0]->count(1);
  } else if (type == "Deconvolution" && !blobs.empty()) {
    for (const Blob* b : bottom) macs += (long long)b->count() * blobs[0]->count(1);
  } else if (type == "InnerProduct" && !blobs.empty()) {
    const long long n = std::max(1, int(layer.layer_param().inner_product_param().num_output()));
    macs = (long long)top[0]->count() * (blobs[0]->count() / n);
  } else if (type == "Scale" && !top.empty()) {
    macs = top[0]->count();
  }
  return macs;
}

struct PhasePlan {
  int phaseIndex = 0;
  std::vector<int> kept;  // document indices in this phase, net order
};

}  // namespace

bool isDataLayer(const caffe::LayerParameter& l) {
  static const std::set<std::string> types = {"Data", "ImageData", "HDF5Data", "WindowData", "MemoryData"};
  return types.count(l.type()) > 0;
}

int dataLayerBatchSize(const caffe::LayerParameter& l) {
  if (l.has_data_param()) return int(l.data_param().batch_size());
  if (l.has_image_data_param()) return int(l.image_data_param().batch_size());
  if (l.has_hdf5_data_param()) return int(l.hdf5_data_param().batch_size());
  if (l.has_window_data_param()) return int(l.window_data_param().batch_size());
  if (l.has_memory_data_param()) return int(l.memory_data_param().batch_size());
  return l.type() == "ImageData" ? 1 : 0;
}

QString formatCount(long long n) {
  if (n < 0) return QStringLiteral("?");
  if (n < 10000) return QString::number(n);
  const char* units[] = {"k", "M", "G", "T"};
  double v = double(n);
  int u = -1;
  while (v >= 1000.0 && u < 3) {
    v /= 1000.0;
    ++u;
  }
  return QString::number(v, 'f', v < 10 ? 2 : v < 100 ? 1 : 0) + QString::fromLatin1(units[u]);
}

QString NetAnalysisResult::shapeText(int layer, int top, int phaseIndex) const {
  if (layer < 0 || layer >= int(layers.size())) return {};
  const auto& shapes = layers[layer].topShapes[phaseIndex];
  const auto& known = layers[layer].topKnown[phaseIndex];
  if (top < 0 || top >= int(shapes.size()) || top >= int(known.size()) || !known[top]) return {};
  if (shapes[top].empty()) return QStringLiteral("scalar");
  QStringList parts;
  for (int d : shapes[top]) parts << QString::number(d);
  return parts.join(kTimes);
}

QString NetAnalysisResult::edgeShapeText(int layer, int top) const {
  const QString train = shapeText(layer, top, 0);
  const QString test = shapeText(layer, top, 1);
  if (train.isEmpty()) return test;
  if (test.isEmpty() || test == train) return train;
  // Usually only the batch differs: "64|100×1×28×28".
  const int a = train.indexOf(kTimes), b = test.indexOf(kTimes);
  if (a > 0 && b > 0 && train.mid(a) == test.mid(b)) return train.left(a) + QLatin1Char('|') + test;
  return train + QStringLiteral(" | ") + test;
}

QVector<int> guessDataShape(const caffe::LayerParameter& l, const QString& baseDir, QString* how) {
  auto say = [&](const QString& s) {
    if (how) *how = s;
  };
  QVector<int> chw;
  std::string source;
  if (l.has_data_param()) source = l.data_param().source();
  if (l.has_image_data_param()) source = l.image_data_param().source();
  if (l.has_hdf5_data_param()) source = l.hdf5_data_param().source();
  if (l.has_window_data_param()) source = l.window_data_param().source();

  if (l.type() == "MemoryData" && l.has_memory_data_param()) {
    const auto& m = l.memory_data_param();
    chw = {int(m.channels()), int(m.height()), int(m.width())};
    say(QStringLiteral("memory_data_param"));
  }
  if (chw.isEmpty() && l.type() == "Data" && !source.empty()) {
    try {
      const std::string path = crema::ResolveSourcePath(source, baseDir.toStdString());
      if (crema::IsLmdbDirectory(path)) {
        crema::LmdbReader reader(path);
        reader.SeekToFirst();
        caffe::Datum datum;
        if (datum.ParseFromString(reader.value()) && !datum.encoded() && datum.channels() > 0) {
          chw = {datum.channels(), datum.height(), datum.width()};
          say(QObject::tr("first LMDB record"));
        } else if (datum.encoded()) {
          // JPEG/PNG record (convert-imageset --encoded): decode it as the Data layer will.
          const auto& t = l.transform_param();
          const crema::ImageColor color = t.force_color() ? crema::ImageColor::kColor
                                          : t.force_gray() ? crema::ImageColor::kGray
                                                           : crema::ImageColor::kNative;
          const crema::Image img = crema::DecodeImage(datum.data(), color, reader.key());
          chw = {img.channels, img.height, img.width};
          say(QObject::tr("first LMDB record"));
        }
      }
    } catch (const std::exception&) {
      // Unreadable database: fall through to the guesses below.
    }
  }
  if (chw.isEmpty() && l.type() == "ImageData" && l.image_data_param().new_height() > 0 &&
      l.image_data_param().new_width() > 0) {
    chw = {l.image_data_param().is_color() ? 3 : 1, int(l.image_data_param().new_height()),
           int(l.image_data_param().new_width())};
    say(QStringLiteral("new_height/new_width"));
  }
  if (chw.isEmpty() && l.type() == "ImageData" && !source.empty()) {
    // The first listed image, read as the layer will (root_folder + path, is_color).
    try {
      // Only the first entry: lists can hold millions of lines, and this runs on edits.
      const auto& p = l.image_data_param();
      QFile list(QString::fromStdString(crema::ResolveSourcePath(source, baseDir.toStdString())));
      QString first;
      if (list.open(QIODevice::ReadOnly | QIODevice::Text)) {
        while (first.isEmpty() && !list.atEnd()) first = QString::fromUtf8(list.readLine()).trimmed();
      }
      const int space = first.lastIndexOf(QLatin1Char(' '));  // "path label", split as the layer does
      if (space > 0) {
        const crema::Image img =
            crema::ReadImageFile(p.root_folder() + first.left(space).toStdString(),
                                 p.is_color() ? crema::ImageColor::kColor : crema::ImageColor::kGray);
        chw = {img.channels, img.height, img.width};
        say(QObject::tr("first listed image"));
      }
    } catch (const std::exception&) {
      // Unreadable list or image: fall through to the guesses below.
    }
  }
  if (chw.isEmpty()) {
    const QString s = QString::fromStdString(source).toLower();
    if (s.contains(QLatin1String("mnist"))) {
      chw = {1, 28, 28};
      say(QObject::tr("MNIST by source name"));
    } else if (s.contains(QLatin1String("cifar"))) {
      chw = {3, 32, 32};
      say(QObject::tr("CIFAR by source name"));
    } else if (s.contains(QLatin1String("imagenet")) || s.contains(QLatin1String("ilsvrc"))) {
      chw = {3, 256, 256};
      say(QObject::tr("ImageNet by source name"));
    } else {
      chw = {3, 224, 224};
      say(QObject::tr("unknown source: assumed; set it in the properties"));
    }
  }
  uint32_t crop = l.transform_param().crop_size();
  if (!crop && l.has_data_param()) crop = l.data_param().crop_size();
  if (!crop && l.has_image_data_param()) crop = l.image_data_param().crop_size();
  if (!crop && l.has_window_data_param()) crop = l.window_data_param().crop_size();
  if (crop > 0 && chw.size() == 3) {
    chw[1] = chw[2] = int(crop);
    if (how) *how += QStringLiteral(", crop %1").arg(crop);
  }
  return chw;
}

std::vector<std::string> analysisSignature(const caffe::NetParameter& net) {
  std::vector<std::string> sig;
  for (const auto& l : net.layer()) {
    std::string s = l.name() + "|" + l.type() + "|";
    for (const auto& b : l.bottom()) s += b + ",";
    s += "|";
    for (const auto& t : l.top()) s += t + ",";
    s += "|" + std::to_string(layerPhaseMask(l));
    sig.push_back(s);
  }
  return sig;
}

NetAnalysisResult analyzeNet(const caffe::NetParameter& net, const AnalysisInputs& inputs) {
  QuietInfoLog quiet;
  NetAnalysisResult r;
  r.signature = analysisSignature(net);
  const int n = net.layer_size();
  r.layers.resize(n);

  // Structure first: these need no building.
  const NetGraph graph = buildNetGraph(net);
  std::set<int> structurallyBroken;
  for (const auto& issue : graph.issues) {
    if (issue.layer >= 0) {
      r.layers[issue.layer].errors << QString::fromStdString(issue.message);
      structurallyBroken.insert(issue.layer);
    }
  }
  if (n > 0 && stableTopologicalOrder(net).empty()) {
    r.netErrors << QObject::tr("The wiring has a cycle: Caffe needs every bottom produced by an earlier layer");
  }

  // Data layers: assumed top shapes.
  std::vector<QVector<int>> dataChw(n);
  for (int i = 0; i < n; ++i) {
    const auto& l = net.layer(i);
    if (!isDataLayer(l)) continue;
    QString how;
    QVector<int> chw = inputs.dataShapes.value(i);
    if (chw.size() == 3) {
      how = QObject::tr("set by you");
    } else {
      chw = guessDataShape(l, inputs.baseDir, &how);
    }
    dataChw[i] = chw;
    r.layers[i].notes << QObject::tr("data %1%2%3%2%4%2%5 (%6)")
                             .arg(dataLayerBatchSize(l))
                             .arg(kTimes)
                             .arg(chw.value(0))
                             .arg(chw.value(1))
                             .arg(chw.value(2))
                             .arg(how);
  }

  for (int pi = 0; pi < 2; ++pi) {
    caffe::NetState state;
    state.set_phase(pi == 0 ? caffe::TRAIN : caffe::TEST);
    std::vector<int> kept;
    for (int i = 0; i < n; ++i) {
      const auto& l = net.layer(i);
      if (crema::Net::LayerMeetsRules(state, l)) {
        kept.push_back(i);
        r.layers[i].active[pi] = true;
        r.layers[i].topShapes[pi].assign(l.top_size(), {});
        r.layers[i].topKnown[pi].assign(l.top_size(), false);
      }
    }
    if (kept.empty()) continue;

    int realBatch = 0;
    for (int i : kept) {
      if (isDataLayer(net.layer(i)) && !realBatch) realBatch = std::max(1, dataLayerBatchSize(net.layer(i)));
    }

    auto makeParam = [&](const std::vector<int>& layers, bool batchOne) {
      caffe::NetParameter p;
      p.set_name(net.name());
      p.set_force_backward(net.force_backward());
      p.mutable_state()->CopyFrom(state);
      for (int i : layers) {
        const auto& src = net.layer(i);
        caffe::LayerParameter* l = p.add_layer();
        if (isDataLayer(src)) {
          l->set_name(src.name());
          l->set_type("Input");
          const int batch = batchOne ? 1 : std::max(1, dataLayerBatchSize(src));
          for (int t = 0; t < src.top_size(); ++t) {
            l->add_top(src.top(t));
            auto* s = l->mutable_input_param()->add_shape();
            s->add_dim(batch);
            if (t == 0) {
              for (int d : dataChw[i]) s->add_dim(d);
            } else if (src.type() == "MemoryData") {
              for (int k = 0; k < 3; ++k) s->add_dim(1);
            }
          }
        } else {
          l->CopyFrom(src);
          l->clear_include();
          l->clear_exclude();
          constantFillers(l);
        }
      }
      return p;
    };

    std::set<int> excluded;
    std::unique_ptr<crema::Net> built;
    std::vector<int> builtList;
    int scale = 1;
    for (int attempt = 0; attempt < 12; ++attempt) {
      std::vector<int> list;
      for (int i : kept) {
        if (!excluded.count(i)) list.push_back(i);
      }
      if (list.empty()) break;
      const bool batchOne = realBatch > 1;
      try {
        crema::Rng rng(1);
        built = std::make_unique<crema::Net>(makeParam(list, batchOne), &rng, inputs.baseDir.toStdString());
        builtList = list;
        scale = batchOne ? realBatch : 1;
        if (batchOne) {
          const double bytes = double(built->memory_used_bytes()) * realBatch * 2.0;
          if (bytes <= inputs.memoryBudget) {
            try {
              crema::Rng rng2(1);
              auto exact = std::make_unique<crema::Net>(makeParam(list, false), &rng2, inputs.baseDir.toStdString());
              built = std::move(exact);
              scale = 1;
            } catch (const std::exception&) {
              // Keep the batch-1 build; shapes are scaled.
            }
          }
        }
        break;
      } catch (const std::exception& e) {
        const QString msg = QString::fromStdString(e.what());
        static const QRegularExpression re(QStringLiteral("[Ll]ayer '([^']+)'"));
        const auto m = re.match(msg);
        int failing = -1;
        if (m.hasMatch()) {
          const std::string name = m.captured(1).toStdString();
          for (int i : list) {
            if (net.layer(i).name() == name) {
              failing = i;
              break;
            }
          }
        }
        if (failing < 0) {
          r.netErrors << msg;
          break;
        }
        if (!structurallyBroken.count(failing) && !r.layers[failing].errors.contains(msg))
          r.layers[failing].errors << msg;
        // Leave out the failing layer and everything fed by it.
        std::set<std::string> badBlobs;
        excluded.insert(failing);
        for (const auto& t : net.layer(failing).top()) badBlobs.insert(t);
        bool after = false;
        for (int i : list) {
          if (i == failing) {
            after = true;
            continue;
          }
          if (!after) continue;
          const auto& l = net.layer(i);
          const bool fed = std::any_of(l.bottom().begin(), l.bottom().end(),
                                       [&](const std::string& b) { return badBlobs.count(b) > 0; });
          if (fed) {
            excluded.insert(i);
            for (const auto& t : l.top()) badBlobs.insert(t);
            const QString note =
                QObject::tr("not analysed: its input depends on '%1'").arg(QString::fromStdString(net.layer(failing).name()));
            if (!r.layers[i].notes.contains(note)) r.layers[i].notes << note;
          } else {
            for (const auto& t : l.top()) badBlobs.erase(t);
          }
        }
      }
    }
    if (!built) continue;
    r.built[pi] = excluded.empty();
    if (scale > 1) r.approximate = true;

    // Map built layers (Split layers inserted by the Net are extra) back to document indices.
    const auto& names = built->layer_names();
    size_t next = 0;
    for (size_t b = 0; b < names.size() && next < builtList.size(); ++b) {
      const int docIndex = builtList[next];
      if (names[b] != net.layer(docIndex).name()) continue;  // an inserted split
      ++next;
      const auto& layer = *built->layers()[b];
      LayerAnalysis& la = r.layers[docIndex];
      const auto& tops = built->top_vecs()[b];
      for (size_t t = 0; t < tops.size() && t < la.topShapes[pi].size(); ++t) {
        std::vector<int> s = tops[t]->shape();
        if (scale > 1 && !s.empty() && s[0] == 1) s[0] = scale;
        la.topShapes[pi][t] = s;
        la.topKnown[pi][t] = true;
      }
      long long params = 0;
      for (const auto& blob : layer.blobs()) params += blob->count();
      la.params = std::max(la.params, params);
      const long long macs = macsOf(layer, built->bottom_vecs()[b], tops) * scale;
      if (pi == 0 || la.macs < 0) la.macs = macs;
      r.totalMacs[pi] += macs;
    }
  }

  for (const auto& la : r.layers) {
    if (la.params > 0) r.totalParams += la.params;
  }
  // Training needs something to minimise.
  bool anyTrain = false, lossInTrain = false;
  for (int i = 0; i < n; ++i) {
    if (!r.layers[i].active[0]) continue;
    anyTrain = true;
    lossInTrain |= isLossLike(net.layer(i));
  }
  if (anyTrain && !lossInTrain) {
    r.netWarnings << QObject::tr("No loss layer in the TRAIN net: training would have nothing to minimise");
  }
  return r;
}

// ---------------------------------------------------------------------------

NetAnalyzer::NetAnalyzer(NetDocument* doc, QObject* parent) : QObject(parent), m_doc(doc) {
  qRegisterMetaType<crema::ui::NetAnalysisResult>();
  m_pool.setMaxThreadCount(1);
  m_timer.setSingleShot(true);
  m_timer.setInterval(120);
  connect(&m_timer, &QTimer::timeout, this, &NetAnalyzer::start);
  connect(doc, &NetDocument::netChanged, this, &NetAnalyzer::schedule);
  connect(doc, &NetDocument::analysisInputsChanged, this, &NetAnalyzer::schedule);
  connect(doc, &NetDocument::filePathChanged, this, &NetAnalyzer::schedule);
  schedule();
}

NetAnalyzer::~NetAnalyzer() { m_pool.waitForDone(); }

void NetAnalyzer::schedule() { m_timer.start(); }

void NetAnalyzer::start() {
  if (m_running) {
    m_pending = true;
    return;
  }
  AnalysisInputs in;
  for (auto it = m_doc->dataShapes().begin(); it != m_doc->dataShapes().end(); ++it) {
    const int i = m_doc->indexOf(it.key());
    if (i >= 0) in.dataShapes.insert(i, it.value());
  }
  if (!m_doc->filePath().isEmpty()) in.baseDir = QFileInfo(m_doc->filePath()).absolutePath();
  const caffe::NetParameter net = m_doc->net();
  const int generation = ++m_generation;
  ++m_running;
  m_pool.start([this, net, in, generation] {
    NetAnalysisResult result;
    try {
      result = analyzeNet(net, in);
    } catch (const std::exception& e) {
      result.layers.resize(net.layer_size());
      result.netErrors << QString::fromStdString(e.what());
    }
    QMetaObject::invokeMethod(
        this,
        [this, result, generation] {
          --m_running;
          if (generation == m_generation) {
            m_result = result;
            emit finished(m_result);
          }
          if (m_pending) {
            m_pending = false;
            start();
          }
        },
        Qt::QueuedConnection);
  });
}

void NetAnalyzer::flush() {
  for (int guard = 0; guard < 1000; ++guard) {
    if (m_timer.isActive()) {
      m_timer.stop();
      start();
    }
    m_pool.waitForDone();
    QCoreApplication::processEvents();
    if (!m_running && !m_pending && !m_timer.isActive()) return;
  }
}

}  // namespace crema::ui
