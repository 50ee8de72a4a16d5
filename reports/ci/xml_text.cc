#include "reports/ci/xml_text.h"

#include "reports/ci/utf8_text.h"

namespace faultline::reports::ci {
namespace {

// XML 1.0, production [2] Char.
bool allowed_in_xml(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

std::string escape(std::string_view text, bool in_attribute) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t c = next_code_point(text, pos);
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '\r': out += "&#13;"; continue;
      default: break;
    }
    if (in_attribute) {
      switch (c) {
        case '"': out += "&quot;"; continue;
        case '\'': out += "&apos;"; continue;
        case '\t': out += "&#9;"; continue;
        case '\n': out += "&#10;"; continue;
        default: break;
      }
    }
    append_utf8(out, allowed_in_xml(c) ? c : kReplacementCharacter);
  }
  return out;
}

}  // namespace

std::string xml_text(std::string_view text) { return escape(text, false); }

std::string xml_attribute(std::string_view text) { return escape(text, true); }

}  // namespace faultline::reports::ci
