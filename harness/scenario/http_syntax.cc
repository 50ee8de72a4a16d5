#include "harness/scenario/http_syntax.h"

#include <algorithm>

namespace faultline::scenario {
namespace {

bool is_visible_ascii(char c) { return c > 0x20 && c < 0x7f; }

}  // namespace

bool is_http_method(std::string_view method) {
  return !method.empty() &&
         std::all_of(method.begin(), method.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool is_http_token(std::string_view text) {
  constexpr std::string_view kTokenSymbols = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::all_of(text.begin(), text.end(), [&](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           kTokenSymbols.find(c) != std::string_view::npos;
  });
}

bool is_http_field_value(std::string_view text) {
  // Bytes >= 0x80 (obs-text, UTF-8) are allowed; char may be signed, hence the cast.
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\t') || byte == 0x7f;
  });
}

bool is_http_origin_path(std::string_view text) {
  return !text.empty() && text.front() == '/' &&
         std::all_of(text.begin(), text.end(), is_visible_ascii);
}

}  // namespace faultline::scenario
