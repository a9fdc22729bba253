// The log panel: the engine's Caffe-format lines ("I1130 07:35:08.123 ... ]
// Iteration 100, loss = 0.3") as they are written, from any thread.
//
// installEngineSink() routes crema::LogLine output into a small thread-safe
// buffer; a 10 Hz timer on the GUI thread moves whatever arrived into the
// view in one batch, so a chatty solver never floods the event queue.
#pragma once

#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <deque>
#include <memory>
#include <mutex>

class QCheckBox;
class QLineEdit;
class QPlainTextEdit;

namespace crema::ui {

/// Lines written by any thread, taken by the GUI thread.
class LogBuffer {
 public:
  void append(const QString& line);
  QStringList take();

 private:
  std::mutex m_mutex;
  QStringList m_lines;
};

class LogPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LogPanel(QWidget* parent = nullptr);
  /// Restores the engine's default sink (stderr) if this panel installed one.
  ~LogPanel() override;

  /// Makes this panel the engine's log sink (process-wide). Lines are also
  /// echoed to stderr when `echo` is true.
  void installEngineSink(bool echo = false);
  /// Appends lines now (GUI thread).
  void appendLines(const QStringList& lines);
  /// Every line received (up to the last 100,000).
  const QStringList& lines() const { return m_all; }
  /// Moves buffered lines into the view immediately (tests, before reading lines()).
  void flush();

 signals:
  void linesAdded(const QStringList& lines);

 private:
  void rebuild();
  bool matches(const QString& line) const;

  std::shared_ptr<LogBuffer> m_buffer;
  bool m_ownsSink = false;
  QStringList m_all;
  QPlainTextEdit* m_view = nullptr;
  QLineEdit* m_filter = nullptr;
  QCheckBox* m_follow = nullptr;
  QTimer m_drain;
};

}  // namespace crema::ui
