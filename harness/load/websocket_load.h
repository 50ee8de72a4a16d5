// A worker's share of a WebSocket load: a ClientLoad of WebSocketClients.
#pragma once

#include "harness/load/client_load.h"
#include "harness/load/websocket_client.h"

namespace faultline::load {

using WebSocketLoadPlan = ClientLoadPlan<WebSocketClientConfig>;
using WebSocketLoad = ClientLoad<WebSocketClient>;

}  // namespace faultline::load
