// Caffe/glog-style logging for the engine.
// Lines look like glog's: "I1130 07:35:08.123456 12345 solver.cpp:123] message"
// so that Caffe's log parsers (tools/extra/parse_log.py) read Crema's logs.
// The sink is process-wide and replaceable (the UI routes lines to its log
// panel); calls are thread-safe.
#pragma once

#include <functional>
#include <string>

namespace crema {

enum class LogLevel { Info, Warning, Error };

/// Receives every formatted log line (without trailing newline) and its level.
using LogSink = std::function<void(LogLevel, const std::string& line)>;

/// Replaces the sink; pass nullptr to restore the default (stderr). Returns the previous sink.
LogSink SetLogSink(LogSink sink);

/// Emits one line; `file` is the short source name shown in the prefix ("solver.cpp").
void LogLine(LogLevel level, const char* file, int line, const std::string& message);

/// When false, Info lines are dropped (e.g. quiet test nets). Thread-local.
void SetInfoLoggingEnabled(bool enabled);
bool InfoLoggingEnabled();

}  // namespace crema

#define CREMA_LOG_BASENAME_ (__builtin_strrchr(__FILE__, '/') ? __builtin_strrchr(__FILE__, '/') + 1 : __FILE__)
/// LOG_INFO(...) / LOG_WARN(...): stream-style args, e.g. LOG_INFO("Iteration ", iter, ", loss = ", loss).
#define LOG_INFO(...) ::crema::LogLine(::crema::LogLevel::Info, CREMA_LOG_BASENAME_, __LINE__, ::crema::Format(__VA_ARGS__))
#define LOG_WARN(...) ::crema::LogLine(::crema::LogLevel::Warning, CREMA_LOG_BASENAME_, __LINE__, ::crema::Format(__VA_ARGS__))
#define LOG_ERROR(...) ::crema::LogLine(::crema::LogLevel::Error, CREMA_LOG_BASENAME_, __LINE__, ::crema::Format(__VA_ARGS__))
