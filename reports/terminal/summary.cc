#include "reports/terminal/summary.h"

#include <cstdio>

#include "harness/scenario/units.h"
#include "reports/terminal/number_format.h"

namespace faultline::reports {

namespace {

std::string seconds(double s) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1fs", s);
  return buffer;
}

void print_errors(std::ostream& out, const load::LoadCounts& counts) {
  bool first = true;
  for (std::size_t i = 0; i < counts.errors.size(); ++i) {
    if (counts.errors[i] == 0) continue;
    out << (first ? ": " : ", ") << load::to_string(static_cast<load::ErrorClass>(i)) << ' '
        << with_thousands(counts.errors[i]);
    first = false;
  }
}

void print_latency(std::ostream& out, const char* label, const result::LatencyPercentiles& p) {
  out << "    " << label << "p50 " << format_ms(p.p50_ms) << "   p90 " << format_ms(p.p90_ms) << "   p99 "
      << format_ms(p.p99_ms) << "   p99.9 " << format_ms(p.p999_ms) << "   max " << format_ms(p.max_ms) << '\n';
}

void print_generator(std::ostream& out, const result::GeneratorResult& g, const scenario::Scenario& scenario) {
  const result::LoadSummary& s = g.summary;
  out << "  " << g.name << "  (" << g.model << " model, " << g.connections << " connections, " << g.threads
      << (g.threads == 1 ? " thread" : " threads") << ", measured " << seconds(s.span_s);
  if (scenario.phases.warmup.count() > 0) out << " after " << scenario::format_duration(scenario.phases.warmup) << " warm-up";
  out << ")\n";
  out << "    requests  " << with_thousands(s.responses) << " responses (" << format_rate(s.throughput_rps)
      << "), ok " << with_thousands(s.counts.ok) << ", errors " << with_thousands(s.counts.error_total()) << " ("
      << format_percent(s.error_rate) << ')';
  print_errors(out, s.counts);
  out << '\n';
  print_latency(out, "latency   ", s.latency);
  if (g.model == "open") {
    out << "    schedule  late " << with_thousands(s.counts.late) << ", send lag p50 " << format_ms(s.schedule_lag.p50_ms)
        << "   p99 " << format_ms(s.schedule_lag.p99_ms) << "   max " << format_ms(s.schedule_lag.max_ms) << '\n';
  }
}

}  // namespace

void print_summary(std::ostream& out, const result::RunResult& r, const std::string& result_path) {
  out << "\nfaultline " << FAULTLINE_VERSION << "  scenario " << r.scenario.name << "  ran " << seconds(r.duration_s);
  if (r.interrupted) out << " (interrupted by " << *r.interrupted << ')';
  out << "\n  target " << r.target.mode << " at " << r.target.address;
  if (r.target.pid) out << ", pid " << *r.target.pid;
  out << "\n\n";
  for (const result::GeneratorResult& g : r.load) print_generator(out, g, r.scenario);
  if (!r.faults.empty()) {
    out << "\n  faults\n";
    for (const result::FaultRecord& f : r.faults) {
      out << "    " << f.spec << " on " << (f.proxy.empty() ? "the target" : f.proxy) << ": ";
      if (!f.started_s) {
        out << "not reached (planned at " << seconds(f.planned_at_s) << ")\n";
        continue;
      }
      out << "in force " << seconds(*f.started_s) << " .. " << (f.ended_s ? seconds(*f.ended_s) : std::string("end"));
      if (!f.error.empty()) out << " (" << f.error << ')';
      out << '\n';
    }
  }
  if (!r.target_events.empty()) {
    out << "\n  target events\n";
    for (const result::TargetEvent& e : r.target_events) {
      out << "    " << seconds(e.t_s) << "  " << e.kind;
      if (e.signal) out << " by " << *e.signal;
      if (e.exit_code) out << " with code " << *e.exit_code;
      if (!e.detail.empty()) out << " (" << e.detail << ')';
      out << '\n';
    }
  }
  out << "\nverdict: " << result::to_string(r.verdict) << '\n';
  for (const std::string& reason : r.reasons) out << "  - " << reason << '\n';
  out << "result:  " << result_path << '\n';
}

}  // namespace faultline::reports
