// How far faultline raises its descriptor limit for a run's connections, and what it says when
// the hard limit is too low.
#include "harness/engine/open_files_limit.h"

#include <gtest/gtest.h>

namespace faultline::engine {
namespace {

TEST(OpenFilesLimit, LeavesASufficientSoftLimitAlone) {
  EXPECT_EQ(soft_limit_for(100, {1024, 1'048'576}), 1024u);
  EXPECT_EQ(soft_limit_for(1024 - kReservedDescriptors, {1024, 1'048'576}), 1024u);
}

TEST(OpenFilesLimit, RaisesOnlyAsFarAsTheConnectionsNeed) {
  EXPECT_EQ(soft_limit_for(10'000, {1024, 1'048'576}), 10'000 + kReservedDescriptors);
}

TEST(OpenFilesLimit, ConnectionsThroughTheProxyHoldThreeDescriptors) {
  EXPECT_EQ(connection_descriptors(1000, false), 1000u);
  EXPECT_EQ(connection_descriptors(1000, true), 3000u);  // the client's, the proxy's accepted and upstream
}

TEST(OpenFilesLimit, StopsAtTheHardLimit) {
  EXPECT_EQ(soft_limit_for(10'000, {1024, 4096}), 4096u);
}

TEST(OpenFilesLimit, ShortfallNamesTheNumbersAndTheWayOut) {
  EXPECT_EQ(open_files_shortfall(3000, {4096, 4096}), "");
  EXPECT_EQ(open_files_shortfall(5000, {4096, 4096}),
            "the run's connections hold 5000 descriptors (one each, three through a fault proxy), so faultline needs "
            "about 5256 open files, but it may open at most 4096 (RLIMIT_NOFILE, hard limit 4096); raise the hard "
            "limit (ulimit -Hn 5256 as root, or LimitNOFILE= in a systemd unit) or use fewer connections");
}

}  // namespace
}  // namespace faultline::engine
