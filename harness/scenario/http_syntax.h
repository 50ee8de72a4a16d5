// What HTTP allows in the parts of a request that a scenario writes: method, header names and
// values, request paths. Checked when the scenario is read so that no request built from it can
// be malformed or smuggle a second request.
#pragma once

#include <string_view>

namespace faultline::scenario {

// An HTTP method as faultline accepts it: one or more uppercase ASCII letters ("GET", "PATCH").
bool is_http_method(std::string_view method);

// An RFC 9110 token (the syntax of a header name): letters, digits and !#$%&'*+-.^_`|~.
bool is_http_token(std::string_view text);

// A header value: no CR, LF, NUL or other control characters except horizontal tab. A CR or
// LF would end the header early and let the rest be read as further headers or a request.
bool is_http_field_value(std::string_view text);

// An origin-form request target: starts with '/', then visible ASCII only (no spaces, controls
// or raw non-ASCII bytes: those must be percent-encoded).
bool is_http_origin_path(std::string_view text);

}  // namespace faultline::scenario
