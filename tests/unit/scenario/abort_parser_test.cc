// The "abort" field: conditions on per-interval metrics the scenario produces, read typed, written
// back, and every kind of mistake reported at its JSON pointer.
#include "harness/scenario/abort_parser.h"

#include <gtest/gtest.h>

#include "harness/scenario/metric_catalogue.h"
#include "harness/scenario/scenario_json.h"
#include "tests/unit/scenario/scenario_samples.h"

namespace faultline::scenario {
namespace {

std::string full_scenario(const std::string& abort) { return full_scenario_with("\"abort\": " + abort); }
std::string bare_scenario(const std::string& abort) { return bare_scenario_with("\"abort\": " + abort); }
std::string quoted_list(const std::string& entry) { return "[\"" + entry + "\"]"; }

constexpr const char* kLoadFields = "{p50,p90,p99,p999,max,error_rate,throughput,requests,errors}";

TEST(AbortParser, ReadsConditionsTypedAndWritesThemBack) {
  const Scenario s = parse_scenario_text(
      full_scenario(R"(["load.api.error_rate > 90% for 15s", "load.bulk.p99 >= 2s for 5s",
                       "target.rss_peak > 200MiB for 20s", "target.threads_peak > 500 for 30s",
                       "load.api.throughput < 10 for 10s"])"),
      "s.json");
  ASSERT_EQ(s.abort.size(), 5u);
  const AbortCondition& first = s.abort[0];
  EXPECT_EQ(first.text, "load.api.error_rate > 90% for 15s");
  EXPECT_EQ(first.metric, "load.api.error_rate");
  EXPECT_EQ(first.op, CompareOp::greater);
  EXPECT_EQ(first.threshold.kind, Threshold::Kind::fraction);
  EXPECT_DOUBLE_EQ(first.threshold.value, 0.9);
  EXPECT_DOUBLE_EQ(first.for_s, 15);
  EXPECT_DOUBLE_EQ(s.abort[2].for_s, 20);
  EXPECT_DOUBLE_EQ(s.abort[3].for_s, 30);  // as long as the run is allowed

  // What the engine compares each interval's value with: the threshold in the metric's unit.
  const auto p99 = resolve_metric(s.abort[1].metric);
  ASSERT_TRUE(p99);
  EXPECT_EQ(p99->definition->id, MetricId::load_p99);
  EXPECT_EQ(p99->generator, "bulk");
  EXPECT_DOUBLE_EQ(threshold_in_unit(s.abort[1].threshold, p99->definition->unit), 2000);

  const nlohmann::json written = to_json(s);
  EXPECT_EQ(written["abort"][2], "target.rss_peak > 200MiB for 20s");
  EXPECT_EQ(parse_scenario_text(written.dump(), "s.json"), s);
}

TEST(AbortParser, NoAbortFieldMeansNoConditions) {
  const Scenario s = parse_scenario_text(bare_scenario_with(R"("seed": 1)"), "s.json");
  EXPECT_TRUE(s.abort.empty());
  EXPECT_FALSE(to_json(s).contains("abort"));
}

TEST(AbortParser, ReportsEveryKindOfErrorAtItsPointer) {
  const std::string load_api = std::string("load.api.") + kLoadFields;
  struct Case {
    std::string scenario;
    std::string issue;
  };
  const Case cases[] = {
      // Misspelt metrics and generators, with the closest real names.
      {full_scenario(quoted_list("load.api.eror_rate > 90% for 15s")),
       "/abort/0: unknown metric \"load.api.eror_rate\"; did you mean \"load.api.error_rate\"? (\"faultline metrics "
       "SCENARIO\" lists the metrics a scenario can produce)"},
      {full_scenario(quoted_list("load.error_rate > 90% for 15s")),
       "/abort/0: unknown metric \"load.error_rate\": load metrics name their generator, like "
       "\"load.api.error_rate\""},
      {full_scenario(quoted_list("load.apj.p99 > 2s for 15s")),
       "/abort/0: \"load.apj.p99\" names no load generator of this scenario: there is no \"apj\" (they are \"api\" "
       "or \"bulk\"); did you mean \"load.api.p99\"?"},
      // Metrics known only after the run, listing the ones this scenario measures per interval.
      {full_scenario(quoted_list("target.threads_leaked > 10 for 15s")),
       "/abort/0: target.threads_leaked is known only after the run; abort conditions take per-interval metrics: " +
           load_api + ", load.bulk." + kLoadFields + ", target.{threads_peak,fds_peak,rss_peak}"},
      {bare_scenario(quoted_list("recovery.time_to_recover > 5s for 15s")),
       "/abort/0: recovery.time_to_recover is known only after the run; abort conditions take per-interval "
       "metrics: " + load_api},
      // A live metric this scenario cannot produce.
      {bare_scenario(quoted_list("target.rss_peak > 1GiB for 15s")),
       "/abort/0: this scenario cannot produce target.rss_peak: faultline samples the target's process only when "
       "it spawns it or is given target.pid"},
      // Units.
      {full_scenario(quoted_list("load.api.error_rate > 0.9 for 15s")),
       "/abort/0: load.api.error_rate is a fraction: compare it with a percentage like \"1%\", got \"0.9\""},
      {full_scenario(quoted_list("load.api.p99 > 250 for 15s")),
       "/abort/0: load.api.p99 is a latency: compare it with a duration like \"250ms\", got \"250\""},
      {full_scenario(quoted_list("target.rss_peak > 90% for 15s")),
       "/abort/0: target.rss_peak is a size in bytes: compare it with a size like \"64MiB\", got \"90%\""},
      // How long it must hold.
      {full_scenario(quoted_list("load.api.error_rate > 90%")),
       "/abort/0: at character 26: expected \"for DURATION\" (how long the condition must hold, like \"for 15s\"), "
       "got nothing"},
      {full_scenario(quoted_list("load.api.error_rate > 90% for 0s")),
       "/abort/0: at character 31: an abort condition must hold for longer than 0s"},
      {full_scenario(quoted_list("load.api.error_rate > 90% for 31s")),
       "/abort/0: an abort condition cannot hold for longer than the run (30s), got \"for 31s\""},
      {full_scenario(quoted_list("load.api.error_rate > 90% during steady")),
       "/abort/0: at character 27: expected \"for DURATION\" (how long the condition must hold, like \"for 15s\"), "
       "got \"during\""},
      // The array itself.
      {full_scenario("[5]"),
       "/abort/0: expected an abort condition like \"load.api.error_rate > 90% for 15s\", got 5"},
      {full_scenario("[]"), "/abort: expected a non-empty array, got []"},
  };
  for (const Case& c : cases) EXPECT_EQ(only_issue(c.scenario), c.issue);
}

TEST(AbortParser, ReportsEveryBadConditionInOneRound) {
  try {
    parse_scenario_text(full_scenario(R"(["load.api.p99 > 2s for 5s", "logs.data_races > 0 for 1s", "x",
                                         "load.api.p99 > 2s for 1h"])"),
                        "s.json");
    FAIL() << "parsed without error";
  } catch (const ScenarioError& error) {
    ASSERT_EQ(error.issues().size(), 3u) << error.what();
    EXPECT_EQ(error.issues()[0].path, "/abort/1");
    EXPECT_EQ(error.issues()[1].path, "/abort/2");
    EXPECT_EQ(error.issues()[2].path, "/abort/3");
  }
}

}  // namespace
}  // namespace faultline::scenario
