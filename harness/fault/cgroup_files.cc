#include "harness/fault/cgroup_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace faultline::fault {

namespace {

[[noreturn]] void throw_errno(int error, std::string_view operation, const std::filesystem::path& path) {
  throw std::system_error(error, std::generic_category(), std::string(operation) + " " + path.string());
}

// Closes a descriptor on every path out of read() and write().
class OpenFile {
 public:
  OpenFile(const std::filesystem::path& path, int flags, std::string_view operation)
      : fd_(::open(path.c_str(), flags | O_CLOEXEC)) {
    if (fd_ < 0) throw_errno(errno, operation, path);
  }
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  ~OpenFile() { ::close(fd_); }
  int fd() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

bool SystemCgroupFiles::exists(const std::filesystem::path& path) const {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

std::string SystemCgroupFiles::read(const std::filesystem::path& file) const {
  const OpenFile opened(file, O_RDONLY, "read");
  std::string content;
  char buffer[4096];
  for (;;) {
    const ssize_t count = ::read(opened.fd(), buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) throw_errno(errno, "read", file);
    if (count == 0) return content;
    content.append(buffer, static_cast<std::size_t>(count));
  }
}

void SystemCgroupFiles::write(const std::filesystem::path& file, std::string_view text) {
  // O_TRUNC matters only for a regular file (a fake tree); cgroupfs ignores it.
  const OpenFile opened(file, O_WRONLY | O_TRUNC, "write");
  ssize_t count = 0;
  do {
    count = ::write(opened.fd(), text.data(), text.size());
  } while (count < 0 && errno == EINTR);
  if (count < 0) throw_errno(errno, "write", file);
  // A short write would hand cgroupfs half a value; it never happens for these few bytes.
  if (static_cast<std::size_t>(count) != text.size()) throw_errno(EIO, "write (short)", file);
}

void SystemCgroupFiles::make_directory(const std::filesystem::path& directory) {
  if (::mkdir(directory.c_str(), 0755) != 0) throw_errno(errno, "mkdir", directory);
}

void SystemCgroupFiles::remove_directory(const std::filesystem::path& directory) {
  if (::rmdir(directory.c_str()) != 0) throw_errno(errno, "rmdir", directory);
}

CgroupFiles& system_cgroup_files() {
  static SystemCgroupFiles files;
  return files;
}

}  // namespace faultline::fault
