#include "harness/fault/cgroup_values.h"

#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "harness/fault/resource_limits.h"

namespace faultline::fault {

namespace {

constexpr std::uint64_t kPeriodUs = 100'000;
// The kernel refuses a smaller cfs_quota_us / cpu.max quota.
constexpr std::uint64_t kMinimumQuotaUs = 1'000;
// Far beyond any machine; keeps the quota arithmetic exact and in range.
constexpr double kMaximumCores = 1e6;

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  return text;
}

std::optional<std::uint64_t> parse_number(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::uint64_t read_counter(const CgroupFiles& files, const std::filesystem::path& file) {
  const std::string content = files.read(file);
  if (const auto value = parse_number(trimmed(content))) return *value;
  throw std::runtime_error(file.string() + ": expected a number, got \"" + std::string(trimmed(content)) + "\"");
}

std::optional<std::uint64_t> keyed_value(std::string_view text, std::string_view key) {
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.size() > key.size() && line.starts_with(key) && line[key.size()] == ' ') {
      return parse_number(trimmed(line.substr(key.size() + 1)));
    }
  }
  return std::nullopt;
}

bool has_word(std::string_view list, std::string_view word) {
  while (!list.empty()) {
    const std::size_t end = list.find_first_of(" \n");
    if (list.substr(0, end) == word) return true;
    list = end == std::string_view::npos ? std::string_view() : list.substr(end + 1);
  }
  return false;
}

CpuQuota cpu_quota_for(double cores) {
  if (!std::isfinite(cores) || cores <= 0 || cores > kMaximumCores) {
    std::ostringstream message;
    message << "cpu limit: expected a positive number of cores, got " << cores;
    throw LimitError(message.str());
  }
  const double quota_us = std::round(cores * static_cast<double>(kPeriodUs));
  if (quota_us < static_cast<double>(kMinimumQuotaUs)) {
    std::ostringstream message;
    message << "cpu limit: " << cores << " cores is below the kernel's minimum of 0.01 (1 ms per 100 ms period)";
    throw LimitError(message.str());
  }
  return CpuQuota{static_cast<std::uint64_t>(quota_us), kPeriodUs};
}

}  // namespace faultline::fault
