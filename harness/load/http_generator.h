// An HTTP load generator as the scenario describes it: splits its connections and its arrival
// stream across worker threads, runs them, and merges their figures per series interval.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "harness/load/http_worker.h"
#include "harness/load/interval_collator.h"
#include "harness/load/run_timeline.h"
#include "harness/scenario/scenario.h"

namespace faultline::load {

class HttpGenerator {
 public:
  using Clock = std::chrono::steady_clock;

  // `host_header` is sent as Host; `endpoint` is where connections go.
  HttpGenerator(const scenario::HttpLoad& spec, const boost::asio::ip::tcp::endpoint& endpoint,
                const std::string& host_header, const RunTimeline& timeline);

  const std::string& name() const { return spec_.name; }
  const scenario::HttpLoad& spec() const { return spec_; }
  unsigned thread_count() const { return static_cast<unsigned>(workers_.size()); }

  void start();
  void request_stop();
  void join(Clock::time_point deadline);

  // Intervals every worker has reported, merged, in order; each returned once.
  std::vector<IntervalStats> take_completed_intervals();
  // After join(): every interval not yet taken, complete or not.
  std::vector<IntervalStats> take_remaining_intervals();
  // After join(): the whole measured span (after warm-up), all workers merged.
  LoadStats measured() const;

 private:
  void collect();

  scenario::HttpLoad spec_;
  std::shared_ptr<const RequestMix> mix_;
  std::shared_ptr<const ArrivalSchedule> schedule_;
  std::vector<std::unique_ptr<HttpWorker>> workers_;
  IntervalCollator<IntervalStats> intervals_;
};

// Worker threads for a generator: the scenario's choice, else one per core, never more than
// there are connections.
unsigned worker_count(const scenario::HttpLoad& spec, unsigned cores);

}  // namespace faultline::load
