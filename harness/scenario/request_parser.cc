#include "harness/scenario/request_parser.h"

#include <algorithm>
#include <limits>

#include "harness/scenario/http_syntax.h"
#include "harness/scenario/template_syntax.h"

namespace faultline::scenario {
namespace {

const std::vector<std::string_view> kRequestKeys{"method", "path", "body", "headers", "weight"};

// Framing headers come from the body; a scenario that sets them could make the target read a
// different request boundary than faultline wrote.
const std::vector<std::string_view> kFramingHeaders{"content-length", "transfer-encoding"};

std::string lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return lower;
}

void check_placeholders(IssueCollector& issues, const std::string& path, const std::string& text) {
  const auto parts = parse_request_template(text);
  if (!parts) issues.add(path, parts.error());
}

void check_header(IssueCollector& issues, const StringMember& header) {
  if (!is_http_token(header.name)) {
    issues.add(header.path, "invalid header name \"" + header.name +
                                "\" (a name is letters, digits and !#$%&'*+-.^_`|~)");
  } else if (std::find(kFramingHeaders.begin(), kFramingHeaders.end(), lowercase(header.name)) !=
             kFramingHeaders.end()) {
    issues.add(header.path, "faultline sets \"" + header.name + "\" itself, from the body");
  }
  if (!is_http_field_value(header.value)) {
    issues.add(header.path,
               "expected a header value without CR, LF or other control characters (they would "
               "split the request), got " + describe_json_value(header.value));
    return;
  }
  check_placeholders(issues, header.path, header.value);
}

void check_path(const ObjectReader& request, const std::string& path) {
  const std::string got = ", got " + describe_json_value(path);
  if (path.empty() || path.front() != '/') {
    request.report("path", "expected a path starting with '/'" + got);
  } else if (!is_http_origin_path(path)) {
    request.report("path", "expected a path without spaces, control characters or non-ASCII "
                           "bytes (percent-encode them)" + got);
  } else {
    check_placeholders(request.issues(), request.path_of("path"), path);
  }
}

RequestTemplate read_request(const LocatedValue& element, IssueCollector& issues) {
  const ObjectReader request(element.value, element.path, issues, kRequestKeys);
  RequestTemplate result;
  if (!request.usable()) return result;

  if (auto method = request.string("method", Presence::optional)) {
    if (!is_http_method(*method)) {
      request.report("method", "expected an HTTP method in uppercase letters like \"GET\", got " +
                                   describe_json_value(*method));
    }
    result.method = std::move(*method);
  }
  if (auto path = request.string("path", Presence::optional)) {
    check_path(request, *path);
    result.path = std::move(*path);
  }
  if (auto body = request.string("body", Presence::optional)) {
    check_placeholders(issues, request.path_of("body"), *body);
    result.body = std::move(*body);
  }
  result.headers = read_headers(request, "headers");
  if (const auto weight = request.integer("weight", Presence::optional, 1,
                                          std::numeric_limits<unsigned>::max())) {
    result.weight = static_cast<unsigned>(*weight);
  }
  return result;
}

}  // namespace

Headers read_headers(const ObjectReader& object, std::string_view key) {
  Headers headers;
  const auto members = object.string_map(key, Presence::optional);
  if (!members) return headers;
  std::vector<const StringMember*> seen;
  for (const StringMember& member : *members) {
    const auto same_name = std::find_if(seen.begin(), seen.end(), [&](const StringMember* other) {
      return lowercase(other->name) == lowercase(member.name);
    });
    if (same_name != seen.end()) {
      object.issues().add(member.path, "duplicate header (names are case-insensitive; see " +
                                           (*same_name)->path + ")");
    }
    seen.push_back(&member);
    check_header(object.issues(), member);
    headers.emplace_back(member.name, member.value);
  }
  return headers;
}

std::vector<RequestTemplate> read_requests(const ObjectReader& generator) {
  std::vector<RequestTemplate> requests;
  const auto elements = generator.non_empty_array("requests", Presence::required);
  if (!elements) return requests;
  for (const LocatedValue& element : *elements) {
    requests.push_back(read_request(element, generator.issues()));
  }
  return requests;
}

}  // namespace faultline::scenario
