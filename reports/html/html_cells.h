// The table and definition-list markup the report's pages share, with the text escaped.
#pragma once

#include <string>

namespace faultline::reports::html {

// "<td>text</td>".
std::string cell(const std::string& text);

// One term and its value in a <dl class="facts">, the value in <code> when `code`; empty when
// the value is (nothing to state).
std::string fact_row(const std::string& term, const std::string& value, bool code = false);

}  // namespace faultline::reports::html
