// MessageEditor: a form generated from a protobuf descriptor by reflection, so
// every field of every *_param (and of SolverParameter) is editable without a
// hand-written form:
//   - numbers and strings: line edits; an unset field is empty and shows its
//     default greyed (placeholder); clearing it unsets the field
//   - enums: drop-downs; bools: check boxes (label greyed while unset)
//   - repeated scalars: comma-separated lists ("3, 5")
//   - nested messages (fillers, ...): collapsible sub-groups
//   - repeated messages (param { lr_mult ... }, include rules): a sub-group per
//     element with Remove, and an Add button
// Every row has a tooltip "name: type = default" plus the field's comment in
// proto/caffe.proto, a reset button when set, and validation (a bad value is
// marked red and not applied). The editor works on its own copy of the message
// and emits the edited copy; the owner turns that into an undo command.
#pragma once

#include <QHash>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <memory>

#include <google/protobuf/message.h>

class QFormLayout;
class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace crema::ui {

class MessageEditor : public QWidget {
  Q_OBJECT

 public:
  /// `fields`: top-level fields to show, in this order (empty = all, declaration order).
  /// `hidden`: top-level fields never shown.
  MessageEditor(const google::protobuf::Descriptor* descriptor, QStringList fields = {}, QStringList hidden = {},
                QWidget* parent = nullptr);
  ~MessageEditor() override;

  /// Shows `message` (rebuilds the form).
  void setMessage(const google::protobuf::Message& message);
  const google::protobuf::Message& message() const { return *m_message; }
  /// Expands nested groups even when unset (the *_param of the selected layer type).
  void setExpandUnset(bool expand) { m_expandUnset = expand; }

  /// Editor widget of a field path (e.g. "convolution_param.num_output"), for tests.
  QWidget* fieldWidget(const QString& path) const { return m_widgets.value(path); }
  /// Error text of the last rejected input ("" if none).
  QString lastError() const { return m_lastError; }

  /// Commits a text as the value of `path` as if typed (empty clears); returns false if invalid.
  bool commitText(const QString& path, const QString& text);

 signals:
  /// The user changed the message. `path` names the field; `mergeable` is true
  /// for typing-like edits that may merge with the previous edit of the same path.
  void edited(const google::protobuf::Message& message, const QString& path, bool mergeable);
  void validationFailed(const QString& message);

 private:
  void rebuild();
  void buildFields(QVBoxLayout* layout, QFormLayout* form, const google::protobuf::Message& msg,
                   const QString& prefix, int depth);
  void addScalarRow(QFormLayout* form, const google::protobuf::Message& msg, const google::protobuf::FieldDescriptor* f,
                    const QString& path);
  void addRepeatedScalarRow(QFormLayout* form, const google::protobuf::Message& msg,
                            const google::protobuf::FieldDescriptor* f, const QString& path);
  void addMessageGroup(QVBoxLayout* layout, const google::protobuf::Message& msg,
                       const google::protobuf::FieldDescriptor* f, const QString& path, int depth);
  void addRepeatedMessageGroup(QVBoxLayout* layout, const google::protobuf::Message& msg,
                               const google::protobuf::FieldDescriptor* f, const QString& path, int depth);
  QWidget* makeLabel(const google::protobuf::FieldDescriptor* f, bool set, const QString& text = {});
  QWidget* withReset(QWidget* editor, bool set, const QString& path);
  QString tooltipFor(const google::protobuf::FieldDescriptor* f) const;
  void apply(const std::function<bool(google::protobuf::Message*)>& change, const QString& path, bool mergeable);
  void markInvalid(QLineEdit* edit, const QString& error);

  const google::protobuf::Descriptor* m_descriptor;
  std::unique_ptr<google::protobuf::Message> m_message;
  QStringList m_fields, m_hidden;
  bool m_expandUnset = false;
  QPointer<QWidget> m_body;
  QVBoxLayout* m_root;
  QHash<QString, QWidget*> m_widgets;
  QHash<QString, bool> m_expanded;  // user-toggled group state, kept across rebuilds
  QString m_lastError;
};

/// Comments of proto/caffe.proto fields, keyed "Message.field" (loaded once from
/// the source tree when present; empty otherwise).
QString protoFieldComment(const google::protobuf::FieldDescriptor* field);

/// Fixed choices of some string fields ("SolverParameter.type", "FillerParameter.type", ...), else empty.
QStringList stringFieldChoices(const google::protobuf::FieldDescriptor* field);

}  // namespace crema::ui
