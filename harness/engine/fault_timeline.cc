#include "harness/engine/fault_timeline.h"

#include <algorithm>

namespace faultline::engine {

FaultTimeline::FaultTimeline(std::vector<Window> windows, Duration run_length)
    : started_(windows.size(), false), ended_(windows.size(), false) {
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const Window& w = windows[i];
    if (w.at >= run_length) continue;  // a shortened run (--duration) never reaches it
    actions_.push_back({i, Edge::start, w.at});
    // A fault without a length lasts until the end of the run: take_remaining_ends() ends it.
    if (w.length && w.at + *w.length < run_length) actions_.push_back({i, Edge::end, w.at + *w.length});
  }
  std::stable_sort(actions_.begin(), actions_.end(), [](const Action& a, const Action& b) {
    if (a.planned != b.planned) return a.planned < b.planned;
    return a.edge == Edge::end && b.edge == Edge::start;
  });
}

std::vector<FaultTimeline::Action> FaultTimeline::take_due(Duration now) {
  std::vector<Action> due;
  while (next_ < actions_.size() && actions_[next_].planned <= now) {
    const Action& action = actions_[next_++];
    (action.edge == Edge::start ? started_ : ended_)[action.fault] = true;
    due.push_back(action);
  }
  return due;
}

std::optional<scenario::Duration> FaultTimeline::next_due() const {
  if (next_ == actions_.size()) return std::nullopt;
  return actions_[next_].planned;
}

std::vector<FaultTimeline::Action> FaultTimeline::take_remaining_ends() {
  std::vector<Action> ends;
  for (std::size_t i = 0; i < started_.size(); ++i) {
    if (started_[i] && !ended_[i]) {
      ended_[i] = true;
      ends.push_back({i, Edge::end, Duration::max()});
    }
  }
  next_ = actions_.size();
  return ends;
}

}  // namespace faultline::engine
