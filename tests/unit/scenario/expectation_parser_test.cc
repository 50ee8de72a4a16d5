// Expectation and abort-condition text: every accepted form, and every error with its position.
#include "harness/scenario/expectation_parser.h"

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

using Kind = Threshold::Kind;

TEST(ExpectationParser, ReadsMetricOperatorValueAndScope) {
  struct Case {
    const char* text;
    const char* metric;
    CompareOp op;
    Kind kind;
    double value;
    Scope::Kind scope;
    std::size_t fault_index;
  };
  const Case cases[] = {
      {"recovery.time_to_recover < 5s", "recovery.time_to_recover", CompareOp::less, Kind::duration, 5,
       Scope::Kind::whole_run, 0},
      {"target.threads_leaked == 0", "target.threads_leaked", CompareOp::equal, Kind::number, 0, Scope::Kind::whole_run,
       0},
      {"load.api.p99 < 250ms during steady", "load.api.p99", CompareOp::less, Kind::duration, 0.25,
       Scope::Kind::steady, 0},
      {"load.api.error_rate < 1% after recovery", "load.api.error_rate", CompareOp::less, Kind::fraction, 0.01,
       Scope::Kind::after_recovery, 0},
      {"load.api.availability >= 99.5% during fault 2", "load.api.availability", CompareOp::greater_equal,
       Kind::fraction, 0.995, Scope::Kind::fault, 1},
      {"target.rss_bytes <= 64MiB", "target.rss_bytes", CompareOp::less_equal, Kind::size, 64.0 * 1024 * 1024,
       Scope::Kind::whole_run, 0},
      {"logs.data_races != 3", "logs.data_races", CompareOp::not_equal, Kind::number, 3, Scope::Kind::whole_run, 0},
      {"load.api.throughput > 950.5", "load.api.throughput", CompareOp::greater, Kind::number, 950.5,
       Scope::Kind::whole_run, 0},
      {"load.my-gen.p50<1m30s", "load.my-gen.p50", CompareOp::less, Kind::duration, 90, Scope::Kind::whole_run, 0},
      {"  a.b   >=   -1   during   fault   1  ", "a.b", CompareOp::greater_equal, Kind::number, -1,
       Scope::Kind::fault, 0},
      {"x > 1.5GiB", "x", CompareOp::greater, Kind::size, 1.5 * 1024 * 1024 * 1024, Scope::Kind::whole_run, 0},
  };
  for (const Case& c : cases) {
    const auto parsed = parse_expectation(c.text);
    ASSERT_TRUE(parsed) << c.text << ": " << to_string(parsed.error);
    EXPECT_EQ(parsed.value->metric, c.metric) << c.text;
    EXPECT_EQ(parsed.value->op, c.op) << c.text;
    EXPECT_EQ(parsed.value->threshold.kind, c.kind) << c.text;
    EXPECT_DOUBLE_EQ(parsed.value->threshold.value, c.value) << c.text;
    EXPECT_EQ(parsed.value->scope.kind, c.scope) << c.text;
    EXPECT_EQ(parsed.value->scope.fault_index, c.fault_index) << c.text;
  }
}

TEST(ExpectationParser, ReportsEveryErrorWithItsPosition) {
  struct Case {
    const char* text;
    std::size_t offset;
    const char* message;
  };
  const Case cases[] = {
      {"", 0, "expected a metric name like \"load.api.p99\", got nothing"},
      {"   ", 3, "expected a metric name like \"load.api.p99\", got nothing"},
      {"< 5s", 0, "expected a metric name like \"load.api.p99\", got \"<\""},
      {"9lives < 5", 0, "expected a metric name like \"load.api.p99\", got \"9lives\""},
      {"load.api.p99", 12, "expected a comparison (<, <=, >, >=, ==, !=) after \"load.api.p99\", got nothing"},
      {"load.api.p99 = 5", 13,
       "expected a comparison (<, <=, >, >=, ==, !=) after \"load.api.p99\", got \"=\" (equality is ==)"},
      {"load.api.p99 =< 5", 13,
       "expected a comparison (<, <=, >, >=, ==, !=) after \"load.api.p99\", got \"=<\" (equality is ==)"},
      {"load.api.p99 is 5", 13, "expected a comparison (<, <=, >, >=, ==, !=) after \"load.api.p99\", got \"is\""},
      {"load.api.p99 <", 14, "expected a value like 250ms, 2s, 1%, 64MiB or a plain number, got nothing"},
      {"load.api.p99 < fast", 15, "expected a value like 250ms, 2s, 1%, 64MiB or a plain number, got \"fast\""},
      {"load.api.p99 < 5sec", 15,
       "expected a value like 250ms, 2s, 1%, 64MiB or a plain number, got \"5sec\" (unknown unit \"sec\": durations "
       "take ns, us, ms, s, m, h; sizes B, KiB, MiB, GiB, TiB, KB, MB, GB, TB; percentages %)"},
      {"load.api.p99 < 1..5s", 15, "expected a duration like \"250ms\", got \"1..5s\""},
      {"x < 0.3KiB", 4, "expected a size like \"256MiB\", got \"0.3KiB\" (not a whole number of bytes)"},
      {"x < 1.2.3", 4, "expected a value like 250ms, 2s, 1%, 64MiB or a plain number, got \"1.2.3\""},
      {"x < 250 ms", 8,
       "expected \"during steady\", \"during fault N\" or \"after recovery\" or the end, got \"ms\""},
      {"x < 5 during", 12,
       "expected \"during steady\", \"during fault N\" or \"after recovery\", got \"during\" nothing"},
      {"x < 5 during warmup", 13,
       "expected \"during steady\", \"during fault N\" or \"after recovery\", got \"during\" \"warmup\""},
      {"x < 5 after fault", 12,
       "expected \"during steady\", \"during fault N\" or \"after recovery\", got \"after\" \"fault\""},
      {"x < 5 during fault", 18, "expected a fault number (1 for the first fault) after \"during fault\", got nothing"},
      {"x < 5 during fault 0", 19, "expected a fault number (1 for the first fault) after \"during fault\", got \"0\""},
      {"x < 5 during fault two", 19,
       "expected a fault number (1 for the first fault) after \"during fault\", got \"two\""},
      {"x < 5 for 10s", 6,
       "\"for DURATION\" belongs to abort conditions, not expectations; expected \"during steady\", \"during fault N\" "
       "or \"after recovery\""},
      {"x < 5 after recovery please", 21, "unexpected \"please\" after the expectation"},
  };
  for (const Case& c : cases) {
    const auto parsed = parse_expectation(c.text);
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_EQ(parsed.error.offset, c.offset) << c.text;
    EXPECT_EQ(parsed.error.message, c.message) << c.text;
  }
}

