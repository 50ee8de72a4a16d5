// The HTML document around a report or an index: the inline stylesheet (screen and print), the
// small inline script (hover values, showing and hiding series), and a Content-Security-Policy
// that forbids every network request, so the file is self-contained by construction.
#pragma once

#include <string>
#include <string_view>

namespace faultline::reports::html {

// `title` is plain text (escaped here); `body` is HTML that the caller has already escaped.
std::string render_page(std::string_view title, std::string_view body);

}  // namespace faultline::reports::html
