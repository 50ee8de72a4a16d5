// A parser of the Prometheus text exposition format 0.0.4: the body a /metrics endpoint returns.
// It keeps going past a bad line, because one odd metric must not cost the whole scrape.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace faultline::observe {

enum class MetricType { counter, gauge, histogram, summary, untyped };

std::string_view to_string(MetricType type);

struct Label {
  std::string name;
  std::string value;  // unescaped

  friend bool operator==(const Label&, const Label&) = default;
  friend auto operator<=>(const Label&, const Label&) = default;
};
using Labels = std::vector<Label>;  // in the order of the line

struct MetricSample {
  std::string name;  // as written: a histogram's lines are name_bucket, name_sum, name_count
  Labels labels;
  double value = 0;                        // may be NaN or ±infinity
  std::optional<std::int64_t> timestamp_ms;  // since the Unix epoch, when the line has one

  friend bool operator==(const MetricSample&, const MetricSample&) = default;
};

// What the # HELP and # TYPE lines say about a family (the name without _bucket/_sum/_count).
struct MetricFamily {
  MetricType type = MetricType::untyped;
  std::string help;  // unescaped
};

struct ParseProblem {
  std::size_t line = 0;  // 1-based
  std::string message;

  friend bool operator==(const ParseProblem&, const ParseProblem&) = default;
};

struct PrometheusText {
  std::vector<MetricSample> samples;
  std::map<std::string, MetricFamily, std::less<>> families;  // by family name
  std::vector<ParseProblem> problems;  // the first kMaxProblems skipped lines
  std::size_t skipped_lines = 0;       // every line skipped, including those not listed

  static constexpr std::size_t kMaxProblems = 100;

  // The family a sample line belongs to: "rpc_seconds_bucket" belongs to "rpc_seconds" when a
  // TYPE line made that a histogram. A name no TYPE line covers is its own family.
  std::string_view family_of(std::string_view sample_name) const;
  MetricType type_of(std::string_view sample_name) const;
};

PrometheusText parse_prometheus_text(std::string_view text);

// A metric name with an optional label block, `name{a="x",b="y"}`, at the start of `text`; the
// syntax shared by sample lines and the series a scenario names. On success, `consumed` is the
// length of what was read; otherwise the string says what is wrong.
struct SeriesText {
  std::string name;
  Labels labels;
  std::size_t consumed = 0;
};
std::variant<SeriesText, std::string> parse_series(std::string_view text);

}  // namespace faultline::observe
