#include "editor/layer_properties.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <google/protobuf/util/message_differencer.h>
#include <set>

#include "editor/layer_catalog.h"
#include "editor/message_editor.h"
#include "editor/net_graph.h"
#include "editor/proto_path.h"

namespace crema::ui {

namespace gp = google::protobuf;
using gp::util::MessageDifferencer;

namespace {

QGroupBox* section(const QString& title, QVBoxLayout* into) {
  auto* box = new QGroupBox(title);
  into->addWidget(box);
  return box;
}

// Copies top-level field `name` of `from` into `to` (replacing it).
void copyTopField(const gp::Message& from, gp::Message* to, const std::string& name) {
  const gp::FieldDescriptor* f = from.GetDescriptor()->FindFieldByName(name);
  if (!f) return;
  const gp::Reflection* r = from.GetReflection();
  const gp::Reflection* w = to->GetReflection();
  w->ClearField(to, f);
  if (f->is_repeated()) {
    for (int i = 0; i < r->FieldSize(from, f); ++i) {
      switch (f->cpp_type()) {
        case gp::FieldDescriptor::CPPTYPE_MESSAGE: w->AddMessage(to, f)->CopyFrom(r->GetRepeatedMessage(from, f, i)); break;
        case gp::FieldDescriptor::CPPTYPE_STRING: w->AddString(to, f, r->GetRepeatedString(from, f, i)); break;
        case gp::FieldDescriptor::CPPTYPE_FLOAT: w->AddFloat(to, f, r->GetRepeatedFloat(from, f, i)); break;
        case gp::FieldDescriptor::CPPTYPE_BOOL: w->AddBool(to, f, r->GetRepeatedBool(from, f, i)); break;
        case gp::FieldDescriptor::CPPTYPE_INT32: w->AddInt32(to, f, r->GetRepeatedInt32(from, f, i)); break;
        case gp::FieldDescriptor::CPPTYPE_UINT32: w->AddUInt32(to, f, r->GetRepeatedUInt32(from, f, i)); break;
        case gp::FieldDescriptor::CPPTYPE_INT64: w->AddInt64(to, f, r->GetRepeatedInt64(from, f, i)); break;
        case gp::FieldDescriptor::CPPTYPE_UINT64: w->AddUInt64(to, f, r->GetRepeatedUInt64(from, f, i)); break;
        case gp::FieldDescriptor::CPPTYPE_DOUBLE: w->AddDouble(to, f, r->GetRepeatedDouble(from, f, i)); break;
        case gp::FieldDescriptor::CPPTYPE_ENUM: w->AddEnum(to, f, r->GetRepeatedEnum(from, f, i)); break;
      }
    }
    return;
  }
  if (!r->HasField(from, f)) return;
  std::unique_ptr<gp::Message> tmp(from.New());
  tmp->CopyFrom(from);
  // Swap just this field in through a copy (works for every field type).
  std::vector<const gp::FieldDescriptor*> one = {f};
  w->SwapFields(to, tmp.get(), one);
}

}  // namespace

LayerPropertiesPanel::LayerPropertiesPanel(NetDocument* doc, QWidget* parent) : QWidget(parent), m_doc(doc) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_scroll = new QScrollArea(this);
  m_scroll->setWidgetResizable(true);
  m_scroll->setFrameShape(QFrame::NoFrame);
  m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  layout->addWidget(m_scroll);
  setMinimumWidth(250);
  connect(doc, &NetDocument::netChanged, this, &LayerPropertiesPanel::onDocumentChanged);
  connect(doc, &NetDocument::documentReset, this, [this] { setLayer(0); });
  connect(doc, &NetDocument::analysisInputsChanged, this, [this] { rebuild(); });
  rebuild();
}

void LayerPropertiesPanel::setLayer(NodeId id) {
  m_id = m_doc->indexOf(id) >= 0 ? id : 0;
  m_selectionSize = m_id ? 1 : 0;
  rebuild();
}

void LayerPropertiesPanel::setSelection(const QList<NodeId>& ids) {
  if (ids.size() == 1) {
    if (ids.first() != m_id || m_selectionSize != 1) setLayer(ids.first());
    return;
  }
  m_id = 0;
  m_selectionSize = int(ids.size());
  rebuild();
}

