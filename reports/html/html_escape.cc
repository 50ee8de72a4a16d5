#include "reports/html/html_escape.h"

namespace faultline::reports::html {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string json_for_script(const nlohmann::json& value) {
  // Replace rather than throw on invalid UTF-8: a target's output is not ours to trust.
  const std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      // These bytes only occur inside JSON strings, where a \u escape means the same.
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string relative_href(std::string_view link) {
  const std::size_t colon = link.find(':');
  const std::size_t slash = link.find('/');
  const bool has_scheme = colon != std::string_view::npos && (slash == std::string_view::npos || colon < slash);
  const bool network_path = link.starts_with("//") || link.starts_with("\\");
  if (has_scheme || network_path) return "./" + escape_html(link);
  return escape_html(link);
}

}  // namespace faultline::reports::html
