// The HTTP message types kvstore speaks, and the one way to build a response, shared by the
// router (normal answers) and the session (answers to requests that could not be parsed).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string>
#include <string_view>

namespace kvstore {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

// A response with `status` and `body`, for a request of HTTP `version` (10 or 11). Content-Type
// is set only when there is a body. Content-Length and Connection are left to the session,
// which knows whether the connection stays open.
Response make_response(boost::beast::http::status status, unsigned version, std::string body = {},
                       std::string_view content_type = "text/plain; charset=utf-8");

}  // namespace kvstore
