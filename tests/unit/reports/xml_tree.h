// A strict little XML reader for the JUnit tests: it parses what junit_report() writes into a
// tree (entities and character references resolved) and throws on anything not well-formed:
// unbalanced or mismatched tags, an unquoted or repeated attribute, a raw '<' or '&' in text or
// attribute, an unknown entity, a character XML 1.0 forbids, text outside the root element.
#pragma once

#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace faultline::reports::ci::test {

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::string text;  // the character data directly inside, concatenated
  std::vector<std::unique_ptr<XmlElement>> children;

  std::vector<const XmlElement*> all(std::string_view child_name) const {
    std::vector<const XmlElement*> found;
    for (const auto& child : children) {
      if (child->name == child_name) found.push_back(child.get());
    }
    return found;
  }
};

class XmlReader {
 public:
  explicit XmlReader(std::string_view text) : text_(text) {}

  std::unique_ptr<XmlElement> read_document() {
    check_characters();
    if (text_.starts_with("<?xml")) pos_ = text_.find("?>") + 2;
    skip_space();
    auto root = read_element();
    skip_space();
    if (pos_ != text_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("not well-formed at byte " + std::to_string(pos_) + ": " + what);
  }

  // Bytes below 0x20 other than tab, newline and carriage return are never allowed.
  void check_characters() {
    for (std::size_t i = 0; i < text_.size(); ++i) {
      const auto c = static_cast<unsigned char>(text_[i]);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        pos_ = i;
        fail("control character");
      }
    }
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\t' || text_[pos_] == '\r')) ++pos_;
  }

  std::string read_name() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '-' || text_[pos_] == '_')) ++pos_;
    if (pos_ == start) fail("expected a name");
    return std::string(text_.substr(start, pos_ - start));
  }

  void expect(char c) {
    if (pos_ >= text_.size() || text_[pos_] != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  // After '&': one of the five entities or a character reference.
  std::string read_reference() {
    const std::size_t end = text_.find(';', pos_);
    if (end == std::string_view::npos || end - pos_ > 8) fail("unterminated reference");
    const std::string_view name = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    if (name == "amp") return "&";
    if (name == "lt") return "<";
    if (name == "gt") return ">";
    if (name == "quot") return "\"";
    if (name == "apos") return "'";
    if (name.size() > 1 && name[0] == '#') {
      const std::uint32_t c = std::stoul(std::string(name.substr(1)));
      if (c != 0x9 && c != 0xA && c != 0xD && c < 0x20) fail("reference to a forbidden character");
      if (c >= 0x80) fail("reference this reader does not decode");
      return std::string(1, static_cast<char>(c));
    }
    fail("unknown entity &" + std::string(name) + ";");
  }

  std::string read_attribute_value() {
    const char quote = text_[pos_];
    if (quote != '"' && quote != '\'') fail("unquoted attribute value");
    ++pos_;
    std::string value;
    while (pos_ < text_.size() && text_[pos_] != quote) {
      const char c = text_[pos_++];
      if (c == '<') fail("'<' in an attribute value");
      value += c == '&' ? read_reference() : std::string(1, c);
    }
    expect(quote);
    return value;
  }

  std::unique_ptr<XmlElement> read_element() {
    expect('<');
    auto element = std::make_unique<XmlElement>();
    element->name = read_name();
    for (;;) {
      skip_space();
      if (text_.substr(pos_, 2) == "/>") {
        pos_ += 2;
        return element;
      }
      if (pos_ < text_.size() && text_[pos_] == '>') break;
      const std::string name = read_name();
      expect('=');
      if (!element->attributes.emplace(name, read_attribute_value()).second) fail("repeated attribute " + name);
    }
    ++pos_;
    for (;;) {
      if (pos_ >= text_.size()) fail("unclosed <" + element->name + ">");
      if (text_.substr(pos_, 2) == "</") {
        pos_ += 2;
        if (read_name() != element->name) fail("mismatched end tag of <" + element->name + ">");
        skip_space();
        expect('>');
        return element;
      }
      const char c = text_[pos_];
      if (c == '<') {
        element->children.push_back(read_element());
      } else if (c == '&') {
        ++pos_;
        element->text += read_reference();
      } else if (c == '>' && text_.substr(pos_ >= 2 ? pos_ - 2 : 0, 3) == "]]>") {
        fail("\"]]>\" in text");
      } else {
        element->text += c;
        ++pos_;
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

inline std::unique_ptr<XmlElement> parse_xml(std::string_view text) { return XmlReader(text).read_document(); }

}  // namespace faultline::reports::ci::test
