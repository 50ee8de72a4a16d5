#include "harness/fault/pipe.h"

#include <boost/asio/post.hpp>
#include <algorithm>

#include "harness/fault/session.h"

namespace faultline::fault {

namespace asio = boost::asio;

namespace {
// Rounds of reading and writing in one pump() before the pipe lets the thread serve other
// connections (with 64 KiB buffers, up to 1 MiB per turn).
constexpr int kRoundsPerTurn = 16;
}  // namespace

Pipe::Pipe(Session& session, Direction flow, const asio::any_io_executor& executor, std::size_t buffer_bytes,
           std::uint64_t seed, WorkerCounters& counters)
    : session_(session),
      counters_(counters),
      forwarded_(flow == Direction::upstream ? counters.upstream_bytes : counters.downstream_bytes),
      ring_(buffer_bytes),
      chain_(seed),
      timer_(executor) {}

void Pipe::start(DataSocket& source, DataSocket& sink) {
  source_ = &source;
  sink_ = &sink;
  started_ = true;
  pump();
}

void Pipe::stop() {
  timer_.cancel();
  wake_at_ = TimePoint::max();
  counters_.buffered_bytes.subtract(ring_.size());
}

void Pipe::set_toxics(std::span<const ChainToxic> toxics) {
  const TimePoint now = Clock::now();
  if (!chain_.update(toxics, now)) return;
  // The old chain's timing no longer applies; the new one decides when to wake.
  timer_.cancel();
  wake_at_ = TimePoint::max();
  held_ = false;
  drained_ = false;  // a slow_close added now delays the close from now
  if (job_started_) {
    job_from_chain_ = false;  // the rest of a partly written job goes out as it is
  } else {
    job_ = Piece{};
  }
  const std::uint64_t resume = ring_.total_out() + job_.bytes;
  if (chain_.empty()) {
    chunks_.clear(resume);
  } else {
    chain_.rewind(now);
    if (chunks_.empty()) {
      // Buffered while there was no chain: one chunk, arrived now.
      chunks_.clear(resume);
      if (ring_.total_in() > resume) chunks_.append(ring_.total_in(), chain_.needs_clock() ? now : TimePoint{});
    } else {
      chunks_.rewind(resume);
      if (chain_.needs_clock()) chunks_.stamp_untimed(now);
    }
  }
  pump();
}

void Pipe::pump() {
  if (!started_ || finished_ || session_.ended()) return;
  next_wake_ = TimePoint::max();
  for (int round = 0; round < kRoundsPerTurn; ++round) {
    const bool moved = chain_.empty() ? step_direct() : step_chained();
    if (finished_ || session_.ended()) return;
    if (!moved) {
      wake_at(next_wake_);
      return;
    }
  }
  post_continuation();
}

// No toxic: read while there is room, write whatever is buffered.
bool Pipe::step_direct() {
  held_ = false;
  bool moved = false;
  if (source_ready_ && can_read()) {
    moved = read_some(TimePoint{});
    if (session_.ended()) return false;
  }
  if (sink_ready_ && !ring_.empty()) {
    job_ = Piece{ring_.size(), TimePoint{}};
    job_from_chain_ = false;
    moved = write_some(job_.bytes) || moved;
    if (session_.ended()) return false;
  }
  if (source_done_ && ring_.empty()) {
    finish();
    return false;
  }
  return moved;
}

bool Pipe::step_chained() {
  const TimePoint now = chain_.needs_clock() ? Clock::now() : TimePoint{};
  // The gates see the data before anything is written: the data that starts a reset_peer's
  // countdown must not get through.
  auto gates_allow = [&] {
    const GateState gate = chain_.check_gates(now, !ring_.empty());
    if (gate.action == GateState::Action::reset) {
      session_.end(Session::Ending::reset);
      return false;
    }
    if (gate.action == GateState::Action::close) {
      session_.end(Session::Ending::cut);
      return false;
    }
    held_ = gate.hold;
    next_wake_ = std::min(next_wake_, gate.deadline);
    return !held_;
  };
  if (!gates_allow()) return false;
  bool moved = false;
  if (source_ready_ && can_read()) {
    moved = read_some(now);
    if (session_.ended()) return false;
    if (moved && !gates_allow()) return !session_.ended();
  }
  if (job_.bytes == 0) {
    const Pull pull = chain_.pull(chunks_);
    if (pull.kind == Pull::Kind::cut) {
      session_.end(Session::Ending::cut);
      return false;
    }
    if (pull.kind == Pull::Kind::piece) {
      job_ = pull.piece;
      job_from_chain_ = true;
      job_started_ = false;
    }
  }
  if (job_.bytes > 0) {
    if (job_.ready > now) {
      next_wake_ = std::min(next_wake_, job_.ready);
    } else if (sink_ready_) {
      moved = write_some(job_.bytes) || moved;
      if (session_.ended()) return false;
    }
  }
  if (source_done_ && ring_.empty()) {
    if (!drained_) {
      drained_ = true;
      drained_at_ = now;
    }
    const TimePoint close_at = drained_at_ + chain_.close_delay();
    if (now >= close_at) {
      finish();
      return false;
    }
    next_wake_ = std::min(next_wake_, close_at);
  }
  return moved;
}

bool Pipe::can_read() const {
  return !source_done_ && ring_.free() > 0 && (chain_.empty() || !chunks_.full());
}

bool Pipe::read_some(TimePoint now) {
  const asio::mutable_buffer into = ring_.writable();
  const Transfer transfer = source_->receive(into);
  if (transfer.error == asio::error::would_block) {
    source_ready_ = false;
    return false;
  }
  if (transfer.error == asio::error::eof) {
    source_done_ = true;
    source_ready_ = false;
    return true;
  }
  if (transfer.error) {
    session_.end(Session::Ending::failed);
    return false;
  }
  // A short read emptied the socket: the poller reports the next data as a new edge. Not so
  // after a hang-up, whose FIN may have come with the data and will raise no further edge.
  if (transfer.bytes < into.size() && !source_hung_up_) source_ready_ = false;
  ring_.commit(transfer.bytes);
  counters_.buffer(transfer.bytes);
  session_.on_progress();
  if (!chain_.empty()) chunks_.append(ring_.total_in(), now);
  return true;
}

bool Pipe::write_some(std::size_t bytes) {
  const Transfer transfer = sink_->send(ring_.front(bytes));
  if (transfer.error == asio::error::would_block) {
    sink_ready_ = false;
    return false;
  }
  if (transfer.error) {
    session_.end(Session::Ending::failed);
    return false;
  }
  // A short write filled the socket's send buffer: the poller reports when it has room again.
  if (transfer.bytes < bytes) sink_ready_ = false;
  ring_.consume(transfer.bytes);
  counters_.buffered_bytes.subtract(transfer.bytes);
  forwarded_.add(transfer.bytes);
  session_.on_progress();
  job_.bytes -= transfer.bytes;
  job_started_ = job_.bytes > 0;
  if (!chain_.empty()) {
    chunks_.drop_written(ring_.total_out());
    if (job_from_chain_) chain_.on_written(transfer.bytes);
    if (chain_.limit_reached()) {
      session_.end(Session::Ending::cut);
      return false;
    }
  }
  return transfer.bytes > 0;
}

void Pipe::wake_at(TimePoint when) {
  if (when >= wake_at_) return;  // nothing to wait for, or the timer fires earlier anyway
  wake_at_ = when;
  ++wake_generation_;
  timer_.expires_at(when);
  timer_.async_wait([this, self = session_.shared_from_this(), generation = wake_generation_](
                        const boost::system::error_code& ec) { on_wake(generation, ec); });
}

void Pipe::on_wake(std::uint64_t generation, const boost::system::error_code& ec) {
  if (ec == asio::error::operation_aborted || generation != wake_generation_) return;
  wake_at_ = TimePoint::max();
  pump();
}

// Still moving after a full turn: other connections get the thread, then this pipe resumes.
void Pipe::post_continuation() {
  if (continuation_posted_) return;
  continuation_posted_ = true;
  asio::post(timer_.get_executor(), [this, self = session_.shared_from_this()] {
    continuation_posted_ = false;
    pump();
  });
}

void Pipe::finish() {
  finished_ = true;
  sink_->shutdown_send();
  session_.on_pipe_finished();
}

}  // namespace faultline::fault
