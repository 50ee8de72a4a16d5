// Making untrusted text (names, descriptions, reasons, target output) safe to place in an HTML
// page: in element content, in attribute values, and as JSON inside a <script> element.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace faultline::reports::html {

// Escapes & < > " ' so the text is inert both in element content and in a quoted attribute.
std::string escape_html(std::string_view text);

// JSON for a <script type="application/json"> element. The HTML parser ends a script element at
// the first "</script" whatever the JSON means, so every '<' (and '>', '&' for good measure) is
// written as a \u escape; U+2028/U+2029 are escaped too so the text is also a valid JS literal.
std::string json_for_script(const nlohmann::json& value);

// An href that can only lead to a file beside the page: a value with a scheme ("javascript:",
// "https:") or that starts with "//" is made relative with "./", then the whole is escaped.
std::string relative_href(std::string_view link);

}  // namespace faultline::reports::html