QLineEdit* LayerPropertiesPanel::topEdit(int i) const { return i >= 0 && i < m_tops.size() ? m_tops[i] : nullptr; }
QLineEdit* LayerPropertiesPanel::bottomEdit(int i) const {
  return i >= 0 && i < m_bottoms.size() ? m_bottoms[i] : nullptr;
}

void LayerPropertiesPanel::onDocumentChanged() {
  if (m_id) {
    const int i = m_doc->indexOf(m_id);
    if (i < 0) {
      m_id = 0;
      m_selectionSize = 0;
      rebuild();
      return;
    }
    if (!MessageDifferencer::Equals(m_doc->layer(i), m_shown)) rebuild();
    return;
  }
  if (m_selectionSize == 0) {
    caffe::NetParameter settings = m_doc->net();
    settings.clear_layer();
    if (!MessageDifferencer::Equals(settings, m_shownNet)) rebuild();
  }
}

void LayerPropertiesPanel::onEdited(const gp::Message& edited, const QString& path, bool mergeable) {
  const int i = m_doc->indexOf(m_id);
  if (i < 0) return;
  // Only the edited top-level field comes from the editor: other sections hold their own copies.
  QString top = path.section(QLatin1Char('.'), 0, 0);
  top = top.section(QLatin1Char('['), 0, 0);
  caffe::LayerParameter after = m_doc->layer(i);
  copyTopField(edited, &after, top.toStdString());
  m_shown = after;
  const QString name = QString::fromStdString(after.name());
  m_doc->setLayer(m_id, after, tr("Set %1 of %2").arg(path, name),
                  mergeable ? QStringLiteral("%1:%2").arg(m_id).arg(path) : QString());
}

