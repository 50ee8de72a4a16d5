#include "harness/scenario/did_you_mean.h"

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

TEST(DidYouMean, CountsEachKindOfEditOnce) {
  EXPECT_EQ(edit_distance("connections", "connections"), 0u);
  EXPECT_EQ(edit_distance("conections", "connections"), 1u);   // deletion
  EXPECT_EQ(edit_distance("connnections", "connections"), 1u); // insertion
  EXPECT_EQ(edit_distance("connectiens", "connections"), 1u);  // substitution
  EXPECT_EQ(edit_distance("cnonections", "connections"), 1u);  // adjacent swap
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(DidYouMean, IgnoresCaseWhenMeasuring) {
  EXPECT_EQ(edit_distance("Connections", "connections"), 0u);
}

TEST(DidYouMean, SuggestsClosestCandidate) {
  EXPECT_EQ(did_you_mean("conections", {"name", "connections", "connect_timeout"}), "connections");
  EXPECT_EQ(did_you_mean("tiemout", {"timeout", "connect_timeout"}), "timeout");
  EXPECT_EQ(did_you_mean("reqeusts", {"requests", "headers"}), "requests");
}

TEST(DidYouMean, SuggestsNothingWhenNoCandidateIsClose) {
  EXPECT_EQ(did_you_mean("faults", {"name", "duration", "load"}), std::nullopt);
  EXPECT_EQ(did_you_mean("anything", {}), std::nullopt);
}

TEST(DidYouMean, AllowsOnlyOneEditInShortWords) {
  EXPECT_EQ(did_you_mean("rate", {"name", "start"}), std::nullopt);
  EXPECT_EQ(did_you_mean("fro", {"for"}), "for");
  EXPECT_EQ(did_you_mean("durtaion", {"duration"}), "duration");
  EXPECT_EQ(did_you_mean("durxyzon", {"duration"}), std::nullopt);
}

TEST(DidYouMean, PrefersEarliestCandidateOnTie) {
  EXPECT_EQ(did_you_mean("cat", {"bat", "cut"}), "bat");
  EXPECT_EQ(did_you_mean("cat", {"cut", "bat"}), "cut");
}

}  // namespace
}  // namespace faultline::scenario
