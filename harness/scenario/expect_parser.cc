#include "harness/scenario/expect_parser.h"

#include "harness/scenario/expression_array.h"
#include "harness/scenario/metric_catalogue.h"

namespace faultline::scenario {

void read_expect(const ObjectReader& root, Scenario& scenario) {
  scenario.expect = read_expressions<Expectation>(
      root, "expect", "an expectation like \"load.api.p99 < 250ms during steady\"", parse_expectation,
      [&](const Expectation& expectation) { return check_expectation(expectation, scenario); });
}

}  // namespace faultline::scenario
