#include "harness/fault/resource_limits.h"

#include <stdexcept>
#include <string>

#include "harness/fault/cgroup_membership.h"
#include "harness/fault/cgroup_v1_limits.h"
#include "harness/fault/cgroup_v2_limits.h"
#include "harness/fault/rlimit_fallback.h"

namespace faultline::fault {

namespace {

constexpr std::size_t kMaxRunIdLength = 64;

// The run id becomes a directory name: nothing that could climb out of the hierarchy.
void check_run_id(std::string_view run_id) {
  const bool safe_characters = run_id.find_first_not_of(
                                   "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
                               std::string_view::npos;
  if (run_id.empty() || run_id.size() > kMaxRunIdLength || !safe_characters || run_id == "." || run_id == "..") {
    throw std::invalid_argument("run id \"" + std::string(run_id) +
                                "\": expected 1 to 64 characters from A-Z, a-z, 0-9, '.', '_', '-'");
  }
}

}  // namespace

std::unique_ptr<ResourceLimits> open_resource_limits(std::string_view run_id, const LimitsOptions& options,
                                                     CgroupFiles& files) {
  check_run_id(run_id);
  const std::string name = "faultline-" + std::string(run_id);
  // Without the membership file the child cgroups go directly below the hierarchies' roots.
  const CgroupMembership membership = files.exists(options.membership_file)
                                          ? parse_cgroup_membership(files.read(options.membership_file))
                                          : CgroupMembership{};
  std::string unavailable;
  if (auto limits = CgroupV2Limits::open(files, options.cgroup_root, membership, name, unavailable)) return limits;
  if (auto limits = CgroupV1Limits::open(files, options.cgroup_root, membership, name, unavailable)) return limits;
  return std::make_unique<RlimitFallback>(std::move(unavailable));
}

}  // namespace faultline::fault
