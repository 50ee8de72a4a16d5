#include "harness/load/worker_thread.h"

namespace faultline::load {

void WorkerThread::start(std::function<void()> body) {
  thread_ = std::thread([this, body = std::move(body)] {
    body();
    finished_.set_value();
  });
}

void WorkerThread::join(Clock::time_point deadline) {
  if (!thread_.joinable()) return;
  if (finished_.get_future().wait_until(deadline) != std::future_status::ready) io_.stop();
  thread_.join();
}

}  // namespace faultline::load
