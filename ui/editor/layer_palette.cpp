#include "editor/layer_palette.h"

#include <QApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

#include "editor/canvas_items.h"
#include "editor/layer_catalog.h"
#include "editor/net_canvas.h"

namespace crema::ui {

namespace {

constexpr int kTypeRole = Qt::UserRole + 1;
constexpr int kDescriptionRole = Qt::UserRole + 2;
constexpr int kSupportedRole = Qt::UserRole + 3;

// Two lines per entry: the type in bold, its description below in grey.
class PaletteDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override {
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(kTypeRole).isValid()) s.setHeight(std::max(s.height(), option.fontMetrics.height() * 2 + 8));
    return s;
  }

  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override {
    if (!index.data(kTypeRole).isValid()) {
      QStyledItemDelegate::paint(painter, option, index);
      return;
    }
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    const bool supported = index.data(kSupportedRole).toBool();
    const QString type = index.data(kTypeRole).toString();
    const QRect r = option.rect.adjusted(14, 3, -4, -3);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(groupColor(type));
    painter->drawEllipse(QPointF(option.rect.left() + 6, option.rect.center().y()), 3.5, 3.5);
    QFont bold = option.font;
    bold.setBold(true);
    bold.setItalic(!supported);
    painter->setFont(bold);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(selected ? option.palette.highlightedText().color()
                             : supported ? option.palette.text().color() : QColor(0x88, 0x88, 0x88));
    const int lineH = option.fontMetrics.height();
    painter->drawText(QRect(r.left(), r.top(), r.width(), lineH), Qt::AlignLeft | Qt::AlignVCenter, type);
    QFont small = option.font;
    small.setPointSizeF(std::max(7.0, option.font.pointSizeF() - 1));
    painter->setFont(small);
    painter->setPen(selected ? option.palette.highlightedText().color() : QColor(0x70, 0x70, 0x70));
    QString desc = index.data(kDescriptionRole).toString();
    if (!supported) desc = QObject::tr("Caffe only · ") + desc;
    const QFontMetrics sfm(small);
    painter->drawText(QRect(r.left(), r.top() + lineH + 1, r.width(), lineH), Qt::AlignLeft | Qt::AlignVCenter,
                      sfm.elidedText(desc, Qt::ElideRight, r.width()));
    painter->restore();
  }
};

}  // namespace

QStringList LayerPaletteTree::mimeTypes() const { return {QString::fromLatin1(NetCanvas::kLayerMimeType)}; }

QMimeData* LayerPaletteTree::mimeData(const QList<QTreeWidgetItem*>& items) const {
  for (QTreeWidgetItem* item : items) {
    const QString type = item->data(0, kTypeRole).toString();
    if (!type.isEmpty()) return LayerPalette::mimeDataForType(type);
  }
  return nullptr;
}

QMimeData* LayerPalette::mimeDataForType(const QString& type) {
  auto* mime = new QMimeData;
  mime->setData(NetCanvas::kLayerMimeType, type.toUtf8());
  mime->setText(type);
  return mime;
}

LayerPalette::LayerPalette(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  m_search = new QLineEdit(this);
  m_search->setPlaceholderText(tr("Search layers…"));
  m_search->setClearButtonEnabled(true);
  m_tree = new LayerPaletteTree(this);
  m_tree->setHeaderHidden(true);
  m_tree->setColumnCount(1);
  m_tree->setItemDelegate(new PaletteDelegate(m_tree));
  m_tree->setDragEnabled(true);
  m_tree->setDragDropMode(QAbstractItemView::DragOnly);
  m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
  m_tree->setIndentation(10);
  m_tree->setUniformRowHeights(false);
  m_tree->setMinimumWidth(170);
  layout->addWidget(m_search);
  layout->addWidget(m_tree);
  populate();
  connect(m_search, &QLineEdit::textChanged, this, &LayerPalette::setFilter);
  connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
    const QString type = item->data(0, kTypeRole).toString();
    if (!type.isEmpty()) emit layerRequested(type);
  });
  // Enter in the search field adds the first match.
  connect(m_search, &QLineEdit::returnPressed, this, [this] {
    const QStringList types = visibleTypes();
    if (!types.isEmpty()) emit layerRequested(types.first());
  });
}

void LayerPalette::populate() {
  const QStringList registered = engineLayerTypes();
  QStringList all = registered;
  for (const QString& t : catalogTypes()) {
    if (!all.contains(t)) all << t;
  }
  for (LayerGroup group : allLayerGroups()) {
    auto* top = new QTreeWidgetItem(m_tree, {layerGroupName(group)});
    QFont f = top->font(0);
    f.setBold(true);
    top->setFont(0, f);
    top->setFlags(Qt::ItemIsEnabled);
    // Registered types first, then Caffe-only ones; each part alphabetical.
    QStringList types;
    for (const QString& t : all) {
      if (layerTypeInfo(t).group == group) types << t;
    }
    std::sort(types.begin(), types.end(), [&](const QString& a, const QString& b) {
      const bool ra = registered.isEmpty() || registered.contains(a);
      const bool rb = registered.isEmpty() || registered.contains(b);
      if (ra != rb) return ra;
      return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    for (const QString& t : types) {
      const LayerTypeInfo info = layerTypeInfo(t);
      const bool supported = registered.isEmpty() || registered.contains(t);
      auto* item = new QTreeWidgetItem(top, {t});
      item->setData(0, kTypeRole, t);
      item->setData(0, kDescriptionRole, info.description);
      item->setData(0, kSupportedRole, supported);
      item->setToolTip(0, QStringLiteral("<b>%1</b><br>%2%3")
                              .arg(t, info.description.toHtmlEscaped(),
                                   supported ? QString() : tr("<br><i>Not implemented by Crema's engine: it can be "
                                                              "edited and exported for Caffe, not trained here.</i>")));
      item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
    }
    top->setExpanded(true);
  }
}

void LayerPalette::setFilter(const QString& text) {
  const QString needle = text.trimmed();
  for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
    QTreeWidgetItem* top = m_tree->topLevelItem(g);
    int visible = 0;
    for (int i = 0; i < top->childCount(); ++i) {
      QTreeWidgetItem* item = top->child(i);
      const bool match = needle.isEmpty() || item->data(0, kTypeRole).toString().contains(needle, Qt::CaseInsensitive) ||
                         item->data(0, kDescriptionRole).toString().contains(needle, Qt::CaseInsensitive);
      item->setHidden(!match);
      visible += match;
    }
    top->setHidden(visible == 0);
    if (!needle.isEmpty()) top->setExpanded(true);
  }
}

QTreeWidgetItem* LayerPalette::itemForType(const QString& type) const {
  for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
    QTreeWidgetItem* top = m_tree->topLevelItem(g);
    for (int i = 0; i < top->childCount(); ++i) {
      if (top->child(i)->data(0, kTypeRole).toString() == type) return top->child(i);
    }
  }
  return nullptr;
}

QStringList LayerPalette::visibleTypes() const {
  QStringList types;
  for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
    QTreeWidgetItem* top = m_tree->topLevelItem(g);
    if (top->isHidden()) continue;
    for (int i = 0; i < top->childCount(); ++i) {
      if (!top->child(i)->isHidden()) types << top->child(i)->data(0, kTypeRole).toString();
    }
  }
  return types;
}

}  // namespace crema::ui