TEST(ExpectationParser, ReadsAbortConditions) {
  const auto parsed = parse_abort_condition("load.api.error_rate > 90% for 15s");
  ASSERT_TRUE(parsed) << to_string(parsed.error);
  EXPECT_EQ(parsed.value->text, "load.api.error_rate > 90% for 15s");
  EXPECT_EQ(parsed.value->metric, "load.api.error_rate");
  EXPECT_EQ(parsed.value->op, CompareOp::greater);
  EXPECT_DOUBLE_EQ(parsed.value->threshold.value, 0.9);
  EXPECT_DOUBLE_EQ(parsed.value->for_s, 15);
  EXPECT_DOUBLE_EQ(parse_abort_condition("target.rss_bytes>=200MiB for 1m30s").value->for_s, 90);
}

TEST(ExpectationParser, ReportsAbortConditionErrorsWithTheirPosition) {
  struct Case {
    const char* text;
    std::size_t offset;
    const char* message;
  };
  const Case cases[] = {
      {"x > 90%", 7,
       "expected \"for DURATION\" (how long the condition must hold, like \"for 15s\"), got nothing"},
      {"x > 90% during steady", 8,
       "expected \"for DURATION\" (how long the condition must hold, like \"for 15s\"), got \"during\""},
      {"x > 90% for", 11, "expected a duration like \"15s\" after \"for\", got nothing"},
      {"x > 90% for 15", 12,
       "expected a duration like \"250ms\", got \"15\" (a unit is required: ns, us, ms, s, m, h)"},
      {"x > 90% for 0s", 12, "an abort condition must hold for longer than 0s"},
      {"x > 90% for 15s or so", 16, "unexpected \"or\" after the abort condition"},
      {"x >> 90% for 15s", 3, "expected a value like 250ms, 2s, 1%, 64MiB or a plain number, got \">\""},
  };
  for (const Case& c : cases) {
    const auto parsed = parse_abort_condition(c.text);
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_EQ(parsed.error.offset, c.offset) << c.text;
    EXPECT_EQ(parsed.error.message, c.message) << c.text;
  }
}

TEST(ExpectationParser, ErrorTextCountsCharactersFromOne) {
  EXPECT_EQ(to_string(parse_expectation("x = 5").error),
            "at character 3: expected a comparison (<, <=, >, >=, ==, !=) after \"x\", got \"=\" (equality is ==)");
}

TEST(ExpectationParser, ThresholdsAloneAndComparisons) {
  EXPECT_EQ(parse_threshold("2s").value->kind, Kind::duration);
  EXPECT_DOUBLE_EQ(parse_threshold("+2.5").value->value, 2.5);
  EXPECT_EQ(parse_threshold("2s").value->text, "2s");
  EXPECT_FALSE(parse_threshold("1e3"));
  EXPECT_FALSE(parse_threshold("-"));
  EXPECT_FALSE(parse_threshold("."));
  EXPECT_TRUE(holds(CompareOp::less, 1, 2));
  EXPECT_FALSE(holds(CompareOp::less, 2, 2));
  EXPECT_TRUE(holds(CompareOp::less_equal, 2, 2));
  EXPECT_TRUE(holds(CompareOp::greater, 3, 2));
  EXPECT_TRUE(holds(CompareOp::greater_equal, 2, 2));
  EXPECT_TRUE(holds(CompareOp::equal, 0, 0));
  EXPECT_TRUE(holds(CompareOp::not_equal, 1, 0));
  EXPECT_EQ(to_string(CompareOp::not_equal), "!=");
}

}  // namespace
}  // namespace faultline::scenario
