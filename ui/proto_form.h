// A form for the scalar fields of any protobuf message, generated from its
// descriptor (reflection), so every field of e.g. SolverParameter is editable
// without a hand-written form. Numbers are line edits that accept Caffe's
// notation (5e-4), enums are combo boxes, bools check boxes, repeated scalars
// comma-separated lists. Message-typed fields are not shown.
#pragma once

#include <QHash>
#include <QStringList>
#include <QVariant>
#include <QWidget>

#include <google/protobuf/message.h>

class QFormLayout;
class QLabel;

namespace crema::ui {

class ProtoForm : public QWidget {
  Q_OBJECT

 public:
  /// `primary` fields come first, in that order; the other scalar fields follow
  /// under a "More" heading in descriptor order, except `hidden` ones.
  /// `choices` offers suggestions for string fields (editable combo boxes).
  ProtoForm(const google::protobuf::Descriptor* descriptor, const QStringList& primary,
            const QStringList& hidden, const QHash<QString, QStringList>& choices = {},
            QWidget* parent = nullptr);

  /// Shows the values of `message` (same type as the descriptor) without emitting edits.
  void setMessage(const google::protobuf::Message& message);
  /// The editor widget of a field (tests), or null.
  QWidget* editor(const QString& field) const { return m_editors.value(field); }
  /// Enables only the `editable` fields (all when the list is empty and `all` is true).
  void setEditable(bool all, const QStringList& exceptions = {});
  void setToolTips(const QHash<QString, QString>& tips);

  /// Sets `field` of `message` from a QVariant as produced by fieldEdited (string
  /// for numbers and lists). Returns false with a message if the text is not valid.
  static bool applyEdit(google::protobuf::Message* message, const QString& field, const QVariant& value,
                        QString* error);

 signals:
  /// The user changed a field (value: QString for text/number/list, bool, or enum number).
  void fieldEdited(const QString& field, const QVariant& value);

 private:
  void addField(QFormLayout* form, const google::protobuf::FieldDescriptor* field);

  const google::protobuf::Descriptor* m_descriptor;
  QHash<QString, QWidget*> m_editors;
  QHash<QString, QLabel*> m_labels;
  QHash<QString, QStringList> m_choices;
  bool m_updating = false;
};

}  // namespace crema::ui
