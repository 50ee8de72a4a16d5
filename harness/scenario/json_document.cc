#include "harness/scenario/json_document.h"

#include <algorithm>
#include <vector>

#include "harness/scenario/json_pointer.h"

namespace faultline::scenario {
namespace {

// Tracks where the parser is (the JSON pointer of the value being read) from nlohmann's parse
// events, which carry no position of their own, and notes keys seen twice in one object.
class DuplicateKeyFinder {
 public:
  explicit DuplicateKeyFinder(IssueCollector& issues) : issues_(issues) {}

  bool on_event(nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        count_array_element();
        frames_.push_back(Frame{event == Event::array_start, 0, {}, {}});
        break;
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        break;
      case Event::key:
        on_key(parsed.get<std::string>());
        break;
      case Event::value:
        count_array_element();
        break;
    }
    return true;  // keep every value: this pass only watches
  }

 private:
  struct Frame {
    bool is_array;
    std::size_t elements;              // arrays: elements started so far
    std::string key;                   // objects: the key whose value is being read
    std::vector<std::string> keys;     // objects: every key seen
  };

  void count_array_element() {
    if (!frames_.empty() && frames_.back().is_array) ++frames_.back().elements;
  }

  void on_key(std::string key) {
    Frame& frame = frames_.back();
    frame.key = std::move(key);
    if (std::find(frame.keys.begin(), frame.keys.end(), frame.key) != frame.keys.end()) {
      issues_.add(current_path(), "duplicate key; only one value may be given");
    } else {
      frame.keys.push_back(frame.key);
    }
  }

  std::string current_path() const {
    std::string path;
    for (const Frame& frame : frames_) {
      path = frame.is_array ? json_pointer_append(path, frame.elements - 1)
                            : json_pointer_append(path, frame.key);
    }
    return path;
  }

  IssueCollector& issues_;
  std::vector<Frame> frames_;
};

// nlohmann's message starts "[json.exception.parse_error.101] parse error at line 3, column 5: ";
// keep what follows, since the line and column are reported in the issue's own fields.
std::string describe_syntax_error(const nlohmann::json::parse_error& error) {
  const std::string what = error.what();
  const std::size_t column = what.find("column");
  const std::size_t separator = what.find(": ", column == std::string::npos ? 0 : column);
  if (separator == std::string::npos) return what;
  return what.substr(separator + 2);
}

}  // namespace

std::optional<nlohmann::json> read_json_document(const std::string& text, IssueCollector& issues) {
  IssueCollector duplicates(issues.file());
  DuplicateKeyFinder finder(duplicates);
  try {
    nlohmann::json document = nlohmann::json::parse(
        text,
        [&finder](int /*depth*/, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
          return finder.on_event(event, parsed);
        },
        /*allow_exceptions=*/true, /*ignore_comments=*/true);
    for (const ValidationIssue& issue : duplicates.issues()) issues.add(issue.path, issue.message);
    return document;
  } catch (const nlohmann::json::parse_error& error) {
    // error.byte is the 1-based offset of the last character read; count lines up to it.
    const std::size_t end = std::min<std::size_t>(error.byte, text.size());
    int line = 1;
    int column = 0;
    for (std::size_t i = 0; i < end; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 0;
      } else {
        ++column;
      }
    }
    issues.add_at(line, std::max(column, 1), "invalid JSON: " + describe_syntax_error(error));
    return std::nullopt;
  } catch (const nlohmann::json::out_of_range& error) {
    // A number too large for a double ("1e999"): nlohmann gives no position for it.
    const std::string what = error.what();
    const std::size_t prefix_end = what.find("] ");
    issues.add("", "invalid JSON: " + (prefix_end == std::string::npos ? what : what.substr(prefix_end + 2)));
    return std::nullopt;
  }
}

}  // namespace faultline::scenario
