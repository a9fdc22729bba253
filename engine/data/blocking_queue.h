// A small thread-safe FIFO for handing prefetched batches between threads
// (Caffe's BlockingQueue). Close() wakes every waiter; after it Pop returns false.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>

namespace crema {

template <typename T>
class BlockingQueue {
 public:
  void Push(const T& item) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      queue_.push_back(item);
    }
    cond_.notify_one();
  }
  /// Waits for an item; returns false (leaving *item untouched) once the queue is closed.
  bool Pop(T* item) {
    std::unique_lock<std::mutex> lock(mutex_);
    cond_.wait(lock, [this] { return closed_ || !queue_.empty(); });
    if (closed_) return false;
    *item = queue_.front();
    queue_.pop_front();
    return true;
  }
  /// Wakes all waiters; every later Pop returns false.
  void Close() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
    }
    cond_.notify_all();
  }
  size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return queue_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable cond_;
  std::deque<T> queue_;
  bool closed_ = false;
};

}  // namespace crema
