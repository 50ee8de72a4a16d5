#include "harness/load/tcp_churn.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <utility>

namespace faultline::load {

namespace asio = boost::asio;

TcpChurn::TcpChurn(asio::io_context& io, StormRecorder& recorder, TcpChurnPlan plan)
    : recorder_(recorder), plan_(std::move(plan)), arrival_timer_(io) {
  slots_.reserve(plan_.connections);
  for (std::uint32_t i = 0; i < plan_.connections; ++i) slots_.emplace_back(io);
  free_.reserve(plan_.connections);
}

void TcpChurn::begin() {
  active_ = true;
  began_at_ = Clock::now();
  if (plan_.rate_per_s <= 0) {
    for (std::uint32_t i = 0; i < slots_.size(); ++i) open(i);
    return;
  }
  // Taken from the back: slot 0 first.
  for (std::uint32_t i = static_cast<std::uint32_t>(slots_.size()); i > 0; --i) free_.push_back(i - 1);
  open_due();
}

void TcpChurn::end() {
  if (!active_) return;
  active_ = false;
  arrival_timer_.cancel();
  for (std::uint32_t i = 0; i < slots_.size(); ++i) {
    switch (slots_[i].state) {
      case Slot::State::free:
        break;
      case Slot::State::connecting:
        release(i);  // abandoned: neither made nor failed
        break;
      case Slot::State::exchanging:
      case Slot::State::holding:
        close_by_us(i);
        break;
    }
  }
}

void TcpChurn::open_due() {
  if (!active_) return;
  // Connection n is due n / rate after the window opens: the first at once.
  const auto offset = [this](std::uint64_t n) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(n / plan_.rate_per_s));
  };
  const Clock::time_point now = Clock::now();
  for (; began_at_ + offset(opened_) <= now; ++opened_) {
    if (free_.empty()) {
      recorder_.connect_skipped();
      continue;
    }
    const std::uint32_t slot = free_.back();
    free_.pop_back();
    open(slot);
  }
  arrival_timer_.expires_at(began_at_ + offset(opened_));
  arrival_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) open_due();
  });
}

void TcpChurn::open(std::uint32_t slot) {
  Slot& s = slots_[slot];
  s.state = Slot::State::connecting;
  s.started_at = Clock::now();
  recorder_.connect_started();
  arm_deadline(slot, plan_.connect_timeout);
  if (const auto ec = plan_.source_addresses.bind(s.socket, connections_started_++)) {
    // Through the loop, as a failed connect: reconnecting at once from here would recurse.
    asio::post(s.socket.get_executor(),
               [this, slot, generation = s.generation, ec] { on_connect(slot, generation, ec); });
    return;
  }
  s.socket.async_connect(plan_.endpoint, [this, slot, generation = s.generation](const boost::system::error_code& ec) {
    on_connect(slot, generation, ec);
  });
}

void TcpChurn::on_connect(std::uint32_t slot, std::uint32_t generation, const boost::system::error_code& ec) {
  Slot& s = slots_[slot];
  if (generation != s.generation) return;
  if (ec) {
    recorder_.connect_failed(classify_connection(ec));
    release(slot);
    recycle(slot);
    return;
  }
  const Clock::time_point now = Clock::now();
  recorder_.connected(s.started_at, now, false);
  if (!plan_.payload.empty()) write_payload(slot);
  if (plan_.expect_bytes == 0) {
    hold(slot);
    return;
  }
  s.state = Slot::State::exchanging;
  s.started_at = now;
  s.bytes_missing = plan_.expect_bytes;
  arm_deadline(slot, plan_.expect_timeout);
  receive(slot);
}

void TcpChurn::write_payload(std::uint32_t slot) {
  // Asio tries the send at once and waits for the socket only if it would block.
  asio::async_write(
      slots_[slot].socket, asio::buffer(plan_.payload),
      [this, slot, generation = slots_[slot].generation](const boost::system::error_code& ec, std::size_t) {
        if (ec && generation == slots_[slot].generation) lose(slot, classify_connection(ec));
      });
  recorder_.message_sent();
}

void TcpChurn::hold(std::uint32_t slot) {
  if (plan_.hold <= std::chrono::nanoseconds::zero()) {
    close_by_us(slot);
    return;
  }
  slots_[slot].state = Slot::State::holding;
  arm_deadline(slot, plan_.hold);
  receive(slot);  // to notice the target ending the connection
}

void TcpChurn::receive(std::uint32_t slot) {
  Slot& s = slots_[slot];
  s.socket.async_receive(asio::buffer(discard_),
                         [this, slot, generation = s.generation](const boost::system::error_code& ec, std::size_t n) {
                           on_received(slot, generation, ec, n);
                         });
}

void TcpChurn::on_received(std::uint32_t slot, std::uint32_t generation, const boost::system::error_code& ec,
                           std::size_t bytes) {
  Slot& s = slots_[slot];
  if (generation != s.generation) return;
  if (ec) {
    lose(slot, classify_connection(ec));  // eof: the target closed it
    return;
  }
  if (s.state == Slot::State::exchanging) {
    s.bytes_missing -= std::min(bytes, s.bytes_missing);
    if (s.bytes_missing == 0) {
      recorder_.reply_matched(Clock::now() - s.started_at);
      hold(slot);  // bytes beyond those expected are ignored
      return;
    }
  }
  receive(slot);
}

void TcpChurn::arm_deadline(std::uint32_t slot, std::chrono::nanoseconds after) {
  Slot& s = slots_[slot];
  s.timer.expires_after(after);
  s.timer.async_wait([this, slot, generation = s.generation](const boost::system::error_code& ec) {
    on_deadline(slot, generation, ec);
  });
}

void TcpChurn::on_deadline(std::uint32_t slot, std::uint32_t generation, const boost::system::error_code& ec) {
  Slot& s = slots_[slot];
  if (ec || generation != s.generation) return;
  switch (s.state) {
    case Slot::State::connecting:
      recorder_.connect_failed(ConnectionError::timeout);
      release(slot);
      recycle(slot);
      break;
    case Slot::State::exchanging:
      lose(slot, ConnectionError::timeout);
      break;
    case Slot::State::holding:
      close_by_us(slot);
      break;
    case Slot::State::free:
      break;
  }
}

void TcpChurn::lose(std::uint32_t slot, ConnectionError cause) {
  recorder_.disconnected(cause);
  release(slot);
  recycle(slot);
}

void TcpChurn::close_by_us(std::uint32_t slot) {
  recorder_.closed();
  release(slot);
  recycle(slot);
}

void TcpChurn::release(std::uint32_t slot) {
  Slot& s = slots_[slot];
  ++s.generation;
  s.timer.cancel();
  boost::system::error_code ignored;
  // Every close, also of a connect abandoned at the window's end that the kernel may have
  // completed already.
  if (plan_.reset_on_close && s.socket.is_open()) s.socket.set_option(asio::socket_base::linger(true, 0), ignored);
  s.socket.close(ignored);
  s.state = Slot::State::free;
}

void TcpChurn::recycle(std::uint32_t slot) {
  if (!active_) return;
  if (plan_.rate_per_s <= 0) {
    open(slot);
  } else {
    free_.push_back(slot);
  }
}

}  // namespace faultline::load
