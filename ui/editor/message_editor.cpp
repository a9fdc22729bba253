#include "editor/message_editor.h"
#include "editor/net_files.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <google/protobuf/util/message_differencer.h>

#include "editor/proto_path.h"

namespace crema::ui {

namespace gp = google::protobuf;
using FD = gp::FieldDescriptor;

namespace {

const char* kPathProperty = "cremaFieldPath";

QHash<QString, QString> loadProtoComments() {
  QHash<QString, QString> comments;
  // The schema's comments, embedded from proto/caffe.proto (resources/crema.qrc), so an
  // installed app has them without the source tree.
  initCremaResources();
  QFile file(QStringLiteral(":/proto/caffe.proto"));
  if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return comments;
  QStringList stack;  // enclosing message/enum names
  QString leading;
  static const QRegularExpression open(QStringLiteral("^\\s*(message|enum)\\s+(\\w+)\\s*\\{"));
  static const QRegularExpression field(
      QStringLiteral("^\\s*(optional|required|repeated)\\s+[\\w.]+\\s+(\\w+)\\s*=\\s*\\d+[^;]*;\\s*(?://\\s*(.*))?$"));
  static const QRegularExpression comment(QStringLiteral("^\\s*//\\s?(.*)$"));
  while (!file.atEnd()) {
    const QString line = QString::fromUtf8(file.readLine()).trimmed();
    QRegularExpressionMatch m;
    if ((m = open.match(line)).hasMatch()) {
      stack << m.captured(2);
      leading.clear();
    } else if (line.startsWith(QLatin1Char('}'))) {
      if (!stack.isEmpty()) stack.removeLast();
      leading.clear();
    } else if ((m = comment.match(line)).hasMatch()) {
      leading += (leading.isEmpty() ? QString() : QStringLiteral(" ")) + m.captured(1).trimmed();
    } else if ((m = field.match(line)).hasMatch() && !stack.isEmpty()) {
      QString text = m.captured(3).trimmed();
      if (!leading.isEmpty()) text = leading + (text.isEmpty() ? QString() : QStringLiteral(" ") + text);
      if (!text.isEmpty()) comments.insert(stack.last() + QLatin1Char('.') + m.captured(2), text);
      leading.clear();
    } else {
      leading.clear();
    }
  }
  return comments;
}

QLabel* greyable(QLabel* label, bool set) {
  QPalette pal = label->palette();
  if (!set) pal.setColor(QPalette::WindowText, QColor(0x8a, 0x8a, 0x8a));
  label->setPalette(pal);
  return label;
}

}  // namespace

QString protoFieldComment(const FD* field) {
  static const QHash<QString, QString> comments = loadProtoComments();
  return comments.value(QString::fromStdString(field->containing_type()->name() + "." + field->name()));
}

QStringList stringFieldChoices(const FD* field) {
  const std::string key = field->containing_type()->name() + "." + field->name();
  if (key == "SolverParameter.type") return {"SGD", "Nesterov", "AdaGrad", "RMSProp", "AdaDelta", "Adam"};
  if (key == "SolverParameter.lr_policy") return {"fixed", "step", "exp", "inv", "multistep", "poly", "sigmoid"};
  if (key == "SolverParameter.regularization_type") return {"L2", "L1"};
  if (key == "FillerParameter.type")
    return {"constant", "uniform", "gaussian", "positive_unitball", "xavier", "msra", "bilinear"};
  if (key == "WindowDataParameter.crop_mode") return {"warp", "square"};
  return {};
}

MessageEditor::MessageEditor(const gp::Descriptor* descriptor, QStringList fields, QStringList hidden, QWidget* parent)
    : QWidget(parent),
      m_descriptor(descriptor),
      m_message(gp::MessageFactory::generated_factory()->GetPrototype(descriptor)->New()),
      m_fields(std::move(fields)),
      m_hidden(std::move(hidden)) {
  m_root = new QVBoxLayout(this);
  m_root->setContentsMargins(0, 0, 0, 0);
  rebuild();
}

MessageEditor::~MessageEditor() = default;

void MessageEditor::setMessage(const gp::Message& message) {
  m_message->CopyFrom(message);
  rebuild();
}

void MessageEditor::rebuild() {
  // Keep keyboard focus on the same field across the rebuild.
  QString focusPath;
  for (QWidget* w = QApplication::focusWidget(); w; w = w->parentWidget()) {
    const QVariant p = w->property(kPathProperty);
    if (p.isValid() && isAncestorOf(w)) {
      focusPath = p.toString();
      break;
    }
  }
  if (m_body) {
    m_body->hide();
    m_body->deleteLater();
  }
  m_widgets.clear();
  auto* body = new QWidget(this);
  auto* layout = new QVBoxLayout(body);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  buildFields(layout, nullptr, *m_message, QString(), 0);
  m_root->addWidget(body);
  m_body = body;
  if (QWidget* w = m_widgets.value(focusPath)) w->setFocus();
}

void MessageEditor::buildFields(QVBoxLayout* layout, QFormLayout* form, const gp::Message& msg, const QString& prefix,
                                int depth) {
  const gp::Descriptor* d = msg.GetDescriptor();
  std::vector<const FD*> fields;
  if (depth == 0 && !m_fields.isEmpty()) {
    for (const QString& name : m_fields) {
      if (const FD* f = d->FindFieldByName(name.toStdString())) fields.push_back(f);
    }
  } else {
    for (int i = 0; i < d->field_count(); ++i) fields.push_back(d->field(i));
  }
  for (const FD* f : fields) {
    const QString name = QString::fromStdString(f->name());
    if (depth == 0 && m_hidden.contains(name)) continue;
    const QString path = prefix.isEmpty() ? name : prefix + QLatin1Char('.') + name;
    if (f->cpp_type() == FD::CPPTYPE_MESSAGE) {
      form = nullptr;
      if (f->is_repeated()) {
        addRepeatedMessageGroup(layout, msg, f, path, depth);
      } else {
        addMessageGroup(layout, msg, f, path, depth);
      }
      continue;
    }
    if (!form) {
      form = new QFormLayout;
      form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
      form->setLabelAlignment(Qt::AlignLeft);
      form->setHorizontalSpacing(8);
      form->setVerticalSpacing(3);
      layout->addLayout(form);
    }
    if (f->is_repeated()) {
      addRepeatedScalarRow(form, msg, f, path);
    } else {
      addScalarRow(form, msg, f, path);
    }
  }
}

QString MessageEditor::tooltipFor(const FD* f) const {
  QString tip = QStringLiteral("<b>%1</b>: %2").arg(QString::fromStdString(f->name()), fieldTypeName(f).toHtmlEscaped());
  if (!f->is_repeated() && f->cpp_type() != FD::CPPTYPE_MESSAGE) {
    const QString def = defaultToText(f);
    tip += QStringLiteral(" = %1").arg(f->cpp_type() == FD::CPPTYPE_STRING ? QStringLiteral("\"%1\"").arg(def) : def);
    if (f->is_required()) tip += tr(" <i>(required)</i>");
  }
  if (f->cpp_type() == FD::CPPTYPE_ENUM) {
    QStringList values;
    for (int i = 0; i < f->enum_type()->value_count(); ++i) values << QString::fromStdString(f->enum_type()->value(i)->name());
    tip += QStringLiteral("<br>%1").arg(values.join(QStringLiteral(" | ")));
  }
  const QString comment = protoFieldComment(f);
  if (!comment.isEmpty()) tip += QStringLiteral("<br>") + comment.toHtmlEscaped();
  return tip;
}

QWidget* MessageEditor::makeLabel(const FD* f, bool set, const QString& text) {
  auto* label = new QLabel(text.isEmpty() ? QString::fromStdString(f->name()) : text);
  label->setToolTip(tooltipFor(f));
  greyable(label, set);
  return label;
}

QWidget* MessageEditor::withReset(QWidget* editor, bool set, const QString& path) {
  auto* box = new QWidget;
  auto* h = new QHBoxLayout(box);
  h->setContentsMargins(0, 0, 0, 0);
  h->setSpacing(2);
  h->addWidget(editor, 1);
  auto* reset = new QToolButton(box);
  reset->setText(QStringLiteral("\u00D7"));
  reset->setAutoRaise(true);
  reset->setToolTip(tr("Reset to the default (unset the field)"));
  reset->setFixedWidth(18);
  reset->setEnabled(set);
  QSizePolicy sp = reset->sizePolicy();
  sp.setRetainSizeWhenHidden(true);
  reset->setSizePolicy(sp);
  reset->setVisible(set);
  h->addWidget(reset);
  connect(reset, &QToolButton::clicked, this,
          [this, path] { apply([&](gp::Message* m) { return clearFieldAtPath(m, path); }, path, false); });
  return box;
}

void MessageEditor::addScalarRow(QFormLayout* form, const gp::Message& msg, const FD* f, const QString& path) {
  const bool set = msg.GetReflection()->HasField(msg, f);
  const QString tip = tooltipFor(f);
  QWidget* editor = nullptr;
  if (f->cpp_type() == FD::CPPTYPE_BOOL) {
    auto* box = new QCheckBox;
    box->setChecked(msg.GetReflection()->GetBool(msg, f));
    if (!set) box->setText(tr("(default)"));
    connect(box, &QCheckBox::clicked, this, [this, path](bool on) {
      apply([&](gp::Message* m) { return setFieldAtPath(m, path, on); }, path, false);
    });
    editor = box;
  } else if (f->cpp_type() == FD::CPPTYPE_ENUM) {
    auto* combo = new QComboBox;
    for (int i = 0; i < f->enum_type()->value_count(); ++i)
      combo->addItem(QString::fromStdString(f->enum_type()->value(i)->name()));
    combo->setCurrentText(QString::fromStdString(msg.GetReflection()->GetEnum(msg, f)->name()));
    if (!set) {
      QPalette pal = combo->palette();
      pal.setColor(QPalette::ButtonText, QColor(0x8a, 0x8a, 0x8a));
      pal.setColor(QPalette::Text, QColor(0x8a, 0x8a, 0x8a));
      combo->setPalette(pal);
    }
    connect(combo, &QComboBox::activated, this, [this, path, combo] {
      const QString v = combo->currentText();
      apply([&](gp::Message* m) { return setFieldAtPath(m, path, v); }, path, false);
    });
    editor = combo;
  } else if (!stringFieldChoices(f).isEmpty()) {
    auto* combo = new QComboBox;
    combo->setEditable(true);
    combo->addItems(stringFieldChoices(f));
    combo->setCurrentText(set ? scalarToText(msg, f) : QString());
    combo->lineEdit()->setPlaceholderText(defaultToText(f).isEmpty() ? tr("(not set)") : defaultToText(f));
    connect(combo, &QComboBox::activated, this, [this, path, combo] { commitText(path, combo->currentText()); });
    connect(combo->lineEdit(), &QLineEdit::editingFinished, this,
            [this, path, combo] { commitText(path, combo->currentText()); });
    editor = combo;
  } else {
    auto* edit = new QLineEdit;
    edit->setText(set ? scalarToText(msg, f) : QString());
    const QString def = defaultToText(f);
    edit->setPlaceholderText(def.isEmpty() ? (f->is_required() ? tr("(required)") : tr("(not set)")) : def);
    connect(edit, &QLineEdit::textEdited, this, [this, f, edit](const QString& text) {
      QVariant v;
      QString err;
      if (text.trimmed().isEmpty() || parseScalarText(f, text, &v, &err)) {
        markInvalid(edit, QString());
      } else {
        markInvalid(edit, err);
      }
    });
    connect(edit, &QLineEdit::editingFinished, this, [this, path, edit] { commitText(path, edit->text()); });
    editor = edit;
  }
  editor->setToolTip(tip);
  editor->setProperty(kPathProperty, path);
  m_widgets.insert(path, editor);
  form->addRow(makeLabel(f, set), withReset(editor, set, path));
}

void MessageEditor::addRepeatedScalarRow(QFormLayout* form, const gp::Message& msg, const FD* f, const QString& path) {
  const bool set = msg.GetReflection()->FieldSize(msg, f) > 0;
  auto* edit = new QLineEdit;
  edit->setText(repeatedToText(msg, f));
  edit->setPlaceholderText(tr("(empty list; comma-separated)"));
  edit->setToolTip(tooltipFor(f) + tr("<br>A list: values separated by commas."));
  connect(edit, &QLineEdit::textEdited, this, [this, f, edit](const QString& text) {
    QString err;
    for (const QString& item : text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts)) {
      QVariant v;
      if (f->cpp_type() != FD::CPPTYPE_STRING && !parseScalarText(f, item, &v, &err)) break;
      err.clear();
    }
    markInvalid(edit, err);
  });
  connect(edit, &QLineEdit::editingFinished, this, [this, path, edit] { commitText(path, edit->text()); });
  edit->setProperty(kPathProperty, path);
  m_widgets.insert(path, edit);
  form->addRow(makeLabel(f, set, QString::fromStdString(f->name()) + QStringLiteral(" []")), withReset(edit, set, path));
}

