// An HTTP load generator as the scenario describes it: splits its connections and its arrival
// stream across worker threads, runs them, and merges their figures per series interval.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>

#include "harness/load/http_worker.h"
#include "harness/load/run_timeline.h"
#include "harness/load/worker_group.h"
#include "harness/scenario/scenario.h"

namespace faultline::load {

class HttpGenerator : public WorkerGroup<HttpWorker, IntervalStats> {
 public:
  // `host_header` is sent as Host; `endpoint` is where connections go. `seed` is the generator's
  // (from the scenario's): its {rand:N} draws and request choices repeat from it.
  HttpGenerator(const scenario::HttpLoad& spec, const boost::asio::ip::tcp::endpoint& endpoint,
                const std::string& host_header, const RunTimeline& timeline, std::uint64_t seed);

  const std::string& name() const { return spec_.name; }
  const scenario::HttpLoad& spec() const { return spec_; }

 private:
  scenario::HttpLoad spec_;
};

}  // namespace faultline::load
