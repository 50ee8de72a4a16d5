#include "harness/fault/proxy.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <future>
#include <stdexcept>
#include <type_traits>

#include "harness/fault/listener.h"
#include "harness/fault/proxy_worker.h"

namespace faultline::fault {

namespace asio = boost::asio;

namespace {

// A worker's loop only runs short handlers, so a control call that waits longer than this
// means the loop is gone (stopped); the call then gives up rather than hang.
constexpr auto kControlTimeout = std::chrono::seconds(5);
// How long stop() lets connections close and handlers drain before stopping loops by force.
constexpr auto kStopGrace = std::chrono::seconds(2);

// Runs `task` on the worker's thread; the returned future is ready unless the wait timed out.
template <typename F>
std::future<std::invoke_result_t<F>> run_on(ProxyWorker& worker, F task) {
  std::packaged_task<std::invoke_result_t<F>()> packaged(std::move(task));
  auto done = packaged.get_future();
  asio::post(worker.io(), std::move(packaged));
  done.wait_for(kControlTimeout);
  return done;
}

// Runs `task(worker)` on every worker's thread at once and waits for all of them (bounded).
template <typename F>
void run_on_all(const std::vector<std::unique_ptr<ProxyWorker>>& workers, F task) {
  std::vector<std::future<void>> done;
  for (const auto& worker : workers) {
    std::packaged_task<void()> packaged([&worker = *worker, task] { task(worker); });
    done.push_back(packaged.get_future());
    asio::post(worker->io(), std::move(packaged));
  }
  const auto deadline = std::chrono::steady_clock::now() + kControlTimeout;
  for (auto& each : done) each.wait_until(deadline);
}

void check_config(const ProxyConfig& config) {
  if (!config.allow_remote && (!config.listen.address().is_loopback() || !config.upstream.address().is_loopback())) {
    throw std::invalid_argument("the fault proxy listens on and forwards to loopback addresses only "
                                "(127.0.0.0/8, ::1) unless remote targets are allowed");
  }
  if (config.upstream.port() == 0) throw std::invalid_argument("the fault proxy needs the target's port");
  if (config.threads == 0) throw std::invalid_argument("the fault proxy needs at least one thread");
  if (config.buffer_bytes == 0) throw std::invalid_argument("the fault proxy needs a buffer of at least one byte");
  if (config.max_connections == 0) throw std::invalid_argument("the fault proxy needs max_connections of at least one");
}

}  // namespace

Proxy::Proxy(const ProxyConfig& config) : config_(config) {
  check_config(config_);
  for (unsigned i = 0; i < config_.threads; ++i) {
    workers_.push_back(std::make_unique<ProxyWorker>(config_, open_connections_));
  }
  listener_ = std::make_shared<Listener>(workers_);
  listener_->open(config_.listen);
  endpoint_ = listener_->endpoint();
  asio::post(workers_.front()->io(), [listener = listener_] { listener->start(); });
  for (auto& worker : workers_) worker->start();
}

Proxy::~Proxy() { stop(); }

asio::ip::tcp::endpoint Proxy::endpoint() const { return endpoint_; }

ToxicId Proxy::add_toxic(const ToxicSpec& spec) {
  if (auto problem = check_toxic(spec)) throw std::invalid_argument(*problem);
  std::lock_guard lock(mutex_);
  const ToxicId id{next_toxic_id_++};
  std::vector<ActiveToxic> next = toxics_;
  next.push_back(ActiveToxic{id, spec});
  publish_toxics(std::move(next));
  if (std::holds_alternative<DownToxic>(spec.toxic)) apply_down_state();
  return id;
}

boost::system::error_code Proxy::remove_toxic(ToxicId id) {
  std::lock_guard lock(mutex_);
  const auto found = std::find_if(toxics_.begin(), toxics_.end(), [&](const ActiveToxic& t) { return t.id == id; });
  if (found == toxics_.end()) return asio::error::not_found;
  const bool was_down = std::holds_alternative<DownToxic>(found->spec.toxic);
  std::vector<ActiveToxic> next = toxics_;
  next.erase(next.begin() + (found - toxics_.begin()));
  publish_toxics(std::move(next));
  return was_down ? apply_down_state() : boost::system::error_code{};
}

std::vector<ActiveToxic> Proxy::toxics() const {
  std::lock_guard lock(mutex_);
  return toxics_;
}

void Proxy::down() {
  std::lock_guard lock(mutex_);
  down_requested_ = true;
  apply_down_state();
}

boost::system::error_code Proxy::up() {
  std::lock_guard lock(mutex_);
  down_requested_ = false;
  return apply_down_state();
}

bool Proxy::is_down() const {
  std::lock_guard lock(mutex_);
  return !listening_;
}

ProxyCounters Proxy::counters() const {
  std::lock_guard lock(mutex_);
  if (stopped_) return final_counters_;
  ProxyCounters total;
  for (const auto& worker : workers_) worker->counters().add_to(total);
  return total;
}

void Proxy::stop() {
  std::lock_guard lock(mutex_);
  if (stopped_) return;
  // The listener closes first (posted ahead of the first worker's shutdown), so no connection
  // is accepted while the sessions are being closed.
  asio::post(workers_.front()->io(), [listener = listener_] { listener->close(); });
  for (auto& worker : workers_) worker->begin_stop();
  const auto deadline = std::chrono::steady_clock::now() + kStopGrace;
  for (auto& worker : workers_) worker->join(deadline);
  for (const auto& worker : workers_) worker->counters().add_to(final_counters_);
  stopped_ = true;
  listener_.reset();
  workers_.clear();
}

// Called with mutex_ held.
void Proxy::publish_toxics(std::vector<ActiveToxic> toxics) {
  toxics_ = std::move(toxics);
  if (stopped_) return;
  auto shared = std::make_shared<const std::vector<ActiveToxic>>(toxics_);
  run_on_all(workers_, [shared](ProxyWorker& worker) { worker.set_toxics(shared); });
}

// Called with mutex_ held. Makes the listener and the connections match the wanted state.
boost::system::error_code Proxy::apply_down_state() {
  if (stopped_) return {};
  const bool want_down = down_requested_ || std::any_of(toxics_.begin(), toxics_.end(), [](const ActiveToxic& t) {
                           return std::holds_alternative<DownToxic>(t.spec.toxic);
                         });
  if (want_down && listening_) {
    // Close the listener before the connections: a connection accepted just before the close
    // has its session posted to its worker ahead of the end_all below, so it is cut too.
    run_on(*workers_.front(), [listener = listener_] { listener->close(); });
    listening_ = false;
    run_on_all(workers_, [](ProxyWorker& worker) { worker.end_all(Session::Ending::cut); });
    return {};
  }
  if (!want_down && !listening_) {
    auto reopened = run_on(*workers_.front(), [listener = listener_] { return listener->reopen(); });
    if (reopened.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return asio::error::timed_out;
    const boost::system::error_code ec = reopened.get();
    if (!ec) listening_ = true;
    return ec;
  }
  return {};
}

}  // namespace faultline::fault
