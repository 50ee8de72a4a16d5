// The outcome of a run as JUnit XML, the format GitLab (artifacts:reports:junit) and Jenkins (the
// junit step) read:
//   <testsuites> > <testsuite name="faultline.<scenario>"> > <testcase> > <failure>|<skipped>|<system-out>
// Test cases: one per expectation (classname "expectations"), one per run for what failed it
// besides its expectations (name "run", classname "findings": crashes, OOM kills, races, leaks,
// fault errors, an interruption) and one per compared metric (classname "comparison": a
// regression, or too few samples when the scenario does not accept that, fails; too few samples
// that it accepts is skipped). With several runs every per-run name begins "run 2: " (the findings
// case is "run 2"). Failure text is in the element's body, where GitLab shows it, and shortened in
// the message attribute for Jenkins.
#pragma once

#include <string>

#include "reports/ci/ci_outcome.h"

namespace faultline::reports::ci {

std::string junit_report(const CiOutcome& outcome);

}  // namespace faultline::reports::ci
