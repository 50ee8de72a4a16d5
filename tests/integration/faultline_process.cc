#include "faultline_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace faultline::testing {

namespace {
std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}
}  // namespace

FaultlineProcess::FaultlineProcess(const std::vector<std::string>& args, const std::filesystem::path& work_dir)
    : out_path_(work_dir / "faultline.stdout"), err_path_(work_dir / "faultline.stderr") {
  std::vector<std::string> argv_strings{FAULTLINE_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int out = open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    if (chdir(work_dir.c_str()) != 0) _exit(126);
    setenv("FAULTLINE_TARGETS", FAULTLINE_TARGETS_DIR, 1);
    std::vector<char*> argv;
    for (std::string& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
}

FaultlineProcess::~FaultlineProcess() {
  if (pid_ > 0) wait(std::chrono::seconds(0));
}

void FaultlineProcess::signal(int signal_number) const { kill(pid_, signal_number); }

Outcome FaultlineProcess::wait(std::chrono::seconds limit) {
  Outcome outcome;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (true) {
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  pid_ = -1;
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.out = slurp(out_path_);
  outcome.err = slurp(err_path_);
  return outcome;
}

Outcome run_faultline(const std::vector<std::string>& args, const std::filesystem::path& work_dir,
                      std::chrono::seconds limit) {
  FaultlineProcess process(args, work_dir);
  return process.wait(limit);
}

std::filesystem::path fresh_directory(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("faultline-it-" + std::to_string(getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::filesystem::path write_file(const std::filesystem::path& work_dir, const std::string& name, const std::string& text) {
  const auto path = work_dir / name;
  std::ofstream(path) << text;
  return path;
}

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return nlohmann::json::parse(in);
}

bool process_alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return false;
  std::string pid_field, comm, state;
  stat >> pid_field >> comm >> state;
  return state != "Z";
}

std::string kvstore_path() { return std::string(FAULTLINE_TARGETS_DIR) + "/kvstore"; }

}  // namespace faultline::testing
