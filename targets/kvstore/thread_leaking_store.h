// The thread-leak defect's Store: the correct LockedStore, except that every key-value or
// counter operation (one per API request) first starts a detached thread that waits for a
// completion signal nobody ever sends, so the process gains one thread per request, for good.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>

#include "targets/kvstore/store.h"

namespace kvstore {

// size() and cache_bytes() start no thread: GET /metrics reads them, and a scrape should not
// change the figure it reports. Nothing bounds the number of threads (that is the defect) but
// the OS: when it refuses one (threads-max, RLIMIT_NPROC, a cgroup's pids.max, or address space
// for the stack), std::thread throws std::system_error, which nothing catches, and the process
// aborts.
class ThreadLeakingStore final : public Store {
 public:
  explicit ThreadLeakingStore(std::unique_ptr<Store> inner);

  std::optional<std::string> get(std::string_view key) const override;
  PutOutcome put(std::string_view key, std::string value) override;
  bool erase(std::string_view key) override;
  std::size_t size() const override;
  std::size_t cache_bytes() const override;

  std::uint64_t increment_counter() override;
  std::uint64_t counter() const override;

 private:
  // What the leaked threads wait on. Shared with them, so it outlives the store: destroying a
  // condition variable that threads still wait on is undefined behaviour.
  struct CompletionSignal {
    std::mutex mutex;
    std::condition_variable condition;
    bool sent = false;  // guarded by mutex; never set, which is the bug this store models
  };

  // Starts the thread of one request: it waits for `completion_->sent`, forever.
  void start_request_thread() const;

  std::unique_ptr<Store> inner_;
  std::shared_ptr<CompletionSignal> completion_ = std::make_shared<CompletionSignal>();
};

}  // namespace kvstore
