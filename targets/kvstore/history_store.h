// The unbounded-cache defect's Store: the correct LockedStore plus a history of every write (key
// and value) that is never trimmed, so memory grows with every PUT, also when it replaces a
// value, until a memory limit kills the process. The fixed build keeps only the current values.
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include "targets/kvstore/store.h"

namespace kvstore {

class HistoryStore final : public Store {
 public:
  explicit HistoryStore(std::unique_ptr<Store> inner);

  std::optional<std::string> get(std::string_view key) const override;
  PutOutcome put(std::string_view key, std::string value) override;
  bool erase(std::string_view key) override;
  std::size_t size() const override;
  // The current keys and values plus every past write held in the history.
  std::size_t cache_bytes() const override;

  std::uint64_t increment_counter() override;
  std::uint64_t counter() const override;

 private:
  struct Write {
    std::string key;
    std::string value;
  };

  std::unique_ptr<Store> inner_;
  mutable std::mutex history_mutex_;
  // A deque, so growing never copies the history (a vector's doubling would double its peak).
  std::deque<Write> history_;      // guarded by history_mutex_
  std::size_t history_bytes_ = 0;  // sum of key and value sizes in history_; guarded likewise
};

}  // namespace kvstore
