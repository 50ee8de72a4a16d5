#include "harness/engine/command_template.h"

#include <cstdlib>
#include <map>

#include <gtest/gtest.h>

namespace faultline::engine {
namespace {

TemplateVariables variables(std::map<std::string, std::string> environment = {}) {
  TemplateVariables result;
  result.port = 41234;
  result.targets_dir = "/opt/faultline/targets";
  result.environment = [environment =
                            std::move(environment)](const std::string& name) -> std::optional<std::string> {
    const auto found = environment.find(name);
    if (found == environment.end()) return std::nullopt;
    return found->second;
  };
  return result;
}

std::string error_of(std::string_view text, std::string_view field, const TemplateVariables& vars) {
  try {
    expand_template(text, field, vars);
  } catch (const TemplateError& error) {
    return error.what();
  }
  return "no error";
}

TEST(CommandTemplate, SubstitutesThePickedPort) {
  EXPECT_EQ(expand_template("--port=${port}", "f", variables()), "--port=41234");
}

TEST(CommandTemplate, SubstitutesTheTargetsDirectory) {
  EXPECT_EQ(expand_template("${FAULTLINE_TARGETS}/kvstore", "f", variables()),
            "/opt/faultline/targets/kvstore");
}

TEST(CommandTemplate, TakesTheTargetsDirectoryFromTheVariablesNotTheEnvironment) {
  EXPECT_EQ(expand_template("${FAULTLINE_TARGETS}", "f", variables({{"FAULTLINE_TARGETS", "/elsewhere"}})),
            "/opt/faultline/targets");
}

TEST(CommandTemplate, SubstitutesEnvironmentVariablesThroughTheLookup) {
  EXPECT_EQ(expand_template("${HOME}/data", "f", variables({{"HOME", "/home/ci"}})), "/home/ci/data");
}

TEST(CommandTemplate, SubstitutesSeveralReferencesInOneString) {
  EXPECT_EQ(expand_template("http://${HOST}:${port}/${HOST}", "f", variables({{"HOST", "h"}})),
            "http://h:41234/h");
}

TEST(CommandTemplate, LeavesTextWithoutReferencesAlone) {
  EXPECT_EQ(expand_template("costs $5, see $HOME and {port}", "f", variables()),
            "costs $5, see $HOME and {port}");
  EXPECT_EQ(expand_template("", "f", variables()), "");
}

TEST(CommandTemplate, DoesNotExpandSubstitutedValuesAgain) {
  EXPECT_EQ(expand_template("${A}", "f", variables({{"A", "${port}"}})), "${port}");
}

TEST(CommandTemplate, ExpandsAVariableThatIsSetButEmptyToNothing) {
  EXPECT_EQ(expand_template("[${EMPTY}]", "f", variables({{"EMPTY", ""}})), "[]");
}

TEST(CommandTemplate, ReportsAnUnsetVariableNamingTheFieldAndTheVariable) {
  EXPECT_EQ(error_of("--data=${FOO}", "target.command[0]", variables()),
            "target.command[0]: ${FOO} is not set");
}

TEST(CommandTemplate, ReportsAnUnsetTargetsDirectory) {
  TemplateVariables vars = variables();
  vars.targets_dir.reset();
  EXPECT_EQ(error_of("${FAULTLINE_TARGETS}/kvstore", "target.command[0]", vars),
            "target.command[0]: ${FAULTLINE_TARGETS} is not set");
}

TEST(CommandTemplate, ReportsAnUnterminatedReference) {
  EXPECT_EQ(error_of("--port=${port", "target.command[1]", variables()),
            "target.command[1]: unterminated ${ (missing })");
}

TEST(CommandTemplate, ReportsAnInvalidVariableName) {
  EXPECT_EQ(error_of("${1x}", "target.cwd", variables()), "target.cwd: ${1x} is not a valid variable name");
  EXPECT_EQ(error_of("${}", "target.cwd", variables()), "target.cwd: ${} is not a valid variable name");
  EXPECT_EQ(error_of("${a-b}", "target.cwd", variables()), "target.cwd: ${a-b} is not a valid variable name");
}

TEST(CommandTemplate, ExpandsCommandEnvironmentAndWorkingDirectoryOfATarget) {
  scenario::Target target;
  target.command = {"${FAULTLINE_TARGETS}/kvstore", "--port", "${port}"};
  target.env = {{"DATA_DIR", "${HOME}/kv"}, {"PLAIN", "x"}};
  target.cwd = "${HOME}";
  target.stop_grace = std::chrono::seconds(7);

  const scenario::Target expanded = expand_target_templates(target, variables({{"HOME", "/home/ci"}}));

  EXPECT_EQ(expanded.command,
            (std::vector<std::string>{"/opt/faultline/targets/kvstore", "--port", "41234"}));
  EXPECT_EQ(expanded.env, (std::map<std::string, std::string>{{"DATA_DIR", "/home/ci/kv"}, {"PLAIN", "x"}}));
  EXPECT_EQ(expanded.cwd, "/home/ci");
  EXPECT_EQ(expanded.stop_grace, std::chrono::seconds(7));
}

TEST(CommandTemplate, NamesTheTargetFieldThatHoldsAnUnsetVariable) {
  const auto error_for = [](scenario::Target target) -> std::string {
    try {
      expand_target_templates(target, variables());
    } catch (const TemplateError& error) {
      return error.what();
    }
    return "no error";
  };
  scenario::Target in_command;
  in_command.command = {"kvstore", "--port", "${port}", "--dir=${DIR}"};
  EXPECT_EQ(error_for(in_command), "target.command[3]: ${DIR} is not set");

  scenario::Target in_env;
  in_env.command = {"kvstore"};
  in_env.env = {{"TOKEN", "${SECRET}"}};
  EXPECT_EQ(error_for(in_env), "target.env.TOKEN: ${SECRET} is not set");

  scenario::Target in_cwd;
  in_cwd.command = {"kvstore"};
  in_cwd.cwd = "${WORKDIR}";
  EXPECT_EQ(error_for(in_cwd), "target.cwd: ${WORKDIR} is not set");
}

TEST(CommandTemplate, LookupProcessEnvironmentReadsTheRealEnvironment) {
  ::setenv("FAULTLINE_TEMPLATE_TEST_VARIABLE", "value", 1);
  EXPECT_EQ(lookup_process_environment("FAULTLINE_TEMPLATE_TEST_VARIABLE"), "value");
  ::unsetenv("FAULTLINE_TEMPLATE_TEST_VARIABLE");
  EXPECT_EQ(lookup_process_environment("FAULTLINE_TEMPLATE_TEST_VARIABLE"), std::nullopt);
}

}  // namespace
}  // namespace faultline::engine
