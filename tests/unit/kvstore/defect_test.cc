#include "targets/kvstore/defect.h"

#include <gtest/gtest.h>

namespace kvstore {
namespace {

TEST(Defect, ParsesEveryDefectName) {
  EXPECT_EQ(parse_defect("none"), Defect::none);
  EXPECT_EQ(parse_defect("race"), Defect::race);
  EXPECT_EQ(parse_defect("thread-leak"), Defect::thread_leak);
  EXPECT_EQ(parse_defect("conn-storm"), Defect::conn_storm);
  EXPECT_EQ(parse_defect("unbounded-cache"), Defect::unbounded_cache);
}

TEST(Defect, RefusesNamesThatAreAlmostRight) {
  EXPECT_EQ(parse_defect(""), std::nullopt);
  EXPECT_EQ(parse_defect("thread_leak"), std::nullopt);
  EXPECT_EQ(parse_defect("Race"), std::nullopt);
  EXPECT_EQ(parse_defect("race "), std::nullopt);
}

TEST(Defect, UsageListsEveryName) {
  EXPECT_EQ(defect_names(), "none, race, thread-leak, conn-storm, unbounded-cache");
}

TEST(Defect, OnlyConnStormLiftsTheConnectionBound) {
  EXPECT_EQ(connection_bound(Defect::conn_storm, 512), std::nullopt);
  for (const Defect defect :
       {Defect::none, Defect::race, Defect::thread_leak, Defect::unbounded_cache}) {
    EXPECT_EQ(connection_bound(defect, 512), 512u);
    EXPECT_EQ(connection_bound(defect, 3), 3u);
  }
}

TEST(Defect, OnlyConnStormAllocatesAPerConnectionBuffer) {
  EXPECT_EQ(connection_buffer_bytes(Defect::conn_storm), 256u * 1024u);
  for (const Defect defect :
       {Defect::none, Defect::race, Defect::thread_leak, Defect::unbounded_cache}) {
    EXPECT_EQ(connection_buffer_bytes(defect), 0u);
  }
}

}  // namespace
}  // namespace kvstore
