#include "harness/observe/series_selector.h"

#include <algorithm>
#include <stdexcept>

namespace faultline::observe {

namespace {

std::string escape_label_value(std::string_view value) {
  std::string escaped;
  escaped.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      escaped += "\\\\";
    } else if (c == '"') {
      escaped += "\\\"";
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

bool has_label(const Labels& labels, const Label& wanted) {
  return std::find(labels.begin(), labels.end(), wanted) != labels.end();
}

}  // namespace

std::string series_key(std::string_view name, const Labels& labels) {
  std::string key(name);
  if (labels.empty()) return key;
  Labels sorted = labels;
  std::sort(sorted.begin(), sorted.end());
  key += '{';
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i > 0) key += ',';
    key += sorted[i].name + "=\"" + escape_label_value(sorted[i].value) + '"';
  }
  key += '}';
  return key;
}

SeriesSelector::SeriesSelector(const std::vector<std::string>& selectors) {
  for (const std::string& text : selectors) {
    auto parsed = parse_series(text);
    if (const auto* error = std::get_if<std::string>(&parsed))
      throw std::invalid_argument("metric selector '" + text + "': " + *error);
    SeriesText& series = std::get<SeriesText>(parsed);
    if (series.consumed != text.size())
      throw std::invalid_argument("metric selector '" + text + "': unexpected text after the series");
    selectors_.push_back(std::move(series));
  }
  for (const std::string_view name : kAlwaysRecorded) selectors_.push_back({std::string(name), {}, name.size()});
}

bool SeriesSelector::wanted(const PrometheusText& text, const MetricSample& sample) const {
  const std::string_view family = text.family_of(sample.name);
  return std::any_of(selectors_.begin(), selectors_.end(), [&](const SeriesText& selector) {
    if (selector.name != sample.name && selector.name != family) return false;
    return std::all_of(selector.labels.begin(), selector.labels.end(),
                       [&](const Label& label) { return has_label(sample.labels, label); });
  });
}

std::vector<SeriesValue> SeriesSelector::select(const PrometheusText& text) const {
  std::vector<SeriesValue> selected;
  for (const MetricSample& sample : text.samples)
    if (wanted(text, sample)) selected.push_back({series_key(sample.name, sample.labels), sample.value});
  return selected;
}

}  // namespace faultline::observe
