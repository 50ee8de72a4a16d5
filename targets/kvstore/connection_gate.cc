#include "targets/kvstore/connection_gate.h"

#include <utility>

namespace kvstore {
namespace {

// A gauge read by scrapes and a bound checked by one accepting strand: no ordering with other
// memory is needed, only that no increment or decrement is lost.
constexpr auto kRelaxed = std::memory_order_relaxed;

}  // namespace

ConnectionSlot::ConnectionSlot(ConnectionGate& gate) : gate_(&gate) {}

ConnectionSlot::ConnectionSlot(ConnectionSlot&& other) noexcept
    : gate_(std::exchange(other.gate_, nullptr)) {}

ConnectionSlot& ConnectionSlot::operator=(ConnectionSlot&& other) noexcept {
  if (this != &other) {
    if (gate_ != nullptr) gate_->release();
    gate_ = std::exchange(other.gate_, nullptr);
  }
  return *this;
}

ConnectionSlot::~ConnectionSlot() {
  if (gate_ != nullptr) gate_->release();
}

ConnectionGate::ConnectionGate(std::optional<std::size_t> max_open) : max_open_(max_open) {}

std::optional<ConnectionSlot> ConnectionGate::try_admit() {
  // Count first, then check, and undo when over: no compare-and-swap loop, and two threads
  // admitting at once can never both take the last slot.
  const std::int64_t open_before = open_.fetch_add(1, kRelaxed);
  if (max_open_ && open_before >= static_cast<std::int64_t>(*max_open_)) {
    open_.fetch_sub(1, kRelaxed);
    return std::nullopt;
  }
  return ConnectionSlot(*this);
}

std::int64_t ConnectionGate::open() const { return open_.load(kRelaxed); }

void ConnectionGate::release() { open_.fetch_sub(1, kRelaxed); }

}  // namespace kvstore
