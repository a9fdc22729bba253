#include "log_panel.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSyntaxHighlighter>
#include <QVBoxLayout>

#include <iostream>

#include "log.h"

namespace crema::ui {
namespace {

constexpr int kMaxLines = 100000;

/// Colours glog-style lines by severity (first letter W or E) and marks Caffe's key lines.
class LogHighlighter : public QSyntaxHighlighter {
 public:
  using QSyntaxHighlighter::QSyntaxHighlighter;

 protected:
  void highlightBlock(const QString& text) override {
    if (text.isEmpty()) return;
    QTextCharFormat f;
    if (text.startsWith(QLatin1Char('E'))) {
      f.setForeground(QColor(200, 30, 30));
      f.setFontWeight(QFont::Bold);
    } else if (text.startsWith(QLatin1Char('W'))) {
      f.setForeground(QColor(180, 110, 0));
    } else if (text.contains(QLatin1String("Test net output")) || text.contains(QLatin1String("Snapshotting"))) {
      f.setForeground(QColor(20, 100, 170));
    } else {
      return;
    }
    setFormat(0, static_cast<int>(text.size()), f);
  }
};

}  // namespace

void LogBuffer::append(const QString& line) {
  std::lock_guard<std::mutex> lock(m_mutex);
  m_lines << line;
}

QStringList LogBuffer::take() {
  std::lock_guard<std::mutex> lock(m_mutex);
  QStringList out;
  out.swap(m_lines);
  return out;
}

LogPanel::LogPanel(QWidget* parent) : QWidget(parent), m_buffer(std::make_shared<LogBuffer>()) {
  m_view = new QPlainTextEdit(this);
  m_view->setReadOnly(true);
  m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
  m_view->setMaximumBlockCount(kMaxLines);
  m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  new LogHighlighter(m_view->document());

  m_filter = new QLineEdit(this);
  m_filter->setPlaceholderText(tr("Filter (e.g. Test net output)"));
  m_filter->setClearButtonEnabled(true);
  m_follow = new QCheckBox(tr("Follow"), this);
  m_follow->setChecked(true);
  auto* clear = new QPushButton(tr("Clear"), this);

  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(0, 0, 0, 0);
  bar->addWidget(m_filter, 1);
  bar->addWidget(m_follow);
  bar->addWidget(clear);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  layout->addLayout(bar);
  layout->addWidget(m_view, 1);

  connect(m_filter, &QLineEdit::textChanged, this, &LogPanel::rebuild);
  connect(clear, &QPushButton::clicked, this, [this] {
    m_all.clear();
    m_view->clear();
  });
  m_drain.setInterval(100);
  connect(&m_drain, &QTimer::timeout, this, &LogPanel::flush);
  m_drain.start();
}

LogPanel::~LogPanel() {
  if (m_ownsSink) crema::SetLogSink(nullptr);
}

void LogPanel::installEngineSink(bool echo) {
  std::weak_ptr<LogBuffer> weak = m_buffer;
  crema::SetLogSink([weak, echo](crema::LogLevel, const std::string& line) {
    if (echo) std::cerr << line << '\n';
    if (auto buffer = weak.lock()) buffer->append(QString::fromStdString(line));
  });
  m_ownsSink = true;
}

void LogPanel::flush() {
  const QStringList lines = m_buffer->take();
  if (!lines.isEmpty()) appendLines(lines);
}

bool LogPanel::matches(const QString& line) const {
  const QString f = m_filter->text();
  return f.isEmpty() || line.contains(f, Qt::CaseInsensitive);
}

void LogPanel::appendLines(const QStringList& lines) {
  m_all << lines;
  if (m_all.size() > kMaxLines) m_all.erase(m_all.begin(), m_all.begin() + (m_all.size() - kMaxLines));
  QStringList shown;
  for (const auto& l : lines) {
    if (matches(l)) shown << l;
  }
  if (!shown.isEmpty()) {
    auto* bar = m_view->verticalScrollBar();
    const int keep = bar->value();
    m_view->appendPlainText(shown.join(QLatin1Char('\n')));
    if (m_follow->isChecked()) {
      bar->setValue(bar->maximum());
    } else {
      bar->setValue(keep);
    }
  }
  emit linesAdded(lines);
}

void LogPanel::rebuild() {
  QStringList shown;
  for (const auto& l : m_all) {
    if (matches(l)) shown << l;
  }
  m_view->setPlainText(shown.join(QLatin1Char('\n')));
  m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
}

}  // namespace crema::ui
