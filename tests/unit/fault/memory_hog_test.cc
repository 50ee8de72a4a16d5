#include "harness/fault/memory_hog.h"

#include <unistd.h>

#include <stdexcept>
#include <system_error>

#include <gtest/gtest.h>

namespace faultline::fault {
namespace {

using namespace std::chrono_literals;
using std::chrono::steady_clock;

TEST(MemoryHog, ReturnsAtOnceWhenTheDeadlineHasPassed) {
  const std::atomic<bool> stop{false};
  EXPECT_EQ(run_memory_hog(1 << 20, steady_clock::now() - 1ms, stop), 0u);
}

TEST(MemoryHog, ReturnsAtOnceWhenToldToStop) {
  const std::atomic<bool> stop{true};
  EXPECT_EQ(run_memory_hog(1 << 20, steady_clock::now() + 1h, stop), 0u);
}

TEST(MemoryHog, TouchesEveryPageItWasAskedForBeforeANearDeadline) {
  const std::atomic<bool> stop{false};
  const auto bytes = static_cast<std::uint64_t>(3 * ::sysconf(_SC_PAGESIZE) + 100);
  const auto start = steady_clock::now();
  EXPECT_EQ(run_memory_hog(bytes, start + 5ms, stop), bytes);
  EXPECT_GE(steady_clock::now(), start + 5ms);  // held until the deadline
}

TEST(MemoryHog, RefusesNothingToAllocate) {
  const std::atomic<bool> stop{false};
  EXPECT_THROW(run_memory_hog(0, steady_clock::now() + 1ms, stop), std::invalid_argument);
}

TEST(MemoryHog, AMappingThatCannotExistIsAnErrorNamingItsSize) {
  const std::atomic<bool> stop{false};
  try {
    run_memory_hog(1ULL << 62, steady_clock::now() + 1h, stop);
    FAIL() << "no error";
  } catch (const std::system_error& error) {
    EXPECT_NE(std::string(error.what()).find("mmap of 4611686018427387904 bytes"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace faultline::fault
