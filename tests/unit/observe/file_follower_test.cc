#include "harness/observe/file_follower.h"

#include <fstream>

#include <gtest/gtest.h>

#include "tests/unit/observe/temp_dir.h"

namespace faultline::observe {
namespace {

void append(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::app) << text;
}

TEST(FileFollower, ReadsOnlyWhatWasAppendedSinceTheLastRead) {
  TempDir dir;
  const auto path = dir.path() / "stderr.log";
  FileFollower follower(path);
  append(path, "one\ntw");
  EXPECT_EQ(follower.read_new(), "one\ntw");
  EXPECT_EQ(follower.read_new(), "");
  append(path, "o\n");
  EXPECT_EQ(follower.read_new(), "o\n");
  EXPECT_EQ(follower.offset(), 8u);
}

TEST(FileFollower, ReadsNothingUntilTheFileExists) {
  TempDir dir;
  FileFollower follower(dir.path() / "later.log");
  EXPECT_EQ(follower.read_new(), "");
  append(dir.path() / "later.log", "now\n");
  EXPECT_EQ(follower.read_new(), "now\n");
}

TEST(FileFollower, ReadsABacklogInBoundedPieces) {
  TempDir dir;
  const auto path = dir.path() / "flood.log";
  append(path, "abcdefghij");
  FileFollower follower(path, 4);
  EXPECT_EQ(follower.read_new(), "abcd");
  EXPECT_EQ(follower.read_new(), "efgh");
  EXPECT_EQ(follower.read_new(), "ij");
  EXPECT_EQ(follower.read_new(), "");
}

TEST(FileFollower, StartsOverWhenTheFileIsTruncated) {
  TempDir dir;
  const auto path = dir.path() / "rotated.log";
  append(path, "old old old\n");
  FileFollower follower(path);
  EXPECT_EQ(follower.read_new(), "old old old\n");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << "new\n";
  EXPECT_EQ(follower.read_new(), "new\n");
}

}  // namespace
}  // namespace faultline::observe
