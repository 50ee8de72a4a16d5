#include "targets/kvstore/store.h"

#include <stdexcept>

#include "targets/kvstore/locked_store.h"

namespace kvstore {

std::unique_ptr<Store> make_store(Defect defect) {
  switch (defect) {
    case Defect::none:
      return std::make_unique<LockedStore>();
  }
  // Only reachable if a Defect value is added without a case above (the compiler warns too).
  throw std::logic_error("make_store: unhandled defect");
}

}  // namespace kvstore
