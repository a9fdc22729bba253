#include "editor/proto_path.h"

#include <QRegularExpression>
#include <QStringList>
#include <cmath>
#include <limits>

namespace crema::ui {

namespace gp = google::protobuf;
using FD = gp::FieldDescriptor;

namespace {

void setError(QString* error, const QString& msg) {
  if (error) *error = msg;
}

// "name" or "name[3]".
bool splitSegment(const QString& seg, QString* name, int* index) {
  static const QRegularExpression re(QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*)(?:\\[(\\d+)\\])?$"));
  const auto m = re.match(seg);
  if (!m.hasMatch()) return false;
  *name = m.captured(1);
  *index = m.captured(2).isEmpty() ? -1 : m.captured(2).toInt();
  return true;
}

QString formatFloat(double v, bool isFloat) {
  // Shortest text that reads back to the same value, as protobuf's printer does.
  for (int prec = 1; prec <= 17; ++prec) {
    const QString s = QString::number(v, 'g', prec);
    if (isFloat ? static_cast<float>(s.toDouble()) == static_cast<float>(v) : s.toDouble() == v) return s;
  }
  return QString::number(v, 'g', 17);
}

bool setScalar(gp::Message* msg, const FD* f, int index, const QVariant& raw, QString* error) {
  const gp::Reflection* r = msg->GetReflection();
  QVariant v;
  if (raw.typeId() == QMetaType::QString && f->cpp_type() != FD::CPPTYPE_STRING) {
    if (!parseScalarText(f, raw.toString(), &v, error)) return false;
  } else {
    v = raw;
  }
  const bool rep = f->is_repeated();
  bool ok = true;
  switch (f->cpp_type()) {
    case FD::CPPTYPE_INT32: {
      const qlonglong x = v.toLongLong(&ok);
      if (!ok || x < std::numeric_limits<int32_t>::min() || x > std::numeric_limits<int32_t>::max()) break;
      rep ? r->SetRepeatedInt32(msg, f, index, int32_t(x)) : r->SetInt32(msg, f, int32_t(x));
      return true;
    }
    case FD::CPPTYPE_INT64: {
      const qlonglong x = v.toLongLong(&ok);
      if (!ok) break;
      rep ? r->SetRepeatedInt64(msg, f, index, x) : r->SetInt64(msg, f, x);
      return true;
    }
    case FD::CPPTYPE_UINT32: {
      const qlonglong x = v.toLongLong(&ok);
      if (!ok || x < 0 || x > std::numeric_limits<uint32_t>::max()) break;
      rep ? r->SetRepeatedUInt32(msg, f, index, uint32_t(x)) : r->SetUInt32(msg, f, uint32_t(x));
      return true;
    }
    case FD::CPPTYPE_UINT64: {
      const qulonglong x = v.toULongLong(&ok);
      if (!ok) break;
      rep ? r->SetRepeatedUInt64(msg, f, index, x) : r->SetUInt64(msg, f, x);
      return true;
    }
    case FD::CPPTYPE_FLOAT: {
      const double x = v.toDouble(&ok);
      if (!ok || !std::isfinite(x)) break;
      rep ? r->SetRepeatedFloat(msg, f, index, float(x)) : r->SetFloat(msg, f, float(x));
      return true;
    }
    case FD::CPPTYPE_DOUBLE: {
      const double x = v.toDouble(&ok);
      if (!ok || !std::isfinite(x)) break;
      rep ? r->SetRepeatedDouble(msg, f, index, x) : r->SetDouble(msg, f, x);
      return true;
    }
    case FD::CPPTYPE_BOOL: {
      const bool x = v.toBool();
      rep ? r->SetRepeatedBool(msg, f, index, x) : r->SetBool(msg, f, x);
      return true;
    }
    case FD::CPPTYPE_STRING: {
      const std::string x = v.toString().toStdString();
      rep ? r->SetRepeatedString(msg, f, index, x) : r->SetString(msg, f, x);
      return true;
    }
    case FD::CPPTYPE_ENUM: {
      const gp::EnumValueDescriptor* ev = nullptr;
      if (v.typeId() == QMetaType::QString) {
        ev = f->enum_type()->FindValueByName(v.toString().toStdString());
      } else {
        ev = f->enum_type()->FindValueByNumber(v.toInt(&ok));
      }
      if (!ev) break;
      rep ? r->SetRepeatedEnum(msg, f, index, ev) : r->SetEnum(msg, f, ev);
      return true;
    }
    case FD::CPPTYPE_MESSAGE:
      setError(error, QStringLiteral("%1 is a message, not a value").arg(QString::fromStdString(f->name())));
      return false;
  }
  setError(error, QStringLiteral("'%1' is not a valid %2").arg(v.toString(), fieldTypeName(f)));
  return false;
}

void addScalarDefault(gp::Message* msg, const FD* f) {
  const gp::Reflection* r = msg->GetReflection();
  switch (f->cpp_type()) {
    case FD::CPPTYPE_INT32: r->AddInt32(msg, f, 0); break;
    case FD::CPPTYPE_INT64: r->AddInt64(msg, f, 0); break;
    case FD::CPPTYPE_UINT32: r->AddUInt32(msg, f, 0); break;
    case FD::CPPTYPE_UINT64: r->AddUInt64(msg, f, 0); break;
    case FD::CPPTYPE_FLOAT: r->AddFloat(msg, f, 0); break;
    case FD::CPPTYPE_DOUBLE: r->AddDouble(msg, f, 0); break;
    case FD::CPPTYPE_BOOL: r->AddBool(msg, f, false); break;
    case FD::CPPTYPE_STRING: r->AddString(msg, f, std::string()); break;
    case FD::CPPTYPE_ENUM: r->AddEnum(msg, f, f->enum_type()->value(0)); break;
    case FD::CPPTYPE_MESSAGE: r->AddMessage(msg, f); break;
  }
}

}  // namespace

bool resolveFieldPath(gp::Message* root, const QString& path, bool create, FieldRef* out, QString* error) {
  const QStringList segs = path.split(QLatin1Char('.'));
  gp::Message* msg = root;
  for (int s = 0; s < segs.size(); ++s) {
    QString name;
    int index = -1;
    if (!splitSegment(segs[s], &name, &index)) {
      setError(error, QStringLiteral("bad field path '%1'").arg(path));
      return false;
    }
    const FD* f = msg->GetDescriptor()->FindFieldByName(name.toStdString());
    if (!f) {
      setError(error, QStringLiteral("%1 has no field '%2'")
                          .arg(QString::fromStdString(msg->GetDescriptor()->name()), name));
      return false;
    }
    const gp::Reflection* r = msg->GetReflection();
    const bool last = s == segs.size() - 1;
    if (last) {
      if (index >= 0 && !f->is_repeated()) {
        setError(error, QStringLiteral("'%1' is not repeated").arg(name));
        return false;
      }
      *out = {msg, f, index};
      return true;
    }
    if (f->cpp_type() != FD::CPPTYPE_MESSAGE) {
      setError(error, QStringLiteral("'%1' is not a message").arg(name));
      return false;
    }
    if (f->is_repeated()) {
      if (index < 0) {
        setError(error, QStringLiteral("'%1' is repeated: give an index").arg(name));
        return false;
      }
      while (create && r->FieldSize(*msg, f) <= index) r->AddMessage(msg, f);
      if (index >= r->FieldSize(*msg, f)) {
        setError(error, QStringLiteral("'%1[%2]' does not exist").arg(name).arg(index));
        return false;
      }
      msg = r->MutableRepeatedMessage(msg, f, index);
    } else {
      if (!create && !r->HasField(*msg, f)) {
        setError(error, QStringLiteral("'%1' is not set").arg(name));
        return false;
      }
      msg = r->MutableMessage(msg, f);
    }
  }
  setError(error, QStringLiteral("empty field path"));
  return false;
}

bool parseScalarText(const FD* f, const QString& textIn, QVariant* out, QString* error) {
  const QString text = textIn.trimmed();
  bool ok = false;
  const QString what = QStringLiteral("%1 (%2)").arg(QString::fromStdString(f->name()), fieldTypeName(f));
  switch (f->cpp_type()) {
    case FD::CPPTYPE_INT32:
    case FD::CPPTYPE_INT64: {
      const qlonglong x = text.toLongLong(&ok);
      const bool inRange = f->cpp_type() == FD::CPPTYPE_INT64 ||
                           (x >= std::numeric_limits<int32_t>::min() && x <= std::numeric_limits<int32_t>::max());
      if (!ok || !inRange) {
        setError(error, QStringLiteral("%1 needs an integer, not '%2'").arg(what, text));
        return false;
      }
      *out = x;
      return true;
    }
    case FD::CPPTYPE_UINT32:
    case FD::CPPTYPE_UINT64: {
      const qlonglong x = text.toLongLong(&ok);
      const bool inRange = x >= 0 && (f->cpp_type() == FD::CPPTYPE_UINT64 || x <= std::numeric_limits<uint32_t>::max());
      if (!ok || !inRange) {
        setError(error, QStringLiteral("%1 needs a non-negative integer, not '%2'").arg(what, text));
        return false;
      }
      *out = x;
      return true;
    }
    case FD::CPPTYPE_FLOAT:
    case FD::CPPTYPE_DOUBLE: {
      const double x = text.toDouble(&ok);
      if (!ok || !std::isfinite(x)) {
        setError(error, QStringLiteral("%1 needs a number, not '%2'").arg(what, text));
        return false;
      }
      *out = x;
      return true;
    }
    case FD::CPPTYPE_BOOL: {
      const QString t = text.toLower();
      if (t == QLatin1String("true") || t == QLatin1String("1")) {
        *out = true;
      } else if (t == QLatin1String("false") || t == QLatin1String("0")) {
        *out = false;
      } else {
        setError(error, QStringLiteral("%1 needs true or false, not '%2'").arg(what, text));
        return false;
      }
      return true;
    }
    case FD::CPPTYPE_STRING:
      *out = textIn;
      return true;
    case FD::CPPTYPE_ENUM: {
      const gp::EnumValueDescriptor* ev = f->enum_type()->FindValueByName(text.toStdString());
      if (!ev) {
        const int n = text.toInt(&ok);
        if (ok) ev = f->enum_type()->FindValueByNumber(n);
      }
      if (!ev) {
        QStringList names;
        for (int i = 0; i < f->enum_type()->value_count(); ++i)
          names << QString::fromStdString(f->enum_type()->value(i)->name());
        setError(error, QStringLiteral("%1 must be one of %2, not '%3'").arg(what, names.join(QLatin1String(", ")), text));
        return false;
      }
      *out = QString::fromStdString(ev->name());
      return true;
    }
    case FD::CPPTYPE_MESSAGE:
      break;
  }
  setError(error, QStringLiteral("%1 is not a scalar").arg(what));
  return false;
}

bool setFieldAtPath(gp::Message* root, const QString& path, const QVariant& value, QString* error) {
  // Validate on a copy so a failed edit leaves `root` untouched.
  std::unique_ptr<gp::Message> work(root->New());
  work->CopyFrom(*root);
  FieldRef ref;
  if (!resolveFieldPath(work.get(), path, true, &ref, error)) return false;
  const FD* f = ref.field;
  const gp::Reflection* r = ref.message->GetReflection();
  if (f->cpp_type() == FD::CPPTYPE_MESSAGE) {
    if (f->is_repeated() && ref.index >= 0) {
      while (r->FieldSize(*ref.message, f) <= ref.index) r->AddMessage(ref.message, f);
    } else if (!f->is_repeated()) {
      r->MutableMessage(ref.message, f);  // marks it present
    } else {
      setError(error, QStringLiteral("cannot set a list of messages from a value"));
      return false;
    }
  } else if (f->is_repeated() && ref.index < 0) {
    QVariantList items;
    if (value.typeId() == QMetaType::QString) {
      for (const QString& s : value.toString().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts))
        items << s;
      if (f->cpp_type() == FD::CPPTYPE_STRING) {
        items.clear();
        for (const QString& s : value.toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) items << s.trimmed();
      }
    } else {
      items = value.toList();
    }
    r->ClearField(ref.message, f);
    for (int i = 0; i < items.size(); ++i) {
      addScalarDefault(ref.message, f);
      if (!setScalar(ref.message, f, i, items[i], error)) return false;
    }
  } else {
    if (ref.index >= 0) {
      while (r->FieldSize(*ref.message, f) <= ref.index) addScalarDefault(ref.message, f);
    }
    if (!setScalar(ref.message, f, ref.index, value, error)) return false;
  }
  root->CopyFrom(*work);
  return true;
}

