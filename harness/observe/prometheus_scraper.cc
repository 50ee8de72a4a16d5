#include "harness/observe/prometheus_scraper.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace faultline::observe {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// One GET on a private io_context. beast::tcp_stream fails the pending operation with
// beast::error::timeout at the deadline, so run() returns by then whatever the server does.
class Exchange {
 public:
  Exchange(tcp::endpoint endpoint, std::string target, const ScrapeOptions& options)
      : endpoint_(endpoint), stream_(io_), options_(options) {
    request_.method(http::verb::get);
    request_.target(target.empty() ? "/" : target);
    request_.version(11);
    const std::string host = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                                        : endpoint.address().to_string();
    request_.set(http::field::host, host + ":" + std::to_string(endpoint.port()));
    request_.set(http::field::user_agent, "faultline");
    request_.set(http::field::accept, "text/plain;version=0.0.4");
    request_.set(http::field::connection, "close");
    parser_.body_limit(options.max_body_bytes);
  }

  ScrapeResult run() {
    deadline_ = std::chrono::steady_clock::now() + options_.timeout;
    stream_.expires_at(deadline_);
    stream_.async_connect(endpoint_, [this](error_code error) { on_connect(error); });
    io_.run();
    return std::move(result_);
  }

 private:
  void on_connect(error_code error) {
    if (error) return fail("connect", error);
    stream_.expires_at(deadline_);
    http::async_write(stream_, request_, [this](error_code e, std::size_t) { on_write(e); });
  }

  void on_write(error_code error) {
    if (error) return fail("send", error);
    stream_.expires_at(deadline_);
    http::async_read(stream_, buffer_, parser_, [this](error_code e, std::size_t) { on_read(e); });
  }

  void on_read(error_code error) {
    if (error == http::error::body_limit) {
      result_.error = "metrics page larger than " + std::to_string(options_.max_body_bytes) + " bytes";
      return;
    }
    if (error) return fail("receive", error);
    const http::response<http::string_body>& response = parser_.get();
    if (response.result_int() / 100 != 2) {
      result_.error = "HTTP " + std::to_string(response.result_int());
      return;
    }
    result_.body_bytes = response.body().size();
    result_.text = parse_prometheus_text(response.body());
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  void fail(const char* step, error_code error) {
    if (error == beast::error::timeout) {
      result_.error = "timed out after " + std::to_string(options_.timeout.count()) + "ms";
    } else {
      result_.error = std::string(step) + ": " + error.message();
    }
  }

  asio::io_context io_;
  tcp::endpoint endpoint_;
  beast::tcp_stream stream_;
  const ScrapeOptions& options_;
  std::chrono::steady_clock::time_point deadline_;
  http::request<http::empty_body> request_;
  beast::flat_buffer buffer_;
  http::response_parser<http::string_body> parser_;
  ScrapeResult result_;
};

}  // namespace

ScrapeResult scrape_prometheus(const scenario::Endpoint& endpoint, const std::string& path,
                               const ScrapeOptions& options) {
  error_code error;
  const asio::ip::address address = asio::ip::make_address(endpoint.host, error);
  if (error) {
    ScrapeResult result;
    result.error = "'" + endpoint.host + "' is not an IP address";
    return result;
  }
  return Exchange({address, endpoint.port}, path, options).run();
}

}  // namespace faultline::observe
