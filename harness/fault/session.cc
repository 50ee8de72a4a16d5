#include "harness/fault/session.h"

#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>

#include "harness/fault/proxy_worker.h"
#include "harness/fault/toxic_applies.h"
#include "harness/scenario/seeded_random.h"

namespace faultline::fault {

namespace asio = boost::asio;

namespace {

std::uint64_t pipe_seed(const ProxyWorker& worker, std::uint64_t sequence, Direction flow) {
  return scenario::derive_seed(scenario::derive_seed(worker.config().seed, sequence), static_cast<std::uint64_t>(flow));
}

}  // namespace

Session::Session(ProxyWorker& worker, asio::ip::tcp::socket client, std::uint64_t sequence)
    : worker_(worker),
      sequence_(sequence),
      client_socket_(std::move(client)),
      upstream_socket_(client_socket_.get_executor()),
      deadline_(client_socket_.get_executor()),
      upstream_pipe_(*this, Direction::upstream, client_socket_.get_executor(), worker.config().buffer_bytes,
                     pipe_seed(worker, sequence, Direction::upstream), worker.counters()),
      downstream_pipe_(*this, Direction::downstream, client_socket_.get_executor(), worker.config().buffer_bytes,
                       pipe_seed(worker, sequence, Direction::downstream), worker.counters()) {}

void Session::start() {
  registration_ = worker_.enrol(shared_from_this());
  worker_.counters().connections_accepted.add(1);
  apply_toxics(worker_.toxics());
  do_connect();
}

void Session::apply_toxics(const std::vector<ActiveToxic>& toxics) {
  std::vector<ChainToxic> upstream;
  std::vector<ChainToxic> downstream;
  for (const ActiveToxic& active : toxics) {
    if (std::holds_alternative<DownToxic>(active.spec.toxic)) continue;
    if (!toxic_applies(worker_.config().seed, active.id, sequence_, active.spec.toxicity)) continue;
    if (acts_on(active.spec.direction, Direction::upstream)) upstream.push_back({active.id, active.spec.toxic});
    if (acts_on(active.spec.direction, Direction::downstream)) downstream.push_back({active.id, active.spec.toxic});
  }
  upstream_pipe_.set_toxics(upstream);
  if (ended_) return;
  downstream_pipe_.set_toxics(downstream);
}

void Session::bind_like_client() {
  boost::system::error_code ec;
  const asio::ip::tcp::endpoint client = client_socket_.remote_endpoint(ec);
  const asio::ip::address& target = worker_.config().upstream.address();
  if (ec || !client.address().is_v4() || !client.address().is_loopback() || !target.is_v4() || !target.is_loopback() ||
      client.address() == asio::ip::address_v4::loopback()) {
    return;
  }
  upstream_socket_.open(asio::ip::tcp::v4(), ec);
  if (ec) return;
  // The port is left to connect(), which knows the destination (see load/source_addresses.cc).
  const int on = 1;
  if (::setsockopt(upstream_socket_.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on) != 0) return;
  // A failed bind leaves the socket open and unbound: it connects from the kernel's choice.
  upstream_socket_.bind(asio::ip::tcp::endpoint(client.address(), 0), ec);
}

void Session::do_connect() {
  bind_like_client();
  upstream_socket_.async_connect(
      worker_.config().upstream, [self = shared_from_this()](const boost::system::error_code& ec) { self->on_connect(ec); });
  deadline_.expires_after(worker_.config().connect_timeout);
  deadline_.async_wait(
      [self = shared_from_this()](const boost::system::error_code& ec) { self->on_connect_deadline(ec); });
}

void Session::on_connect_deadline(const boost::system::error_code& ec) {
  if (ec || ended_ || connected_) return;
  worker_.counters().upstream_timeouts.add(1);
  end(Ending::upstream_failed);
}

void Session::on_connect(const boost::system::error_code& ec) {
  if (ended_) return;
  if (ec) {
    if (ec == asio::error::connection_refused) {
      worker_.counters().upstream_refused.add(1);
    } else {
      worker_.counters().upstream_errors.add(1);
    }
    end(Ending::upstream_failed);
    return;
  }
  connected_ = true;
  deadline_.cancel();
  boost::system::error_code option_ec;
  client_socket_.set_option(asio::ip::tcp::no_delay(true), option_ec);
  upstream_socket_.set_option(asio::ip::tcp::no_delay(true), option_ec);
  // Asio leaves them non-blocking (it set that for the connect); release() hands over the
  // descriptors and takes them out of Asio's reactor.
  client_socket_.non_blocking(true, option_ec);
  boost::system::error_code release_ec;
  client_ = DataSocket(client_socket_.release(release_ec));
  if (!release_ec) upstream_ = DataSocket(upstream_socket_.release(release_ec));
  if (!release_ec) release_ec = worker_.poller().add(client_.fd(), client_side_);
  if (!release_ec) release_ec = worker_.poller().add(upstream_.fd(), upstream_side_);
  if (release_ec) {
    worker_.counters().upstream_errors.add(1);
    end(Ending::upstream_failed);
    return;
  }
  upstream_pipe_.start(client_, upstream_);
  if (!ended_) downstream_pipe_.start(upstream_, client_);
  if (!ended_) do_watch();
}

void Session::on_socket_ready(bool is_client, std::uint32_t events) {
  if (ended_) return;
  Pipe& reader = is_client ? upstream_pipe_ : downstream_pipe_;  // reads this socket
  Pipe& writer = is_client ? downstream_pipe_ : upstream_pipe_;  // writes to it
  // Errors and hang-ups count as both: the next recv() or send() reports what happened.
  if ((events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0) {
    reader.mark_source_ready((events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0);
  }
  if ((events & (EPOLLOUT | EPOLLHUP | EPOLLERR)) != 0) writer.mark_sink_ready();
  reader.pump();
  if (!ended_) writer.pump();
}

void Session::do_watch() {
  if (worker_.config().idle_timeout <= Duration::zero()) return;
  deadline_.expires_after(worker_.config().idle_timeout);
  deadline_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) { self->on_watch(ec); });
}

// One timer per connection, re-armed once per idle_timeout rather than per byte: a connection
// is idle when a whole period passed without progress.
void Session::on_watch(const boost::system::error_code& ec) {
  if (ec || ended_) return;
  const bool toxic_holds = upstream_pipe_.waiting_on_toxic() || downstream_pipe_.waiting_on_toxic();
  if (progress_ == progress_seen_ && !toxic_holds) {
    worker_.counters().idle_timeouts.add(1);
    end(Ending::idle);
    return;
  }
  progress_seen_ = progress_;
  do_watch();
}

void Session::on_pipe_finished() {
  if (++finished_pipes_ == 2) end(Ending::finished);
}

void Session::end(Ending ending) {
  if (ended_) return;
  ended_ = true;
  if (ending == Ending::reset) {
    client_.reset_on_close();
    upstream_.reset_on_close();
    worker_.counters().resets_injected.add(1);
  } else if (ending == Ending::cut) {
    // Data already written goes out before the FIN.
    client_.shutdown_send();
    upstream_.shutdown_send();
    worker_.counters().connections_cut.add(1);
  }
  client_.close();
  upstream_.close();
  boost::system::error_code ignored;
  client_socket_.close(ignored);
  upstream_socket_.close(ignored);
  deadline_.cancel();
  upstream_pipe_.stop();
  downstream_pipe_.stop();
  worker_.counters().connections_closed.add(1);
  worker_.open_connections().fetch_sub(1, std::memory_order_relaxed);
  // Not destroyed here: the caller's stack may still be inside this session.
  worker_.withdraw(registration_);
}

}  // namespace faultline::fault