bool clearFieldAtPath(gp::Message* root, const QString& path, QString* error) {
  FieldRef ref;
  QString err;
  if (!resolveFieldPath(root, path, false, &ref, &err)) {
    // A missing parent means the field is already clear; a bad path is an error.
    if (err.contains(QLatin1String("is not set")) || err.contains(QLatin1String("does not exist"))) return true;
    setError(error, err);
    return false;
  }
  const gp::Reflection* r = ref.message->GetReflection();
  if (ref.index >= 0) {
    const int n = r->FieldSize(*ref.message, ref.field);
    if (ref.index >= n) return true;
    for (int i = ref.index; i + 1 < n; ++i) r->SwapElements(ref.message, ref.field, i, i + 1);
    r->RemoveLast(ref.message, ref.field);
  } else {
    r->ClearField(ref.message, ref.field);
  }
  return true;
}

bool fieldIsSet(const gp::Message& root, const QString& path) {
  std::unique_ptr<gp::Message> work(root.New());
  work->CopyFrom(root);
  FieldRef ref;
  if (!resolveFieldPath(work.get(), path, false, &ref)) return false;
  const gp::Reflection* r = ref.message->GetReflection();
  if (ref.field->is_repeated()) {
    return ref.index >= 0 ? ref.index < r->FieldSize(*ref.message, ref.field)
                          : r->FieldSize(*ref.message, ref.field) > 0;
  }
  return r->HasField(*ref.message, ref.field);
}

