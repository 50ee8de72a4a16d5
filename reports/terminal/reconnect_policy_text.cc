#include "reports/terminal/reconnect_policy_text.h"

#include "harness/scenario/units.h"
#include "reports/terminal/number_format.h"

namespace faultline::reports {

namespace {

std::string jitter_text(scenario::Reconnect::Jitter jitter) {
  switch (jitter) {
    case scenario::Reconnect::Jitter::none: return "no jitter";
    case scenario::Reconnect::Jitter::full: return "full jitter";
    case scenario::Reconnect::Jitter::equal: return "equal jitter";
  }
  return "";
}

}  // namespace

std::string reconnect_policy_text(const scenario::Reconnect& reconnect) {
  using Backoff = scenario::Reconnect::Backoff;
  std::string text;
  switch (reconnect.backoff) {
    // Reconnecting at once has no pause to jitter.
    case Backoff::immediate: text = "immediately"; break;
    case Backoff::fixed: text = "after " + scenario::format_duration(reconnect.delay) + ", " + jitter_text(reconnect.jitter); break;
    case Backoff::exponential:
      text = "exponential backoff " + scenario::format_duration(reconnect.base) + " to " + scenario::format_duration(reconnect.cap) + ", " +
             jitter_text(reconnect.jitter);
      break;
  }
  if (reconnect.max_attempts > 0) text += ", gives up after " + with_thousands(reconnect.max_attempts) + " attempts";
  return text;
}

}  // namespace faultline::reports