void LayerPropertiesPanel::rebuild() {
  const int scroll = m_scroll->verticalScrollBar()->value();
  m_bottoms.clear();
  m_tops.clear();
  m_name = nullptr;
  m_type = nullptr;
  m_phase = nullptr;
  m_inPlace = nullptr;
  m_dataShape = nullptr;
  m_params = m_learning = m_rules = m_netEditor = nullptr;
  m_title = m_analysisLabel = nullptr;

  auto* content = new QWidget;
  auto* v = new QVBoxLayout(content);
  v->setContentsMargins(6, 6, 6, 6);
  v->setSpacing(8);

  const int index = m_id ? m_doc->indexOf(m_id) : -1;
  if (index < 0) {
    if (m_selectionSize > 1) {
      auto* label = new QLabel(tr("%1 layers selected.\nDelete, copy or move them together; select one layer to edit "
                                  "its properties.")
                                   .arg(m_selectionSize));
      label->setWordWrap(true);
      v->addWidget(label);
    } else {
      // Net-level settings.
      m_shownNet = m_doc->net();
      m_shownNet.clear_layer();
      auto* title = new QLabel(tr("<b>Net</b> — %n layer(s). Select a layer to edit it.", nullptr, m_doc->layerCount()));
      title->setWordWrap(true);
      v->addWidget(title);
      m_netEditor = new MessageEditor(caffe::NetParameter::descriptor(),
                                      {"name", "force_backward", "debug_info", "state"}, {}, content);
      m_netEditor->setMessage(m_shownNet);
      connect(m_netEditor, &MessageEditor::edited, this, [this](const gp::Message& edited, const QString& path, bool) {
        caffe::NetParameter net = m_doc->net();
        const QString top = path.section(QLatin1Char('.'), 0, 0);
        copyTopField(edited, &net, top.toStdString());
        m_doc->replaceNet(net, tr("Set net %1").arg(path));
      });
      v->addWidget(m_netEditor);
      m_analysisLabel = new QLabel;
      m_analysisLabel->setWordWrap(true);
      m_analysisLabel->setTextFormat(Qt::RichText);
      v->addWidget(m_analysisLabel);
    }
    v->addStretch(1);
    m_scroll->setWidget(content);
    m_content = content;
    refreshAnalysis();
    return;
  }

  const caffe::LayerParameter& l = m_doc->layer(index);
  m_shown = l;
  const QString type = QString::fromStdString(l.type());
  const LayerTypeInfo info = layerTypeInfo(type);

  m_title = new QLabel(QStringLiteral("<b>%1</b> — %2<br><span style='color:#666'>%3</span>")
                           .arg(QString::fromStdString(l.name()).toHtmlEscaped(), type.toHtmlEscaped(),
                                info.description.toHtmlEscaped()));
  m_title->setWordWrap(true);
  v->addWidget(m_title);
  m_analysisLabel = new QLabel;
  m_analysisLabel->setWordWrap(true);
  m_analysisLabel->setTextFormat(Qt::RichText);
  m_analysisLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
  v->addWidget(m_analysisLabel);

  // --- Layer: name, type, phase, in place.
  {
    auto* box = section(tr("Layer"), v);
    auto* form = new QFormLayout(box);
    m_name = new QLineEdit(QString::fromStdString(l.name()));
    m_name->setToolTip(tr("<b>name</b>: string<br>Layer name; tops named after the layer are renamed with it."));
    connect(m_name, &QLineEdit::editingFinished, this, [this] {
      const int i = m_doc->indexOf(m_id);
      if (i < 0 || !m_name || m_name->text() == QString::fromStdString(m_doc->layer(i).name())) return;
      QString error;
      if (!m_doc->renameLayer(m_id, m_name->text(), &error)) {
        m_name->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
        emit statusMessage(error);
      }
    });
    form->addRow(tr("name"), m_name);

    m_type = new QComboBox;
    m_type->setEditable(true);
    QStringList types = engineLayerTypes();
    for (const QString& t : catalogTypes()) {
      if (!types.contains(t)) types << t;
    }
    types.sort(Qt::CaseInsensitive);
    m_type->addItems(types);
    m_type->setCurrentText(type);
    m_type->setToolTip(tr("<b>type</b>: string<br>The layer type; its *_param settings are kept."));
    connect(m_type, &QComboBox::activated, this, [this] {
      if (m_type) m_doc->setField(m_id, QStringLiteral("type"), m_type->currentText());
    });
    form->addRow(tr("type"), m_type);

    m_phase = new QComboBox;
    m_phase->addItems({tr("TRAIN and TEST"), tr("TRAIN only"), tr("TEST only")});
    const int mask = layerPhaseMask(l);
    const bool simple = l.exclude_size() == 0 && l.include_size() <= 1 &&
                        (l.include_size() == 0 || (l.include(0).has_phase() && l.include(0).stage_size() == 0 &&
                                                   l.include(0).not_stage_size() == 0 && !l.include(0).has_min_level() &&
                                                   !l.include(0).has_max_level()));
    if (!simple) m_phase->addItem(tr("custom rules (see below)"));
    m_phase->setCurrentIndex(!simple ? 3 : mask == kPhaseTrain ? 1 : mask == kPhaseTest ? 2 : 0);
    m_phase->setToolTip(tr("<b>include { phase }</b>: in which nets the layer is built"));
    connect(m_phase, &QComboBox::activated, this, [this](int i) {
      if (i <= 2) m_doc->setLayerPhase(m_id, i == 0 ? -1 : i == 1 ? caffe::TRAIN : caffe::TEST);
    });
    form->addRow(tr("phase"), m_phase);

    if (l.bottom_size() >= 1 && l.top_size() == 1) {
      m_inPlace = new QCheckBox(tr("in place (top = bottom)"));
      m_inPlace->setToolTip(tr("The layer overwrites its input blob instead of writing a new one (saves memory)"));
      m_inPlace->setChecked(l.top(0) == l.bottom(0));
      connect(m_inPlace, &QCheckBox::clicked, this, [this](bool on) { m_doc->setInPlace(m_id, on); });
      form->addRow(QString(), m_inPlace);
    }
  }

  // --- Wiring: bottoms and tops.
  {
    auto* box = section(tr("Bottoms and tops"), v);
    auto* form = new QFormLayout(box);
    std::set<std::string> blobs;
    for (const auto& other : m_doc->net().layer()) blobs.insert(other.top().begin(), other.top().end());
    for (int b = 0; b < l.bottom_size(); ++b) {
      auto* row = new QWidget;
      auto* h = new QHBoxLayout(row);
      h->setContentsMargins(0, 0, 0, 0);
      auto* edit = new QLineEdit(QString::fromStdString(l.bottom(b)));
      edit->setToolTip(tr("Blob read by this bottom (a top of an earlier layer)"));
      const QString slot = b < info.bottomSlots.size() ? info.bottomSlots[b] : QStringLiteral("bottom %1").arg(b);
      connect(edit, &QLineEdit::editingFinished, this, [this, edit, b] {
        const int i = m_doc->indexOf(m_id);
        if (i < 0 || b >= m_doc->layer(i).bottom_size() || edit->text().trimmed().isEmpty()) return;
        if (edit->text().trimmed() == QString::fromStdString(m_doc->layer(i).bottom(b))) return;
        m_doc->setField(m_id, QStringLiteral("bottom[%1]").arg(b), edit->text().trimmed());
      });
      auto* remove = new QToolButton;
      remove->setText(QStringLiteral("\u00D7"));
      remove->setAutoRaise(true);
      remove->setToolTip(tr("Disconnect this bottom"));
      connect(remove, &QToolButton::clicked, this, [this, b] { m_doc->disconnectBottom(m_id, b); });
      h->addWidget(edit, 1);
      h->addWidget(remove);
      m_bottoms << edit;
      form->addRow(slot, row);
    }
    auto* addBottom = new QComboBox;
    addBottom->addItem(tr("+ add bottom…"));
    for (const auto& name : blobs) addBottom->addItem(QString::fromStdString(name));
    connect(addBottom, &QComboBox::activated, this, [this, addBottom](int i) {
      if (i <= 0) return;
      const int li = m_doc->indexOf(m_id);
      if (li < 0) return;
      m_doc->setField(m_id, QStringLiteral("bottom[%1]").arg(m_doc->layer(li).bottom_size()), addBottom->itemText(i));
    });
    form->addRow(QString(), addBottom);
    for (int t = 0; t < l.top_size(); ++t) {
      auto* edit = new QLineEdit(QString::fromStdString(l.top(t)));
      edit->setToolTip(tr("Blob written by this top; renaming it renames the bottoms that read it"));
      connect(edit, &QLineEdit::editingFinished, this, [this, edit, t] {
        const int i = m_doc->indexOf(m_id);
        if (i < 0 || t >= m_doc->layer(i).top_size()) return;
        if (edit->text().trimmed() == QString::fromStdString(m_doc->layer(i).top(t))) return;
        QString error;
        if (!m_doc->renameTop(m_id, t, edit->text(), &error)) emit statusMessage(error);
      });
      m_tops << edit;
      form->addRow(tr("top %1").arg(t), edit);
    }
  }

  // --- Shape assumed for the analysis (data layers read no database here).
  if (info.isData && type != QLatin1String("Input") && type != QLatin1String("DummyData")) {
    auto* box = section(tr("Analysis input"), v);
    auto* form = new QFormLayout(box);
    QString how;
    const QVector<int> guess =
        guessDataShape(l, m_doc->filePath().isEmpty() ? QString() : QFileInfo(m_doc->filePath()).absolutePath(), &how);
    const QVector<int> set = m_doc->dataShape(m_id);
    auto join = [](const QVector<int>& s) {
      QStringList p;
      for (int d : s) p << QString::number(d);
      return p.join(QStringLiteral(" x "));
    };
    m_dataShape = new QLineEdit(set.isEmpty() ? QString() : join(set));
    m_dataShape->setPlaceholderText(join(guess) + QStringLiteral("  (") + how + QLatin1Char(')'));
    m_dataShape->setToolTip(tr("C x H x W of the data top used to compute shapes (not saved in the prototxt; kept in "
                               "the layout file). Empty: read from the LMDB or guessed from the source name."));
    connect(m_dataShape, &QLineEdit::editingFinished, this, [this] {
      if (!m_dataShape) return;
      QVector<int> chw;
      for (const QString& p : m_dataShape->text().split(QRegularExpression(QStringLiteral("[^0-9]+")), Qt::SkipEmptyParts))
        chw << p.toInt();
      if (!chw.isEmpty() && (chw.size() != 3 || chw.contains(0))) {
        m_dataShape->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
        emit statusMessage(tr("Give three positive numbers: channels x height x width"));
        return;
      }
      m_doc->setDataShape(m_id, chw);
    });
    form->addRow(tr("C x H x W"), m_dataShape);
  }

  // --- The type's parameters: every field of its *_param messages.
  const QStringList paramFields = relevantParamFields(l);
  if (!paramFields.isEmpty()) {
    auto* box = section(tr("Parameters"), v);
    auto* bl = new QVBoxLayout(box);
    m_params = new MessageEditor(caffe::LayerParameter::descriptor(), paramFields, {}, box);
    m_params->setExpandUnset(true);
    m_params->setMessage(l);
    connect(m_params, &MessageEditor::edited, this, &LayerPropertiesPanel::onEdited);
    connect(m_params, &MessageEditor::validationFailed, this, &LayerPropertiesPanel::statusMessage);
    bl->addWidget(m_params);
  }

  // --- Learning: param { lr_mult decay_mult name }, loss_weight, propagate_down.
  {
    auto* box = section(tr("Learning"), v);
    auto* bl = new QVBoxLayout(box);
    m_learning = new MessageEditor(caffe::LayerParameter::descriptor(), {"param", "loss_weight", "propagate_down"}, {}, box);
    m_learning->setMessage(l);
    connect(m_learning, &MessageEditor::edited, this, &LayerPropertiesPanel::onEdited);
    connect(m_learning, &MessageEditor::validationFailed, this, &LayerPropertiesPanel::statusMessage);
    bl->addWidget(m_learning);
  }

  // --- Phase rules in full (level, stages).
  {
    auto* box = section(tr("Include / exclude rules"), v);
    auto* bl = new QVBoxLayout(box);
    m_rules = new MessageEditor(caffe::LayerParameter::descriptor(), {"include", "exclude"}, {}, box);
    m_rules->setMessage(l);
    connect(m_rules, &MessageEditor::edited, this, &LayerPropertiesPanel::onEdited);
    bl->addWidget(m_rules);
  }
  v->addStretch(1);
  m_scroll->setWidget(content);
  m_content = content;
  m_scroll->verticalScrollBar()->setValue(scroll);
  refreshAnalysis();
}

