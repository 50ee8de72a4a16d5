#include "targets/kvstore/options.h"

#include <CLI/CLI.hpp>

#include <string>

#include "targets/kvstore/duration.h"

namespace kvstore {
namespace {

// Generous but finite: each thread costs a stack, and a typo like 10000 should fail loudly.
constexpr unsigned kMaxThreads = 256;
// A delay is for showing a slower build, not for hanging clients: beyond a minute is a typo.
constexpr std::chrono::microseconds kMaxDelay = std::chrono::minutes(1);
// Each connection costs a file descriptor; past a million no default RLIMIT_NOFILE could serve.
constexpr std::size_t kMaxConnections = 1'000'000;

}  // namespace

void add_options(CLI::App& app, Options& options) {
  app.add_option("--port", options.port, "TCP port to listen on (0: any free port)")
      ->required()
      ->check(CLI::Range(0, 65535));

  app.add_option_function<std::string>(
         "--bind",
         [&options](const std::string& text) {
           boost::system::error_code ec;
           options.bind_address = boost::asio::ip::make_address(text, ec);
           if (ec) throw CLI::ValidationError("--bind", "'" + text + "' is not an IP address");
         },
         "IP address to listen on")
      ->default_str(options.bind_address.to_string());

  app.add_option("--threads", options.threads, "threads running the I/O event loop")
      ->check(CLI::Range(1u, kMaxThreads))
      ->capture_default_str();

  app.add_option_function<std::string>(
         "--defect",
         [&options](const std::string& text) {
           const auto defect = parse_defect(text);
           if (!defect) {
             throw CLI::ValidationError(
                 "--defect", "unknown defect '" + text + "' (expected one of: " + defect_names() + ")");
           }
           options.defect = *defect;
         },
         "deliberate defect to run with (one of: " + defect_names() + ")")
      ->default_str("none");

  app.add_option_function<std::string>(
         "--delay",
         [&options](const std::string& text) {
           const auto delay = parse_duration(text);
           if (!delay) {
             throw CLI::ValidationError(
                 "--delay", "'" + text + "' is not a duration like 5ms, 250us or 1s");
           }
           if (*delay > kMaxDelay) {
             throw CLI::ValidationError("--delay", "'" + text + "' is longer than 60s");
           }
           options.response_delay = *delay;
         },
         "delay before every response is written (e.g. 5ms; 0: none)")
      ->default_str("0");

  app.add_option("--max-connections", options.max_connections,
                 "client connections open at once; more are accepted and closed at once "
                 "(no bound under --defect conn-storm)")
      ->check(CLI::Range(std::size_t{1}, kMaxConnections))
      ->capture_default_str();
}

}  // namespace kvstore
