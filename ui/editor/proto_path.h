// Field access by path through protobuf reflection, shared by the generated
// property panels, the document's setField command and the tests.
//
// A path names fields from the root message, separated by dots; repeated
// message fields take an index: "convolution_param.weight_filler.type",
// "param[1].lr_mult", "include[0].phase". A repeated scalar field is set as a
// whole from a list ("kernel_size" <- "3, 5").
#pragma once

#include <QString>
#include <QVariant>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

namespace crema::ui {

/// The message holding the last field of a path, that field, and its index (-1 if not indexed).
struct FieldRef {
  google::protobuf::Message* message = nullptr;
  const google::protobuf::FieldDescriptor* field = nullptr;
  int index = -1;
};

/// Resolves `path` in `root`. With `create`, missing intermediate messages are
/// created (which marks them present); without it, a missing one yields false.
bool resolveFieldPath(google::protobuf::Message* root, const QString& path, bool create, FieldRef* out,
                      QString* error = nullptr);

/// Parses `text` as a value of scalar `field` (number ranges, enum names or
/// numbers, true/false). Returns false with a message on invalid input.
bool parseScalarText(const google::protobuf::FieldDescriptor* field, const QString& text, QVariant* out,
                     QString* error = nullptr);

/// Sets the field at `path` to `value`: a scalar (QVariant of a number, bool,
/// string or enum name), a whole repeated scalar field (QVariantList, or a
/// string of comma-separated items), or, for an indexed repeated scalar, one item.
bool setFieldAtPath(google::protobuf::Message* root, const QString& path, const QVariant& value,
                    QString* error = nullptr);

/// Clears the field at `path` (back to its default / empty). Missing parents are fine.
bool clearFieldAtPath(google::protobuf::Message* root, const QString& path, QString* error = nullptr);

/// Whether the field at `path` is set (repeated: non-empty).
bool fieldIsSet(const google::protobuf::Message& root, const QString& path);

/// Text of one scalar value (index -1: singular field, or its default when unset).
QString scalarToText(const google::protobuf::Message& message, const google::protobuf::FieldDescriptor* field,
                     int index = -1);
/// A repeated scalar field as "a, b, c".
QString repeatedToText(const google::protobuf::Message& message, const google::protobuf::FieldDescriptor* field);
/// The declared default of a scalar field as text ("" for strings/messages without one).
QString defaultToText(const google::protobuf::FieldDescriptor* field);
/// "uint32", "float", "enum PoolMethod", "message FillerParameter", with "repeated " when repeated.
QString fieldTypeName(const google::protobuf::FieldDescriptor* field);

}  // namespace crema::ui
