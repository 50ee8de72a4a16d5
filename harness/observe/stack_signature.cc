#include "harness/observe/stack_signature.h"

#include <algorithm>

namespace faultline::observe {

namespace {

bool is_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string_view trim_leading_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

// Drops "0x..." literals: a function name should not carry one, but templates instantiated on
// addresses and Go closures printed by some tools do.
std::string without_addresses(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '0' && i + 2 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X') &&
        is_hex_digit(text[i + 2])) {
      i += 2;
      while (i + 1 < text.size() && is_hex_digit(text[i + 1])) ++i;
      continue;
    }
    result += text[i];
  }
  return result;
}

std::string_view basename(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_runtime_location(std::string_view file, std::string_view module) {
  const bool runtime_file = file.find("/libsanitizer/") != std::string_view::npos ||
                            file.starts_with("/usr/include/") || file.starts_with("../sysdeps/") ||
                            file.starts_with("../csu/");
  const std::string_view library = basename(module);
  const bool runtime_module = library.starts_with("libtsan.so") || library.starts_with("libasan.so") ||
                              library.starts_with("liblsan.so") || library.starts_with("libc.so") ||
                              library.starts_with("libstdc++.so");
  return runtime_file || runtime_module;
}

}  // namespace

std::optional<NativeFrame> parse_native_frame(std::string_view line) {
  line = trim_leading_blanks(line);
  if (line.size() < 3 || line.front() != '#') return std::nullopt;
  std::size_t at = 1;
  while (at < line.size() && line[at] >= '0' && line[at] <= '9') ++at;
  if (at == 1 || at >= line.size() || line[at] != ' ') return std::nullopt;
  std::string_view rest = line.substr(at + 1);
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);

  // AddressSanitizer puts the pc first: "0x55a027c35146 in keep() ...", or "0x7f.. (module+0x..)"
  // when it could not symbolize.
  const bool with_pc = rest.starts_with("0x");
  if (with_pc) {
    const std::size_t in = rest.find(" in ");
    const std::size_t space = rest.find(' ');
    if (in == std::string_view::npos || in != space) {
      const std::size_t open = rest.find('(');
      const std::string_view module = open == std::string_view::npos ? "" : rest.substr(open + 1);
      return NativeFrame{"", is_runtime_location("", module.substr(0, module.find('+')))};
    }
    rest.remove_prefix(in + 4);
  }

  // A trailing "(module+0xoffset)": ThreadSanitizer always prints it, AddressSanitizer in place
  // of a source location.
  std::string_view module;
  bool has_file = true;
  if (rest.ends_with(')')) {
    const std::size_t open = rest.rfind(" (");
    if (open != std::string_view::npos && rest.find("+0x", open) != std::string_view::npos) {
      module = rest.substr(open + 2, rest.size() - open - 3);
      module = module.substr(0, module.rfind('+'));
      rest = rest.substr(0, open);
      has_file = !with_pc;
    }
  }
  std::string_view file;
  if (has_file) {
    const std::size_t space = rest.rfind(' ');
    if (space != std::string_view::npos) {
      file = rest.substr(space + 1);
      rest = rest.substr(0, space);
    }
  }
  const bool unknown = rest.empty() || rest == "<null>";
  // The C library's start-up frames sit below main in every stack.
  const bool startup = rest == "_start" || rest.starts_with("__libc_start");
  return NativeFrame{unknown ? "" : without_addresses(rest), unknown || startup || is_runtime_location(file, module)};
}

std::optional<std::string> parse_go_function(std::string_view line) {
  line = trim_leading_blanks(line);
  if (line.empty() || line.back() != ')') return std::nullopt;
  // The argument list is the parenthesis that the final ')' closes; a receiver such as
  // "(*Store)" comes before it.
  int depth = 0;
  std::size_t open = line.size();
  for (std::size_t i = line.size(); i-- > 0;) {
    if (line[i] == ')') ++depth;
    if (line[i] == '(' && --depth == 0) {
      open = i;
      break;
    }
  }
  if (open == 0 || open == line.size()) return std::nullopt;
  const std::string_view function = line.substr(0, open);
  if (function.find_first_of(" \t") != std::string_view::npos) return std::nullopt;
  return without_addresses(function);
}

bool is_go_runtime_function(std::string_view function) {
  return function.starts_with("runtime.") || function.starts_with("runtime/") || function == "panic";
}

void SignatureBuilder::begin_stack(bool counts) {
  if (stacks_.size() < kMaxStacks) stacks_.push_back({counts, {}, {}});
}

void SignatureBuilder::add_frame(std::string function, bool runtime) {
  if (stacks_.empty()) begin_stack(true);
  Stack& stack = stacks_.back();
  if (stack.any.size() < kFramesPerStack) stack.any.push_back(function);
  if (!runtime && !function.empty() && stack.own.size() < kFramesPerStack) stack.own.push_back(std::move(function));
}

std::vector<std::string> SignatureBuilder::parts(bool counted_only) const {
  std::vector<std::string> result;
  for (const Stack& stack : stacks_) {
    if (counted_only && !stack.counts) continue;
    const std::vector<std::string>& frames = stack.own.empty() ? stack.any : stack.own;
    std::string part;
    for (const std::string& frame : frames) {
      if (!part.empty()) part += " > ";
      part += frame.empty() ? "?" : frame;
    }
    if (!part.empty()) result.push_back(std::move(part));
  }
  std::sort(result.begin(), result.end());
  result.erase(std::unique(result.begin(), result.end()), result.end());
  return result;
}

std::string SignatureBuilder::signature() const {
  std::vector<std::string> chosen = parts(true);
  if (chosen.empty()) chosen = parts(false);
  std::string signature;
  for (const std::string& part : chosen) {
    if (!signature.empty()) signature += " | ";
    signature += part;
  }
  return signature;
}

}  // namespace faultline::observe
