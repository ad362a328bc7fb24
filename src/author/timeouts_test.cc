// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/timeouts.h"

#include <chrono>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tfsdk/validator.h"

namespace tfsdk::timeouts {
namespace {

using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::nanoseconds;
using std::chrono::seconds;
using ::testing::HasSubstr;

TEST(ParseDurationTest, Valid) {
  struct Row {
    const char* text;
    nanoseconds want;
  };
  const std::vector<Row> rows = {
      {"0", nanoseconds(0)},
      {"+0", nanoseconds(0)},
      {"-0", nanoseconds(0)},
      {"0s", nanoseconds(0)},
      {"5s", seconds(5)},
      {"+5s", seconds(5)},
      {"-5s", seconds(-5)},
      {"300ms", milliseconds(300)},
      {"-1.5h", -minutes(90)},
      {"2h45m", minutes(165)},
      {"1h2m3s4ms", hours(1) + minutes(2) + seconds(3) + milliseconds(4)},
      {".5s", milliseconds(500)},
      {"5.s", seconds(5)},
      {"1.004s", milliseconds(1004)},
      {"100.00100s", seconds(100) + milliseconds(1)},
      {"1ns", nanoseconds(1)},
      {"1us", microseconds(1)},
      {"1\xC2\xB5s", microseconds(1)},  // micro sign
      {"1\xCE\xBCs", microseconds(1)},  // Greek mu
      {"1.5m", seconds(90)},
      {"10m10m", minutes(20)},        // units may repeat
      {"3h30s2h", hours(5) + seconds(30)},
      // Go computes fractions in float64; the result is nanosecond-exact for these.
      {"0.3333333333333333333h", minutes(20)},
      {"0.100000000000000000000h", minutes(6)},
      {"0.830103483285477580700h", minutes(49) + seconds(48) + nanoseconds(372539827)},
      // Digits past what 63 bits hold only lose precision.
      {"1.00000000000000000000000000000000001s", seconds(1)},
      // The int64 range, at both ends.
      {"9223372036854775807ns", nanoseconds(std::numeric_limits<int64_t>::max())},
      {"2562047h47m16.854775807s", nanoseconds(std::numeric_limits<int64_t>::max())},
      {"-9223372036854775808ns", nanoseconds(std::numeric_limits<int64_t>::min())},
      {"-2562047h47m16.854775808s", nanoseconds(std::numeric_limits<int64_t>::min())},
  };
  for (const Row& r : rows) {
    std::optional<nanoseconds> got = ParseDuration(r.text);
    ASSERT_TRUE(got.has_value()) << r.text;
    EXPECT_EQ(got->count(), r.want.count()) << r.text;
  }
}

TEST(ParseDurationTest, Invalid) {
  for (const char* text : {
           "",
           "1",                         // no unit
           "1.5",                       // no unit
           "1x",                        // unknown unit
           "1S",                        // units are case-sensitive
           "1d",                        // no days in Go
           "+",
           "-",
           ".",
           ".s",                        // no digits
           "-.s",
           "s",
           "1 s",                       // the unit would be " s"
           " 1s",
           "1s ",
           "1h 2m",
           "--1s",
           "+-1s",
           "1e3s",                      // no exponents
           "1s2",                       // trailing number without unit
           "00",                        // only a lone "0" may omit the unit
           "9223372036854775808ns",     // one past int64 max
           "2562047h47m16.854775808s",  // one past int64 max
           "2562048h",
           "-2562048h",
           "9223372036854775807ns1ns",  // the sum overflows
           "-9223372036854775808ns9223372036854775808ns",
           "99999999999999999999s",     // the number itself overflows
       }) {
    EXPECT_FALSE(ParseDuration(text).has_value()) << '"' << text << '"';
  }
}

// --- Schemas ---------------------------------------------------------------------------

const Options kAll = {.create = true, .read = true, .update = true, .del = true};

std::vector<std::string> Names(const std::vector<tfsdk::Attribute>& attrs) {
  std::vector<std::string> out;
  for (const auto& a : attrs) out.push_back(a.name);
  return out;
}

TEST(TimeoutsSchemaTest, BlockIsASingleBlockOfOptionalDurations) {
  tfsdk::NestedBlock b = Block(kAll);
  EXPECT_EQ(b.type_name, "timeouts");
  EXPECT_EQ(b.nesting, NestingMode::kSingle);
  EXPECT_FALSE(b.block.description.empty());
  EXPECT_THAT(Names(b.block.attributes),
              ::testing::UnorderedElementsAre("create", "read", "update", "delete"));
  for (const auto& a : b.block.attributes) {
    SCOPED_TRACE(a.name);
    EXPECT_TRUE(a.optional);
    EXPECT_FALSE(a.required);
    EXPECT_FALSE(a.computed);
    EXPECT_EQ(a.type, Type::String());
    EXPECT_THAT(a.description, HasSubstr("\"30s\""));
    ASSERT_EQ(a.validators.size(), 1u);
    EXPECT_THAT(a.validators[0]->Description(), HasSubstr("duration"));
  }
  Schema s{.attributes = {tfsdk::Attribute::String("name").Required()}, .blocks = {b}};
  EXPECT_TRUE(s.Validate().empty()) << s.Validate().ToString();

  EXPECT_THAT(Names(Block({.create = true, .del = true}).block.attributes),
              ::testing::UnorderedElementsAre("create", "delete"));
  EXPECT_TRUE(Block({}).block.attributes.empty());
}

TEST(TimeoutsSchemaTest, AttributeIsAnOptionalSingleNestedAttribute) {
  tfsdk::Attribute a = Attribute({.read = true, .update = true});
  EXPECT_EQ(a.name, "timeouts");
  EXPECT_TRUE(a.optional);
  ASSERT_TRUE(a.IsNested());
  EXPECT_EQ(a.nested->nesting, NestingMode::kSingle);
  EXPECT_THAT(Names(a.nested->attributes), ::testing::UnorderedElementsAre("read", "update"));
  for (const auto& nested : a.nested->attributes) {
    EXPECT_TRUE(nested.optional);
    EXPECT_EQ(nested.validators.size(), 1u);
  }
  Schema s{.attributes = {tfsdk::Attribute::String("name").Required(), Attribute(kAll)}};
  EXPECT_TRUE(s.Validate().empty()) << s.Validate().ToString();
}

TEST(TimeoutsSchemaTest, TheValidatorRejectsBadDurations) {
  tfsdk::NestedBlock b = Block({.create = true});
  const auto& v = b.block.attributes[0].validators[0];
  Attributes config;
  Value parent;
  Path path = Path::Root("timeouts").Attr("create");
  for (const char* good : {"10m", "1h30m", "0"}) {
    Diagnostics d;
    Value value = Value::StringVal(good);
    v->Validate(ValidatorRequest{path, value, parent, config}, d);
    EXPECT_TRUE(d.empty()) << good;
  }
  Diagnostics d;
  Value bad = Value::StringVal("ten minutes");
  v->Validate(ValidatorRequest{path, bad, parent, config}, d);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, path);
  EXPECT_THAT(d[0].detail, HasSubstr("Attribute timeouts.create"));
  EXPECT_THAT(d[0].detail, HasSubstr("got: \"ten minutes\""));
}

// --- Getters ---------------------------------------------------------------------------

class TimeoutsGetterTest : public ::testing::Test {
 protected:
  TimeoutsGetterTest()
      : block_schema_{.attributes = {tfsdk::Attribute::String("name").Required()},
                      .blocks = {Block(kAll)}},
        attribute_schema_{.attributes = {tfsdk::Attribute::String("name").Required(),
                                         Attribute({.create = true})}} {}

