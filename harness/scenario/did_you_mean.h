// "Did you mean" suggestions for misspelt field names, enum values and placeholders.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::scenario {

// Optimal-string-alignment distance (Damerau-Levenshtein without repeated edits of a
// substring), comparing ASCII case-insensitively: insertions, deletions, substitutions and
// swaps of two adjacent characters each cost 1, so "conections" and "cnonections" are both 1
// away from "connections".
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible typo: at most 1 edit
// for words of up to 4 characters (else "rate" would suggest "name"), at most 2 beyond. On a tie
// the earliest candidate wins, so list the more common names first.
std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string_view>& candidates);

}  // namespace faultline::scenario