void MessageEditor::addMessageGroup(QVBoxLayout* layout, const gp::Message& msg, const FD* f, const QString& path,
                                    int depth) {
  const bool set = msg.GetReflection()->HasField(msg, f);
  auto* group = new QFrame;
  group->setFrameShape(QFrame::StyledPanel);
  auto* v = new QVBoxLayout(group);
  v->setContentsMargins(6, 3, 6, 4);
  v->setSpacing(3);
  auto* header = new QHBoxLayout;
  auto* toggle = new QToolButton;
  toggle->setAutoRaise(true);
  toggle->setCheckable(true);
  const bool expanded = m_expanded.contains(path) ? m_expanded.value(path) : (set || m_expandUnset);
  toggle->setChecked(expanded);
  toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
  toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  toggle->setText(QString::fromStdString(f->name()) + (set ? QString() : tr(" — not set")));
  QFont font = toggle->font();
  font.setBold(set);
  toggle->setFont(font);
  toggle->setToolTip(tooltipFor(f));
  header->addWidget(toggle, 1);
  if (set) {
    auto* reset = new QToolButton;
    reset->setText(QStringLiteral("\u00D7"));
    reset->setAutoRaise(true);
    reset->setToolTip(tr("Remove %1 (back to defaults)").arg(QString::fromStdString(f->name())));
    connect(reset, &QToolButton::clicked, this,
            [this, path] { apply([&](gp::Message* m) { return clearFieldAtPath(m, path); }, path, false); });
    header->addWidget(reset);
  }
  v->addLayout(header);
  auto* body = new QWidget;
  auto* bodyLayout = new QVBoxLayout(body);
  bodyLayout->setContentsMargins(10, 0, 0, 0);
  bodyLayout->setSpacing(3);
  const gp::Message& sub = msg.GetReflection()->GetMessage(msg, f);
  buildFields(bodyLayout, nullptr, sub, path, depth + 1);
  body->setVisible(expanded);
  v->addWidget(body);
  connect(toggle, &QToolButton::toggled, this, [this, toggle, body, path](bool on) {
    m_expanded[path] = on;
    toggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    body->setVisible(on);
  });
  m_widgets.insert(path, group);
  layout->addWidget(group);
}

