#include "reports/terminal/progress.h"

#include <cstdio>

#include "reports/terminal/number_format.h"

namespace faultline::reports {

namespace {

// "api 1,000/s p99 1.500ms err 0"
std::string http_segment(const engine::GeneratorInterval& g) {
  const result::LoadSummary& s = g.summary;
  return g.generator + " " + format_rate(s.throughput_rps) + " p99 " + format_ms(s.latency.p99_ms) + " err " + with_thousands(s.counts.error_total());
}

// "ws 1,998 conn 120 conn/s fail 3", and "lost 2,000" in an interval that lost connections.
std::string connection_segment(const engine::GeneratorInterval& g, const result::ConnectionSummary& s) {
  std::string text = g.generator + " " + with_thousands(s.connected) + " conn " + format_rate(s.connects_per_s, " conn/s") + " fail " +
                     with_thousands(s.counts.connect_failure_total());
  if (s.counts.disconnect_total() > 0) text += " lost " + with_thousands(s.counts.disconnect_total());
  return text;
}

double span_s(const engine::GeneratorInterval& g) { return g.connection ? g.connection->span_s : g.summary.span_s; }

}  // namespace

std::string progress_text(double elapsed_s, double run_duration_s, const std::vector<engine::GeneratorInterval>& generators) {
  char head[64];
  std::snprintf(head, sizeof head, "[%5.1fs/%.1fs]", elapsed_s, run_duration_s);
  std::string text = head;
  for (const engine::GeneratorInterval& g : generators) text += "  " + (g.connection ? connection_segment(g, *g.connection) : http_segment(g));
  return text;
}

ProgressLine::ProgressLine(std::ostream& out, bool is_terminal, double run_duration_s, double plain_every_s)
    : out_(out), is_terminal_(is_terminal), run_duration_s_(run_duration_s), plain_every_s_(plain_every_s),
      next_plain_s_(plain_every_s) {}

void ProgressLine::clear_line() {
  if (line_open_) out_ << "\r\033[K";
  line_open_ = false;
}

void ProgressLine::on_target_ready(const result::TargetInfo& target) {
  out_ << "target " << target.mode << " at " << target.address;
  if (target.pid) out_ << " (pid " << *target.pid << ')';
  if (target.ready_after_s) {
    char ready[32];
    std::snprintf(ready, sizeof ready, ", ready after %.2fs", *target.ready_after_s);
    out_ << ready;
  }
  out_ << "; load starting" << std::endl;
}

void ProgressLine::on_interval(double t_s, const std::vector<engine::GeneratorInterval>& generators) {
  const double elapsed_s = t_s + (generators.empty() ? 0.0 : span_s(generators.front()));
  if (is_terminal_) {
    clear_line();
    out_ << progress_text(elapsed_s, run_duration_s_, generators) << std::flush;
    line_open_ = true;
  } else if (elapsed_s + 1e-9 >= next_plain_s_) {
    out_ << progress_text(elapsed_s, run_duration_s_, generators) << std::endl;
    while (next_plain_s_ <= elapsed_s + 1e-9) next_plain_s_ += plain_every_s_;
  }
}

void ProgressLine::on_target_event(const result::TargetEvent& event) {
  clear_line();
  char at[32];
  std::snprintf(at, sizeof at, "[%5.1fs] ", event.t_s);
  out_ << at << "target " << event.kind;
  if (event.signal) out_ << " by " << *event.signal;
  if (event.exit_code) out_ << " with code " << *event.exit_code;
  out_ << std::endl;
}

void ProgressLine::on_load_stopped() { clear_line(); }

}  // namespace faultline::reports
