#include "harness/analysis/run_comparison.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "harness/analysis/comparison.h"
#include "harness/analysis/comparison_format.h"

namespace faultline::analysis {
namespace {

using result::ComparableMetric;
using result::MetricComparisonRecord;

// A compared metric's identity: its name and scope.
using Key = std::pair<std::string, std::string>;

Key key_of(const ComparableMetric& metric) { return {metric.metric, metric.scope}; }

std::string label_of(const Key& key) { return key.second.empty() ? key.first : key.first + " " + key.second; }

// The metric in each run of one side (null where a run lacks it).
std::vector<const ComparableMetric*> side_of(const std::vector<ComparableRun>& runs, const Key& key) {
  std::vector<const ComparableMetric*> side;
  for (const ComparableRun& run : runs) {
    const auto found = std::find_if(run.begin(), run.end(), [&](const ComparableMetric& m) { return key_of(m) == key; });
    side.push_back(found == run.end() ? nullptr : &*found);
  }
  return side;
}

MetricUnit unit_named(const std::string& name) {
  for (const MetricUnit unit : {MetricUnit::milliseconds, MetricUnit::seconds, MetricUnit::bytes,
                                MetricUnit::per_second, MetricUnit::fraction, MetricUnit::count}) {
    if (scenario::unit_name(unit) == name) return unit;
  }
  return MetricUnit::count;
}

Direction direction_of(const std::string& metric) {
  return metric.ends_with(".throughput") ? Direction::lower_is_worse : Direction::higher_is_worse;
}

result::SampleSummary summary_of(const MedianInterval& interval) {
  return {interval.count, interval.median, interval.low, interval.high};
}

MetricComparisonRecord record_for(const Key& key, const std::string& unit, const char* kind) {
  MetricComparisonRecord record;
  record.metric = key.first;
  record.scope = key.second;
  record.unit = unit;
  record.kind = kind;
  return record;
}

std::string runs_text(std::size_t k, std::size_t n) {
  return std::to_string(k) + " of " + std::to_string(n) + (n == 1 ? " run" : " runs");
}

MetricComparisonRecord insufficient(MetricComparisonRecord record, std::string note) {
  record.verdict = "insufficient";
  record.note = std::move(note);
  record.text = label_of({record.metric, record.scope}) + "  ?  (" + record.note + ")";
  return record;
}

MetricComparisonRecord compare_exact(const Key& key, const std::string& unit,
                                     const std::vector<const ComparableMetric*>& baseline,
                                     const std::vector<const ComparableMetric*>& current) {
  MetricComparisonRecord record = record_for(key, unit, "exact");
  record.samples = "counts";
  // The largest count over the runs: one leaking repetition is a leak.
  const auto largest = [](const std::vector<const ComparableMetric*>& side) -> std::optional<double> {
    std::optional<double> most;
    for (const ComparableMetric* metric : side) {
      if (metric == nullptr || !metric->value) return std::nullopt;
      most = std::max(most.value_or(*metric->value), *metric->value);
    }
    return most;
  };
  const std::optional<double> b = largest(baseline);
  const std::optional<double> c = largest(current);
  record.baseline = {baseline.size(), b, std::nullopt, std::nullopt};
  record.current = {current.size(), c, std::nullopt, std::nullopt};
  if (!b || !c) {
    const std::vector<const ComparableMetric*>& missing_side = !b ? baseline : current;
    std::string why;
    for (const ComparableMetric* metric : missing_side) {
      if (metric != nullptr && !metric->value) why = metric->note;
    }
    return insufficient(std::move(record), std::string(!b ? "the baseline" : "this run") + " could not count it" +
                                               (why.empty() ? "" : ": " + why));
  }
  const ExactComparison comparison =
      compare_counts(static_cast<std::uint64_t>(std::max(0.0, *b)), static_cast<std::uint64_t>(std::max(0.0, *c)));
  record.verdict = to_string(comparison.verdict);
  record.text = format_comparison(label_of(key), comparison);
  return record;
}

struct Observed {
  std::size_t runs = 0;
  std::size_t unobserved = 0;
  std::string note;                 // why the last unobserved run had no value
  std::vector<double> run_values;   // one per observed run
  std::vector<double> interval_samples;  // pooled over the observed runs
};

Observed observed(const std::vector<const ComparableMetric*>& side) {
  Observed o;
  o.runs = side.size();
  for (const ComparableMetric* metric : side) {
    if (metric == nullptr || !metric->value) {
      ++o.unobserved;
      if (metric != nullptr) o.note = metric->note;
      continue;
    }
    o.run_values.push_back(*metric->value);
    o.interval_samples.insert(o.interval_samples.end(), metric->samples.begin(), metric->samples.end());
  }
  return o;
}

ComparisonOptions options_for(const std::string& metric, const std::string& unit, const ComparisonInputs& inputs) {
  const scenario::BaselineOptions& baseline = inputs.options;
  ComparisonOptions options;
  options.alpha = baseline.alpha;
  options.tolerance = baseline.default_tolerance.relative.value_or(options.tolerance);
  options.floor = default_floor(unit, inputs.interval_s);
  if (const auto own = baseline.tolerances.find(metric); own != baseline.tolerances.end()) {
    if (own->second.relative) options.tolerance = *own->second.relative;
    if (own->second.absolute) options.floor = *own->second.absolute;
  }
  return options;
}

MetricComparisonRecord compare_noisy(const Key& key, const std::string& unit, const ComparisonInputs& inputs,
                                     const std::vector<const ComparableMetric*>& baseline_side,
                                     const std::vector<const ComparableMetric*>& current_side) {
  MetricComparisonRecord record = record_for(key, unit, "noisy");
  const ComparisonOptions options = options_for(key.first, unit, inputs);
  record.tolerance = options.tolerance;
  if (options.floor > 0) record.floor = options.floor;
  const Observed b = observed(baseline_side);
  const Observed c = observed(current_side);

  // Runs that could not observe it (a fault that never recovered) weigh before any value.
  const double b_unobserved = static_cast<double>(b.unobserved) / static_cast<double>(b.runs);
  const double c_unobserved = static_cast<double>(c.unobserved) / static_cast<double>(c.runs);
  if (c_unobserved > b_unobserved) {
    record.samples = "runs";
    record.baseline.n = b.runs;
    record.current.n = c.runs;
    record.verdict = "regressed";
    record.note = "not observed in " + runs_text(c.unobserved, c.runs) + " (the baseline: " +
                  runs_text(b.unobserved, b.runs) + ")" + (c.note.empty() ? "" : ": " + c.note);
    record.text = label_of(key) + "  " + record.note;
    return record;
  }
  if (c_unobserved < b_unobserved) {
    record.samples = "runs";
    record.baseline.n = b.runs;
    record.current.n = c.runs;
    record.verdict = "improved";
    record.note = "observed in more runs than the baseline: not observed in " + runs_text(c.unobserved, c.runs) +
                  " (the baseline: " + runs_text(b.unobserved, b.runs) + ")";
    record.text = label_of(key) + "  " + record.note;
    return record;
  }
  if (c.run_values.empty()) {
    record.samples = "runs";
    record.verdict = "same";
    record.note = "not observed in any run, here or in the baseline" + (c.note.empty() ? "" : ": " + c.note);
    record.text = label_of(key) + "  ~  (" + record.note + ")";
    return record;
  }

  const std::size_t needed = samples_needed_for_significance(options.alpha);
  const bool has_intervals = !b.interval_samples.empty() && !c.interval_samples.empty();
  const bool by_runs = !has_intervals || (b.run_values.size() >= needed && c.run_values.size() >= needed);
  record.samples = by_runs ? "runs" : "intervals";
  const NoisyComparison comparison =
      by_runs ? compare_samples(b.run_values, c.run_values, direction_of(key.first), options)
              : compare_samples(b.interval_samples, c.interval_samples, direction_of(key.first), options);
  record.baseline = summary_of(comparison.baseline);
  record.current = summary_of(comparison.current);
  record.delta = comparison.delta;
  if (comparison.baseline.count > 0 && comparison.current.count > 0) record.p = comparison.test.p;
  record.verdict = to_string(comparison.verdict);
  record.note = comparison.note;
  if (comparison.verdict == ComparisonVerdict::insufficient && by_runs) {
    record.note += ": these are per-run values; gather more runs with --repeat " + std::to_string(needed) +
                   " and a baseline saved from as many";
  }
  record.text = format_comparison(label_of(key), comparison, unit_named(unit));
  return record;
}

}  // namespace

double default_floor(const std::string& unit, double interval_s) {
  if (unit == scenario::unit_name(MetricUnit::milliseconds)) return 1.0;
  if (unit == scenario::unit_name(MetricUnit::fraction)) return 0.01;
  if (unit == scenario::unit_name(MetricUnit::seconds)) return interval_s;
  return 0;
}

result::ComparisonRecord compare_runs(const ComparisonInputs& inputs) {
  result::ComparisonRecord record;
  record.baseline_path = inputs.baseline_path;
  record.baseline_scenario = inputs.baseline_scenario;
  record.baseline_runs = inputs.baseline.size();
  record.current_runs = inputs.current.size();
  record.alpha = inputs.options.alpha;
  record.too_few_samples_pass = inputs.options.too_few_samples_pass;

  // Every metric either side has, in the order the runs list them (current first).
  std::vector<std::pair<Key, const ComparableMetric*>> keys;
  for (const std::vector<ComparableRun>* side : {&inputs.current, &inputs.baseline}) {
    for (const ComparableRun& run : *side) {
      for (const ComparableMetric& metric : run) {
        const Key key = key_of(metric);
        if (std::none_of(keys.begin(), keys.end(), [&](const auto& k) { return k.first == key; })) {
          keys.emplace_back(key, &metric);
        }
      }
    }
  }
  for (const auto& [key, example] : keys) {
    const std::vector<const ComparableMetric*> baseline = side_of(inputs.baseline, key);
    const std::vector<const ComparableMetric*> current = side_of(inputs.current, key);
    const auto absent = [](const std::vector<const ComparableMetric*>& side) {
      return side.empty() || std::all_of(side.begin(), side.end(), [](const ComparableMetric* m) { return m == nullptr; });
    };
    MetricComparisonRecord metric;
    if (absent(baseline) || absent(current)) {
      metric = insufficient(record_for(key, example->unit, example->exact ? "exact" : "noisy"),
                            absent(baseline) ? "not in the baseline (save a new one)" : "not measured by this run");
    } else if (example->exact) {
      metric = compare_exact(key, example->unit, baseline, current);
    } else {
      metric = compare_noisy(key, example->unit, inputs, baseline, current);
    }
    if (metric.verdict == "regressed") ++record.regressions;
    if (metric.verdict == "improved") ++record.improvements;
    if (metric.verdict == "insufficient") ++record.insufficient;
    record.metrics.push_back(std::move(metric));
  }
  record.passed = !inputs.baseline.empty() && !inputs.current.empty() && record.regressions == 0 &&
                  (record.insufficient == 0 || record.too_few_samples_pass);
  return record;
}

std::vector<std::string> comparison_reasons(const result::ComparisonRecord& comparison) {
  std::vector<std::string> reasons;
  for (const MetricComparisonRecord& metric : comparison.metrics) {
    if (metric.verdict == "regressed") reasons.push_back(std::string(kRegressionReason) + metric.text);
    if (metric.verdict == "insufficient" && !comparison.too_few_samples_pass) {
      reasons.push_back(std::string(kCannotCompareReason) + label_of({metric.metric, metric.scope}) + ": " + metric.note);
    }
  }
  return reasons;
}

void apply_comparison(result::RunResult& run, const result::ComparisonRecord& comparison) {
  run.comparison = comparison;
  if (comparison.passed) return;
  for (std::string& reason : comparison_reasons(comparison)) run.reasons.push_back(std::move(reason));
  if (run.verdict == result::Verdict::pass) run.verdict = result::Verdict::fail;
}

}  // namespace faultline::analysis