void MessageEditor::addRepeatedMessageGroup(QVBoxLayout* layout, const gp::Message& msg, const FD* f,
                                            const QString& path, int depth) {
  const gp::Reflection* r = msg.GetReflection();
  const int n = r->FieldSize(msg, f);
  auto* group = new QFrame;
  group->setFrameShape(QFrame::StyledPanel);
  auto* v = new QVBoxLayout(group);
  v->setContentsMargins(6, 3, 6, 4);
  v->setSpacing(3);
  auto* header = new QHBoxLayout;
  auto* title = new QLabel(QStringLiteral("%1 []  (%2)").arg(QString::fromStdString(f->name())).arg(n));
  title->setToolTip(tooltipFor(f));
  greyable(title, n > 0);
  header->addWidget(title, 1);
  auto* add = new QPushButton(tr("Add"));
  add->setToolTip(tr("Append a %1").arg(QString::fromStdString(f->name())));
  connect(add, &QPushButton::clicked, this, [this, path, n] {
    apply([&](gp::Message* m) { return setFieldAtPath(m, QStringLiteral("%1[%2]").arg(path).arg(n), QVariant()); },
          path, false);
  });
  header->addWidget(add);
  v->addLayout(header);
  for (int i = 0; i < n; ++i) {
    const QString ipath = QStringLiteral("%1[%2]").arg(path).arg(i);
    auto* item = new QFrame;
    item->setFrameShape(QFrame::NoFrame);
    auto* iv = new QVBoxLayout(item);
    iv->setContentsMargins(10, 0, 0, 0);
    auto* ih = new QHBoxLayout;
    auto* ititle = new QLabel(QStringLiteral("<b>[%1]</b>").arg(i));
    ih->addWidget(ititle, 1);
    auto* remove = new QToolButton;
    remove->setText(tr("Remove"));
    remove->setAutoRaise(true);
    connect(remove, &QToolButton::clicked, this,
            [this, ipath, path] { apply([&](gp::Message* m) { return clearFieldAtPath(m, ipath); }, path, false); });
    ih->addWidget(remove);
    iv->addLayout(ih);
    buildFields(iv, nullptr, r->GetRepeatedMessage(msg, f, i), ipath, depth + 1);
    v->addWidget(item);
  }
  m_widgets.insert(path, group);
  layout->addWidget(group);
}