QString scalarToText(const gp::Message& m, const FD* f, int index) {
  const gp::Reflection* r = m.GetReflection();
  const bool rep = index >= 0;
  switch (f->cpp_type()) {
    case FD::CPPTYPE_INT32: return QString::number(rep ? r->GetRepeatedInt32(m, f, index) : r->GetInt32(m, f));
    case FD::CPPTYPE_INT64: return QString::number(rep ? r->GetRepeatedInt64(m, f, index) : r->GetInt64(m, f));
    case FD::CPPTYPE_UINT32: return QString::number(rep ? r->GetRepeatedUInt32(m, f, index) : r->GetUInt32(m, f));
    case FD::CPPTYPE_UINT64: return QString::number(rep ? r->GetRepeatedUInt64(m, f, index) : r->GetUInt64(m, f));
    case FD::CPPTYPE_FLOAT: return formatFloat(rep ? r->GetRepeatedFloat(m, f, index) : r->GetFloat(m, f), true);
    case FD::CPPTYPE_DOUBLE: return formatFloat(rep ? r->GetRepeatedDouble(m, f, index) : r->GetDouble(m, f), false);
    case FD::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, f, index) : r->GetBool(m, f)) ? QStringLiteral("true")
                                                                         : QStringLiteral("false");
    case FD::CPPTYPE_STRING:
      return QString::fromStdString(rep ? r->GetRepeatedString(m, f, index) : r->GetString(m, f));
    case FD::CPPTYPE_ENUM:
      return QString::fromStdString((rep ? r->GetRepeatedEnum(m, f, index) : r->GetEnum(m, f))->name());
    case FD::CPPTYPE_MESSAGE: break;
  }
  return QString();
}

