#include "editor/prototxt_view.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSyntaxHighlighter>
#include <QTextBlock>
#include <QVBoxLayout>
#include <google/protobuf/util/message_differencer.h>

#include "common.h"
#include "editor/net_document.h"

namespace crema::ui {

namespace {

// Comments, strings, numbers, field names and enum constants.
class PrototxtHighlighter : public QSyntaxHighlighter {
 public:
  using QSyntaxHighlighter::QSyntaxHighlighter;

 protected:
  void highlightBlock(const QString& text) override {
    struct Rule {
      QRegularExpression re;
      QTextCharFormat format;
    };
    static const std::vector<Rule> rules = [] {
      std::vector<Rule> r;
      QTextCharFormat field, number, constant, string, comment;
      field.setForeground(QColor(0x1a, 0x4f, 0x9c));
      number.setForeground(QColor(0x09, 0x86, 0x58));
      constant.setForeground(QColor(0x8e, 0x24, 0xaa));
      string.setForeground(QColor(0xa3, 0x15, 0x15));
      comment.setForeground(QColor(0x80, 0x80, 0x80));
      comment.setFontItalic(true);
      r.push_back({QRegularExpression(QStringLiteral("\\b[a-z_][a-z0-9_]*(?=\\s*[:{])")), field});
      r.push_back({QRegularExpression(QStringLiteral("(?<=[:\\s])-?\\d+(\\.\\d*)?([eE][-+]?\\d+)?\\b")), number});
      r.push_back({QRegularExpression(QStringLiteral("(?<=:\\s)[A-Z][A-Z0-9_]*\\b")), constant});
      r.push_back({QRegularExpression(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")), string});
      r.push_back({QRegularExpression(QStringLiteral("#.*$")), comment});
      return r;
    }();
    for (const Rule& rule : rules) {
      auto it = rule.re.globalMatch(text);
      while (it.hasNext()) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), rule.format);
      }
    }
  }
};

}  // namespace

PrototxtView::PrototxtView(NetDocument* doc, QWidget* parent) : QWidget(parent), m_doc(doc) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  m_edit = new QPlainTextEdit(this);
  QFont mono(QStringLiteral("Monospace"));
  mono.setStyleHint(QFont::TypeWriter);
  mono.setPointSizeF(9);
  m_edit->setFont(mono);
  m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
  m_edit->setTabStopDistance(QFontMetricsF(mono).horizontalAdvance(QLatin1Char(' ')) * 2);
  new PrototxtHighlighter(m_edit->document());
  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  layout->addWidget(m_edit, 1);
  layout->addWidget(m_status);
  m_timer.setSingleShot(true);
  m_timer.setInterval(600);
  connect(&m_timer, &QTimer::timeout, this, &PrototxtView::applyNow);
  connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
    if (!m_settingText) m_timer.start();
  });
  connect(doc, &NetDocument::netChanged, this, &PrototxtView::refreshFromDocument);
  refreshFromDocument();
}

void PrototxtView::refreshFromDocument() {
  if (m_applying) return;
  m_timer.stop();
  const QString text = QString::fromStdString(crema::ToTextProto(m_doc->net()));
  if (text == m_edit->toPlainText()) return;
  // Keep the view where it was.
  const int scroll = m_edit->verticalScrollBar()->value();
  const int cursor = m_edit->textCursor().position();
  m_settingText = true;
  m_edit->setPlainText(text);
  m_settingText = false;
  QTextCursor c = m_edit->textCursor();
  c.setPosition(std::min(cursor, int(text.size())));
  m_edit->setTextCursor(c);
  m_edit->verticalScrollBar()->setValue(scroll);
  m_issues.clear();
  m_otherError.clear();
  markIssues();
}

bool PrototxtView::applyNow() {
  m_timer.stop();
  const std::string text = m_edit->toPlainText().toStdString();
  caffe::NetParameter net;
  m_issues.clear();
  m_otherError.clear();
  try {
    crema::ParseTextProto(text, "prototxt", &net, &m_issues);
    crema::UpgradeNetAsNeeded("prototxt", &net);
  } catch (const crema::ParseError& e) {
    if (m_issues.empty()) m_otherError = QString::fromStdString(e.what());
    markIssues();
    return false;
  } catch (const crema::Error& e) {
    m_otherError = QString::fromStdString(e.what());
    markIssues();
    return false;
  }
  markIssues();
  if (!google::protobuf::util::MessageDifferencer::Equals(net, m_doc->net())) {
    m_applying = true;
    m_doc->replaceNet(net, tr("Edit prototxt text"));
    m_applying = false;
  }
  return true;
}

void PrototxtView::markIssues() {
  QList<QTextEdit::ExtraSelection> marks;
  m_markedLines.clear();
  QStringList messages;
  for (const auto& issue : m_issues) {
    if (issue.warning) continue;
    QTextBlock block = m_edit->document()->findBlockByNumber(issue.line - 1);
    if (!block.isValid()) block = m_edit->document()->lastBlock();
    QTextEdit::ExtraSelection line;
    line.format.setBackground(QColor(0xff, 0xe0, 0xe0));
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    line.cursor = QTextCursor(block);
    marks << line;
    QTextEdit::ExtraSelection at;
    at.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    at.format.setUnderlineColor(Qt::red);
    at.cursor = QTextCursor(block);
    at.cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::max(0, issue.column - 1));
    at.cursor.movePosition(QTextCursor::EndOfWord, QTextCursor::KeepAnchor);
    marks << at;
    m_markedLines << issue.line;
    messages << tr("line %1, column %2: %3").arg(issue.line).arg(issue.column).arg(QString::fromStdString(issue.message));
  }
  if (!m_otherError.isEmpty()) messages << m_otherError;
  m_edit->setExtraSelections(marks);
  if (messages.isEmpty()) {
    m_status->setText(tr("<span style='color:#2e7d32'>Text and graph are in sync.</span>"));
  } else {
    m_status->setText(QStringLiteral("<span style='color:#c62828'>\u26A0 %1</span>")
                          .arg(messages.join(QStringLiteral("<br>")).toHtmlEscaped().replace(QStringLiteral("&lt;br&gt;"),
                                                                                             QStringLiteral("<br>"))));
    emit statusMessage(messages.first());
  }
}

}  // namespace crema::ui
