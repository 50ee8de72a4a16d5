#include "harness/fault/memory_hog.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

namespace faultline::fault {

namespace {

using std::chrono::steady_clock;

// How often the hog looks at the stop flag while it holds its memory.
constexpr auto kStopPollInterval = std::chrono::milliseconds(10);
// Pages touched between two looks at the deadline and the stop flag (16 MiB of 4 KiB pages).
constexpr std::uint64_t kPagesPerCheck = 4096;

// Unmaps on every way out of run_memory_hog.
class Mapping {
 public:
  explicit Mapping(std::uint64_t bytes) : bytes_(bytes) {
    address_ = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (address_ == MAP_FAILED) {
      throw std::system_error(errno, std::generic_category(),
                              "memory hog: mmap of " + std::to_string(bytes) + " bytes");
    }
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  ~Mapping() { ::munmap(address_, bytes_); }
  volatile unsigned char* bytes() const { return static_cast<volatile unsigned char*>(address_); }

 private:
  void* address_;
  std::uint64_t bytes_;
};

bool should_end(steady_clock::time_point deadline, const std::atomic<bool>& stop) {
  return stop.load(std::memory_order_relaxed) || steady_clock::now() >= deadline;
}

}  // namespace

std::uint64_t run_memory_hog(std::uint64_t bytes, steady_clock::time_point deadline, const std::atomic<bool>& stop) {
  if (bytes == 0) throw std::invalid_argument("memory hog: expected a positive number of bytes");
  if (should_end(deadline, stop)) return 0;
  const Mapping mapping(bytes);
  const auto page_bytes = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));

  // A write, not a read: reading an untouched page maps the shared zero page and costs no RAM.
  // A non-zero value also keeps a same-page merger (KSM) from folding the pages together.
  std::uint64_t touched = 0;
  for (std::uint64_t page = 0; touched < bytes; ++page) {
    if (page % kPagesPerCheck == 0 && should_end(deadline, stop)) return touched;
    mapping.bytes()[touched] = 0x5a;
    touched = std::min(bytes, touched + page_bytes);
  }
  while (!should_end(deadline, stop)) {
    std::this_thread::sleep_until(std::min(deadline, steady_clock::now() + kStopPollInterval));
  }
  return touched;
}

}  // namespace faultline::fault
