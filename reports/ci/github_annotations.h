// GitHub Actions workflow commands that annotate a job with what failed the run, one line each:
//   ::error title=faultline smoke%3A expectation failed::load.api.p99 during steady = 300ms, expected < 250ms
// in this order: findings (crashes, OOM kills, races, leaks, fault errors, interruptions), failed
// expectations, regressions, metrics with too few samples that the scenario does not accept.
// GitHub shows at most 10 error annotations per step: past 10, the first 10 are written and a
// ::notice says how many more there are and where to read them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "reports/ci/ci_outcome.h"

namespace faultline::reports::ci {

inline constexpr std::size_t kMaxErrorAnnotations = 10;

// The lines to print on standard output; "" when nothing failed.
std::string github_annotations(const CiOutcome& outcome);

// GitHub's escaping of a command's message: '%' as %25, '\r' as %0D, '\n' as %0A; malformed UTF-8
// as U+FFFD.
std::string annotation_message(std::string_view text);

// The same for a property value (title=...), where ':' (%3A) and ',' (%2C) would end it too.
std::string annotation_property(std::string_view text);

}  // namespace faultline::reports::ci
