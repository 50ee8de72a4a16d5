#include "harness/observe/stack_signature.h"

#include <gtest/gtest.h>

namespace faultline::observe {
namespace {

struct NativeCase {
  const char* name;
  const char* line;
  const char* function;
  bool runtime;
};

class ParseNativeFrame : public ::testing::TestWithParam<NativeCase> {};

TEST_P(ParseNativeFrame, FindsTheFunctionAndWhetherItIsRuntime) {
  const std::optional<NativeFrame> frame = parse_native_frame(GetParam().line);
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->function, GetParam().function);
  EXPECT_EQ(frame->runtime, GetParam().runtime);
}

INSTANTIATE_TEST_SUITE_P(
    Frames, ParseNativeFrame,
    ::testing::Values(
        NativeCase{"Tsan", "    #0 bump_counter() /tmp/race.cc:5 (race+0x123f)", "bump_counter()", false},
        NativeCase{"TsanSpacesInName",
                   "    #2 void std::__invoke_impl<void, void (*)()>(std::__invoke_other, void (*&&)()) "
                   "/usr/include/c++/12/bits/invoke.h:61 (race+0x1413)",
                   "void std::__invoke_impl<void, void (*)()>(std::__invoke_other, void (*&&)())", true},
        NativeCase{"TsanInterceptor",
                   "    #0 pthread_mutex_lock ../../../../src/libsanitizer/sanitizer_common/"
                   "sanitizer_common_interceptors.inc:4324 (libtsan.so.2+0x558e1)",
                   "pthread_mutex_lock", true},
        NativeCase{"TsanUnknown", "    #7 <null> <null> (libstdc++.so.6+0xd44a2)", "", true},
        NativeCase{"TsanNoSource",
                   "    #1 std::thread::_M_start_thread(std::unique_ptr<std::thread::_State>, void (*)()) <null> "
                   "(libstdc++.so.6+0xd4578)",
                   "std::thread::_M_start_thread(std::unique_ptr<std::thread::_State>, void (*)())", true},
        NativeCase{"Asan", "    #1 0x55a027c35146 in keep() /tmp/lsan.cc:2", "keep()", false},
        NativeCase{"AsanWithColumn", "    #1 0x55a027c35146 in Cache::put(int) /src/cache.cc:2:7", "Cache::put(int)", false},
        NativeCase{"AsanModuleOnly", "    #3 0x562f042940b0 in handler (/srv/kvstore+0x10b0)", "handler", false},
        NativeCase{"AsanStartup", "    #3 0x562f042940b0 in _start (/srv/kvstore+0x10b0)", "_start", true},
        NativeCase{"AsanLibcStart",
                   "    #1 0x7fdba3445249 in __libc_start_call_main ../sysdeps/nptl/libc_start_call_main.h:58",
                   "__libc_start_call_main", true},
        NativeCase{"AsanUnsymbolized", "    #4 0x7f0a12345678  (/lib/x86_64-linux-gnu/libc.so.6+0x271ca)", "", true},
        NativeCase{"AddressInName", "    #0 handler<0x10>() /a.cc:1 (a+0x1)", "handler<>()", false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ParseNativeFrame, RejectsOtherLines) {
  for (const char* line : {"", "  Read of size 4 at 0x7b04 by thread T1:", "#", "    #x f() a.cc:1", "SUMMARY: x"})
    EXPECT_FALSE(parse_native_frame(line).has_value()) << line;
}

struct GoCase {
  const char* name;
  const char* line;
  std::optional<std::string> function;
};

class ParseGoFunction : public ::testing::TestWithParam<GoCase> {};

TEST_P(ParseGoFunction, DropsTheArguments) { EXPECT_EQ(parse_go_function(GetParam().line), GetParam().function); }

INSTANTIATE_TEST_SUITE_P(
    Lines, ParseGoFunction,
    ::testing::Values(GoCase{"NoArguments", "main.main()", "main.main"},
                      GoCase{"RaceIndent", "  main.(*Counter).Record()", "main.(*Counter).Record"},
                      GoCase{"Values", "main.track(0x2)", "main.track"},
                      GoCase{"Inlined", "main.handler(...)", "main.handler"},
                      GoCase{"Composite", "runtime.throw({0x4b1b9b?, 0x0?})", "runtime.throw"},
                      GoCase{"Package", "net/http.(*conn).serve(0xc0001b4000, {0x6f5a58, 0xc00009c1e0})",
                             "net/http.(*conn).serve"},
                      GoCase{"Generic", "main.Map[...](0xc000012000)", "main.Map[...]"},
                      GoCase{"Location", "\t/src/main.go:12 +0x1d", std::nullopt},
                      GoCase{"Prose", "listening on (all interfaces)", std::nullopt},
                      GoCase{"NoParentheses", "exit status 2", std::nullopt},
                      GoCase{"Unbalanced", "oops)", std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(IsGoRuntimeFunction, KnowsTheRuntimeAndPanic) {
  EXPECT_TRUE(is_go_runtime_function("runtime.mapassign_faststr"));
  EXPECT_TRUE(is_go_runtime_function("runtime/internal/atomic.Load"));
  EXPECT_TRUE(is_go_runtime_function("panic"));
  EXPECT_FALSE(is_go_runtime_function("main.runtimeStats"));
  EXPECT_FALSE(is_go_runtime_function("net/http.(*conn).serve"));
}

TEST(SignatureBuilder, KeepsThreeNonRuntimeFramesPerStackSortedAndUnique) {
  SignatureBuilder builder;
  builder.begin_stack(true);
  builder.add_frame("zeta()", false);
  builder.add_frame("malloc", true);
  builder.add_frame("b()", false);
  builder.add_frame("c()", false);
  builder.add_frame("d()", false);
  builder.begin_stack(true);
  builder.add_frame("alpha()", false);
  builder.begin_stack(true);
  builder.add_frame("alpha()", false);
  EXPECT_EQ(builder.signature(), "alpha() | zeta() > b() > c()");
}

TEST(SignatureBuilder, TheOrderOfTheStacksDoesNotMatter) {
  SignatureBuilder first;
  first.add_frame("write()", false);
  first.begin_stack(true);
  first.add_frame("read()", false);
  SignatureBuilder second;
  second.add_frame("read()", false);
  second.begin_stack(true);
  second.add_frame("write()", false);
  EXPECT_EQ(first.signature(), second.signature());
}

TEST(SignatureBuilder, LeavesOutStacksThatDoNotCountUnlessNothingElseIsThere) {
  SignatureBuilder builder;
  builder.begin_stack(true);
  builder.add_frame("racy()", false);
  builder.begin_stack(false);
  builder.add_frame("spawner()", false);
  EXPECT_EQ(builder.signature(), "racy()");

  SignatureBuilder leak;
  leak.begin_stack(false);
  leak.add_frame("pthread_create", true);
  leak.add_frame("spawner()", false);
  EXPECT_EQ(leak.signature(), "spawner()");
}

TEST(SignatureBuilder, FallsBackToRuntimeFramesWhenAStackHasNothingElse) {
  SignatureBuilder builder;
  builder.add_frame("runtime.throw", true);
  builder.add_frame("", true);
  EXPECT_EQ(builder.signature(), "runtime.throw > ?");
}

TEST(SignatureBuilder, IsEmptyWithoutFrames) { EXPECT_EQ(SignatureBuilder().signature(), ""); }

}  // namespace
}  // namespace faultline::observe
