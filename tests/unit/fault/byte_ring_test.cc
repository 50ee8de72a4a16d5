#include "harness/fault/byte_ring.h"

#include <cstring>
#include <string>

#include <gtest/gtest.h>

namespace faultline::fault {
namespace {

void fill(ByteRing& ring, const std::string& text) {
  const auto space = ring.writable();
  ASSERT_GE(space.size(), text.size());
  std::memcpy(space.data(), text.data(), text.size());
  ring.commit(text.size());
}

std::string front(const ByteRing& ring, std::size_t bytes) {
  std::string text;
  for (const auto& span : ring.front(bytes)) text.append(static_cast<const char*>(span.data()), span.size());
  return text;
}

TEST(ByteRing, OffersTheWholeBufferWhenEmpty) {
  ByteRing ring(8);
  fill(ring, "abcdef");
  ring.consume(6);
  EXPECT_EQ(ring.writable().size(), 8u);
  EXPECT_EQ(ring.total_in(), 6u);
  EXPECT_EQ(ring.total_out(), 6u);
}

TEST(ByteRing, WrapsAroundAndReadsBackInOrder) {
  ByteRing ring(8);
  fill(ring, "abcdef");
  ring.consume(4);                      // "ef" left at 4..5
  EXPECT_EQ(ring.writable().size(), 2u);  // 6..7 before the wrap
  fill(ring, "gh");
  EXPECT_EQ(ring.writable().size(), 4u);  // 0..3 after it
  fill(ring, "ijkl");
  EXPECT_EQ(ring.free(), 0u);
  EXPECT_EQ(front(ring, 8), "efghijkl");
  EXPECT_EQ(ring.front(8)[1].size(), 4u);
  ring.consume(3);
  EXPECT_EQ(front(ring, 5), "hijkl");
}

}  // namespace
}  // namespace faultline::fault
