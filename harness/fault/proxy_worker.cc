#include "harness/fault/proxy_worker.h"

#include <boost/asio/post.hpp>

namespace faultline::fault {

ProxyWorker::ProxyWorker(const ProxyConfig& config, std::atomic<std::size_t>& open_connections)
    : config_(config),
      open_connections_(open_connections),
      toxics_(std::make_shared<const std::vector<ActiveToxic>>()),
      work_(io_.get_executor()),
      ran_out_future_(ran_out_.get_future()) {}

ProxyWorker::~ProxyWorker() {
  if (thread_.joinable()) {
    begin_stop();
    join(std::chrono::steady_clock::now() + std::chrono::seconds(2));
  }
}

void ProxyWorker::start() {
  poller_.start();
  thread_ = std::thread([this] {
    io_.run();
    ran_out_.set_value();
  });
}

void ProxyWorker::begin_stop() {
  boost::asio::post(io_, [this] {
    stopping_ = true;
    end_all(Session::Ending::shutdown);
    poller_.stop();
  });
  work_.reset();
}

void ProxyWorker::join(std::chrono::steady_clock::time_point deadline) {
  if (!thread_.joinable()) return;
  if (ran_out_future_.wait_until(deadline) == std::future_status::timeout) io_.stop();
  thread_.join();
}

void ProxyWorker::adopt(boost::asio::ip::tcp::socket client, std::uint64_t sequence) {
  if (stopping_) {  // accepted just before the proxy stopped: the socket closes here
    open_connections_.fetch_sub(1, std::memory_order_relaxed);
    return;
  }
  std::make_shared<Session>(*this, std::move(client), sequence)->start();
}

void ProxyWorker::set_toxics(std::shared_ptr<const std::vector<ActiveToxic>> toxics) {
  toxics_ = std::move(toxics);
  for_each_session([this](Session& session) { session.apply_toxics(*toxics_); });
}

void ProxyWorker::end_all(Session::Ending ending) {
  for_each_session([ending](Session& session) { session.end(ending); });
}

std::list<std::shared_ptr<Session>>::iterator ProxyWorker::enrol(std::shared_ptr<Session> session) {
  return sessions_.insert(sessions_.end(), std::move(session));
}

void ProxyWorker::withdraw(std::list<std::shared_ptr<Session>>::iterator registration) {
  boost::asio::post(io_, [last = std::move(*registration)] {});
  sessions_.erase(registration);
}

// Over a copy that holds each session alive: `f` may end sessions, which withdraws them.
template <typename F>
void ProxyWorker::for_each_session(F&& f) {
  const std::vector<std::shared_ptr<Session>> sessions(sessions_.begin(), sessions_.end());
  for (const auto& session : sessions) f(*session);
}

}  // namespace faultline::fault
