#include "harness/result/comparison_json.h"

#include <cmath>
#include <stdexcept>

namespace faultline::result {

using nlohmann::json;

namespace {

json optional_number(const std::optional<double>& value) {
  return value && std::isfinite(*value) ? json(*value) : json(nullptr);
}

const json& member(const json& object, const char* key, const std::string& where) {
  const auto found = object.find(key);
  if (found == object.end()) throw std::invalid_argument(where + "/" + key + ": missing");
  return *found;
}

std::string string_member(const json& object, const char* key, const std::string& where) {
  const json& value = member(object, key, where);
  if (!value.is_string()) throw std::invalid_argument(where + "/" + key + ": expected a string");
  return value.get<std::string>();
}

std::optional<double> optional_number_member(const json& object, const char* key, const std::string& where) {
  const json& value = member(object, key, where);
  if (value.is_null()) return std::nullopt;
  if (!value.is_number()) throw std::invalid_argument(where + "/" + key + ": expected a number or null");
  return value.get<double>();
}

json summary_json(const SampleSummary& s) {
  return {{"n", s.n}, {"median", optional_number(s.median)}, {"low", optional_number(s.low)}, {"high", optional_number(s.high)}};
}

}  // namespace

json to_json(const ComparableMetric& metric) {
  json samples = json::array();
  for (const double sample : metric.samples) samples.push_back(sample);
  json j = {{"metric", metric.metric},
            {"scope", metric.scope},
            {"unit", metric.unit},
            {"exact", metric.exact},
            {"value", optional_number(metric.value)},
            {"samples", std::move(samples)}};
  if (!metric.note.empty()) j["note"] = metric.note;
  return j;
}

ComparableMetric comparable_from_json(const json& j, const std::string& where) {
  if (!j.is_object()) throw std::invalid_argument(where + ": expected an object");
  ComparableMetric metric;
  metric.metric = string_member(j, "metric", where);
  metric.scope = string_member(j, "scope", where);
  metric.unit = string_member(j, "unit", where);
  const json& exact = member(j, "exact", where);
  if (!exact.is_boolean()) throw std::invalid_argument(where + "/exact: expected true or false");
  metric.exact = exact.get<bool>();
  metric.value = optional_number_member(j, "value", where);
  const json& samples = member(j, "samples", where);
  if (!samples.is_array()) throw std::invalid_argument(where + "/samples: expected an array of numbers");
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (!samples[i].is_number() || !std::isfinite(samples[i].get<double>())) {
      throw std::invalid_argument(where + "/samples/" + std::to_string(i) + ": expected a number");
    }
    metric.samples.push_back(samples[i].get<double>());
  }
  if (const auto note = j.find("note"); note != j.end() && note->is_string()) metric.note = note->get<std::string>();
  return metric;
}

json to_json(const ComparisonRecord& c) {
  json metrics = json::array();
  for (const MetricComparisonRecord& m : c.metrics) {
    metrics.push_back({{"metric", m.metric},
                       {"scope", m.scope},
                       {"unit", m.unit},
                       {"kind", m.kind},
                       {"samples", m.samples},
                       {"verdict", m.verdict},
                       {"baseline", summary_json(m.baseline)},
                       {"current", summary_json(m.current)},
                       {"delta", optional_number(m.delta)},
                       {"p", optional_number(m.p)},
                       {"tolerance", m.tolerance},
                       {"floor", optional_number(m.floor)},
                       {"text", m.text},
                       {"note", m.note}});
  }
  return {{"baseline_path", c.baseline_path},
          {"baseline_scenario", c.baseline_scenario},
          {"baseline_runs", c.baseline_runs},
          {"current_runs", c.current_runs},
          {"alpha", c.alpha},
          {"too_few_samples_pass", c.too_few_samples_pass},
          {"regressions", c.regressions},
          {"improvements", c.improvements},
          {"insufficient", c.insufficient},
          {"passed", c.passed},
          {"metrics", std::move(metrics)}};
}

}  // namespace faultline::result
