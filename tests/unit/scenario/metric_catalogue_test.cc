// The metric catalogue and the "expect" field: every kind of error a scenario's expectation can
// have is reported at its JSON pointer, with the closest real names when it is a typo.
#include "harness/scenario/metric_catalogue.h"

#include <gtest/gtest.h>

#include "harness/scenario/scenario_json.h"
#include "harness/scenario/scenario_parser.h"
#include "tests/unit/scenario/scenario_samples.h"

namespace faultline::scenario {
namespace {

std::string full_scenario(const std::string& expect) { return full_scenario_with("\"expect\": " + expect); }
std::string bare_scenario(const std::string& expect) { return bare_scenario_with("\"expect\": " + expect); }

std::string quoted_list(const std::string& entry) { return "[\"" + entry + "\"]"; }

TEST(MetricCatalogue, ReadsValidExpectationsTypedAndWritesThemBack) {
  const Scenario s = parse_scenario_text(
      full_scenario(R"(["load.api.p99 < 250ms during steady", "load.bulk.error_rate <= 1% after recovery",
                       "recovery.time_to_recover < 5s during fault 1", "target.rss_leaked < 16MiB",
                       "target.goroutines_leaked == 0", "logs.data_races == 0", "load.api.throughput >= 100"])"),
      "s.json");
  ASSERT_EQ(s.expect.size(), 7u);
  EXPECT_EQ(s.expect[0].text, "load.api.p99 < 250ms during steady");
  EXPECT_EQ(s.expect[0].metric, "load.api.p99");
  EXPECT_EQ(s.expect[0].scope.kind, Scope::Kind::steady);
  EXPECT_EQ(s.expect[2].scope.kind, Scope::Kind::fault);
  EXPECT_EQ(s.expect[2].scope.fault_index, 0u);
  const nlohmann::json written = to_json(s);
  EXPECT_EQ(written["expect"][1], "load.bulk.error_rate <= 1% after recovery");
  EXPECT_EQ(parse_scenario_text(written.dump(), "s.json"), s);
}

TEST(MetricCatalogue, ReportsEveryKindOfErrorAtItsPointer) {
  struct Case {
    std::string scenario;
    std::string issue;
  };
  const Case cases[] = {
      // Misspelt metrics, with the closest real names.
      {full_scenario(quoted_list("load.api.p95 < 5ms")),
       "/expect/0: unknown metric \"load.api.p95\"; did you mean \"load.api.p90\", \"load.api.p99\" or "
       "\"load.api.p50\"? (\"faultline metrics SCENARIO\" lists the metrics a scenario can produce)"},
      {full_scenario(quoted_list("recovery.time_to_recovery < 5s")),
       "/expect/0: unknown metric \"recovery.time_to_recovery\"; did you mean \"recovery.time_to_recover\"? "
       "(\"faultline metrics SCENARIO\" lists the metrics a scenario can produce)"},
      {full_scenario(quoted_list("target.thread_leaked == 0")),
       "/expect/0: unknown metric \"target.thread_leaked\"; did you mean \"target.threads_leaked\"? "
       "(\"faultline metrics SCENARIO\" lists the metrics a scenario can produce)"},
      {full_scenario(quoted_list("latency < 5ms")),
       "/expect/0: unknown metric \"latency\" (\"faultline metrics SCENARIO\" lists the metrics a scenario can "
       "produce)"},
      {full_scenario(quoted_list("load.p99 < 5ms")),
       "/expect/0: unknown metric \"load.p99\": load metrics name their generator, like \"load.api.p99\""},
      // A generator the scenario does not have.
      {full_scenario(quoted_list("load.apj.p99 < 5ms")),
       "/expect/0: \"load.apj.p99\" names no load generator of this scenario: there is no \"apj\" (they are "
       "\"api\" or \"bulk\"); did you mean \"load.api.p99\"?"},
      {bare_scenario(quoted_list("load.web.p99 < 5ms")),
       "/expect/0: \"load.web.p99\" names no load generator of this scenario: there is no \"web\" (the only one is "
       "\"api\")"},
      // Metrics this scenario cannot produce.
      {bare_scenario(quoted_list("recovery.time_to_recover < 5s")),
       "/expect/0: this scenario cannot produce recovery.time_to_recover: the scenario has no faults, so there is "
       "no recovery to measure"},
      {bare_scenario(quoted_list("target.goroutines_leaked == 0")),
       "/expect/0: this scenario cannot produce target.goroutines_leaked: goroutines are read from the target's "
       "Prometheus metrics: set observe.prometheus"},
      {bare_scenario(quoted_list("target.threads_leaked == 0")),
       "/expect/0: this scenario cannot produce target.threads_leaked: faultline samples the target's process only "
       "when it spawns it or is given target.pid"},
      {bare_scenario(quoted_list("logs.data_races == 0")),
       "/expect/0: this scenario cannot produce logs.data_races: the target's output is scanned only when "
       "faultline spawns it (this target is attached)"},
      {bare_scenario(quoted_list("target.crashes == 0")),
       "/expect/0: this scenario cannot produce target.crashes: exits, restarts and OOM kills are seen only for a "
       "target faultline spawns (this one is attached)"},
      // Scopes.
      {full_scenario(quoted_list("target.threads_leaked == 0 during steady")),
       "/expect/0: target.threads_leaked is counted over the whole run and cannot be checked \"during steady\"; "
       "leave the scope out"},
      {full_scenario(quoted_list("recovery.availability > 50% after recovery")),
       "/expect/0: recovery.availability cannot be checked \"after recovery\"; it can be checked over the whole run "
       "(no scope) or \"during fault N\""},
      {full_scenario(quoted_list("load.api.p99 < 5ms during fault 2")),
       "/expect/0: \"during fault 2\" names no fault: the scenario has one (fault 1)"},
      {bare_scenario(quoted_list("load.api.p99 < 5ms during fault 1")),
       "/expect/0: \"during fault 1\" names no fault: the scenario has none"},
      {bare_scenario(quoted_list("load.api.p99 < 5ms after recovery")),
       "/expect/0: \"after recovery\" needs a fault to recover from, and the scenario has no faults"},
      // Units.
      {full_scenario(quoted_list("load.api.p99 < 5%")),
       "/expect/0: load.api.p99 is a latency: compare it with a duration like \"250ms\", got \"5%\""},
      {full_scenario(quoted_list("load.api.p99 < 250")),
       "/expect/0: load.api.p99 is a latency: compare it with a duration like \"250ms\", got \"250\""},
      {full_scenario(quoted_list("load.api.error_rate < 0.01")),
       "/expect/0: load.api.error_rate is a fraction: compare it with a percentage like \"1%\", got \"0.01\""},
      {full_scenario(quoted_list("target.rss_peak < 100")),
       "/expect/0: target.rss_peak is a size in bytes: compare it with a size like \"64MiB\", got \"100\""},
      {full_scenario(quoted_list("target.threads_leaked < 1s")),
       "/expect/0: target.threads_leaked is a count: compare it with a plain number like 0, got \"1s\""},
      {full_scenario(quoted_list("recovery.time_to_recover < 5")),
       "/expect/0: recovery.time_to_recover is a duration: compare it with a duration like \"5s\", got \"5\""},
      {full_scenario(quoted_list("load.api.throughput > 5ms")),
       "/expect/0: load.api.throughput is a rate per second: compare it with a plain number of requests per second "
       "like 500, got \"5ms\""},
      // The text itself and the array.
      {full_scenario(quoted_list("load.api.p99 = 5ms")),
       "/expect/0: at character 14: expected a comparison (<, <=, >, >=, ==, !=) after \"load.api.p99\", got \"=\" "
       "(equality is ==)"},
      {full_scenario("[5]"), "/expect/0: expected an expectation like \"load.api.p99 < 250ms during steady\", got 5"},
      {full_scenario("\"load.api.p99 < 5ms\""), "/expect: expected a non-empty array, got \"load.api.p99 < 5ms\""},
  };
  for (const Case& c : cases) EXPECT_EQ(only_issue(c.scenario), c.issue);
}

TEST(MetricCatalogue, ReportsEveryBadExpectationInOneRound) {
  try {
    parse_scenario_text(full_scenario(R"(["load.api.p99 < 5ms", "load.api.p95 < 5ms", "x", "logs.data_race == 0"])"),
                        "s.json");
    FAIL() << "parsed without error";
  } catch (const ScenarioError& error) {
    ASSERT_EQ(error.issues().size(), 3u) << error.what();
    EXPECT_EQ(error.issues()[0].path, "/expect/1");
    EXPECT_EQ(error.issues()[1].path, "/expect/2");
    EXPECT_EQ(error.issues()[2].path, "/expect/3");
    EXPECT_NE(error.issues()[2].message.find("did you mean \"logs.data_races\""), std::string::npos);
  }
}

TEST(MetricCatalogue, ResolvesNamesWhateverTheGenerator) {
  const auto p99 = resolve_metric("load.eu.web.p99");
  ASSERT_TRUE(p99);
  EXPECT_EQ(p99->definition->id, MetricId::load_p99);
  EXPECT_EQ(p99->generator, "eu.web");
  EXPECT_EQ(resolve_metric("recovery.availability")->definition->unit, MetricUnit::fraction);
  EXPECT_FALSE(resolve_metric("load..p99"));
  EXPECT_FALSE(resolve_metric("load.api.p98"));
  EXPECT_FALSE(resolve_metric("load.<generator>.p99x"));
  EXPECT_FALSE(resolve_metric("recovery"));
}

TEST(MetricCatalogue, ConcreteNamesPerGeneratorAndWhyOthersAreMissing) {
  const Scenario s = parse_scenario_text(bare_scenario(quoted_list("load.api.p99 < 5ms")), "s.json");
  std::vector<std::string> available;
  std::string recovery_reason;
  for (const ConcreteMetric& metric : concrete_metrics(s)) {
    if (metric.availability.available) available.push_back(metric.name);
    if (metric.name == "recovery.time_to_recover") recovery_reason = metric.availability.reason;
  }
  EXPECT_EQ(available, (std::vector<std::string>{"load.api.p50", "load.api.p90", "load.api.p99", "load.api.p999",
                                                 "load.api.max", "load.api.error_rate", "load.api.throughput",
                                                 "load.api.requests", "load.api.errors"}));
  EXPECT_EQ(recovery_reason, "the scenario has no faults, so there is no recovery to measure");
}

TEST(MetricCatalogue, ClosestNamesAreTyposOnlyClosestFirst) {
  const std::vector<std::string> names{"load.api.p50", "load.api.p99", "load.api.max", "target.crashes"};
  EXPECT_EQ(closest_names("load.api.p9", names), (std::vector<std::string>{"load.api.p99", "load.api.p50"}));
  EXPECT_EQ(closest_names("target.crash", names), (std::vector<std::string>{"target.crashes"}));
  EXPECT_TRUE(closest_names("latency", names).empty());
  EXPECT_TRUE(closest_names("load.api.p99", names, 0).empty());
}

TEST(MetricCatalogue, ThresholdsInTheMetricsUnit) {
  EXPECT_DOUBLE_EQ(threshold_in_unit(*parse_threshold("250ms").value, MetricUnit::milliseconds), 250);
  EXPECT_DOUBLE_EQ(threshold_in_unit(*parse_threshold("2s").value, MetricUnit::seconds), 2);
  EXPECT_DOUBLE_EQ(threshold_in_unit(*parse_threshold("1%").value, MetricUnit::fraction), 0.01);
  EXPECT_DOUBLE_EQ(threshold_in_unit(*parse_threshold("1KiB").value, MetricUnit::bytes), 1024);
  EXPECT_DOUBLE_EQ(threshold_in_unit(*parse_threshold("3").value, MetricUnit::count), 3);
}

TEST(MetricCatalogue, EveryMetricIsWholeRunCheckableAndUniquelyNamed) {
  for (const MetricDefinition& metric : metric_catalogue()) {
    EXPECT_TRUE(supports(metric, Scope::Kind::whole_run)) << metric.name;
    const auto resolved = resolve_metric(metric.needs == MetricNeeds::load_generator
                                             ? "load.g." + std::string(metric.name.substr(metric.name.rfind('.') + 1))
                                             : std::string(metric.name));
    ASSERT_TRUE(resolved) << metric.name;
    EXPECT_EQ(resolved->definition, &metric) << metric.name;
  }
}

// Abort conditions can watch only what each interval measures; baseline tolerances apply only to
// what is compared as a distribution.
TEST(MetricCatalogue, SaysWhichMetricsAreLiveAndWhichAreNoisy) {
  std::vector<std::string> live;
  std::vector<std::string> noisy;
  for (const MetricDefinition& metric : metric_catalogue()) {
    if (metric.timing == MetricTiming::per_interval) live.emplace_back(metric.name);
    if (metric.comparison == MetricComparison::noisy) noisy.emplace_back(metric.name);
  }
  EXPECT_EQ(live, (std::vector<std::string>{"load.<generator>.p50", "load.<generator>.p90", "load.<generator>.p99",
                                            "load.<generator>.p999", "load.<generator>.max",
                                            "load.<generator>.error_rate", "load.<generator>.throughput",
                                            "load.<generator>.requests", "load.<generator>.errors",
                                            "load.<generator>.connects", "load.<generator>.connect_failures",
                                            "load.<generator>.connect_failure_rate", "load.<generator>.disconnects",
                                            "load.<generator>.connected", "load.<generator>.connect_p50",
                                            "load.<generator>.connect_p99", "load.<generator>.round_trip_p50",
                                            "load.<generator>.round_trip_p99", "load.<generator>.delivery_p50",
                                            "load.<generator>.delivery_p99", "target.threads_peak",
                                            "target.fds_peak", "target.rss_peak"}));
  EXPECT_EQ(noisy, (std::vector<std::string>{"load.<generator>.p50", "load.<generator>.p90", "load.<generator>.p99",
                                             "load.<generator>.p999", "load.<generator>.max",
                                             "load.<generator>.error_rate", "load.<generator>.throughput",
                                             "load.<generator>.connect_failure_rate", "load.<generator>.connect_p50",
                                             "load.<generator>.connect_p99", "load.<generator>.round_trip_p50",
                                             "load.<generator>.round_trip_p99", "load.<generator>.delivery_p50",
                                             "load.<generator>.delivery_p99", "load.<generator>.reconnect_time_p50",
                                             "load.<generator>.reconnect_time_p99", "load.<generator>.reconnect_time_max",
                                             "recovery.time_to_recover"}));
}

TEST(MetricCatalogue, GroupsNamesByWhatPrecedesTheirLastDot) {
  EXPECT_EQ(grouped_names({"load.api.p50", "target.fds_peak", "load.eu.web.p99", "load.api.max",
                           "recovery.time_to_recover"}),
            "load.api.{p50,max}, target.fds_peak, load.eu.web.p99, recovery.time_to_recover");
  EXPECT_EQ(grouped_names({}), "");
}

TEST(MetricCatalogue, LooksUpNamesAgainstTheScenariosGenerators) {
  const Scenario s = parse_scenario_text(full_scenario(R"(["load.api.p99 < 5ms"])"), "s.json");
  const ParseResult<MetricRef> found = lookup_metric("load.bulk.p99", s, {});
  ASSERT_TRUE(found) << found.error();
  EXPECT_EQ(found->definition->id, MetricId::load_p99);
  EXPECT_EQ(found->generator, "bulk");
  EXPECT_EQ(lookup_metric("load.api.p98", s, {"load.api.p99", "default"}).error(),
            "unknown metric \"load.api.p98\"; did you mean \"load.api.p99\"? (\"faultline metrics SCENARIO\" lists "
            "the metrics a scenario can produce)");
  EXPECT_EQ(lookup_metric("load.web.p99", s, {}).error(),
            "\"load.web.p99\" names no load generator of this scenario: there is no \"web\" (they are \"api\" or "
            "\"bulk\")");
}

}  // namespace
}  // namespace faultline::scenario
