// A toxic as it is in force on a proxy: the scenario's typed spec with the id the proxy gave it.
// The proxy speaks the scenario's toxic vocabulary (harness/scenario/toxic.h) by its own names.
#pragma once

#include <compare>
#include <cstdint>

#include "harness/scenario/toxic.h"

namespace faultline::fault {

using scenario::Direction;
using scenario::LatencyToxic;
using scenario::BandwidthToxic;
using scenario::SlowCloseToxic;
using scenario::TimeoutToxic;
using scenario::ResetPeerToxic;
using scenario::SlicerToxic;
using scenario::LimitDataToxic;
using scenario::DownToxic;
using scenario::ToxicSpec;
using scenario::Toxic;
using Duration = scenario::Duration;

// Names a toxic added to a proxy; ids are never reused by that proxy.
struct ToxicId {
  std::uint64_t value = 0;
  friend auto operator<=>(const ToxicId&, const ToxicId&) = default;
};

// A toxic as added to a proxy.
struct ActiveToxic {
  ToxicId id;
  ToxicSpec spec;
  friend bool operator==(const ActiveToxic&, const ActiveToxic&) = default;
};

}  // namespace faultline::fault
