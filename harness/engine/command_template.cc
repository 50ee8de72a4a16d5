#include "harness/engine/command_template.h"

#include <cstdlib>

namespace faultline::engine {

namespace {

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

bool is_valid_name(std::string_view name) {
  if (name.empty() || !is_name_start(name.front())) return false;
  for (const char c : name) {
    if (!is_name_char(c)) return false;
  }
  return true;
}

[[noreturn]] void fail(std::string_view field, const std::string& problem) {
  throw TemplateError(std::string(field) + ": " + problem);
}

std::string value_of(const std::string& name, std::string_view field, const TemplateVariables& variables) {
  if (name == "port") return std::to_string(variables.port);
  std::optional<std::string> value;
  if (name == "FAULTLINE_TARGETS") {
    value = variables.targets_dir;
  } else if (variables.environment) {
    value = variables.environment(name);
  }
  if (!value) fail(field, "${" + name + "} is not set");
  return *value;
}

}  // namespace

std::string expand_template(std::string_view text, std::string_view field,
                            const TemplateVariables& variables) {
  std::string expanded;
  expanded.reserve(text.size());
  std::size_t position = 0;
  while (position < text.size()) {
    const std::size_t open = text.find("${", position);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find('}', open + 2);
    if (close == std::string_view::npos) fail(field, "unterminated ${ (missing })");
    const std::string name(text.substr(open + 2, close - open - 2));
    if (!is_valid_name(name)) fail(field, "${" + name + "} is not a valid variable name");
    expanded.append(text.substr(position, open - position));
    expanded.append(value_of(name, field, variables));
    position = close + 1;
  }
  expanded.append(text.substr(position));
  return expanded;
}

scenario::Target expand_target_templates(const scenario::Target& target, const TemplateVariables& variables) {
  scenario::Target expanded = target;
  for (std::size_t i = 0; i < expanded.command.size(); ++i) {
    expanded.command[i] =
        expand_template(target.command[i], "target.command[" + std::to_string(i) + "]", variables);
  }
  for (auto& [name, value] : expanded.env) {
    value = expand_template(value, "target.env." + name, variables);
  }
  expanded.cwd = expand_template(target.cwd, "target.cwd", variables);
  return expanded;
}

std::optional<std::string> lookup_process_environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

}  // namespace faultline::engine
