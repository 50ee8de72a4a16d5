#include "harness/engine/readiness_probe.h"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

namespace faultline::engine {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// A probe that takes longer than this is as good as failed; the loop will try again.
constexpr auto kMaxProbeDuration = std::chrono::seconds(1);
// The status line is all the probe reads; a longer "line" is not HTTP.
constexpr std::size_t kMaxStatusLineBytes = 4096;

std::string milliseconds_text(std::chrono::nanoseconds duration) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(duration).count()) + "ms";
}

tcp::endpoint to_asio(const scenario::Endpoint& endpoint) {
  error_code error;
  const asio::ip::address address = asio::ip::make_address(endpoint.host, error);
  if (error) throw std::invalid_argument("readiness probe: '" + endpoint.host + "' is not an IP address");
  return {address, endpoint.port};
}

std::string http_request(const tcp::endpoint& endpoint, const std::string& path) {
  const std::string host = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                                      : endpoint.address().to_string();
  return "GET " + (path.empty() ? std::string("/") : path) + " HTTP/1.1\r\nHost: " + host + ":" +
         std::to_string(endpoint.port()) + "\r\nUser-Agent: faultline\r\nConnection: close\r\n\r\n";
}

// "HTTP/1.1 204 No Content" is ready; any other status is the reason it is not.
ProbeOutcome judge_status_line(std::string_view line) {
  const std::size_t space = line.find(' ');
  const std::string_view status = space == std::string_view::npos ? "" : line.substr(space + 1, 3);
  const bool well_formed =
      line.starts_with("HTTP/") && status.size() == 3 &&
      std::all_of(status.begin(), status.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!well_formed) return {false, "malformed HTTP status line"};
  if (status.front() == '2') return {true, ""};
  return {false, "HTTP " + std::string(status)};
}

// One probe's conversation with the target on a private io_context, run for at most the budget:
// connect, then (for HTTP) send the request and read the status line.
class ProbeSession {
 public:
  ProbeSession(const tcp::endpoint& endpoint, std::optional<std::string> request)
      : endpoint_(endpoint), request_(std::move(request)) {}

  ProbeOutcome run(std::chrono::nanoseconds budget) {
    do_connect();
    io_.run_for(budget);
    if (outcome_) return *outcome_;
    // Out of time. Closing the socket aborts the pending operation; running its handler to
    // completion leaves nothing that refers to this session.
    error_code ignored;
    socket_.close(ignored);
    io_.restart();
    io_.run();
    return {false, "timed out after " + milliseconds_text(budget)};
  }

 private:
  void do_connect() {
    socket_.async_connect(endpoint_, [this](error_code error) { on_connect(error); });
  }

  void on_connect(error_code error) {
    if (error) return finish({false, error.message()});
    if (!request_) return finish({true, ""});
    do_write();
  }

  void do_write() {
    asio::async_write(socket_, asio::buffer(*request_),
                      [this](error_code error, std::size_t) { on_write(error); });
  }

  void on_write(error_code error) {
    if (error) return finish({false, error.message()});
    do_read();
  }

  void do_read() {
    asio::async_read_until(socket_, asio::dynamic_buffer(response_, kMaxStatusLineBytes), "\r\n",
                           [this](error_code error, std::size_t length) { on_read(error, length); });
  }

  void on_read(error_code error, std::size_t length) {
    if (error == asio::error::eof) return finish({false, "connection closed before a response"});
    if (error == asio::error::not_found) return finish({false, "malformed HTTP status line"});
    if (error) return finish({false, error.message()});
    finish(judge_status_line(std::string_view(response_).substr(0, length - 2)));
  }

  void finish(ProbeOutcome outcome) {
    if (!outcome_) outcome_ = std::move(outcome);
  }

  asio::io_context io_;
  tcp::socket socket_{io_};
  tcp::endpoint endpoint_;
  std::optional<std::string> request_;  // nullopt: the probe is the connect alone
  std::string response_;
  std::optional<ProbeOutcome> outcome_;
};

