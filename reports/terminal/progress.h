// The live progress of a run. On a terminal one line rewritten in place every interval (elapsed;
// per HTTP generator rate, p99 and errors; per connection-level generator clients connected,
// connects per second, connect failures and lost connections); otherwise, for CI logs, a plain
// line every `plain_every` seconds.
#pragma once

#include <ostream>
#include <string>

#include "harness/engine/run_observer.h"

namespace faultline::reports {

class ProgressLine : public engine::RunObserver {
 public:
  ProgressLine(std::ostream& out, bool is_terminal, double run_duration_s, double plain_every_s = 5.0);

  void on_target_ready(const result::TargetInfo& target) override;
  void on_interval(double t_s, const std::vector<engine::GeneratorInterval>& generators) override;
  void on_target_event(const result::TargetEvent& event) override;
  void on_load_stopped() override;

 private:
  void clear_line();

  std::ostream& out_;
  bool is_terminal_;
  double run_duration_s_;
  double plain_every_s_;
  double next_plain_s_;
  bool line_open_ = false;  // a rewritable line is on screen
};

// The one-line text for an interval, shared by both modes.
std::string progress_text(double elapsed_s, double run_duration_s, const std::vector<engine::GeneratorInterval>& generators);

}  // namespace faultline::reports
