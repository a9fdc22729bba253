// Automatic layered layout of the net graph, top to bottom, by Graphviz's
// "dot" engine through its C library (libgvc / libcgraph): nodes get their
// on-screen sizes, wires become graph edges, and the computed node centres are
// read back. Without Graphviz at build time a simple rank-by-longest-path
// placement is used instead.
#pragma once

#include <QHash>
#include <QPointF>
#include <QSizeF>

#include "caffe.pb.h"
#include "editor/net_document.h"

namespace crema::ui {

/// Centres (scene units = points) for every layer of `net`; `ids` and `sizes`
/// give each layer's node id and size. Layout is top to bottom in net order.
QHash<NodeId, QPointF> layoutNet(const caffe::NetParameter& net, const std::vector<NodeId>& ids,
                                 const QHash<NodeId, QSizeF>& sizes);

/// True when the Graphviz library was available at build time.
bool graphvizAvailable();

}  // namespace crema::ui
