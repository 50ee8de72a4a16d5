// Runs the real faultline binary for end-to-end tests: arguments in, exit code and captured
// output out, with a hard time limit so that a hung run fails the test instead of hanging it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace faultline::testing {

struct Outcome {
  int exit_code = -1;     // -1 when killed by a signal (or by the time limit)
  std::string out;        // stdout
  std::string err;        // stderr
};

class FaultlineProcess {
 public:
  // Starts `faultline args...` with stdout and stderr captured in files under `work_dir`.
  FaultlineProcess(const std::vector<std::string>& args, const std::filesystem::path& work_dir);
  ~FaultlineProcess();

  pid_t pid() const { return pid_; }
  void signal(int signal_number) const;
  // Waits for the exit, killing the process after `limit`.
  Outcome wait(std::chrono::seconds limit = std::chrono::seconds(60));

 private:
  pid_t pid_ = -1;
  std::filesystem::path out_path_;
  std::filesystem::path err_path_;
};

// Runs faultline to completion.
Outcome run_faultline(const std::vector<std::string>& args, const std::filesystem::path& work_dir,
                      std::chrono::seconds limit = std::chrono::seconds(60));

// A fresh empty directory for one test.
std::filesystem::path fresh_directory(const std::string& name);

// Writes `text` to work_dir/name and returns the path.
std::filesystem::path write_file(const std::filesystem::path& work_dir, const std::string& name, const std::string& text);

nlohmann::json read_json(const std::filesystem::path& path);

// True while a process with this PID exists (and is not a zombie).
bool process_alive(pid_t pid);

// The kvstore binary built with the tests.
std::string kvstore_path();

}  // namespace faultline::testing
