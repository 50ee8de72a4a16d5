#include "harness/scenario/expect_parser.h"

#include "harness/scenario/metric_catalogue.h"

namespace faultline::scenario {

void read_expect(const ObjectReader& root, Scenario& scenario) {
  const auto elements = root.non_empty_array("expect", Presence::optional);
  if (!elements) return;
  for (const LocatedValue& element : *elements) {
    if (!element.value->is_string()) {
      root.issues().add(element.path, "expected an expectation like \"load.api.p99 < 250ms during steady\", got " +
                                          describe_json_value(*element.value));
      continue;
    }
    const auto parsed = parse_expectation(element.value->get<std::string>());
    if (!parsed) {
      root.issues().add(element.path, to_string(parsed.error));
      continue;
    }
    if (const auto problem = check_expectation(*parsed.value, scenario)) {
      root.issues().add(element.path, *problem);
      continue;
    }
    scenario.expect.push_back(*parsed.value);
  }
}

}  // namespace faultline::scenario
