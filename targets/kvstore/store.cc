#include "targets/kvstore/store.h"

#include <stdexcept>

#include "targets/kvstore/history_store.h"
#include "targets/kvstore/locked_store.h"
#include "targets/kvstore/racy_store.h"
#include "targets/kvstore/thread_leaking_store.h"

namespace kvstore {

std::unique_ptr<Store> make_store(Defect defect) {
  switch (defect) {
    case Defect::none:
    case Defect::conn_storm:
      return std::make_unique<LockedStore>();
    case Defect::race:
      return std::make_unique<RacyStore>();
    case Defect::thread_leak:
      return std::make_unique<ThreadLeakingStore>(std::make_unique<LockedStore>());
    case Defect::unbounded_cache:
      return std::make_unique<HistoryStore>(std::make_unique<LockedStore>());
  }
  // Only reachable if a Defect value is added without a case above (the compiler warns too).
  throw std::logic_error("make_store: unhandled defect");
}

}  // namespace kvstore
