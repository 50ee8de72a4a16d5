#include "harness/fault/byte_ring.h"

#include <algorithm>

namespace faultline::fault {

// new char[] rather than make_unique: a 64 KiB buffer need not be zeroed before the first read.
ByteRing::ByteRing(std::size_t capacity) : storage_(new char[capacity]), capacity_(capacity) {}

boost::asio::mutable_buffer ByteRing::writable() {
  if (size_ == 0) head_ = 0;
  const std::size_t tail = head_ + size_;
  if (tail < capacity_) return boost::asio::buffer(storage_.get() + tail, capacity_ - tail);
  return boost::asio::buffer(storage_.get() + (tail - capacity_), capacity_ - size_);
}

void ByteRing::commit(std::size_t bytes) {
  size_ += bytes;
  total_in_ += bytes;
}

std::array<boost::asio::const_buffer, 2> ByteRing::front(std::size_t bytes) const {
  const std::size_t first = std::min(bytes, capacity_ - head_);
  return {boost::asio::buffer(storage_.get() + head_, first), boost::asio::buffer(storage_.get(), bytes - first)};
}

void ByteRing::consume(std::size_t bytes) {
  head_ = (head_ + bytes) % capacity_;
  size_ -= bytes;
  total_out_ += bytes;
}

}  // namespace faultline::fault
