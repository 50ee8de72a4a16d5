// Any text made safe to place in an XML 1.0 document, in element content or in a quoted
// attribute value. No CDATA sections: escaping every '>' already defuses "]]>".
#pragma once

#include <string>
#include <string_view>

namespace faultline::reports::ci {

// Escapes & < > and writes \r as &#13; (a parser would turn a raw \r\n into \n). Characters XML
// 1.0 forbids even as references (C0 controls other than tab, newline and carriage return,
// U+FFFE, U+FFFF) and malformed UTF-8 become U+FFFD.
std::string xml_text(std::string_view text);

// As xml_text(), and also " and ', and tab and newline as references, which a parser would
// otherwise normalise to spaces in an attribute value.
std::string xml_attribute(std::string_view text);

}  // namespace faultline::reports::ci
