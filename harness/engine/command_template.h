// Expands the ${...} templates of a spawned target's command, environment and working directory
// into the concrete strings faultline runs.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "harness/scenario/scenario.h"

namespace faultline::engine {

// What each template stands for.
struct TemplateVariables {
  std::uint16_t port = 0;                  // ${port}: the loopback port picked for the target
  std::optional<std::string> targets_dir;  // ${FAULTLINE_TARGETS}: where the bundled targets are
  // ${NAME} for any other NAME: its value in the environment, nullopt when it is not set.
  // Injected so that expansion is a pure function of its inputs.
  std::function<std::optional<std::string>(const std::string& name)> environment;
};

// A template that cannot be expanded. A scenario error: nothing has been run yet.
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Replaces every ${NAME} in `text`. NAME is a letter or '_' followed by letters, digits and '_'.
// A '$' not followed by '{' is kept as it is, and substituted values are not expanded again.
// Errors name `field` (the scenario path of `text`), e.g.
// "target.command[0]: ${FOO} is not set".
std::string expand_template(std::string_view text, std::string_view field,
                            const TemplateVariables& variables);

// The target with templates expanded in every command word, environment value and the working
// directory. Field names in errors: target.command[i], target.env.NAME, target.cwd.
scenario::Target expand_target_templates(const scenario::Target& target, const TemplateVariables& variables);

// The real process environment, for TemplateVariables::environment.
std::optional<std::string> lookup_process_environment(const std::string& name);

}  // namespace faultline::engine
