#include "harness/load/http_generator.h"

#include <memory>
#include <thread>
#include <utility>
#include <vector>

#include "harness/scenario/seeded_random.h"

namespace faultline::load {
namespace {

std::vector<std::unique_ptr<HttpWorker>> http_workers(const scenario::HttpLoad& spec,
                                                      const boost::asio::ip::tcp::endpoint& endpoint,
                                                      const std::string& host_header, const RunTimeline& timeline,
                                                      std::uint64_t seed) {
  // Set up once for the whole generator, shared by its workers.
  const auto mix = std::make_shared<const RequestMix>(spec, host_header);
  std::shared_ptr<const ArrivalSchedule> schedule;
  if (spec.model == scenario::LoadModel::open) schedule = std::make_shared<const ArrivalSchedule>(spec.stages);
  const unsigned count = worker_count(spec.threads, spec.connections, std::thread::hardware_concurrency());
  const scenario::Duration length = spec.length.value_or(timeline.duration - spec.start);
  std::vector<std::unique_ptr<HttpWorker>> workers;
  for (unsigned i = 0; i < count; ++i) {
    WorkerPlan plan;
    plan.model = spec.model;
    plan.index = i;
    plan.count = count;
    plan.connections = share(spec.connections, count, i);
    plan.keepalive = spec.keepalive;
    plan.endpoint = endpoint;
    plan.mix = mix;
    plan.schedule = schedule;
    plan.epoch = timeline.epoch;
    plan.start = spec.start;
    plan.length = length;
    plan.run_length = timeline.duration;
    plan.warmup = timeline.warmup;
    plan.interval = timeline.interval;
    plan.timeout = spec.timeout;
    plan.connect_timeout = spec.connect_timeout;
    plan.seed = scenario::derive_seed(seed, i);
    workers.push_back(std::make_unique<HttpWorker>(std::move(plan)));
  }
  return workers;
}

}  // namespace

HttpGenerator::HttpGenerator(const scenario::HttpLoad& spec, const boost::asio::ip::tcp::endpoint& endpoint,
                             const std::string& host_header, const RunTimeline& timeline, std::uint64_t seed)
    : WorkerGroup(http_workers(spec, endpoint, host_header, timeline, seed)), spec_(spec) {}

}  // namespace faultline::load
