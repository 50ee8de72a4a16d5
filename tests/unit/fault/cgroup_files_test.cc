#include "harness/fault/cgroup_files.h"

#include <stdlib.h>

#include <fstream>
#include <system_error>

#include <gtest/gtest.h>

namespace faultline::fault {
namespace {

namespace fs = std::filesystem;

class SystemCgroupFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "faultline-files-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = fs::canonical(pattern);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The error's message and code, or an empty message when `action` did not throw.
  template <typename Action>
  std::system_error error_of(Action action) {
    try {
      action();
    } catch (const std::system_error& error) {
      return error;
    }
    return std::system_error(std::error_code(), "");
  }

  SystemCgroupFiles files_;
  fs::path dir_;
};

TEST_F(SystemCgroupFilesTest, ReadsTheWholeFilePastOneBuffer) {
  const std::string content(10'000, 'x');
  std::ofstream(dir_ / "big") << content;
  EXPECT_EQ(files_.read(dir_ / "big"), content);
}

TEST_F(SystemCgroupFilesTest, ReadOfAMissingFileNamesThePathAndTheError) {
  const auto error = error_of([&] { files_.read(dir_ / "memory.current"); });
  EXPECT_EQ(error.code(), std::errc::no_such_file_or_directory);
  EXPECT_NE(std::string(error.what()).find((dir_ / "memory.current").string()), std::string::npos) << error.what();
  EXPECT_NE(std::string(error.what()).find("No such file or directory"), std::string::npos) << error.what();
}

TEST_F(SystemCgroupFilesTest, WriteReplacesTheContent) {
  std::ofstream(dir_ / "memory.max") << "max\n";
  files_.write(dir_ / "memory.max", "64");
  EXPECT_EQ(files_.read(dir_ / "memory.max"), "64");
}

TEST_F(SystemCgroupFilesTest, WriteNeverCreatesAMissingFile) {
  const auto error = error_of([&] { files_.write(dir_ / "cpu.max", "max"); });
  EXPECT_EQ(error.code(), std::errc::no_such_file_or_directory);
  EXPECT_FALSE(files_.exists(dir_ / "cpu.max"));
}

TEST_F(SystemCgroupFilesTest, MakeDirectoryRefusesAnExistingDirectory) {
  files_.make_directory(dir_ / "child");
  EXPECT_TRUE(files_.exists(dir_ / "child"));
  EXPECT_EQ(error_of([&] { files_.make_directory(dir_ / "child"); }).code(), std::errc::file_exists);
}

TEST_F(SystemCgroupFilesTest, RemoveDirectoryRefusesADirectoryWithFilesAndNamesIt) {
  files_.make_directory(dir_ / "child");
  std::ofstream(dir_ / "child" / "cgroup.procs") << "";
  const auto error = error_of([&] { files_.remove_directory(dir_ / "child"); });
  EXPECT_EQ(error.code(), std::errc::directory_not_empty);
  EXPECT_NE(std::string(error.what()).find("rmdir " + (dir_ / "child").string()), std::string::npos) << error.what();
  fs::remove(dir_ / "child" / "cgroup.procs");
  files_.remove_directory(dir_ / "child");
  EXPECT_FALSE(files_.exists(dir_ / "child"));
}

}  // namespace
}  // namespace faultline::fault
