// PrototxtView: the edited net as prototxt text, synchronised both ways. Any
// document change rewrites the text (unless it came from this view); typing
// re-parses after a short pause with the engine's parser (engine/io: errors
// carry line:column), and a text that parses into a different net becomes one
// "Edit prototxt" command. Parse errors are marked at their line.
#pragma once

#include <QTimer>
#include <QWidget>
#include <vector>

#include "io/io.h"

class QLabel;
class QPlainTextEdit;

namespace crema::ui {

class NetDocument;

class PrototxtView : public QWidget {
  Q_OBJECT

 public:
  explicit PrototxtView(NetDocument* doc, QWidget* parent = nullptr);

  QPlainTextEdit* editor() const { return m_edit; }
  /// Parses the current text now (instead of after the pause); returns true if it parsed.
  bool applyNow();
  /// Problems of the last parse (1-based line/column).
  const std::vector<crema::TextParseIssue>& issues() const { return m_issues; }
  /// Lines currently marked as erroneous (1-based).
  QList<int> markedLines() const { return m_markedLines; }

 signals:
  void statusMessage(const QString& text);

 private:
  void refreshFromDocument();
  void markIssues();

  NetDocument* m_doc;
  QPlainTextEdit* m_edit;
  QLabel* m_status;
  QTimer m_timer;
  bool m_applying = false;
  bool m_settingText = false;
  std::vector<crema::TextParseIssue> m_issues;
  QString m_otherError;
  QList<int> m_markedLines;
};

}  // namespace crema::ui
