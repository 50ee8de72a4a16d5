// A reconnect policy in words, as both the terminal summary and the HTML report state it.
#include "reports/terminal/reconnect_policy_text.h"

#include <gtest/gtest.h>

namespace faultline::reports {
namespace {

TEST(ReconnectPolicyText, DescribesEveryBackoff) {
  scenario::Reconnect r;
  r.backoff = scenario::Reconnect::Backoff::immediate;
  EXPECT_EQ(reconnect_policy_text(r), "immediately");
  r.max_attempts = 3;
  EXPECT_EQ(reconnect_policy_text(r), "immediately, gives up after 3 attempts");
  r.backoff = scenario::Reconnect::Backoff::fixed;
  r.jitter = scenario::Reconnect::Jitter::none;
  EXPECT_EQ(reconnect_policy_text(r), "after 1s, no jitter, gives up after 3 attempts");
  r.backoff = scenario::Reconnect::Backoff::exponential;
  r.jitter = scenario::Reconnect::Jitter::equal;
  r.max_attempts = 0;
  r.base = std::chrono::milliseconds(250);
  r.cap = std::chrono::seconds(30);
  EXPECT_EQ(reconnect_policy_text(r), "exponential backoff 250ms to 30s, equal jitter");
}

TEST(ReconnectPolicyText, SaysWhenClientsGiveUpOnceWhateverTheBackoff) {
  scenario::Reconnect r;
  r.max_attempts = 1000;
  EXPECT_EQ(reconnect_policy_text(r), "exponential backoff 100ms to 10s, full jitter, gives up after 1,000 attempts");
}

}  // namespace
}  // namespace faultline::reports
