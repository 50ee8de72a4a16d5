#include "harness/observe/prometheus_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>

namespace faultline::observe {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t skip_blanks(std::string_view text, std::size_t at) {
  while (at < text.size() && is_blank(text[at])) ++at;
  return at;
}

// [a-zA-Z_:][a-zA-Z0-9_:]* for metric names, without ':' for label names.
std::size_t name_end(std::string_view text, std::size_t at, bool colon_allowed) {
  const auto fits = [&](char c, bool first) {
    return is_letter(c) || (colon_allowed && c == ':') || (!first && is_digit(c));
  };
  if (at >= text.size() || !fits(text[at], true)) return at;
  std::size_t end = at + 1;
  while (end < text.size() && fits(text[end], false)) ++end;
  return end;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Go's strconv.ParseFloat, which the format refers to: decimals, exponents, NaN and
// [+-]Inf in any case.
std::optional<double> parse_float(std::string_view token) {
  std::string_view digits = token;
  bool negative = false;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
    negative = digits.front() == '-';
    digits.remove_prefix(1);
  }
  if (equals_ignoring_case(digits, "inf") || equals_ignoring_case(digits, "infinity"))
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  if (equals_ignoring_case(digits, "nan")) return std::numeric_limits<double>::quiet_NaN();
  if (digits.empty() || !(is_digit(digits.front()) || digits.front() == '.')) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return negative ? -value : value;
}

std::optional<std::int64_t> parse_timestamp(std::string_view token) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error != std::errc() || end != token.data() + token.size() || token.empty()) return std::nullopt;
  return value;
}

// HELP text: only \\ and \n are escapes; any other backslash stands for itself.
std::string unescape_help(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '\\' || text[i + 1] == 'n')) {
      result += text[i + 1] == 'n' ? '\n' : '\\';
      ++i;
    } else {
      result += text[i];
    }
  }
  return result;
}

std::optional<MetricType> parse_type(std::string_view word) {
  if (word == "counter") return MetricType::counter;
  if (word == "gauge") return MetricType::gauge;
  if (word == "histogram") return MetricType::histogram;
  if (word == "summary") return MetricType::summary;
  if (word == "untyped") return MetricType::untyped;
  return std::nullopt;
}

const Label* find_label(const Labels& labels, std::string_view name) {
  for (const Label& label : labels)
    if (label.name == name) return &label;
  return nullptr;
}

// A line-level failure: the line is skipped and reported.
struct LineError {
  std::string message;
};

class TextParser {
 public:
  PrometheusText run(std::string_view text) {
    std::size_t number = 0;
    while (!text.empty()) {
      const std::size_t end = std::min(text.find('\n'), text.size());
      std::string_view line = text.substr(0, end);
      text.remove_prefix(std::min(end + 1, text.size()));
      ++number;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (const std::optional<LineError> error = parse_line(line)) {
        ++result_.skipped_lines;
        if (result_.problems.size() < PrometheusText::kMaxProblems)
          result_.problems.push_back({number, error->message});
      }
    }
    return std::move(result_);
  }

 private:
  std::optional<LineError> parse_line(std::string_view line) {
    const std::size_t start = skip_blanks(line, 0);
    if (start == line.size()) return std::nullopt;
    if (line[start] == '#') return parse_comment(line.substr(start + 1));
    return parse_sample(line.substr(start));
  }

  // "# HELP name text", "# TYPE name type"; any other comment is ignored.
  std::optional<LineError> parse_comment(std::string_view line) {
    std::size_t at = skip_blanks(line, 0);
    std::size_t word_end = at;
    while (word_end < line.size() && !is_blank(line[word_end])) ++word_end;
    const std::string_view keyword = line.substr(at, word_end - at);
    if (keyword != "HELP" && keyword != "TYPE") return std::nullopt;

    at = skip_blanks(line, word_end);
    const std::size_t end = name_end(line, at, true);
    if (end == at) return LineError{"# " + std::string(keyword) + " without a metric name"};
    const std::string name(line.substr(at, end - at));
    if (end < line.size() && !is_blank(line[end]))
      return LineError{"invalid character in metric name '" + name + line[end] + "'"};
    std::string_view rest = line.substr(skip_blanks(line, end));

    if (keyword == "HELP") {
      result_.families[name].help = unescape_help(rest);
      return std::nullopt;
    }
    while (!rest.empty() && is_blank(rest.back())) rest.remove_suffix(1);
    const std::optional<MetricType> type = parse_type(rest);
    if (!type) return LineError{"unknown metric type '" + std::string(rest) + "' for '" + name + "'"};
    if (!typed_.insert(name).second) return LineError{"second TYPE line for '" + name + "'"};
    result_.families[name].type = *type;
    return std::nullopt;
  }