void MessageEditor::markInvalid(QLineEdit* edit, const QString& error) {
  edit->setStyleSheet(error.isEmpty() ? QString() : QStringLiteral("QLineEdit { border: 1px solid #c62828; background: #fff0f0; }"));
  if (!error.isEmpty()) {
    m_lastError = error;
    emit validationFailed(error);
  }
}

bool MessageEditor::commitText(const QString& path, const QString& text) {
  FieldRef ref;
  std::unique_ptr<gp::Message> probe(m_message->New());
  probe->CopyFrom(*m_message);
  QString err;
  if (!resolveFieldPath(probe.get(), path, true, &ref, &err)) {
    m_lastError = err;
    emit validationFailed(err);
    return false;
  }
  // Unchanged text (e.g. focus leaving the field) is not an edit.
  const gp::Message& cur = *m_message;
  const bool repeated = ref.field->is_repeated() && ref.index < 0;
  {
    FieldRef now;
    std::unique_ptr<gp::Message> copy(cur.New());
    copy->CopyFrom(cur);
    if (resolveFieldPath(copy.get(), path, false, &now)) {
      const gp::Reflection* r = now.message->GetReflection();
      const bool set = repeated ? r->FieldSize(*now.message, now.field) > 0 : r->HasField(*now.message, now.field);
      const QString currentText =
          !set ? QString() : repeated ? repeatedToText(*now.message, now.field) : scalarToText(*now.message, now.field);
      if (text.trimmed() == currentText.trimmed()) return true;
    } else if (text.trimmed().isEmpty()) {
      return true;
    }
  }
  if (text.trimmed().isEmpty()) {
    apply([&](gp::Message* m) { return clearFieldAtPath(m, path); }, path, true);
    return true;
  }
  bool ok = true;
  apply(
      [&](gp::Message* m) {
        ok = setFieldAtPath(m, path, text, &err);
        return ok;
      },
      path, true);
  if (!ok) {
    m_lastError = err;
    if (auto* edit = qobject_cast<QLineEdit*>(m_widgets.value(path))) markInvalid(edit, err);
    emit validationFailed(err);
  }
  return ok;
}

void MessageEditor::apply(const std::function<bool(gp::Message*)>& change, const QString& path, bool mergeable) {
  std::unique_ptr<gp::Message> copy(m_message->New());
  copy->CopyFrom(*m_message);
  if (!change(copy.get())) return;
  if (gp::util::MessageDifferencer::Equals(*copy, *m_message)) return;
  m_message = std::move(copy);
  m_lastError.clear();
  emit edited(*m_message, path, mergeable);
  // Redraw "set" states after the signal handlers ran (never delete a widget inside its own signal).
  QTimer::singleShot(0, this, [this] { rebuild(); });
}

}  // namespace crema::ui
