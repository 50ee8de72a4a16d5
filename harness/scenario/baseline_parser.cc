#include "harness/scenario/baseline_parser.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario/json_pointer.h"
#include "harness/scenario/metric_catalogue.h"
#include "harness/scenario/units.h"

namespace faultline::scenario {
namespace {

const std::vector<std::string_view> kBaselineKeys{"tolerance", "alpha", "too_few_samples"};
const std::vector<std::string_view> kTooFewSamples{"fail", "pass"};
constexpr std::string_view kDefaultKey = "default";
constexpr double kMaxAlpha = 0.5;  // a larger alpha calls most differences significant

bool noisy(const MetricDefinition& metric) { return metric.comparison == MetricComparison::noisy; }

// How tolerances for a metric in `unit` are written, after "expected ".
std::string tolerance_forms(MetricUnit unit) {
  switch (unit) {
    case MetricUnit::milliseconds: return "a percentage like \"25%\" or a duration like \"2ms\"";
    case MetricUnit::seconds: return "a percentage like \"25%\" or a duration like \"1s\"";
    case MetricUnit::per_second: return "a percentage like \"25%\" or a number of requests per second like 50";
    case MetricUnit::fraction: return "a percentage like \"25%\" (a rate takes a relative tolerance only)";
    case MetricUnit::bytes:
    case MetricUnit::count: break;
  }
  return "a percentage like \"25%\"";
}

std::optional<double> relative(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  const auto fraction = parse_percent(value.get<std::string>());
  return fraction ? std::optional<double>(*fraction) : std::nullopt;
}

// An absolute tolerance in `unit`; nothing when `value` is not one (rates take none).
std::optional<double> absolute(const nlohmann::json& value, MetricUnit unit) {
  if (unit == MetricUnit::per_second) {
    if (!value.is_number() || value.get<double>() < 0) return std::nullopt;
    return value.get<double>();
  }
  if ((unit != MetricUnit::milliseconds && unit != MetricUnit::seconds) || !value.is_string()) return std::nullopt;
  const auto duration = parse_duration(value.get<std::string>());
  if (!duration) return std::nullopt;
  if (unit == MetricUnit::milliseconds) return std::chrono::duration<double, std::milli>(*duration).count();
  return std::chrono::duration<double>(*duration).count();
}

// The tolerance `value` gives the metric `name`, or why it gives none.
ParseResult<Tolerance> metric_tolerance(const std::string& name, const nlohmann::json& value,
                                        const Scenario& scenario) {
  // Only noisy metrics take a tolerance: the only candidates for a misspelt name, besides "default".
  std::vector<std::string> candidates = produced_metric_names(scenario, noisy);
  const std::string noisy_names = grouped_names(candidates);
  candidates.insert(candidates.begin(), std::string(kDefaultKey));
  const ParseResult<MetricRef> ref = lookup_metric(name, scenario, candidates);
  if (!ref) return ParseFailure{ref.error()};
  const MetricDefinition& metric = *ref->definition;
  if (!noisy(metric)) {
    return ParseFailure{name + " is compared exactly with the baseline, so it takes no tolerance; "
                        "tolerances are for the noisy metrics: " + noisy_names};
  }
  if (const Availability available = availability(*ref, scenario); !available.available) {
    return ParseFailure{"this scenario cannot produce " + name + ": " + available.reason};
  }
  if (const auto fraction = relative(value)) return Tolerance{fraction, std::nullopt};
  if (const auto amount = absolute(value, metric.unit)) return Tolerance{std::nullopt, amount};
  std::string message = "expected a tolerance for " + name + ": " + tolerance_forms(metric.unit) + ", got " +
                        describe_json_value(value);
  if (metric.unit == MetricUnit::per_second && value.is_string()) {
    const auto threshold = parse_threshold(value.get<std::string>());
    if (threshold && threshold.value->kind == Threshold::Kind::number) message += " (write the number without quotes)";
  }
  return ParseFailure{std::move(message)};
}

void read_tolerances(const ObjectReader& baseline, Scenario& scenario) {
  const nlohmann::json* tolerances = baseline.find("tolerance");
  if (tolerances == nullptr) return;
  if (!tolerances->is_object()) {
    baseline.report("tolerance", "expected an object like {\"default\": \"10%\", \"load.api.p99\": \"2ms\"}, got " +
                                     describe_json_value(*tolerances));
    return;
  }
  for (const auto& [key, value] : tolerances->items()) {
    const std::string path = json_pointer_append(baseline.path_of("tolerance"), key);
    if (key == kDefaultKey) {
      if (const auto fraction = relative(value)) {
        scenario.baseline.default_tolerance = Tolerance{fraction, std::nullopt};
      } else {
        baseline.issues().add(path, "expected a percentage like \"10%\" (the default applies to metrics of every "
                                    "unit, so it is relative), got " + describe_json_value(value));
      }
      continue;
    }
    const ParseResult<Tolerance> tolerance = metric_tolerance(key, value, scenario);
    if (!tolerance) {
      baseline.issues().add(path, tolerance.error());
      continue;
    }
    scenario.baseline.tolerances.emplace(key, *tolerance);
  }
}

}  // namespace

void read_baseline(const ObjectReader& root, Scenario& scenario) {
  const ObjectReader baseline = root.object("baseline", Presence::optional, kBaselineKeys);
  read_tolerances(baseline, scenario);
  scenario.baseline.alpha = baseline.number("alpha", Presence::optional, 0, kMaxAlpha).value_or(scenario.baseline.alpha);
  if (const auto too_few = baseline.one_of("too_few_samples", Presence::optional, kTooFewSamples)) {
    scenario.baseline.too_few_samples_pass = *too_few == "pass";
  }
}

}  // namespace faultline::scenario
