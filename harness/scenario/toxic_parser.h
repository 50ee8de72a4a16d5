// Reads a toxic from its command-line form, e.g.
//   latency:latency=100ms,jitter=10ms,direction=downstream,toxicity=0.5
// into a typed ToxicSpec, or says exactly what is wrong: which toxic, which attribute, what was
// expected, and a "did you mean" for a misspelt name.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include "harness/scenario/toxic.h"
#include "harness/scenario/parse_result.h"

namespace faultline::scenario {

// NAME[:ATTRIBUTE=VALUE[,ATTRIBUTE=VALUE]...], no spaces. Attributes per toxic (defaults in
// brackets; every toxic but down also takes direction [downstream] and toxicity [1]):
//   latency     latency=DURATION, jitter=DURATION [0]
//   bandwidth   rate=N (Toxiproxy's KB/s, 1 KB = 1000 bytes) or rate=SIZE[/s] ("100KiB")
//   slow_close  delay=DURATION
//   timeout     timeout=DURATION (0: hold the data, never close)
//   reset_peer  timeout=DURATION [0]
//   slicer      average_size=BYTES, size_variation=BYTES [0], delay=DURATION [0]
//   limit_data  bytes=BYTES
//   down        (no attributes)
// DURATION is as in scenario files ("250ms", "1.5s"); a bare "0" is also accepted, since zero
// needs no unit. BYTES is a plain number of bytes or a size ("64KiB"). direction is upstream,
// downstream or both; toxicity is a probability from 0 to 1 ("0.25") or a percentage ("25%").
scenario::ParseResult<ToxicSpec> parse_toxic(std::string_view text);

// The same from attributes already split into name and value text (a scenario file's fault
// object, say): the checks and messages of parse_toxic() except for the syntax of the text.
scenario::ParseResult<ToxicSpec> build_toxic(
    std::string_view toxic, std::span<const std::pair<std::string_view, std::string_view>> attributes);

// The attributes `toxic` takes, direction and toxicity included (none for down); nullopt for
// an unknown toxic.
std::optional<std::span<const std::string_view>> toxic_attributes(std::string_view toxic);

}  // namespace faultline::scenario
