// One message a WebSocket session sends. Shared and immutable, so a change fanned out to
// thousands of subscribers is one string (a value can be up to 1 MiB), not one copy per session.
#pragma once

#include <memory>
#include <string>

namespace kvstore {

using WebSocketMessage = std::shared_ptr<const std::string>;

}  // namespace kvstore
