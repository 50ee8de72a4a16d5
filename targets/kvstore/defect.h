// The deliberate defects kvstore can be started with (--defect), so faultline's scenarios have
// something real to find. Parsed once at start-up; everything downstream switches on the enum
// (make_store() for the store, connection_bound() and connection_buffer_bytes() for the listener).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kvstore {

enum class Defect {
  none,             // the correct, bounded, thread-safe service
  race,             // the map and the counter are mutated without a lock from every I/O thread
  thread_leak,      // every key-value or counter request starts a thread that never ends
  conn_storm,       // no bound on open connections, and a large buffer allocated per connection
  unbounded_cache,  // every value ever written is kept, so memory grows with every PUT
};

// The Defect named `name` ("none", "race", "thread-leak", "conn-storm", "unbounded-cache"), or
// nullopt when no defect has that name.
std::optional<Defect> parse_defect(std::string_view name);

// Every accepted --defect name, comma-separated, for usage messages.
std::string defect_names();

// How many client connections may be open at once: `max_connections` (--max-connections), or
// nullopt (no bound at all) under conn-storm.
std::optional<std::size_t> connection_bound(Defect defect, std::size_t max_connections);

// Bytes every connection allocates and touches when it opens and holds until it closes: 256 KiB
// under conn-storm, 0 otherwise.
std::size_t connection_buffer_bytes(Defect defect);

}  // namespace kvstore
