// Colours of the HTML report: the Okabe-Ito palette, which people with any common form of colour
// blindness can tell apart. Lines use the darker members (at least 3:1 against white, as WCAG asks
// of graphics); the light ones (sky blue, yellow) only fill areas beside a text legend.
#pragma once

#include <array>
#include <string_view>

namespace faultline::reports::html::palette {

inline constexpr std::string_view kBlue = "#0072B2";
inline constexpr std::string_view kVermillion = "#D55E00";
inline constexpr std::string_view kGreen = "#009E73";  // Okabe-Ito's "bluish green"
inline constexpr std::string_view kPurple = "#CC79A7";  // "reddish purple"
inline constexpr std::string_view kOrange = "#E69F00";
inline constexpr std::string_view kSkyBlue = "#56B4E9";
inline constexpr std::string_view kYellow = "#F0E442";
inline constexpr std::string_view kBlack = "#000000";
inline constexpr std::string_view kGrey = "#6E6E6E";

// One colour per load generator (or per run in the index), in the order they appear.
inline constexpr std::array<std::string_view, 5> kLines = {kBlue, kVermillion, kGreen, kPurple, kBlack};

inline std::string_view line(std::size_t index) { return kLines[index % kLines.size()]; }

// Error classes (and kinds of connection error) keep their colour from chart to chart, so
// "timeout" is always the same orange.
std::string_view error_class(std::string_view name);

}  // namespace faultline::reports::html::palette
