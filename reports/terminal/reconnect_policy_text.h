// A connection generator's reconnect policy in words, for the terminal summary and the HTML
// report alike.
#pragma once

#include <string>

#include "harness/scenario/scenario.h"

namespace faultline::reports {

// "exponential backoff 100ms to 10s, full jitter", "immediately", "after 1s, no jitter, gives up
// after 3 attempts".
std::string reconnect_policy_text(const scenario::Reconnect& reconnect);

}  // namespace faultline::reports