QString repeatedToText(const gp::Message& m, const FD* f) {
  QStringList parts;
  const int n = m.GetReflection()->FieldSize(m, f);
  for (int i = 0; i < n; ++i) parts << scalarToText(m, f, i);
  return parts.join(QLatin1String(", "));
}

QString defaultToText(const FD* f) {
  if (f->is_repeated()) return QString();
  switch (f->cpp_type()) {
    case FD::CPPTYPE_INT32: return QString::number(f->default_value_int32());
    case FD::CPPTYPE_INT64: return QString::number(f->default_value_int64());
    case FD::CPPTYPE_UINT32: return QString::number(f->default_value_uint32());
    case FD::CPPTYPE_UINT64: return QString::number(f->default_value_uint64());
    case FD::CPPTYPE_FLOAT: return formatFloat(f->default_value_float(), true);
    case FD::CPPTYPE_DOUBLE: return formatFloat(f->default_value_double(), false);
    case FD::CPPTYPE_BOOL: return f->default_value_bool() ? QStringLiteral("true") : QStringLiteral("false");
    case FD::CPPTYPE_STRING: return QString::fromStdString(f->default_value_string());
    case FD::CPPTYPE_ENUM: return QString::fromStdString(f->default_value_enum()->name());
    case FD::CPPTYPE_MESSAGE: break;
  }
  return QString();
}

QString fieldTypeName(const FD* f) {
  QString t;
  switch (f->type()) {
    case FD::TYPE_ENUM: t = QStringLiteral("enum %1").arg(QString::fromStdString(f->enum_type()->name())); break;
    case FD::TYPE_MESSAGE: t = QStringLiteral("message %1").arg(QString::fromStdString(f->message_type()->name())); break;
    default: t = QString::fromLatin1(f->type_name()); break;
  }
  return f->is_repeated() ? QStringLiteral("repeated ") + t : t;
}

}  // namespace crema::ui
