#include "harness/scenario/scenario_error.h"

namespace faultline::scenario {
namespace {

std::string join_lines(const std::vector<ValidationIssue>& issues) {
  std::string text;
  for (const ValidationIssue& issue : issues) {
    if (!text.empty()) text += '\n';
    text += issue.to_string();
  }
  return text;
}

}  // namespace

std::string ValidationIssue::to_string() const {
  if (line > 0) {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
  }
  if (path.empty()) return file + ": " + message;
  return file + ": " + path + ": " + message;
}

ScenarioError::ScenarioError(std::vector<ValidationIssue> issues)
    : std::runtime_error(join_lines(issues)), issues_(std::move(issues)) {}

void IssueCollector::add(std::string path, std::string message) {
  issues_.push_back(ValidationIssue{file_, std::move(path), std::move(message)});
}

void IssueCollector::add_at(int line, int column, std::string message) {
  issues_.push_back(ValidationIssue{file_, "", std::move(message), line, column});
}

void IssueCollector::throw_if_any() const {
  if (!issues_.empty()) throw ScenarioError(issues_);
}

}  // namespace faultline::scenario
