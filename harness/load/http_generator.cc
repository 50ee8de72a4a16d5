#include "harness/load/http_generator.h"

#include <algorithm>
#include <functional>
#include <thread>

namespace faultline::load {

unsigned worker_count(const scenario::HttpLoad& spec, unsigned cores) {
  const unsigned wanted = spec.threads > 0 ? spec.threads : std::max(1u, cores);
  return std::max(1u, std::min(wanted, spec.connections));
}

HttpGenerator::HttpGenerator(const scenario::HttpLoad& spec, const boost::asio::ip::tcp::endpoint& endpoint,
                             const std::string& host_header, const RunTimeline& timeline)
    : spec_(spec),
      mix_(std::make_shared<const RequestMix>(spec, host_header)),
      intervals_(worker_count(spec, std::thread::hardware_concurrency())) {
  if (spec_.model == scenario::LoadModel::open) {
    schedule_ = std::make_shared<const ArrivalSchedule>(spec_.stages);
  }
  const unsigned count = worker_count(spec_, std::thread::hardware_concurrency());
  const scenario::Duration length = spec_.length.value_or(timeline.duration - spec_.start);
  // Seeds derive from the generator's name so that {rand:N} sequences repeat run to run.
  const std::uint64_t seed = std::hash<std::string>{}(spec_.name);
  for (unsigned i = 0; i < count; ++i) {
    WorkerPlan plan;
    plan.model = spec_.model;
    plan.index = i;
    plan.count = count;
    plan.connections = spec_.connections / count + (i < spec_.connections % count ? 1 : 0);
    plan.keepalive = spec_.keepalive;
    plan.endpoint = endpoint;
    plan.mix = mix_;
    plan.schedule = schedule_;
    plan.epoch = timeline.epoch;
    plan.start = spec_.start;
    plan.length = length;
    plan.run_length = timeline.duration;
    plan.warmup = timeline.warmup;
    plan.interval = timeline.interval;
    plan.timeout = spec_.timeout;
    plan.connect_timeout = spec_.connect_timeout;
    plan.seed = seed + 0x9e3779b97f4a7c15ULL * (i + 1);
    workers_.push_back(std::make_unique<HttpWorker>(std::move(plan)));
  }
}

void HttpGenerator::start() {
  for (auto& worker : workers_) worker->start();
}

void HttpGenerator::request_stop() {
  for (auto& worker : workers_) worker->request_stop();
}

void HttpGenerator::join(Clock::time_point deadline) {
  for (auto& worker : workers_) worker->join(deadline);
}

void HttpGenerator::collect() {
  for (auto& worker : workers_) {
    for (IntervalStats& reported : worker->take_intervals()) intervals_.add(std::move(reported));
  }
}

std::vector<IntervalStats> HttpGenerator::take_completed_intervals() {
  collect();
  return intervals_.take_completed();
}

std::vector<IntervalStats> HttpGenerator::take_remaining_intervals() {
  collect();
  return intervals_.take_remaining();
}

LoadStats HttpGenerator::measured() const {
  LoadStats total;
  for (const auto& worker : workers_) total.merge(worker->measured());
  return total;
}

}  // namespace faultline::load
