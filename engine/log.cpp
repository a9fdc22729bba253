#include "log.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <mutex>

#include "common.h"

namespace crema {
namespace {

std::mutex& SinkMutex() {
  static std::mutex m;
  return m;
}

LogSink& Sink() {
  static LogSink sink;
  return sink;
}

thread_local bool t_info_enabled = true;

std::string Prefix(LogLevel level, const char* file, int line) {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const std::time_t t = system_clock::to_time_t(now);
  const long usec = static_cast<long>(duration_cast<microseconds>(now.time_since_epoch()).count() % 1000000);
  std::tm tm{};
  localtime_r(&t, &tm);
  const char tag = level == LogLevel::Info ? 'I' : level == LogLevel::Warning ? 'W' : 'E';
  char buf[96];
  std::snprintf(buf, sizeof buf, "%c%02d%02d %02d:%02d:%02d.%06ld %5ld ", tag, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, usec, static_cast<long>(syscall(SYS_gettid)));
  return std::string(buf) + file + ":" + std::to_string(line) + "] ";
}

}  // namespace

LogSink SetLogSink(LogSink sink) {
  std::lock_guard<std::mutex> lock(SinkMutex());
  LogSink old = std::move(Sink());
  Sink() = std::move(sink);
  return old;
}

void SetInfoLoggingEnabled(bool enabled) { t_info_enabled = enabled; }
bool InfoLoggingEnabled() { return t_info_enabled; }

void LogLine(LogLevel level, const char* file, int line, const std::string& message) {
  if (level == LogLevel::Info && !t_info_enabled) return;
  const std::string text = Prefix(level, file, line) + message;
  std::lock_guard<std::mutex> lock(SinkMutex());
  if (Sink()) {
    Sink()(level, text);
  } else {
    std::cerr << text << '\n';
  }
}

}  // namespace crema
