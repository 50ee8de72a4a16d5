// What is wrong with a scenario file: every problem found, each naming the file and the JSON
// pointer of the offending value, so a user fixes them all in one round.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace faultline::scenario {

struct ValidationIssue {
  std::string file;     // as the caller named it (a path, or a label for text)
  std::string path;     // JSON pointer ("/load/0/rate"); "" for the whole document
  std::string message;  // what was expected and what was found
  int line = 0;         // 1-based, for JSON syntax errors only; 0 when unknown
  int column = 0;       // 1-based, with `line`

  // "smoke.json: /load/0/rate: <message>", "smoke.json:3:14: <message>" for a syntax error,
  // "smoke.json: <message>" for the whole document.
  std::string to_string() const;

  friend bool operator==(const ValidationIssue&, const ValidationIssue&) = default;
};

// Thrown by the scenario parser; what() lists every issue, one per line, in the order found
// (each object's unknown keys first, then its fields from top to bottom).
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<ValidationIssue> issues);

  const std::vector<ValidationIssue>& issues() const { return issues_; }

 private:
  std::vector<ValidationIssue> issues_;
};

// Gathers the issues of one file while it is being validated, so that validation goes on past
// the first problem.
class IssueCollector {
 public:
  explicit IssueCollector(std::string file) : file_(std::move(file)) {}

  void add(std::string path, std::string message);
  void add_at(int line, int column, std::string message);

  const std::string& file() const { return file_; }
  bool empty() const { return issues_.empty(); }
  const std::vector<ValidationIssue>& issues() const { return issues_; }

  // Throws ScenarioError with everything gathered so far, if anything was.
  void throw_if_any() const;

 private:
  std::string file_;
  std::vector<ValidationIssue> issues_;
};

}  // namespace faultline::scenario
