#include "harness/load/error_class.h"

#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <boost/system/errc.hpp>
#include <set>
#include <string>

namespace faultline::load {
namespace {

namespace asio_error = boost::asio::error;
using boost::system::error_code;

TEST(ErrorClass, NamesAreTheEnumeratorsAsWrittenInResultJson) {
  EXPECT_EQ(to_string(ErrorClass::connect_refused), "connect_refused");
  EXPECT_EQ(to_string(ErrorClass::connect_timeout), "connect_timeout");
  EXPECT_EQ(to_string(ErrorClass::timeout), "timeout");
  EXPECT_EQ(to_string(ErrorClass::reset), "reset");
  EXPECT_EQ(to_string(ErrorClass::eof), "eof");
  EXPECT_EQ(to_string(ErrorClass::http_4xx), "http_4xx");
  EXPECT_EQ(to_string(ErrorClass::http_5xx), "http_5xx");
  EXPECT_EQ(to_string(ErrorClass::protocol), "protocol");
  EXPECT_EQ(to_string(ErrorClass::dropped), "dropped");
  EXPECT_EQ(to_string(ErrorClass::other), "other");
}

TEST(ErrorClass, CountCoversEveryClassWithDistinctNames) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < kErrorClassCount; ++i) names.emplace(to_string(static_cast<ErrorClass>(i)));
  EXPECT_EQ(names.size(), kErrorClassCount);
  EXPECT_EQ(kErrorClassCount, 10u);
}

TEST(ErrorClass, ClassifiesSocketErrors) {
  EXPECT_EQ(classify(asio_error::connection_refused), ErrorClass::connect_refused);
  EXPECT_EQ(classify(asio_error::connection_reset), ErrorClass::reset);
  EXPECT_EQ(classify(asio_error::broken_pipe), ErrorClass::reset);
  EXPECT_EQ(classify(asio_error::connection_aborted), ErrorClass::reset);
  EXPECT_EQ(classify(asio_error::eof), ErrorClass::eof);
  EXPECT_EQ(classify(asio_error::timed_out), ErrorClass::timeout);
  EXPECT_EQ(classify(asio_error::host_unreachable), ErrorClass::other);
  EXPECT_EQ(classify(asio_error::no_descriptors), ErrorClass::other);
}

TEST(ErrorClass, OwnDeadlineCancellationIsLeftToTheCaller) {
  EXPECT_EQ(classify(asio_error::operation_aborted), ErrorClass::other);
}

TEST(ErrorClass, ClassifiesErrnoValuesOfTheGenericCategoryToo) {
  EXPECT_EQ(classify(make_error_code(boost::system::errc::connection_refused)), ErrorClass::connect_refused);
  EXPECT_EQ(classify(make_error_code(boost::system::errc::connection_reset)), ErrorClass::reset);
}

TEST(ErrorClass, ConnectTimeoutIsDistinguishedFromRequestTimeout) {
  EXPECT_EQ(classify_connect(asio_error::timed_out), ErrorClass::connect_timeout);
  EXPECT_EQ(classify_connect(asio_error::connection_refused), ErrorClass::connect_refused);
  EXPECT_EQ(classify_connect(asio_error::connection_reset), ErrorClass::reset);
}

TEST(ErrorClass, ClassifiesOnlyFourAndFiveHundredsAsErrors) {
  EXPECT_EQ(classify_status(200), std::nullopt);
  EXPECT_EQ(classify_status(101), std::nullopt);
  EXPECT_EQ(classify_status(304), std::nullopt);
  EXPECT_EQ(classify_status(400), ErrorClass::http_4xx);
  EXPECT_EQ(classify_status(499), ErrorClass::http_4xx);
  EXPECT_EQ(classify_status(500), ErrorClass::http_5xx);
  EXPECT_EQ(classify_status(599), ErrorClass::http_5xx);
}

}  // namespace
}  // namespace faultline::load
