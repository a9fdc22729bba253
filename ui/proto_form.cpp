#include "proto_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>

#include <google/protobuf/descriptor.h>

#include <limits>
#include <memory>

namespace crema::ui {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

namespace {

/// Shortest text that reads back as the same float (7 significant digits) or double (15).
QString numberText(float v) { return QString::number(v, 'g', 7); }
QString numberText(double v) { return QString::number(v, 'g', 15); }

QString scalarText(const Message& m, const FieldDescriptor* f, int index) {
  const Reflection* r = m.GetReflection();
  const bool rep = f->is_repeated();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_FLOAT:
      return numberText(rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return numberText(rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f));
    case FieldDescriptor::CPPTYPE_INT32:
      return QString::number(rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
    case FieldDescriptor::CPPTYPE_INT64:
      return QString::number(rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f));
    case FieldDescriptor::CPPTYPE_UINT32:
      return QString::number(rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
    case FieldDescriptor::CPPTYPE_UINT64:
      return QString::number(rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f));
    case FieldDescriptor::CPPTYPE_STRING:
      return QString::fromStdString(rep ? r->GetRepeatedString(m, f, index) : r->GetString(m, f));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? QStringLiteral("true")
                                                                         : QStringLiteral("false");
    case FieldDescriptor::CPPTYPE_ENUM:
      return QString::fromStdString((rep ? r->GetRepeatedEnum(m, f, index) : r->GetEnum(m, f))->name());
    default:
      return QString();
  }
}

/// Parses one scalar and sets (or appends, for repeated fields) it.
bool setScalar(Message* m, const FieldDescriptor* f, const QString& text, QString* error) {
  const Reflection* r = m->GetReflection();
  const bool rep = f->is_repeated();
  bool ok = true;
  const QString t = text.trimmed();
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_FLOAT: {
      const float v = t.toFloat(&ok);
      if (ok) rep ? r->AddFloat(m, f, v) : r->SetFloat(m, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_DOUBLE: {
      const double v = t.toDouble(&ok);
      if (ok) rep ? r->AddDouble(m, f, v) : r->SetDouble(m, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_INT32: {
      const int v = t.toInt(&ok);
      if (ok) rep ? r->AddInt32(m, f, v) : r->SetInt32(m, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      const qlonglong v = t.toLongLong(&ok);
      if (ok) rep ? r->AddInt64(m, f, v) : r->SetInt64(m, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      const uint v = t.toUInt(&ok);
      if (ok) rep ? r->AddUInt32(m, f, v) : r->SetUInt32(m, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      const qulonglong v = t.toULongLong(&ok);
      if (ok) rep ? r->AddUInt64(m, f, v) : r->SetUInt64(m, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_STRING:
      rep ? r->AddString(m, f, text.toStdString()) : r->SetString(m, f, text.toStdString());
      break;
    case FieldDescriptor::CPPTYPE_BOOL: {
      const bool v = t == QLatin1String("true") || t == QLatin1String("1");
      ok = v || t == QLatin1String("false") || t == QLatin1String("0");
      if (ok) rep ? r->AddBool(m, f, v) : r->SetBool(m, f, v);
      break;
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      const auto* e = f->enum_type()->FindValueByName(t.toStdString());
      ok = e != nullptr;
      if (ok) rep ? r->AddEnum(m, f, e) : r->SetEnum(m, f, e);
      break;
    }
    default:
      ok = false;
  }
  if (!ok && error) {
    *error = QStringLiteral("%1: '%2' is not a valid %3")
                 .arg(QString::fromStdString(f->name()), text, QString::fromUtf8(f->cpp_type_name()));
  }
  return ok;
}

}  // namespace

ProtoForm::ProtoForm(const Descriptor* descriptor, const QStringList& primary, const QStringList& hidden,
                     const QHash<QString, QStringList>& choices, QWidget* parent)
    : QWidget(parent), m_descriptor(descriptor), m_choices(choices) {
  auto* form = new QFormLayout(this);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->setContentsMargins(4, 4, 4, 4);
  for (const auto& name : primary) {
    if (const auto* f = descriptor->FindFieldByName(name.toStdString())) addField(form, f);
  }
  auto* more = new QLabel(tr("<b>More</b>"), this);
  more->setContentsMargins(0, 8, 0, 2);
  form->addRow(more);
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const auto* f = descriptor->field(i);
    const QString name = QString::fromStdString(f->name());
    if (primary.contains(name) || hidden.contains(name)) continue;
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) continue;
    addField(form, f);
  }
}

void ProtoForm::addField(QFormLayout* form, const FieldDescriptor* f) {
  const QString name = QString::fromStdString(f->name());
  QWidget* editor = nullptr;
  if (f->is_repeated()) {
    auto* e = new QLineEdit(this);
    e->setPlaceholderText(tr("comma-separated"));
    connect(e, &QLineEdit::editingFinished, this, [this, e, name] {
      if (!m_updating && e->isModified()) {
        e->setModified(false);
        emit fieldEdited(name, e->text());
      }
    });
    editor = e;
  } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL) {
    auto* c = new QCheckBox(this);
    connect(c, &QCheckBox::toggled, this, [this, name](bool on) {
      if (!m_updating) emit fieldEdited(name, on);
    });
    editor = c;
  } else if (f->cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    auto* c = new QComboBox(this);
    for (int i = 0; i < f->enum_type()->value_count(); ++i) {
      c->addItem(QString::fromStdString(f->enum_type()->value(i)->name()));
    }
    connect(c, &QComboBox::currentTextChanged, this, [this, name](const QString& t) {
      if (!m_updating) emit fieldEdited(name, t);
    });
    editor = c;
  } else if (m_choices.contains(name)) {
    auto* c = new QComboBox(this);
    c->setEditable(true);
    c->addItems(m_choices.value(name));
    connect(c, &QComboBox::currentTextChanged, this, [this, name](const QString& t) {
      if (!m_updating) emit fieldEdited(name, t);
    });
    editor = c;
  } else {
    auto* e = new QLineEdit(this);
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
      e->setValidator(new QRegularExpressionValidator(
          QRegularExpression(QStringLiteral(R"([-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)")), e));
    }
    connect(e, &QLineEdit::editingFinished, this, [this, e, name] {
      if (!m_updating && e->isModified()) {
        e->setModified(false);
        emit fieldEdited(name, e->text());
      }
    });
    editor = e;
  }
  editor->setObjectName(name);
  auto* label = new QLabel(name, this);
  m_editors.insert(name, editor);
  m_labels.insert(name, label);
  form->addRow(label, editor);
}

void ProtoForm::setMessage(const Message& m) {
  m_updating = true;
  const Reflection* r = m.GetReflection();
  for (auto it = m_editors.begin(); it != m_editors.end(); ++it) {
    const auto* f = m_descriptor->FindFieldByName(it.key().toStdString());
    if (!f) continue;
    QWidget* w = it.value();
    const bool set = f->is_repeated() ? r->FieldSize(m, f) > 0 : r->HasField(m, f);
    if (auto* label = m_labels.value(it.key())) {
      QFont font = label->font();
      font.setBold(set);
      label->setFont(font);
    }
    if (f->is_repeated()) {
      QStringList parts;
      for (int i = 0; i < r->FieldSize(m, f); ++i) parts << scalarText(m, f, i);
      auto* e = static_cast<QLineEdit*>(w);
      if (!e->hasFocus()) e->setText(parts.join(QStringLiteral(", ")));
    } else if (auto* c = qobject_cast<QCheckBox*>(w)) {
      c->setChecked(r->GetBool(m, f));
    } else if (auto* c = qobject_cast<QComboBox*>(w)) {
      c->setCurrentText(scalarText(m, f, 0));
    } else if (auto* e = qobject_cast<QLineEdit*>(w)) {
      if (!e->hasFocus() || !e->isModified()) e->setText(scalarText(m, f, 0));
    }
  }
  m_updating = false;
}

void ProtoForm::setEditable(bool all, const QStringList& exceptions) {
  for (auto it = m_editors.begin(); it != m_editors.end(); ++it) {
    const bool except = exceptions.contains(it.key());
    it.value()->setEnabled(all ? !except : except);
  }
}

void ProtoForm::setToolTips(const QHash<QString, QString>& tips) {
  for (auto it = tips.begin(); it != tips.end(); ++it) {
    if (auto* w = m_editors.value(it.key())) w->setToolTip(it.value());
    if (auto* l = m_labels.value(it.key())) l->setToolTip(it.value());
  }
}

bool ProtoForm::applyEdit(Message* message, const QString& field, const QVariant& value, QString* error) {
  const auto* f = message->GetDescriptor()->FindFieldByName(field.toStdString());
  if (!f) {
    if (error) *error = QStringLiteral("no field '%1'").arg(field);
    return false;
  }
  const Reflection* r = message->GetReflection();
  if (f->is_repeated()) {
    std::unique_ptr<Message> trial(message->New());
    trial->CopyFrom(*message);
    trial->GetReflection()->ClearField(trial.get(), f);
    const QStringList parts = value.toString().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
    for (const auto& p : parts) {
      if (!setScalar(trial.get(), f, p, error)) return false;
    }
    message->CopyFrom(*trial);
    return true;
  }
  if (value.typeId() == QMetaType::Bool) {
    r->SetBool(message, f, value.toBool());
    return true;
  }
  const QString text = value.toString();
  if (text.trimmed().isEmpty() && f->cpp_type() != FieldDescriptor::CPPTYPE_STRING) {
    r->ClearField(message, f);  // back to the default
    return true;
  }
  return setScalar(message, f, text, error);
}

}  // namespace crema::ui
