// The kinds of substitution in scenario strings, checked once when the scenario is read:
//  - request placeholders in HTTP paths, bodies and header values, replaced per request:
//    {seq} (the generator's sequence number), {rand:N} (uniform integer in [0, N)) and
//    {pad:N} (N bytes of 'x', so that a scenario can send large values without a large literal);
//  - message placeholders in a WebSocket generator's message, replaced per message: {seq} (the
//    message's sequence number) and {t} (its send time in Unix nanoseconds).
//    In both, a '{' starts a placeholder only when a letter follows it, so JSON bodies such as
//    {"key": "v{seq}"} need no escaping;
//  - ${NAME} references in the target's command, env and cwd, substituted at run time
//    (${port}, ${FAULTLINE_TARGETS}, or any environment variable).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/parse_result.h"

namespace faultline::scenario {

// The largest N of {pad:N}, 16 MiB: a bound on what one placeholder can make every request
// of a connection hold in memory. The load generator enforces the same bound.
inline constexpr std::uint64_t kMaxPadBytes = std::uint64_t{16} * 1024 * 1024;

struct TemplatePart {
  enum class Kind { literal, seq, rand, pad, time };  // time: {t}, messages only
  Kind kind = Kind::literal;
  std::string text;         // Kind::literal: the text itself
  std::uint64_t bound = 0;  // Kind::rand: N, at least 1
  std::uint64_t pad_bytes = 0;  // Kind::pad: N, from 1 to kMaxPadBytes

  friend bool operator==(const TemplatePart&, const TemplatePart&) = default;
};

// Splits a request string into literal text and placeholders; adjacent literal text is merged.
ParseResult<std::vector<TemplatePart>> parse_request_template(std::string_view text);
// The same for a WebSocket message, whose placeholders are {seq} and {t}.
ParseResult<std::vector<TemplatePart>> parse_message_template(std::string_view text);

// The names referenced as ${NAME} in `text`, in order of appearance; NAME is
// [A-Za-z_][A-Za-z0-9_]*. A '$' not followed by '{' is literal text.
ParseResult<std::vector<std::string>> variable_references(std::string_view text);

}  // namespace faultline::scenario
