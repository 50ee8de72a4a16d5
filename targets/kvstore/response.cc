#include "targets/kvstore/response.h"

#include <boost/beast/http/field.hpp>

#include <utility>

namespace kvstore {

Response make_response(boost::beast::http::status status, unsigned version, std::string body,
                       std::string_view content_type) {
  Response response{status, version};
  if (!body.empty()) response.set(boost::beast::http::field::content_type, content_type);
  response.body() = std::move(body);
  return response;
}

}  // namespace kvstore
