#include "harness/engine/output_tail.h"

#include <stdlib.h>

#include <fstream>

#include <gtest/gtest.h>

namespace faultline::engine {
namespace {

namespace fs = std::filesystem;
using Lines = std::vector<std::string>;

class OutputTail : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "faultline-tail-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& content) {
    const fs::path path = dir_ / "log";
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  fs::path dir_;
};

TEST_F(OutputTail, ReturnsEveryLineOfAFileShorterThanAsked) {
  EXPECT_EQ(read_last_lines(write("one\ntwo\nthree\n"), 20), (Lines{"one", "two", "three"}));
}

TEST_F(OutputTail, ReturnsExactlyTheLinesOfAFileOfTheAskedLength) {
  EXPECT_EQ(read_last_lines(write("a\nb\nc\n"), 3), (Lines{"a", "b", "c"}));
}

TEST_F(OutputTail, ReturnsOnlyTheLastLinesOfALongFile) {
  std::string content;
  for (int i = 0; i < 1000; ++i) content += "line " + std::to_string(i) + "\n";
  Lines expected;
  for (int i = 980; i < 1000; ++i) expected.push_back("line " + std::to_string(i));
  EXPECT_EQ(read_last_lines(write(content), 20), expected);
}

TEST_F(OutputTail, IncludesALastLineWithoutNewline) {
  EXPECT_EQ(read_last_lines(write("a\nb\nunfinished"), 2), (Lines{"b", "unfinished"}));
}

TEST_F(OutputTail, KeepsEmptyLines) {
  EXPECT_EQ(read_last_lines(write("a\n\nb\n"), 20), (Lines{"a", "", "b"}));
}

TEST_F(OutputTail, StripsCarriageReturns) {
  EXPECT_EQ(read_last_lines(write("a\r\nb\r\n"), 20), (Lines{"a", "b"}));
}

TEST_F(OutputTail, ReadsLinesLongerThanOneBlock) {
  const std::string long_line(10000, 'x');
  EXPECT_EQ(read_last_lines(write("first\n" + long_line + "\nlast\n"), 2), (Lines{long_line, "last"}));
}

TEST_F(OutputTail, ReturnsOnlyTheEndOfALineLongerThanTheByteCap) {
  const std::string huge_line = std::string(200000, 'x') + "END";
  const Lines lines = read_last_lines(write(huge_line + "\n"), 20, 1024);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].size(), 1023u);  // the cap counts the newline too
  EXPECT_TRUE(lines[0].ends_with("xEND"));
}

TEST_F(OutputTail, AnEmptyFileHasNoLines) { EXPECT_TRUE(read_last_lines(write(""), 20).empty()); }

TEST_F(OutputTail, AMissingFileHasNoLines) { EXPECT_TRUE(read_last_lines(dir_ / "missing", 20).empty()); }

TEST_F(OutputTail, AskingForNoLinesReturnsNone) { EXPECT_TRUE(read_last_lines(write("a\nb\n"), 0).empty()); }

}  // namespace
}  // namespace faultline::engine
