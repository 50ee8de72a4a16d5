// result.json: the public, versioned form of a RunResult (DESIGN.md, "The result file").
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "harness/result/run_result.h"

namespace faultline::result {

inline constexpr int kResultFormatVersion = 1;

nlohmann::json to_json(const RunResult& result);

// Writes atomically (a temporary file renamed into place), so a reader never sees half a file.
void write_result_file(const RunResult& result, const std::string& path);

}  // namespace faultline::result
