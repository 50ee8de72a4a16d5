// A pipe's fixed byte buffer: bytes read from the source and not yet written to the sink, as a
// ring so that a toxic holding old bytes does not stop new ones from being read behind them.
// Its capacity bounds the pipe's memory: when it is full the pipe stops reading (backpressure).
#pragma once

#include <array>
#include <boost/asio/buffer.hpp>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace faultline::fault {

class ByteRing {
 public:
  explicit ByteRing(std::size_t capacity);

  std::size_t size() const { return size_; }
  std::size_t free() const { return capacity_ - size_; }
  bool empty() const { return size_ == 0; }

  // The contiguous free space behind the data, for the next read; when the ring is empty, the
  // whole buffer (so a pipe without toxics always reads into one full-size span).
  boost::asio::mutable_buffer writable();
  // `bytes` bytes were read into writable().
  void commit(std::size_t bytes);

  // The first `bytes` bytes (bytes <= size()) as one or two spans; the second is empty unless
  // they wrap around the end of the buffer.
  std::array<boost::asio::const_buffer, 2> front(std::size_t bytes) const;
  // The first `bytes` bytes were written.
  void consume(std::size_t bytes);

  // Stream offsets: bytes ever committed, bytes ever consumed.
  std::uint64_t total_in() const { return total_in_; }
  std::uint64_t total_out() const { return total_out_; }

 private:
  std::unique_ptr<char[]> storage_;
  std::size_t capacity_;
  std::size_t head_ = 0;  // index of the first byte
  std::size_t size_ = 0;
  std::uint64_t total_in_ = 0;
  std::uint64_t total_out_ = 0;
};

}  // namespace faultline::fault
