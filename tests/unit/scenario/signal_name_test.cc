#include "harness/scenario/signal_name.h"

#include <csignal>

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

TEST(SignalName, ReadsNamesWithOrWithoutPrefixInAnyCaseAndNumbers) {
  EXPECT_EQ(*parse_signal("SIGKILL"), SIGKILL);
  EXPECT_EQ(*parse_signal("term"), SIGTERM);
  EXPECT_EQ(*parse_signal("SigUsr1"), SIGUSR1);
  EXPECT_EQ(*parse_signal("9"), 9);
  EXPECT_EQ(*parse_signal("SIGIO"), SIGIO) << "glibc calls it POLL";
  EXPECT_EQ(*parse_signal("iot"), SIGABRT);
  EXPECT_EQ(*parse_signal(std::to_string(SIGRTMIN + 1)), SIGRTMIN + 1);
}

TEST(SignalName, RejectsUnknownNamesAndNumbersOutOfRange) {
  EXPECT_EQ(parse_signal("SIGFOO").error(),
            "unknown signal \"SIGFOO\" (expected a name such as SIGTERM, SIGKILL, SIGUSR1, or a number)");
  EXPECT_FALSE(parse_signal("0"));
  EXPECT_FALSE(parse_signal("999"));
  EXPECT_FALSE(parse_signal(""));
  EXPECT_FALSE(parse_signal("SIG"));
}

TEST(SignalName, NamesStandardSignalsAndNumbersTheRest) {
  EXPECT_EQ(signal_name(SIGKILL), "SIGKILL");
  EXPECT_EQ(signal_name(SIGSTOP), "SIGSTOP");
  EXPECT_EQ(signal_name(SIGRTMIN + 2), "signal " + std::to_string(SIGRTMIN + 2));
}

}  // namespace
}  // namespace faultline::scenario
