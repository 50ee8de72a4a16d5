// How many client connections are open, and whether one more may open: the listener asks the
// gate before it starts a session, and the session holds the slot it got until it ends. The
// count is also the kvstore_connections_open gauge.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace kvstore {

class ConnectionGate;

// One admitted connection. Move-only; the gate counts it as open until the slot is destroyed.
class ConnectionSlot {
 public:
  ConnectionSlot(ConnectionSlot&& other) noexcept;
  ConnectionSlot& operator=(ConnectionSlot&& other) noexcept;
  ConnectionSlot(const ConnectionSlot&) = delete;
  ConnectionSlot& operator=(const ConnectionSlot&) = delete;
  ~ConnectionSlot();

 private:
  friend class ConnectionGate;
  explicit ConnectionSlot(ConnectionGate& gate);

  ConnectionGate* gate_;  // null once moved from
};

class ConnectionGate {
 public:
  // At most `max_open` connections at once; nullopt admits every connection (conn-storm).
  explicit ConnectionGate(std::optional<std::size_t> max_open);

  // A slot when fewer than max_open connections are open, else nullopt. Safe from any thread.
  std::optional<ConnectionSlot> try_admit();
  // Connections admitted and not yet ended.
  std::int64_t open() const;

 private:
  friend class ConnectionSlot;
  void release();

  const std::optional<std::size_t> max_open_;
  std::atomic<std::int64_t> open_{0};
};

}  // namespace kvstore