std::string attempts_text(unsigned attempts) {
  return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

std::string last_error_text(const std::string& last_error) {
  return last_error.empty() ? "" : "; last error: " + last_error;
}

}  // namespace

ReadinessClock steady_readiness_clock() {
  return {[] { return std::chrono::steady_clock::now(); },
          [](std::chrono::nanoseconds duration) { std::this_thread::sleep_for(duration); }};
}

std::string ReadyResult::describe() const {
  switch (outcome) {
    case Outcome::ready:
      return "ready after " + attempts_text(attempts) + " in " + milliseconds_text(waited);
    case Outcome::timed_out:
      return "not ready after " + milliseconds_text(waited) + " (" + attempts_text(attempts) +
             last_error_text(last_error) + ")";
    case Outcome::target_exited:
      return "exited before it was ready (" + attempts_text(attempts) + " in " + milliseconds_text(waited) +
             last_error_text(last_error) + ")";
  }
  return "";
}

ProbeOutcome probe_tcp(const scenario::Endpoint& endpoint, std::chrono::nanoseconds budget) {
  return ProbeSession(to_asio(endpoint), std::nullopt).run(budget);
}

ProbeOutcome probe_http(const scenario::Endpoint& endpoint, const std::string& path,
                        std::chrono::nanoseconds budget) {
  const tcp::endpoint target = to_asio(endpoint);
  return ProbeSession(target, http_request(target, path)).run(budget);
}

ReadyResult poll_until_ready(const scenario::ReadyCheck& check, const Probe& probe,
                             const std::function<bool()>& still_alive, const ReadinessClock& clock) {
  // A zero interval would probe without pause; and a bound on the count as well as on time
  // keeps a clock that stalls from hanging faultline.
  const std::chrono::nanoseconds interval =
      std::max<std::chrono::nanoseconds>(check.interval, std::chrono::milliseconds(1));
  const auto max_attempts = static_cast<unsigned>(check.timeout / interval) + 1;
  const auto start = clock.now();
  const auto deadline = start + check.timeout;

  ReadyResult result;
  const auto verdict = [&](ReadyResult::Outcome outcome) {
    result.outcome = outcome;
    result.waited = clock.now() - start;
    return result;
  };
  for (;;) {
    if (!still_alive()) return verdict(ReadyResult::Outcome::target_exited);
    const auto attempt_start = clock.now();
    if (attempt_start >= deadline || result.attempts >= max_attempts) {
      return verdict(ReadyResult::Outcome::timed_out);
    }
    ++result.attempts;
    ProbeOutcome outcome =
        probe(std::min<std::chrono::nanoseconds>(kMaxProbeDuration, deadline - attempt_start));
    if (outcome.ok) return verdict(ReadyResult::Outcome::ready);
    result.last_error = std::move(outcome.error);
    const auto next_attempt = std::min(attempt_start + interval, deadline);
    const auto now = clock.now();
    if (next_attempt > now) clock.sleep_for(next_attempt - now);
  }
}

Probe make_probe(const scenario::Endpoint& endpoint, const scenario::ReadyCheck& check) {
  const tcp::endpoint target = to_asio(endpoint);
  if (check.kind == scenario::ReadyCheck::Kind::http) {
    return [target, request = http_request(target, check.http_path)](std::chrono::nanoseconds budget) {
      return ProbeSession(target, request).run(budget);
    };
  }
  return [target](std::chrono::nanoseconds budget) { return ProbeSession(target, std::nullopt).run(budget); };
}

ReadyResult wait_until_ready(const scenario::Endpoint& endpoint, const scenario::ReadyCheck& check,
                             const std::function<bool()>& still_alive, const ReadinessClock& clock) {
  return poll_until_ready(check, make_probe(endpoint, check), still_alive, clock);
}

}  // namespace faultline::engine