  // A configuration of `schema` whose timeouts object holds `ops` (others null), or whose
  // timeouts value is `whole` when given.
  static Attributes With(const Schema& schema, std::map<std::string, Value> ops,
                         std::optional<Value> whole = std::nullopt) {
    Type tt = schema.ImpliedType().AttributeType("timeouts");
    Value timeouts = whole ? *whole : Value::ObjectVal(tt, std::move(ops));
    Value v = Value::ObjectVal(schema.ImpliedType(),
                               {{"name", Value::StringVal("n")}, {"timeouts", timeouts}});
    return Attributes(&schema, v);
  }

  Schema block_schema_;
  Schema attribute_schema_;
};

TEST_F(TimeoutsGetterTest, ReadsEachOperation) {
  Attributes a = With(block_schema_, {{"create", Value::StringVal("10m")},
                                      {"read", Value::StringVal("30s")},
                                      {"update", Value::StringVal("1h")},
                                      {"delete", Value::StringVal("1.5h")}});
  const nanoseconds fb = minutes(20);
  EXPECT_EQ(Create(a, fb), minutes(10));
  EXPECT_EQ(Read(a, fb), seconds(30));
  EXPECT_EQ(Update(a, fb), hours(1));
  EXPECT_EQ(Delete(a, fb), minutes(90));
}

TEST_F(TimeoutsGetterTest, FallsBackWhenNotSet) {
  const nanoseconds fb = minutes(20);
  Type tt = block_schema_.ImpliedType().AttributeType("timeouts");
  // The attribute is null.
  Attributes a = With(block_schema_, {{"create", Value::StringVal("10m")}});
  EXPECT_EQ(Create(a, fb), minutes(10));
  EXPECT_EQ(Read(a, fb), fb);
  // The attribute is unknown.
  a = With(block_schema_, {{"update", Value::UnknownVal(Type::String())}});
  EXPECT_EQ(Update(a, fb), fb);
  // The whole block is null or unknown.
  EXPECT_EQ(Create(With(block_schema_, {}, Value::NullVal(tt)), fb), fb);
  EXPECT_EQ(Create(With(block_schema_, {}, Value::UnknownVal(tt)), fb), fb);
  // The block does not have the attribute.
  Attributes only_create = With(attribute_schema_, {{"create", Value::StringVal("2m")}});
  EXPECT_EQ(Create(only_create, fb), minutes(2));
  EXPECT_EQ(Delete(only_create, fb), fb);
  // The schema has no timeouts at all, or there is no object.
  Schema plain{.attributes = {tfsdk::Attribute::String("name").Required()}};
  Attributes none(&plain, Value::ObjectVal(plain.ImpliedType(), {}));
  EXPECT_EQ(Create(none, fb), fb);
  EXPECT_EQ(Create(Attributes(), fb), fb);
}

TEST_F(TimeoutsGetterTest, BadStringThrowsWithThePath) {
  Attributes a = With(block_schema_, {{"delete", Value::StringVal("10 minutes")}});
  try {
    Delete(a, minutes(1));
    FAIL() << "no exception";
  } catch (const ConversionError& e) {
    EXPECT_EQ(e.path(), Path::Root("timeouts").Attr("delete"));
    EXPECT_THAT(e.what(), HasSubstr("\"10 minutes\" is not a valid duration"));
  }
  // The other operations are unaffected.
  EXPECT_EQ(Create(a, minutes(1)), minutes(1));
}

}  // namespace
}  // namespace tfsdk::timeouts