void LayerPropertiesPanel::setAnalysis(const NetAnalysisResult& result) {
  m_analysis = result;
  refreshAnalysis();
}

void LayerPropertiesPanel::refreshAnalysis() {
  if (!m_analysisLabel) return;
  const bool matches = m_analysis.signature == analysisSignature(m_doc->net());
  if (!m_id) {
    if (!matches) {
      m_analysisLabel->setText(tr("<i>analysing…</i>"));
      return;
    }
    QStringList lines;
    lines << tr("Parameters: <b>%1</b>").arg(formatCount(m_analysis.totalParams));
    lines << tr("Multiply-adds per forward: TRAIN <b>%1</b>, TEST <b>%2</b>%3")
                 .arg(formatCount(m_analysis.totalMacs[0]), formatCount(m_analysis.totalMacs[1]),
                      m_analysis.approximate ? tr(" (scaled from batch 1)") : QString());
    for (const QString& e : m_analysis.netErrors)
      lines << QStringLiteral("<span style='color:#c62828'>\u26A0 %1</span>").arg(e.toHtmlEscaped());
    for (const QString& w : m_analysis.netWarnings)
      lines << QStringLiteral("<span style='color:#b26a00'>%1</span>").arg(w.toHtmlEscaped());
    m_analysisLabel->setText(lines.join(QStringLiteral("<br>")));
    return;
  }
  const int i = m_doc->indexOf(m_id);
  if (i < 0) return;
  if (!matches || i >= int(m_analysis.layers.size())) {
    m_analysisLabel->setText(tr("<i>analysing…</i>"));
    return;
  }
  const LayerAnalysis& a = m_analysis.layers[i];
  const caffe::LayerParameter& l = m_doc->layer(i);
  QStringList lines;
  for (int t = 0; t < l.top_size(); ++t) {
    const QString s = m_analysis.edgeShapeText(i, t);
    lines << tr("top <b>%1</b>: %2").arg(QString::fromStdString(l.top(t)).toHtmlEscaped(), s.isEmpty() ? tr("?") : s);
  }
  if (a.params >= 0) lines << tr("parameters: %1").arg(formatCount(a.params));
  if (a.macs > 0) lines << tr("multiply-adds: %1").arg(formatCount(a.macs));
  for (const QString& e : a.errors)
    lines << QStringLiteral("<span style='color:#c62828'>\u26A0 %1</span>").arg(e.toHtmlEscaped());
  for (const QString& n : a.notes) lines << QStringLiteral("<span style='color:#777'>%1</span>").arg(n.toHtmlEscaped());
  m_analysisLabel->setText(lines.join(QStringLiteral("<br>")));
}

}  // namespace crema::ui