  std::optional<LineError> parse_sample(std::string_view line) {
    auto series = parse_series(line);
    if (auto* error = std::get_if<std::string>(&series)) return LineError{*error};
    SeriesText& head = std::get<SeriesText>(series);

    std::size_t at = skip_blanks(line, head.consumed);
    if (at == line.size()) return LineError{"no value for '" + head.name + "'"};
    if (at == head.consumed && line[at - 1] != '}')
      return LineError{"invalid character '" + std::string(1, line[at]) + "' after '" + head.name + "'"};
    const auto token = [&](std::size_t from) {
      std::size_t end = from;
      while (end < line.size() && !is_blank(line[end])) ++end;
      return line.substr(from, end - from);
    };
    const std::string_view value_text = token(at);
    const std::optional<double> value = parse_float(value_text);
    if (!value) return LineError{"invalid value '" + std::string(value_text) + "' for '" + head.name + "'"};

    MetricSample sample{std::move(head.name), std::move(head.labels), *value, std::nullopt};
    at = skip_blanks(line, at + value_text.size());
    if (at < line.size()) {
      const std::string_view timestamp_text = token(at);
      sample.timestamp_ms = parse_timestamp(timestamp_text);
      if (!sample.timestamp_ms)
        return LineError{"invalid timestamp '" + std::string(timestamp_text) + "' for '" + sample.name + "'"};
      at = skip_blanks(line, at + timestamp_text.size());
      if (at < line.size()) return LineError{"unexpected text after the timestamp of '" + sample.name + "'"};
    }
    if (std::optional<LineError> error = check_family_labels(sample)) return error;
    result_.samples.push_back(std::move(sample));
    return std::nullopt;
  }

  // A histogram bucket needs its bound (le) and a summary quantile its rank, both numbers:
  // without them the line cannot be placed in its family.
  std::optional<LineError> check_family_labels(const MetricSample& sample) const {
    const MetricType type = result_.type_of(sample.name);
    const std::string_view family = result_.family_of(sample.name);
    const char* required = nullptr;
    if (type == MetricType::histogram && sample.name.size() == family.size() + 7) required = "le";  // _bucket
    if (type == MetricType::summary && sample.name.size() == family.size()) required = "quantile";
    if (required == nullptr) return std::nullopt;
    const Label* label = find_label(sample.labels, required);
    if (label == nullptr) return LineError{"'" + sample.name + "' has no '" + required + "' label"};
    if (!parse_float(label->value))
      return LineError{"'" + sample.name + "' has a non-numeric " + required + "=\"" + label->value + "\""};
    return std::nullopt;
  }

  PrometheusText result_;
  std::set<std::string, std::less<>> typed_;  // families that had a TYPE line
};

}  // namespace

std::string_view to_string(MetricType type) {
  switch (type) {
    case MetricType::counter: return "counter";
    case MetricType::gauge: return "gauge";
    case MetricType::histogram: return "histogram";
    case MetricType::summary: return "summary";
    case MetricType::untyped: break;
  }
  return "untyped";
}

std::string_view PrometheusText::family_of(std::string_view sample_name) const {
  if (families.contains(sample_name)) return sample_name;
  for (const std::string_view suffix : {"_bucket", "_sum", "_count"}) {
    if (!sample_name.ends_with(suffix)) continue;
    const std::string_view base = sample_name.substr(0, sample_name.size() - suffix.size());
    const auto found = families.find(base);
    if (found == families.end()) continue;
    const MetricType type = found->second.type;
    if (type == MetricType::histogram || (type == MetricType::summary && suffix != "_bucket")) return base;
  }
  return sample_name;
}

MetricType PrometheusText::type_of(std::string_view sample_name) const {
  const auto found = families.find(family_of(sample_name));
  return found == families.end() ? MetricType::untyped : found->second.type;
}

PrometheusText parse_prometheus_text(std::string_view text) { return TextParser().run(text); }

std::variant<SeriesText, std::string> parse_series(std::string_view text) {
  SeriesText series;
  const std::size_t name_stop = name_end(text, 0, true);
  if (name_stop == 0) return std::string("expected a metric name");
  series.name = std::string(text.substr(0, name_stop));
  std::size_t at = skip_blanks(text, name_stop);
  if (at >= text.size() || text[at] != '{') {
    series.consumed = name_stop;
    return series;
  }

  ++at;
  // Each round reads one `name="value"` and its separator; every round consumes at least the
  // label name, so the loop ends with the text.
  while (true) {
    at = skip_blanks(text, at);
    if (at < text.size() && text[at] == '}') break;
    const std::size_t label_stop = name_end(text, at, false);
    if (label_stop == at) return "expected a label name in '" + series.name + "'";
    std::string label_name(text.substr(at, label_stop - at));
    at = skip_blanks(text, label_stop);
    if (at >= text.size() || text[at] != '=') return "expected '=' after label '" + label_name + "'";
    at = skip_blanks(text, at + 1);
    if (at >= text.size() || text[at] != '"') return "expected '\"' to open the value of label '" + label_name + "'";
    std::string value;
    ++at;
    while (at < text.size() && text[at] != '"') {
      if (text[at] == '\\') {
        if (at + 1 >= text.size()) break;
        const char escaped = text[at + 1];
        if (escaped != '\\' && escaped != '"' && escaped != 'n')
          return "invalid escape '\\" + std::string(1, escaped) + "' in label '" + label_name + "'";
        value += escaped == 'n' ? '\n' : escaped;
        at += 2;
      } else {
        value += text[at++];
      }
    }
    if (at >= text.size()) return "unterminated value of label '" + label_name + "'";
    ++at;  // the closing quote
    if (find_label(series.labels, label_name) != nullptr)
      return "label '" + label_name + "' appears twice in '" + series.name + "'";
    series.labels.push_back({std::move(label_name), std::move(value)});
    at = skip_blanks(text, at);
    if (at < text.size() && text[at] == ',') {
      ++at;
      continue;
    }
    if (at < text.size() && text[at] == '}') break;
    return "expected ',' or '}' after label '" + series.labels.back().name + "'";
  }
  series.consumed = at + 1;
  return series;
}

}  // namespace faultline::observe
