#include "harness/scenario/endpoint.h"

#include <algorithm>

namespace faultline::scenario {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool is_host_name(std::string_view host) {
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return is_alnum(c) || c == '.' || c == '-' || c == '_';
  });
}

// Hex groups, ':' and '.' (for an embedded IPv4 tail), optionally "%zone". A shape check only:
// the connect call is the judge of the address itself.
bool is_ipv6_literal(std::string_view host) {
  const std::size_t percent = host.find('%');
  const std::string_view address = host.substr(0, percent);
  if (address.find(':') == std::string_view::npos) return false;
  if (!std::all_of(address.begin(), address.end(),
                   [](char c) { return is_hex(c) || c == ':' || c == '.'; })) {
    return false;
  }
  return percent == std::string_view::npos || is_host_name(host.substr(percent + 1));
}

}  // namespace

ParseResult<Endpoint> parse_endpoint(std::string_view text) {
  const auto failure = [text](std::string_view reason = {}) {
    std::string message = "expected an address like \"127.0.0.1:8080\" or \"[::1]:8080\", got \"" +
                          std::string(text) + "\"";
    if (!reason.empty()) message += " (" + std::string(reason) + ")";
    return ParseFailure{std::move(message)};
  };

  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return failure("no port");
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);

  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
    if (!is_ipv6_literal(host)) return failure();
  } else if (!is_host_name(host)) {
    // An unbracketed IPv6 literal is ambiguous: which ':' starts the port?
    if (host.find(':') != std::string_view::npos) return failure("put an IPv6 address in brackets");
    return failure();
  }

  if (port_text.empty() || port_text.size() > 9 ||
      !std::all_of(port_text.begin(), port_text.end(), is_digit)) {
    return failure();
  }
  const int port = std::stoi(std::string(port_text));
  if (port < 1 || port > 65535) return failure("port " + std::to_string(port) + " is out of range 1-65535");

  return Endpoint{std::string(host), static_cast<std::uint16_t>(port)};
}

std::string format_endpoint(const Endpoint& endpoint) {
  const std::string port = std::to_string(endpoint.port);
  if (endpoint.host.find(':') != std::string::npos) return "[" + endpoint.host + "]:" + port;
  return endpoint.host + ":" + port;
}

}  // namespace faultline::scenario
