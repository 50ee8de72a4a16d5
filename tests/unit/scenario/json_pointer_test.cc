#include "harness/scenario/json_pointer.h"

#include <gtest/gtest.h>

namespace faultline::scenario {
namespace {

TEST(JsonPointer, AppendsKeysAndIndices) {
  EXPECT_EQ(json_pointer_append("", "load"), "/load");
  EXPECT_EQ(json_pointer_append(json_pointer_append("/load", std::size_t{0}), "rate"), "/load/0/rate");
}

TEST(JsonPointer, EscapesTildeAndSlashInKeys) {
  EXPECT_EQ(json_pointer_append("/headers", "a/b~c"), "/headers/a~1b~0c");
}

}  // namespace
}  // namespace faultline::scenario
