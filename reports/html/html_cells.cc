#include "reports/html/html_cells.h"

#include "reports/html/html_escape.h"

namespace faultline::reports::html {

std::string cell(const std::string& text) { return "<td>" + escape_html(text) + "</td>"; }

std::string fact_row(const std::string& term, const std::string& value, bool code) {
  if (value.empty()) return "";
  const std::string shown = code ? "<code>" + escape_html(value) + "</code>" : escape_html(value);
  return "<div><dt>" + escape_html(term) + "</dt><dd>" + shown + "</dd></div>";
}

}  // namespace faultline::reports::html
