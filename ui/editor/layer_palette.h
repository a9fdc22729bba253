// LayerPalette: every layer type the engine registers (read at runtime from
// crema::LayerRegistry) plus the rest of BVLC Caffe's catalogue (greyed:
// editable and exported for Caffe, not trainable here), grouped, searchable,
// each with a one-line description. Entries are dragged onto the NetCanvas
// (mime NetCanvas::kLayerMimeType) or activated (double-click / Enter) to add
// a layer in the middle of the view.
#pragma once

#include <QTreeWidget>
#include <QWidget>

class QLineEdit;

namespace crema::ui {

/// The tree inside the palette; produces the drag payload.
class LayerPaletteTree : public QTreeWidget {
  Q_OBJECT

 public:
  using QTreeWidget::QTreeWidget;
  QStringList mimeTypes() const override;
  /// The drag payload of the first layer entry among `items` (what QDrag carries).
  QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override;
};

class LayerPalette : public QWidget {
  Q_OBJECT

 public:
  explicit LayerPalette(QWidget* parent = nullptr);

  /// Shows only entries whose type or description contains `text` (case-insensitive).
  void setFilter(const QString& text);
  QLineEdit* searchField() const { return m_search; }
  LayerPaletteTree* tree() const { return m_tree; }
  /// The item for a layer type, or null.
  QTreeWidgetItem* itemForType(const QString& type) const;
  /// Types currently visible (after filtering), in display order.
  QStringList visibleTypes() const;
  /// The drag payload for a type.
  static QMimeData* mimeDataForType(const QString& type);

 signals:
  /// Double-click or Enter on an entry.
  void layerRequested(const QString& type);

 private:
  void populate();

  QLineEdit* m_search;
  LayerPaletteTree* m_tree;
};

}  // namespace crema::ui
