// Reads the stack frames of sanitizer and Go reports and reduces them to a signature: the
// function names of the top frames of each stack, with addresses, arguments and pids gone, so
// that the same bug hit again (other threads, other addresses, another run) reads the same.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::observe {

// A frame of a sanitizer stack, as ThreadSanitizer prints it
//   "    #0 bump_counter() /src/race.cc:5 (race+0x123f)"
// or AddressSanitizer / LeakSanitizer
//   "    #1 0x55a027c35146 in keep() /src/lsan.cc:2"
//   "    #3 0x562f042940b0 in _start (/tmp/asan_uaf+0x10b0)".
struct NativeFrame {
  std::string function;  // "" when unsymbolized
  // Part of the sanitizer runtime, the C or C++ standard library, or unknown ("<null>"): the
  // same in every report of a kind, so it says nothing about which bug this is.
  bool runtime = false;
};
std::optional<NativeFrame> parse_native_frame(std::string_view line);

// The function of a Go traceback line such as "main.(*Store).Get(0xc000010000, {0x4b1b9b, 0x3})"
// (arguments dropped: "main.(*Store).Get"), or nullopt when the line, leading spaces removed,
// is not one: it has no argument list, or blanks before it.
std::optional<std::string> parse_go_function(std::string_view line);

// Functions of the Go runtime (and the builtin panic), skipped like a sanitizer's runtime.
bool is_go_runtime_function(std::string_view function);

// Collects the stacks of one report and makes its signature.
class SignatureBuilder {
 public:
  static constexpr std::size_t kFramesPerStack = 3;
  static constexpr std::size_t kMaxStacks = 16;

  // Starts the next stack. Stacks that do not `count` (where a thread or goroutine was
  // created, where a heap block was allocated) vary with the path that led there, not with
  // the bug, and are left out, unless the report has no other frames (a thread leak's only
  // stack is where the leaked thread was created).
  void begin_stack(bool counts);
  // A frame of the current stack, top first. Frames outside any stack begin one that counts.
  void add_frame(std::string function, bool runtime);

  // Each counted stack as "f1 > f2 > f3" (its top frames that are not runtime ones, or its top
  // frames if all are), sorted so that the order of a race's two sides does not matter,
  // joined by " | ". Empty when the report had no frames.
  std::string signature() const;

 private:
  struct Stack {
    bool counts = true;
    std::vector<std::string> own;  // top non-runtime frames
    std::vector<std::string> any;  // top frames of any kind
  };
  std::vector<std::string> parts(bool counted_only) const;

  std::vector<Stack> stacks_;  // at most kMaxStacks; later frames are ignored
};

}  // namespace faultline::observe
