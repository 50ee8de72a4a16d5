// Walking and cutting UTF-8 text that may not be valid (reasons and notes can quote the target's
// output): the CI reports replace what is malformed rather than pass it on to XML parsers, GitHub
// or a Markdown renderer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace faultline::reports::ci {

inline constexpr char32_t kReplacementCharacter = U'\uFFFD';

// What replaces the end of a text cut short.
inline constexpr std::string_view kEllipsis = "…";

// The code point that starts at `pos`, advancing `pos` past it. Malformed input (a stray
// continuation byte, a truncated or overlong sequence, an encoded surrogate, a value past
// U+10FFFF) reads as U+FFFD and advances by one byte. `pos` must be < text.size().
char32_t next_code_point(std::string_view text, std::size_t& pos);

void append_utf8(std::string& out, char32_t code_point);

// At most `max_bytes` bytes of `text`, cut between code points, with "…" (3 bytes, counted) in
// place of what was cut. Text that fits is returned unchanged.
std::string truncate_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace faultline::reports::ci
