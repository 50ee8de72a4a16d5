#include "targets/kvstore/connection_gate.h"

#include <gtest/gtest.h>

#include <optional>
#include <utility>
#include <vector>

namespace kvstore {
namespace {

TEST(ConnectionGate, AdmitsUpToTheBoundThenRefuses) {
  ConnectionGate gate(3);
  std::vector<ConnectionSlot> slots;
  for (int i = 0; i < 3; ++i) {
    auto slot = gate.try_admit();
    ASSERT_TRUE(slot.has_value()) << "connection " << i;
    slots.push_back(std::move(*slot));
  }
  EXPECT_EQ(gate.open(), 3);
  EXPECT_FALSE(gate.try_admit().has_value());
  EXPECT_EQ(gate.open(), 3) << "a refused connection must not stay counted";
}

TEST(ConnectionGate, AClosedConnectionFreesItsSlot) {
  ConnectionGate gate(1);
  {
    auto slot = gate.try_admit();
    ASSERT_TRUE(slot.has_value());
    EXPECT_FALSE(gate.try_admit().has_value());
  }
  EXPECT_EQ(gate.open(), 0);
  EXPECT_TRUE(gate.try_admit().has_value());
}

TEST(ConnectionGate, AMovedSlotIsReleasedOnceByItsLastOwner) {
  ConnectionGate gate(2);
  auto first = gate.try_admit();
  ASSERT_TRUE(first.has_value());
  {
    ConnectionSlot moved = std::move(*first);
    first.reset();  // the moved-from slot releases nothing
    EXPECT_EQ(gate.open(), 1);
  }
  EXPECT_EQ(gate.open(), 0);
}

TEST(ConnectionGate, AssigningOverASlotReleasesTheOverwrittenOne) {
  ConnectionGate gate(2);
  auto a = gate.try_admit();
  auto b = gate.try_admit();
  ASSERT_TRUE(a.has_value() && b.has_value());
  *a = std::move(*b);
  EXPECT_EQ(gate.open(), 1);
}

TEST(ConnectionGate, UnboundedGateAdmitsEveryConnection) {
  ConnectionGate gate(std::nullopt);
  std::vector<ConnectionSlot> slots;
  for (int i = 0; i < 10'000; ++i) {
    auto slot = gate.try_admit();
    ASSERT_TRUE(slot.has_value()) << "connection " << i;
    slots.push_back(std::move(*slot));
  }
  EXPECT_EQ(gate.open(), 10'000);
  slots.clear();
  EXPECT_EQ(gate.open(), 0);
}

}  // namespace
}  // namespace kvstore
