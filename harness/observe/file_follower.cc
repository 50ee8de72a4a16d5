#include "harness/observe/file_follower.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace faultline::observe {

FileFollower::FileFollower(std::filesystem::path path, std::size_t max_bytes_per_read)
    : path_(std::move(path)), max_bytes_per_read_(max_bytes_per_read) {}

std::string FileFollower::read_new() {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    ::close(fd);
    return {};
  }
  const auto size = static_cast<std::uint64_t>(status.st_size);
  if (size < offset_) offset_ = 0;

  std::string data(static_cast<std::size_t>(std::min<std::uint64_t>(size - offset_, max_bytes_per_read_)), '\0');
  std::size_t got = 0;
  // pread until the planned bytes are in; every round reads at least one byte or stops.
  while (got < data.size()) {
    const ssize_t n = ::pread(fd, data.data() + got, data.size() - got, static_cast<off_t>(offset_ + got));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  data.resize(got);
  offset_ += got;
  return data;
}

}  // namespace faultline::observe
