// A worker's share of an SSE load: a ClientLoad of SseClients (subscribers started all at once
// or ramped in, stopped when the window ends).
#pragma once

#include "harness/load/client_load.h"
#include "harness/load/sse_client.h"

namespace faultline::load {

using SseLoadPlan = ClientLoadPlan<SseClientConfig>;
using SseLoad = ClientLoad<SseClient>;

}  // namespace faultline::load
