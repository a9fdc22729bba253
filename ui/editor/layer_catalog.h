// What the net editor knows about each Caffe layer type: its palette group,
// a one-line description, the defaults a new layer of that type gets, how many
// bottoms it expects, whether it may run in place, and which *_param messages
// of LayerParameter configure it. Types the engine registers at runtime but
// that are unknown here still work (group "Utility", generic description).
#pragma once

#include <QString>
#include <QStringList>
#include <string>
#include <vector>

#include "caffe.pb.h"

namespace crema::ui {

/// Palette groups, in display order.
enum class LayerGroup { Data, Vision, Neuron, Common, Normalization, Loss, Utility };

QString layerGroupName(LayerGroup group);
/// All groups in display order.
const std::vector<LayerGroup>& allLayerGroups();

/// Static facts about one layer type.
struct LayerTypeInfo {
  QString type;            ///< prototxt `type` string, e.g. "Convolution"
  LayerGroup group = LayerGroup::Utility;
  QString description;     ///< one line for the palette
  QString namePrefix;      ///< new layers are named prefix1, prefix2, ... ("conv1")
  bool numbered = true;    ///< false: first instance is the bare prefix ("data", "loss")
  QStringList bottomSlots; ///< names of the bottoms it expects (empty slots drawn on the node)
  bool variadicBottoms = false;  ///< accepts any number of bottoms (Concat, Eltwise)
  QStringList defaultTops; ///< "" = the layer's own name; others used as given ("label")
  bool inPlaceCapable = false;   ///< neuron-like: connecting its first bottom makes it in-place
  bool isData = false;     ///< produces data without bottoms (replaced by Input for analysis)
  bool isLoss = false;
  /// The LayerParameter fields (by name) that configure this type, besides the common ones.
  QStringList paramFields;
  bool known = true;       ///< false for types only the engine knows
};

/// Lookup; for an unknown type returns a generic entry (known = false).
LayerTypeInfo layerTypeInfo(const QString& type);
/// Every type this catalog describes (BVLC Caffe's layer set), in no particular order.
QStringList catalogTypes();
/// Types registered by the engine (crema::LayerRegistry::Global().Types()).
QStringList engineLayerTypes();

/// A new layer of `type` with the catalog defaults (Convolution: num_output 20,
/// kernel_size 5, xavier weights; InnerProduct: 10 outputs, xavier; Pooling MAX
/// 2x2 stride 2; Data: LMDB source, batch 64, scale 1/256; ...). Its name and
/// the tops named after it use `name`; bottoms are left empty.
caffe::LayerParameter makeDefaultLayer(const QString& type, const QString& name);

/// The *_param field names relevant for a layer: the catalog's list plus any
/// other *_param that is set in `layer` (so nothing present is hidden).
QStringList relevantParamFields(const caffe::LayerParameter& layer);

/// One line of the key parameters for a node: "20 × 5×5 /2 pad 1", "MAX 2×2 /2",
/// "500 outputs", "LMDB mnist/mnist_train_lmdb · batch 64", ...
QString layerSummary(const caffe::LayerParameter& layer);

}  // namespace crema::ui
