#include "reports/terminal/summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "harness/scenario/units.h"
#include "reports/terminal/connection_generator_summary.h"
#include "reports/terminal/number_format.h"

namespace faultline::reports {

namespace {

std::string count_text(double n) { return with_thousands(static_cast<std::uint64_t>(std::max(0.0, std::round(n)))); }

std::string mib_text(double bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", bytes / (1024.0 * 1024.0));
  return text;
}

// A resource's level in its unit: bytes as MiB, counts with separators.
std::string level_text(const std::string& resource, double level) {
  return resource.ends_with("_bytes") ? mib_text(level) : count_text(level);
}

void print_generator(std::ostream& out, const result::GeneratorResult& g, const scenario::Scenario& scenario) {
  const result::LoadSummary& s = g.summary;
  out << "  " << g.name << "  (" << g.model << " model, " << g.connections << " connections, " << g.threads
      << (g.threads == 1 ? " thread" : " threads") << ", " << measured_text(s.span_s, scenario) << ")\n";
  out << "    requests  " << with_thousands(s.responses) << " responses (" << format_rate(s.throughput_rps)
      << "), ok " << with_thousands(s.counts.ok) << ", errors " << with_thousands(s.counts.error_total()) << " ("
      << format_percent(s.error_rate) << ')' << nonzero_counts_text<load::ErrorClass>(s.counts.errors) << '\n';
  out << "    latency   " << format_percentiles(s.latency) << '\n';
  if (g.model == "open") {
    out << "    schedule  late " << with_thousands(s.counts.late) << ", send lag p50 " << format_ms(s.schedule_lag.p50_ms)
        << "   p99 " << format_ms(s.schedule_lag.p99_ms) << "   max " << format_ms(s.schedule_lag.max_ms) << '\n';
  }
}

}  // namespace

std::string measured_text(double span_s, const scenario::Scenario& scenario) {
  std::string text = "measured " + format_seconds(span_s);
  if (scenario.phases.warmup.count() > 0) text += " after " + scenario::format_duration(scenario.phases.warmup) + " warm-up";
  return text;
}

// The target's resources over the run: first, highest and last sample while it ran.
void print_resources(std::ostream& out, const result::RunResult& r) {
  std::vector<const result::TargetPoint*> running;
  for (const result::TargetPoint& p : r.target_series) {
    if (p.processes > 0) running.push_back(&p);
  }
  if (running.empty()) return;
  const auto line = [&](const char* name, auto value, auto format) {
    double peak = 0;
    for (const result::TargetPoint* p : running) peak = std::max(peak, static_cast<double>(value(*p)));
    out << "    " << name << "  " << format(value(*running.front())) << " -> " << format(value(*running.back()))
        << " (peak " << format(peak) << ")\n";
  };
  const auto count = [](double n) { return with_thousands(static_cast<std::uint64_t>(n)); };
  const auto mib = [](double bytes) { return mib_text(bytes); };
  out << "\n  target resources (first -> last sample)\n";
  line("threads   ", [](const result::TargetPoint& p) { return static_cast<double>(p.threads); }, count);
  line("fds       ", [](const result::TargetPoint& p) { return static_cast<double>(p.fds); }, count);
  line("rss       ", [](const result::TargetPoint& p) { return static_cast<double>(p.rss_bytes); }, mib);
  if (running.back()->goroutines) {
    line("goroutines", [](const result::TargetPoint& p) { return p.goroutines.value_or(0); }, count);
  }
}

// Recovery per fault, leak checks that found something or could not decide, and the counts.
void print_analysis(std::ostream& out, const result::RunResult& r) {
  const result::RunAnalysis& a = r.analysis;
  if (a.recovery.empty() && a.leaks.empty()) return;
  out << "\n  analysis\n";
  for (const result::RecoveryRecord& rec : a.recovery) {
    out << "    fault " << rec.fault + 1 << ": ";
    if (rec.time_to_recover_s) {
      out << "recovered " << format_seconds(*rec.time_to_recover_s) << " after it ended";
    } else {
      out << rec.status << (rec.explanation.empty() ? "" : " (" + rec.explanation + ")");
    }
    out << '\n';
  }
  for (const result::LeakRecord& leak : a.leaks) {
    out << "    " << leak.resource << ": "
        << (leak.status == "leaked" ? "LEAKED " + level_text(leak.resource, leak.excess) : leak.status);
    if (leak.steady && leak.tail_min) {
      out << " (steady " << level_text(leak.resource, *leak.steady) << ", after " << level_text(leak.resource, *leak.tail_min) << ')';
    }
    if (leak.status == "unknown" && !leak.reason.empty()) out << " (" << leak.reason << ')';
    out << '\n';
  }
  out << "    races " << a.races << ", OOM kills " << a.oom_kills << ", crashes " << a.crashes << ", restarts " << a.restarts << '\n';
}

// One line per expectation: "ok" or "FAIL" and what was observed, in the scenario's order.
void print_expectations(std::ostream& out, const result::RunResult& r) {
  if (r.expectations.empty()) return;
  std::size_t held = 0;
  for (const result::ExpectationResult& e : r.expectations) held += e.passed ? 1 : 0;
  out << "\n  expectations (" << held << " of " << r.expectations.size() << " held)\n";
  for (const result::ExpectationResult& e : r.expectations) {
    out << "    " << (e.passed ? "ok  " : "FAIL") << "  " << e.detail << '\n';
  }
}

void print_summary(std::ostream& out, const result::RunResult& r, const std::string& result_path) {
  out << "\nfaultline " << FAULTLINE_VERSION << "  scenario " << r.scenario.name << "  ran " << format_seconds(r.duration_s);
  if (r.interrupted) out << " (interrupted by " << *r.interrupted << ')';
  out << "\n  target " << r.target.mode << " at " << r.target.address;
  if (r.target.pid) out << ", pid " << *r.target.pid;
  out << "\n\n";
  for (const result::GeneratorResult& g : r.load) print_generator(out, g, r.scenario);
  for (const result::ConnectionGeneratorResult& g : r.connections) print_connection_generator(out, g, r.scenario);
  if (!r.faults.empty()) {
    out << "\n  faults\n";
    for (const result::FaultRecord& f : r.faults) {
      out << "    " << f.spec << " on " << (f.proxy.empty() ? "the target" : f.proxy) << ": ";
      if (!f.started_s) {
        out << "not reached (planned at " << format_seconds(f.planned_at_s) << ")\n";
        continue;
      }
      out << "in force " << format_seconds(*f.started_s) << " .. " << (f.ended_s ? format_seconds(*f.ended_s) : std::string("end"));
      if (!f.error.empty()) out << " (" << f.error << ')';
      out << '\n';
    }
  }
  if (!r.target_events.empty()) {
    out << "\n  target events\n";
    for (const result::TargetEvent& e : r.target_events) {
      out << "    " << format_seconds(e.t_s) << "  " << e.kind;
      if (e.signal) out << " by " << *e.signal;
      if (e.exit_code) out << " with code " << *e.exit_code;
      if (!e.detail.empty()) out << " (" << e.detail << ')';
      out << '\n';
    }
  }
  print_resources(out, r);
  print_analysis(out, r);
  print_expectations(out, r);
  out << "\nverdict: " << result::to_string(r.verdict) << '\n';
  for (const std::string& reason : r.reasons) out << "  - " << reason << '\n';
  out << "result:  " << result_path << '\n';
}

}  // namespace faultline::reports
