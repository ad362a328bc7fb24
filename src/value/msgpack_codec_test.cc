// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Tests of the cty msgpack codec. Expected bytes are written by hand from the msgpack
// specification and the cty wire rules (docs/PROTOCOL.md §4), never produced by the encoder.

#include "src/value/msgpack_codec.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <new>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "src/value/value_internal.h"
#include "tfsdk/number.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

// --- Allocation tracking -----------------------------------------------------------------
// The decoder must never allocate in proportion to a length the input merely claims. The
// test binary replaces global operator new to record the largest single allocation.

namespace {
std::atomic<size_t> g_largest_allocation{0};

void* TrackedAlloc(size_t size) {
  size_t prev = g_largest_allocation.load(std::memory_order_relaxed);
  while (size > prev &&
         !g_largest_allocation.compare_exchange_weak(prev, size, std::memory_order_relaxed)) {
  }
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(size_t size) { return TrackedAlloc(size); }
void* operator new[](size_t size) { return TrackedAlloc(size); }
void* operator new(size_t size, const std::nothrow_t&) noexcept {
  try {
    return TrackedAlloc(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }

namespace tfsdk::internal {
namespace {

using ::testing::HasSubstr;

// "d4 00 00" -> the three bytes.
std::string Hex(std::string_view hex) {
  std::string out;
  int nibble = -1;
  for (char c : hex) {
    int v;
    if (c >= '0' && c <= '9') {
      v = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      v = c - 'A' + 10;
    } else {
      continue;
    }
    if (nibble < 0) {
      nibble = v;
    } else {
      out.push_back(static_cast<char>(nibble * 16 + v));
      nibble = -1;
    }
  }
  return out;
}

std::string ToHex(std::string_view bytes) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out.push_back(' ');
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

Number Num(std::string_view text) {
  auto n = Number::Parse(text);
  EXPECT_TRUE(n.ok()) << text;
  return n.ok() ? *n : Number();
}

Value Str(std::string s) { return Value::StringVal(std::move(s)); }

Refinements NotNull() {
  Refinements r;
  r.not_null = true;
  return r;
}

// --- Golden encodings: encode must produce exactly these bytes, decode must read them back

struct Golden {
  std::string name;
  Value value;
  Type type;
  std::string hex;
  // What the bytes decode to, when that differs from `value` (refinements that say
  // nothing are not written, so they do not come back).
  std::optional<Value> decodes_as;
};

std::vector<Golden> GoldenCases() {
  std::vector<Golden> c;
  auto add = [&](std::string name, Value v, Type t, std::string hex,
                 std::optional<Value> decodes_as = std::nullopt) {
    c.push_back(
        {std::move(name), std::move(v), std::move(t), std::move(hex), std::move(decodes_as)});
  };
  const Type S = Type::String();
  const Type N = Type::Number();

  // Null and unknown.
  add("null_string", Value::NullVal(S), S, "c0");
  add("null_object", Value::NullVal(Type::Object({{"a", S}})), Type::Object({{"a", S}}), "c0");
  add("unknown_string", Value::UnknownVal(S), S, "d4 00 00");
  add("unknown_list", Value::UnknownVal(Type::List(S)), Type::List(S), "d4 00 00");
  add("unknown_dynamic", Value::UnknownVal(Type::Dynamic()), Type::Dynamic(), "d4 00 00");
  add("null_dynamic", Value::NullVal(Type::Dynamic()), Type::Dynamic(), "c0");

  // Refinements: ext 12 (0x0c) with a map payload; fixext when the payload is 1/2/4/8/16
  // bytes long, ext8 otherwise.
  add("refined_not_null_string", Value::UnknownVal(S, NotNull()), S, "c7 03 0c  81 01 c2");
  {
    Refinements r;
    r.string_prefix = "x";
    add("refined_prefix", Value::UnknownVal(S, r), S, "d6 0c  81 02 a1 78");
    r.not_null = true;
    r.string_prefix = "ab";
    add("refined_not_null_prefix", Value::UnknownVal(S, r), S, "c7 07 0c  82 01 c2 02 a2 61 62");
    r.not_null = false;
    r.string_prefix = "";
    add("refined_empty_prefix_is_plain", Value::UnknownVal(S, r), S, "d4 00 00",
        Value::UnknownVal(S));
  }
  {
    Refinements r;
    r.number_lower = Number::FromInt64(0);
    r.number_lower_inclusive = true;
    r.number_upper = Number::FromInt64(10);
    r.number_upper_inclusive = false;
    add("refined_number_bounds", Value::UnknownVal(N, r), N,
        "c7 09 0c  82 03 92 00 c3 04 92 0a c2");
    Refinements lower;
    lower.number_lower = Number::FromDouble(1.5);
    add("refined_number_lower_float", Value::UnknownVal(N, lower), N,
        "c7 0d 0c  81 03 92 cb 3f f8 00 00 00 00 00 00 c3");
    Refinements upper;
    upper.not_null = true;
    upper.number_upper = Num("0.1");
    upper.number_upper_inclusive = true;
    add("refined_number_upper_decimal", Value::UnknownVal(N, upper), N,
        "c7 0a 0c  82 01 c2 04 92 a3 30 2e 31 c3");
  }
  {
    Refinements r;
    r.length_lower = 0;  // says nothing: omitted
    r.length_upper = 5;
    Refinements upper_only;
    upper_only.length_upper = 5;
    add("refined_list_upper", Value::UnknownVal(Type::List(S), r), Type::List(S),
        "c7 03 0c  81 06 05", Value::UnknownVal(Type::List(S), upper_only));
    r.length_lower = 2;
    r.not_null = true;
    add("refined_list_both", Value::UnknownVal(Type::List(S), r), Type::List(S),
        "c7 07 0c  83 01 c2 05 02 06 05");
    Refinements m;
    m.length_lower = 1;
    add("refined_map_lower", Value::UnknownVal(Type::Map(N), m), Type::Map(N),
        "c7 03 0c  81 05 01");
    Refinements s;
    s.length_upper = 300;
    add("refined_set_upper_uint16", Value::UnknownVal(Type::Set(N), s), Type::Set(N),
        "c7 05 0c  81 06 cd 01 2c");
    Refinements zero;
    zero.length_lower = 0;
    add("refined_lower_zero_only_is_plain", Value::UnknownVal(Type::List(S), zero), Type::List(S),
        "d4 00 00", Value::UnknownVal(Type::List(S)));
  }
  add("refined_not_null_object", Value::UnknownVal(Type::Object({{"a", S}}), NotNull()),
      Type::Object({{"a", S}}), "c7 03 0c  81 01 c2");

  // Integers: the smallest encoding; non-negative values use the unsigned forms.
  add("int_0", Value::IntVal(0), N, "00");
  add("int_1", Value::IntVal(1), N, "01");
  add("int_127", Value::IntVal(127), N, "7f");
  add("int_128", Value::IntVal(128), N, "cc 80");
  add("int_255", Value::IntVal(255), N, "cc ff");
  add("int_256", Value::IntVal(256), N, "cd 01 00");
  add("int_65535", Value::IntVal(65535), N, "cd ff ff");
  add("int_65536", Value::IntVal(65536), N, "ce 00 01 00 00");
  add("int_4294967295", Value::IntVal(4294967295LL), N, "ce ff ff ff ff");
  add("int_4294967296", Value::IntVal(4294967296LL), N, "cf 00 00 00 01 00 00 00 00");
  add("int_max", Value::IntVal(std::numeric_limits<int64_t>::max()), N,
      "cf 7f ff ff ff ff ff ff ff");
  add("int_-1", Value::IntVal(-1), N, "ff");
  add("int_-32", Value::IntVal(-32), N, "e0");
  add("int_-33", Value::IntVal(-33), N, "d0 df");
  add("int_-128", Value::IntVal(-128), N, "d0 80");
  add("int_-129", Value::IntVal(-129), N, "d1 ff 7f");
  add("int_-32768", Value::IntVal(-32768), N, "d1 80 00");
  add("int_-32769", Value::IntVal(-32769), N, "d2 ff ff 7f ff");
  add("int_-2147483648", Value::IntVal(-2147483648LL), N, "d2 80 00 00 00");
  add("int_-2147483649", Value::IntVal(-2147483649LL), N, "d3 ff ff ff ff 7f ff ff ff");
  add("int_min", Value::IntVal(std::numeric_limits<int64_t>::min()), N,
      "d3 80 00 00 00 00 00 00 00");

  // Floats: an exact double is always a float64 (0xcb).
  add("two_pow_63", Value::NumberVal(Num("9223372036854775808")), N, "cb 43 e0 00 00 00 00 00 00");
  add("two_pow_64", Value::NumberVal(Num("18446744073709551616")), N, "cb 43 f0 00 00 00 00 00 00");
  add("negative_zero", Value::FloatVal(-0.0), N, "00");
  add("whole_double", Value::FloatVal(3.0), N, "03");
  add("one_point_five", Value::FloatVal(1.5), N, "cb 3f f8 00 00 00 00 00 00");
  add("minus_two_point_two_five", Value::FloatVal(-2.25), N, "cb c0 02 00 00 00 00 00 00");
  add("plus_infinity", Value::FloatVal(std::numeric_limits<double>::infinity()), N,
      "cb 7f f0 00 00 00 00 00 00");
  add("minus_infinity", Value::FloatVal(-std::numeric_limits<double>::infinity()), N,
      "cb ff f0 00 00 00 00 00 00");
  // Decimals that are not exact doubles: the decimal text as a string.
  add("decimal_0.1", Value::NumberVal(Num("0.1")), N, "a3 30 2e 31");
  add("decimal_1e400", Value::NumberVal(Num("1e400")), N, "a6 31 65 2b 34 30 30");
  add("two_pow_64_plus_1", Value::NumberVal(Num("18446744073709551617")), N,
      "b4 31 38 34 34 36 37 34 34 30 37 33 37 30 39 35 35 31 36 31 37");

  // Bools and strings.
  add("true", Value::BoolVal(true), Type::Bool(), "c3");
  add("false", Value::BoolVal(false), Type::Bool(), "c2");
  add("empty_string", Str(""), S, "a0");
  add("string_hi", Str("hi"), S, "a2 68 69");
  add("string_utf8", Str("\xc3\xa9"), S, "a2 c3 a9");

  // Collections.
  add("list", Value::ListVal(S, {Str("a"), Str("b")}), Type::List(S), "92 a1 61 a1 62");
  add("empty_list", Value::ListVal(S, {}), Type::List(S), "90");
  add("list_with_null_and_unknown", Value::ListVal(S, {Value::NullVal(S), Value::UnknownVal(S)}),
      Type::List(S), "92 c0 d4 00 00");
  add("set_deduplicated", Value::SetVal(S, {Str("a"), Str("b"), Str("a")}), Type::Set(S),
      "92 a1 61 a1 62");
  add("map_sorted_by_key", Value::MapVal(S, {{"b", Str("2")}, {"a", Str("1")}, {"B", Str("3")}}),
      Type::Map(S), "83 a1 42 a1 33 a1 61 a1 31 a1 62 a1 32");
  add("empty_map", Value::MapVal(S, {}), Type::Map(S), "80");
  {
    Type obj = Type::Object({{"name", S}, {"id", N}, {"tags", Type::List(S)}});
    add("object_sorted_null_attr",
        Value::ObjectVal(obj, {{"name", Str("x")}, {"id", Value::IntVal(1)}}), obj,
        "83 a2 69 64 01 a4 6e 61 6d 65 a1 78 a4 74 61 67 73 c0");
  }
  add("empty_object", Value::ObjectVal(Type::Object({}), {}), Type::Object({}), "80");
  add("tuple", Value::TupleVal({Str("a"), Value::IntVal(1)}), Type::Tuple({S, N}), "92 a1 61 01");

  // Dynamic slots: [type JSON as bin, value].
  const Type D = Type::Dynamic();
  add("dynamic_string", Str("hi"), D, "92 c4 08 22 73 74 72 69 6e 67 22 a2 68 69");
  add("dynamic_null_string", Value::NullVal(S), D, "92 c4 08 22 73 74 72 69 6e 67 22 c0");
  add("dynamic_unknown_string", Value::UnknownVal(S), D,
      "92 c4 08 22 73 74 72 69 6e 67 22 d4 00 00");
  add("dynamic_refined_unknown_string", Value::UnknownVal(S, NotNull()), D,
      "92 c4 08 22 73 74 72 69 6e 67 22 c7 03 0c 81 01 c2");
  // ["list","string"]
  add("dynamic_list", Value::ListVal(S, {Str("a")}), D,
      "92 c4 11 5b 22 6c 69 73 74 22 2c 22 73 74 72 69 6e 67 22 5d 91 a1 61");
  {
    // object({a: dynamic}) holding a string: the inner slot is wrapped again.
    Type obj = Type::Object({{"a", D}});
    Value v = Value::ObjectVal(obj, {{"a", Str("x")}});
    add("object_with_dynamic_attr", v, obj, "81 a1 61 92 c4 08 22 73 74 72 69 6e 67 22 a1 78");
    // ["object",{"a":"dynamic"}]
    add("nested_dynamic", v, D,
        "92 c4 1a 5b 22 6f 62 6a 65 63 74 22 2c 7b 22 61 22 3a 22 64 79 6e 61 6d 69 63 22 7d "
        "5d  81 a1 61 92 c4 08 22 73 74 72 69 6e 67 22 a1 78");
    add("object_with_null_dynamic_attr", Value::ObjectVal(obj, {}), obj, "81 a1 61 c0");
  }
  add("list_of_dynamic_mixed", Value::ListVal(D, {Str("a"), Value::IntVal(1)}), Type::List(D),
      "92  92 c4 08 22 73 74 72 69 6e 67 22 a1 61  92 c4 08 22 6e 75 6d 62 65 72 22 01");
  return c;
}

class GoldenTest : public ::testing::TestWithParam<Golden> {};

TEST_P(GoldenTest, EncodesToHandWrittenBytes) {
  const Golden& g = GetParam();
  auto bytes = EncodeMsgpack(g.value, g.type);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(ToHex(*bytes), ToHex(Hex(g.hex)));
}

TEST_P(GoldenTest, DecodesHandWrittenBytes) {
  const Golden& g = GetParam();
  auto v = DecodeMsgpack(Hex(g.hex), g.type);
  ASSERT_TRUE(v.ok()) << v.status();
  const Value& want = g.decodes_as ? *g.decodes_as : g.value;
  EXPECT_TRUE(v->RawEquals(want)) << "got " << v->ToString() << ", want " << want.ToString();
}

INSTANTIATE_TEST_SUITE_P(Msgpack, GoldenTest, ::testing::ValuesIn(GoldenCases()),
                         [](const auto& info) {
                           std::string n = info.param.name;
                           for (char& ch : n) {
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           }
                           return n;
                         });

// String headers by length: fixstr below 32, then str8, str16, str32.
TEST(MsgpackCodec, StringLengthHeaders) {
  struct Case {
    size_t length;
    std::string header;
  };
  const Case cases[] = {
      {31, "bf"},        {32, "d9 20"},       {255, "d9 ff"},
      {256, "da 01 00"}, {65535, "da ff ff"}, {65536, "db 00 01 00 00"},
  };
  for (const Case& c : cases) {
    std::string s(c.length, 'x');
    auto bytes = EncodeMsgpack(Str(s), Type::String());
    ASSERT_TRUE(bytes.ok());
    std::string want = Hex(c.header) + s;
    EXPECT_EQ(*bytes, want) << c.length;
    auto back = DecodeMsgpack(want, Type::String());
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->AsString(), s);
  }
}

// --- Decoding: inputs that go-cty accepts beyond what the encoder writes -----------------

struct DecodeCase {
  std::string name;
  std::string hex;
  Type type;
  Value want;
};

TEST(MsgpackCodec, DecodesEveryNumberEncoding) {
  const Type N = Type::Number();
  const DecodeCase cases[] = {
      {"positive_fixint", "05", N, Value::IntVal(5)},
      {"uint8", "cc 05", N, Value::IntVal(5)},
      {"uint16", "cd 00 05", N, Value::IntVal(5)},
      {"uint32", "ce 00 00 00 05", N, Value::IntVal(5)},
      {"uint64", "cf 00 00 00 00 00 00 00 05", N, Value::IntVal(5)},
      {"int8_positive", "d0 05", N, Value::IntVal(5)},
      {"int16", "d1 ff fb", N, Value::IntVal(-5)},
      {"int32", "d2 ff ff ff fb", N, Value::IntVal(-5)},
      {"int64", "d3 ff ff ff ff ff ff ff fb", N, Value::IntVal(-5)},
      {"uint64_max", "cf ff ff ff ff ff ff ff ff", N,
       Value::NumberVal(Num("18446744073709551615"))},
      {"float32", "ca 3f c0 00 00", N, Value::FloatVal(1.5)},
      {"float64_whole", "cb 40 14 00 00 00 00 00 00", N, Value::IntVal(5)},
      {"string", "a3 31 2e 35", N, Value::FloatVal(1.5)},
      {"string_exponent", "a6 31 65 2b 34 30 30", N, Value::NumberVal(Num("1e400"))},
      {"string_as_bin", "c4 03 31 2e 35", N, Value::FloatVal(1.5)},
      {"string_infinity", "a9 2d 49 6e 66 69 6e 69 74 79", N,
       Value::FloatVal(-std::numeric_limits<double>::infinity())},
  };
  for (const auto& c : cases) {
    auto v = DecodeMsgpack(Hex(c.hex), c.type);
    ASSERT_TRUE(v.ok()) << c.name << ": " << v.status();
    EXPECT_TRUE(v->RawEquals(c.want)) << c.name << ": " << v->ToString();
  }
}

TEST(MsgpackCodec, DecodesOtherAcceptedForms) {
  const Type S = Type::String();
  Refinements prefix;
  prefix.string_prefix = "ab";
  const DecodeCase cases[] = {
      {"string_as_bin", "c4 02 68 69", S, Str("hi")},
      {"string_as_str8", "d9 02 68 69", S, Str("hi")},
      {"any_fixext1_is_unknown", "d4 05 07", S, Value::UnknownVal(S)},
      {"ext8_empty_is_unknown", "c7 00 05", S, Value::UnknownVal(S)},
      {"ext12_one_byte_is_unknown", "c7 01 0c 00", S, Value::UnknownVal(S)},
      {"unknown_refinement_key_ignored", "c7 06 0c 82 07 a1 78 01 c2", S,
       Value::UnknownVal(S, NotNull())},
      {"refinement_key_as_uint8", "c7 04 0c 81 cc 01 c2", S, Value::UnknownVal(S, NotNull())},
      {"refinement_nullness_true_is_null", "c7 03 0c 81 01 c3", S, Value::NullVal(S)},
      {"refinement_trailing_bytes_ignored", "c7 07 0c 81 02 a2 61 62 00 00", S,
       Value::UnknownVal(S, prefix)},
      {"refinement_on_dynamic_ignored", "c7 03 0c 81 01 c2", Type::Dynamic(),
       Value::UnknownVal(Type::Dynamic())},
      {"dynamic_type_as_str", "92 a8 22 73 74 72 69 6e 67 22 a2 68 69", Type::Dynamic(), Str("hi")},
      {"dynamic_unknown_any_ext", "d4 03 00", Type::Dynamic(), Value::UnknownVal(Type::Dynamic())},
      // ["dynamic"] as the type of the inner value: a null of dynamic type.
      {"dynamic_of_dynamic_null", "92 c4 09 22 64 79 6e 61 6d 69 63 22 c0", Type::Dynamic(),
       Value::NullVal(Type::Dynamic())},
      {"map_unsorted", "82 a1 62 a1 32 a1 61 a1 31", Type::Map(S),
       Value::MapVal(S, {{"a", Str("1")}, {"b", Str("2")}})},
      {"map_duplicate_key_last_wins", "83 a1 61 a1 31 a1 62 a1 32 a1 61 a1 33", Type::Map(S),
       Value::MapVal(S, {{"a", Str("3")}, {"b", Str("2")}})},
      {"object_attributes_any_order", "82 a1 62 01 a1 61 02",
       Type::Object({{"a", Type::Number()}, {"b", Type::Number()}}),
       Value::ObjectVal({{"a", Value::IntVal(2)}, {"b", Value::IntVal(1)}})},
      {"set_duplicates_merged", "93 a1 61 a1 62 a1 61", Type::Set(S),
       Value::SetVal(S, {Str("a"), Str("b")})},
  };
  for (const auto& c : cases) {
    auto v = DecodeMsgpack(Hex(c.hex), c.type);
    ASSERT_TRUE(v.ok()) << c.name << ": " << v.status();
    EXPECT_TRUE(v->RawEquals(c.want))
        << c.name << ": got " << v->ToString() << ", want " << c.want.ToString();
  }
}

TEST(MsgpackCodec, DecodedRefinementsAreExact) {
  auto v = DecodeMsgpack(Hex("c7 12 0c 82 03 92 d0 fb c2 04 92 cb 3f f8 00 00 00 00 00 00 c3"),
                         Type::Number());
  ASSERT_TRUE(v.ok()) << v.status();
  ASSERT_TRUE(v->IsUnknown());
  const Refinements& r = v->refinements();
  ASSERT_TRUE(r.number_lower.has_value());
  EXPECT_EQ(*r.number_lower, Number::FromInt64(-5));
  EXPECT_FALSE(r.number_lower_inclusive);
  ASSERT_TRUE(r.number_upper.has_value());
  EXPECT_EQ(*r.number_upper, Number::FromDouble(1.5));
  EXPECT_TRUE(r.number_upper_inclusive);
  EXPECT_FALSE(r.not_null);

  auto list = DecodeMsgpack(Hex("c7 05 0c 82 05 03 06 07"), Type::List(Type::Bool()));
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->refinements().length_lower, 3);
  EXPECT_EQ(list->refinements().length_upper, 7);
}

// --- Round trips ---------------------------------------------------------------------------

TEST(MsgpackCodec, RoundTrips) {
  const Type S = Type::String();
  const Type N = Type::Number();
  const Type D = Type::Dynamic();
  Type rule = Type::Object({{"port", N}, {"cidr", Type::List(S)}, {"on", Type::Bool()}});
  Type resource = Type::Object({{"id", S},
                                {"rules", Type::List(rule)},
                                {"tags", Type::Map(S)},
                                {"ids", Type::Set(N)},
                                {"pair", Type::Tuple({S, N})},
                                {"extra", D},
                                {"nested", Type::Map(Type::Set(Type::List(N)))}});
  Refinements r;
  r.not_null = true;
  r.length_upper = 3;
  struct Case {
    Value value;
    Type type;
  };
  std::vector<Case> cases = {
      {Value::NullVal(resource), resource},
      {Value::UnknownVal(resource), resource},
      {Value::UnknownVal(resource, NotNull()), resource},
      {Value::ObjectVal(
           resource,
           {{"id", Str("i-123")},
            {"rules",
             Value::ListVal(
                 rule, {Value::ObjectVal(rule, {{"port", Value::IntVal(443)},
                                                {"cidr", Value::ListVal(S, {Str("10.0.0.0/8")})},
                                                {"on", Value::BoolVal(true)}}),
                        Value::ObjectVal(rule, {{"port", Value::UnknownVal(N)}})})},
            {"tags", Value::MapVal(S, {{"Name", Str("web")}, {"env", Value::NullVal(S)}})},
            {"ids", Value::SetVal(N, {Value::IntVal(3), Value::FloatVal(0.25),
                                      Value::NumberVal(Num("1e-400"))})},
            {"pair", Value::TupleVal({Str("a"), Value::NumberVal(Num("-123.456"))})},
            {"extra", Value::ObjectVal({{"k", Value::ListVal(S, {Str("v")})},
                                        {"u", Value::UnknownVal(Type::Set(N), r)}})},
            {"nested", Value::UnknownVal(Type::Map(Type::Set(Type::List(N))), r)}}),
       resource},
      {Value::ListVal(D, {Value::NullVal(D), Value::UnknownVal(D), Value::IntVal(7),
                          Value::TupleVal({Value::BoolVal(false), Value::NullVal(S)})}),
       Type::List(D)},
      {Value::TupleVal({}), Type::Tuple({})},
      {Str(std::string(70000, 'z')), S},
  };
  for (const auto& c : cases) {
    auto bytes = EncodeMsgpack(c.value, c.type);
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    auto back = DecodeMsgpack(*bytes, c.type);
    ASSERT_TRUE(back.ok()) << back.status() << " for " << c.value.ToString();
    EXPECT_TRUE(back->RawEquals(c.value))
        << "got " << back->ToString() << ", want " << c.value.ToString();
  }
}

// An object type with optional-attribute markers decodes as the plain type: values never
// carry the markers.
TEST(MsgpackCodec, OptionalMarkersAreDropped) {
  Type constraint = Type::Object({{"a", Type::String()}, {"b", Type::String()}}, {"b"});
  auto v = DecodeMsgpack(Hex("82 a1 61 a1 78 a1 62 c0"), constraint);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->type(), Type::Object({{"a", Type::String()}, {"b", Type::String()}}));
}

// --- Malformed input -----------------------------------------------------------------------

struct BadCase {
  std::string name;
  std::string bytes;
  Type type;
  std::string error;  // expected substring of the message
};

std::vector<BadCase> BadCases() {
  const Type S = Type::String();
  const Type N = Type::Number();
  const Type B = Type::Bool();
  const Type D = Type::Dynamic();
  Type ab = Type::Object({{"a", N}, {"b", N}});
  Type rules = Type::Object({{"rule", Type::List(Type::Object({{"port", N}, {"name", S}}))}});
  std::vector<BadCase> c = {
      {"empty_input", "", S, "unexpected end"},
      {"reserved_byte_c1", Hex("c1"), S, "malformed msgpack"},
      {"trailing_garbage", Hex("c3 00"), B, "1 unexpected bytes after the value"},
      {"trailing_after_object", Hex("80 80"), Type::Object({}), "unexpected bytes"},
      {"string_for_number", Hex("a1 78"), N, "a number is required"},
      {"number_for_string", Hex("01"), S, "a string is required"},
      {"bool_for_string", Hex("c3"), S, "a string is required"},
      {"string_for_bool", Hex("a4 74 72 75 65"), B, "a bool is required"},
      {"int_for_bool", Hex("01"), B, "a bool is required"},
      {"map_for_list", Hex("80"), Type::List(S), "a list is required"},
      {"array_for_map", Hex("90"), Type::Map(S), "a map is required"},
      {"array_for_object", Hex("90"), ab, "an object is required"},
      {"map_for_set", Hex("80"), Type::Set(S), "a set is required"},
      {"string_for_tuple", Hex("a0"), Type::Tuple({S}), "a tuple is required"},
      {"float_nan", Hex("cb 7f f8 00 00 00 00 00 00"), N, "NaN"},
      {"invalid_utf8", Hex("a2 c3 28"), S, "invalid UTF-8"},
      {"surrogate_utf8", Hex("a3 ed a0 80"), S, "invalid UTF-8"},
      {"overlong_utf8", Hex("a2 c0 80"), S, "invalid UTF-8"},
      {"invalid_utf8_map_key", Hex("81 a1 ff 01"), Type::Map(N), "not valid UTF-8"},
      {"invalid_utf8_attribute_name", Hex("81 a1 ff 01"), Type::Object({{"a", N}}),
       "unsupported attribute \"\\xff\""},
      {"int_map_key", Hex("81 01 01"), Type::Map(N), "map keys must be strings"},
      {"nil_map_key", Hex("81 c0 01"), Type::Map(N), "map keys must be strings"},
      {"int_object_key", Hex("82 01 01 a1 62 01"), ab, "all keys must be strings"},
      {"array_map_key", Hex("81 90 01"), Type::Map(N), "map keys must be strings"},
      {"object_missing_attribute", Hex("81 a1 61 01"), ab,
       "an object with 2 attributes is required (1 given)"},
      {"object_empty_for_attributes", Hex("80"), ab,
       "an object with 2 attributes is required (0 given)"},
      {"object_extra_attribute", Hex("83 a1 61 01 a1 62 02 a1 63 03"), ab,
       "an object with 2 attributes is required (3 given)"},
      {"object_unsupported_attribute", Hex("82 a1 61 01 a1 63 02"), ab,
       "unsupported attribute \"c\""},
      {"object_duplicate_attribute", Hex("82 a1 61 01 a1 61 02"), ab, "duplicate attribute \"a\""},
      {"object_duplicate_out_of_order", Hex("82 a1 62 01 a1 62 02"), ab,
       "duplicate attribute \"b\""},
      {"tuple_too_long", Hex("93 a0 a0 a0"), Type::Tuple({S, S}),
       "a tuple of length 2 is required"},
      {"tuple_empty", Hex("90"), Type::Tuple({S}), "a tuple of length 1 is required"},
      {"unsupported_ext", Hex("d5 05 00 00"), S, "unsupported extension type 0x05 with len 2"},
      {"refinement_not_a_map", Hex("d5 0c c2 c2"), S, "not a map"},
      {"refinement_truncated_payload", Hex("d5 0c 82 01"), S, "extension body"},
      {"refinement_prefix_for_number", Hex("d6 0c 81 02 a1 78"), N,
       "string prefix refinement for non-string type"},
      {"refinement_prefix_not_string", Hex("c7 03 0c 81 02 01"), S,
       "string prefix refinement is not string"},
      {"refinement_length_for_string", Hex("c7 03 0c 81 05 01"), S,
       "length bound refinement for non-collection type"},
      {"refinement_bound_for_string", Hex("c7 05 0c 81 03 92 00 c3"), S,
       "numeric bound refinement for non-number type"},
      {"refinement_bound_not_pair", Hex("c7 03 0c 81 03 00"), N, "[number, bool]"},
      {"refinement_bound_null", Hex("c7 05 0c 81 03 92 c0 c3"), N, "[number, bool]"},
      {"refinement_nullness_not_bool", Hex("c7 03 0c 81 01 00"), S, "not boolean"},
      {"refinement_non_int_key", Hex("c7 04 0c 81 a1 61 c2"), S, "non-integer key"},
      {"refinement_negative_length", Hex("c7 03 0c 81 05 ff"), Type::List(S), "negative"},
      {"refinement_lower_above_upper", Hex("c7 05 0c 82 05 05 06 02"), Type::List(S),
       "greater than upper"},
      {"dynamic_not_array", Hex("a1 78"), D, "a dynamic value is required"},
      {"dynamic_array_of_three", Hex("93 a0 a0 a0"), D, "exactly two elements"},
      {"dynamic_type_not_string", Hex("92 01 01"), D, "dynamic value type must be"},
      {"dynamic_type_nil", Hex("92 c0 01"), D, "dynamic value type must be"},
      {"dynamic_type_invalid_json", Hex("92 a3 22 78 22 01"), D, "invalid dynamic value type"},
      {"dynamic_value_wrong_kind", Hex("92 a8 22 73 74 72 69 6e 67 22 01"), D,
       "a string is required"},
      {"array_claims_4g_elements", Hex("dd ff ff ff ff 01 02 03"), Type::List(N), "unexpected end"},
      {"set_claims_4g_elements", Hex("dd ff ff ff ff 01 02 03"), Type::Set(N), "unexpected end"},
      {"map_claims_4g_pairs", Hex("df ff ff ff ff a1 61 01"), Type::Map(N), "unexpected end"},
      {"string_claims_4g_bytes", Hex("db ff ff ff ff 61 62 63"), S, "unexpected end"},
      {"ext_claims_4g_bytes", Hex("c9 ff ff ff ff 0c 81"), S, "unexpected end"},
      {"refinement_oversize", Hex("c8 04 01 0c") + std::string(1025, '\xc0'), S,
       "oversize unknown value refinement"},
      // Errors name the path in Terraform's style.
      {"path_in_list_of_objects",
       Hex("81 a4 72 75 6c 65 93"
           "   82 a4 6e 61 6d 65 a1 61 a4 70 6f 72 74 01"
           "   82 a4 6e 61 6d 65 a1 62 a4 70 6f 72 74 02"
           "   82 a4 6e 61 6d 65 a1 63 a4 70 6f 72 74 c3"),
       rules, "rule[2].port: a number is required"},
      {"path_map_key", Hex("81 a1 6b c3"), Type::Map(S), "[\"k\"]: a string is required"},
      {"path_through_dynamic", Hex("81 a1 61 92 c4 08 22 6e 75 6d 62 65 72 22 c3"),
       Type::Object({{"a", D}}), "a: a number is required"},
      {"path_stops_at_set", Hex("81 a1 73 91 c3"), Type::Object({{"s", Type::Set(S)}}),
       "s: a string is required"},
      {"path_stops_at_set_deep_inside", Hex("81 a1 73 91 81 a1 61 92 a1 78 c3"),
       Type::Object({{"s", Type::Set(Type::Object({{"a", Type::List(S)}}))}}),
       "s: a string is required"},
      {"path_key_error_names_the_map", Hex("81 a1 6d 81 01 a0"),
       Type::Object({{"m", Type::Map(S)}}), "m: map keys must be strings"},
      {"path_attribute_error_names_the_object", Hex("81 a1 6f 81 a1 7a c3"),
       Type::Object({{"o", Type::Object({{"a", B}})}}), "o: unsupported attribute \"z\""},
      // A token cut short by the end of the input is reported as such, even where its
      // kind is also wrong.
      {"truncated_uint16_for_string", Hex("cd 00"), S, "unexpected end"},
      {"truncated_str8_for_number", Hex("d9 05 31"), N, "unexpected end"},
      {"truncated_map_key", Hex("81 d9 03 61"), Type::Map(S), "unexpected end"},
      {"truncated_array16_header", Hex("dc 00"), Type::List(S), "unexpected end"},
      {"reserved_byte_inside", Hex("91 c1"), Type::List(S), "invalid type byte"},
  };
  return c;
}

TEST(MsgpackCodec, RejectsMalformedInput) {
  for (const BadCase& c : BadCases()) {
    auto v = DecodeMsgpack(c.bytes, c.type);
    ASSERT_FALSE(v.ok()) << c.name << " decoded as " << v->ToString();
    EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_THAT(std::string(v.status().message()), HasSubstr(c.error)) << c.name;
  }
}

TEST(MsgpackCodec, ExactErrorMessageWithPath) {
  Type t = Type::Object({{"rule", Type::List(Type::Object({{"port", Type::Number()}}))}});
  auto v = DecodeMsgpack(Hex("81 a4 72 75 6c 65 93 81 a4 70 6f 72 74 01 81 a4 70 6f 72 74 02"
                             "81 a4 70 6f 72 74 a1 78"),
                         t);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(), "rule[2].port: a number is required");
}

TEST(MsgpackCodec, HugeDeclaredLengthsDoNotAllocate) {
  const std::string inputs[] = {
      Hex("dd ff ff ff ff 01 02 03"),
      Hex("df ff ff ff ff a1 61 01"),
      Hex("91 dd ff ff ff ff 01 02 03"),
      // Nested arrays each claiming 2^32-1 elements.
      Hex("dd ff ff ff ff dd ff ff ff ff dd ff ff ff ff dd ff ff ff ff 01"),
  };
  const Type types[] = {Type::List(Type::Number()), Type::Map(Type::Number()),
                        Type::List(Type::List(Type::Number())),
                        Type::List(Type::List(Type::List(Type::List(Type::Number()))))};
  for (size_t i = 0; i < std::size(inputs); ++i) {
    g_largest_allocation = 0;
    auto v = DecodeMsgpack(inputs[i], types[i]);
    EXPECT_FALSE(v.ok()) << i;
    EXPECT_LT(g_largest_allocation.load(), size_t{64 * 1024}) << i;
  }
}

// Every proper prefix of a valid encoding is an error (msgpack is prefix-free), never a
// crash or a partial value.
TEST(MsgpackCodec, TruncatedAtEveryByteIsAnError) {
  const Type S = Type::String();
  Refinements r;
  r.number_lower = Num("0.5");
  r.number_upper = Number::FromInt64(1000);
  Type t = Type::Object({{"a", Type::List(Type::Map(S))},
                         {"d", Type::Dynamic()},
                         {"n", Type::Number()},
                         {"u", Type::Number()},
                         {"s", Type::Set(Type::Tuple({S, Type::Bool()}))}});
  Value v = Value::ObjectVal(
      t,
      {{"a", Value::ListVal(Type::Map(S), {Value::MapVal(S, {{"k", Str(std::string(40, 'v'))}})})},
       {"d", Value::ObjectVal({{"x", Value::NumberVal(Num("0.1"))}})},
       {"n", Value::IntVal(-70000)},
       {"u", Value::UnknownVal(Type::Number(), r)},
       {"s", Value::SetVal(Type::Tuple({S, Type::Bool()}),
                           {Value::TupleVal({Str("p"), Value::BoolVal(true)})})}});
  auto bytes = EncodeMsgpack(v, t);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto full = DecodeMsgpack(*bytes, t);
  ASSERT_TRUE(full.ok()) << full.status();
  ASSERT_TRUE(full->RawEquals(v));
  for (size_t n = 0; n < bytes->size(); ++n) {
    auto prefix = DecodeMsgpack(std::string_view(*bytes).substr(0, n), t);
    EXPECT_FALSE(prefix.ok()) << "prefix of " << n << " bytes decoded";
  }
}

// Random corruptions must never crash (sanitizer builds make this meaningful).
TEST(MsgpackCodec, CorruptedInputNeverCrashes) {
  Type t = Type::Object({{"a", Type::List(Type::String())},
                         {"d", Type::Dynamic()},
                         {"m", Type::Map(Type::Number())}});
  Value v =
      Value::ObjectVal(t, {{"a", Value::ListVal(Type::String(), {Str("x"), Str("yy")})},
                           {"d", Value::ListVal(Type::Number(), {Value::IntVal(1)})},
                           {"m", Value::MapVal(Type::Number(), {{"k", Value::FloatVal(0.5)}})}});
  auto bytes = EncodeMsgpack(v, t);
  ASSERT_TRUE(bytes.ok());
  std::mt19937 rng(12345);
  int decoded = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string b = *bytes;
    int flips = 1 + static_cast<int>(rng() % 3);
    for (int f = 0; f < flips; ++f) {
      b[rng() % b.size()] = static_cast<char>(rng() & 0xff);
    }
    auto out = DecodeMsgpack(b, t);
    if (out.ok()) ++decoded;
  }
  // Some corruptions are still valid (a changed string byte); most are not.
  EXPECT_LT(decoded, 5000);
}

TEST(MsgpackCodec, NestingIsLimited) {
  // 10,000 nested arrays: rejected at the depth limit, not by exhausting the stack.
  Type deep = Type::String();
  for (int i = 0; i < 300; ++i) deep = Type::List(deep);
  std::string input(10000, '\x91');
  input.push_back('\xc0');
  auto v = DecodeMsgpack(input, deep);
  ASSERT_FALSE(v.ok());
  EXPECT_THAT(std::string(v.status().message()), HasSubstr("nesting exceeds 256 levels"));

  // Against a dynamic type the same input fails at once.
  v = DecodeMsgpack(input, Type::Dynamic());
  EXPECT_FALSE(v.ok());

  // Exactly 256 levels are fine, 257 are not; the encoder applies the same limit.
  auto nested = [](int levels) {
    Type t = Type::String();
    Value val = Str("leaf");
    for (int i = 0; i < levels; ++i) {
      // Unchecked: the checked factory re-validates every level (quadratic in depth).
      t = Type::List(t);
      val = ValueAccess::KnownSequence(t, {val});
    }
    return std::make_pair(val, t);
  };
  auto [ok_value, ok_type] = nested(256);
  auto bytes = EncodeMsgpack(ok_value, ok_type);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  auto back = DecodeMsgpack(*bytes, ok_type);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_TRUE(back->RawEquals(ok_value));

  auto [deep_value, deep_type] = nested(257);
  EXPECT_FALSE(EncodeMsgpack(deep_value, deep_type).ok());
  std::string deep_bytes(257, '\x91');
  deep_bytes += Hex("a4 6c 65 61 66");
  EXPECT_FALSE(DecodeMsgpack(deep_bytes, deep_type).ok());
}

TEST(MsgpackCodec, LargeSetDecodesAndDeduplicatesFast) {
  // 10,000 elements, each distinct string twice.
  std::string input = Hex("dc 27 10");
  for (int i = 0; i < 10000; ++i) {
    std::string s = "element-" + std::to_string(i % 5000);
    input.push_back(static_cast<char>(0xa0 | s.size()));
    input += s;
  }
  auto start = std::chrono::steady_clock::now();
  auto v = DecodeMsgpack(input, Type::Set(Type::String()));
  auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(v->Length(), 5000u);
  EXPECT_TRUE(v->Contains(Str("element-4999")));
  // Quadratic deduplication would take seconds even in an optimized build.
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 1000);
}

// --- Encoding errors -----------------------------------------------------------------------

TEST(MsgpackCodec, EncodeRejectsNonConformingValues) {
  const Type S = Type::String();
  const Type N = Type::Number();
  struct Case {
    std::string name;
    Value value;
    Type type;
    std::string error;
  };
  const Case cases[] = {
      {"string_as_number", Str("x"), N, "a number is required, got string"},
      {"number_as_bool", Value::IntVal(1), Type::Bool(), "a bool is required"},
      {"list_as_set", Value::ListVal(S, {Str("a")}), Type::Set(S), "a set is required"},
      {"wrong_element", Value::ListVal(S, {Str("a")}), Type::List(N), "[0]: a number is required"},
      {"empty_list_wrong_element", Value::ListVal(S, {}), Type::List(N), "a list is required"},
      {"null_wrong_type", Value::NullVal(S), N, "a number is required"},
      {"unknown_wrong_type", Value::UnknownVal(S), Type::List(S), "a list is required"},
      {"object_wrong_attributes", Value::ObjectVal({{"a", Str("x")}}), Type::Object({{"b", S}}),
       "an object is required"},
      {"object_attribute_wrong_type", Value::ObjectVal({{"a", Str("x")}}), Type::Object({{"a", N}}),
       "a: a number is required"},
      {"tuple_wrong_length", Value::TupleVal({Str("x")}), Type::Tuple({S, S}),
       "a tuple is required"},
      {"map_element", Value::MapVal(S, {{"k", Str("x")}}), Type::Map(N),
       "[\"k\"]: a number is required"},
  };
  for (const Case& c : cases) {
    auto bytes = EncodeMsgpack(c.value, c.type);
    ASSERT_FALSE(bytes.ok()) << c.name << " encoded as " << ToHex(*bytes);
    EXPECT_THAT(std::string(bytes.status().message()), HasSubstr(c.error)) << c.name;
  }
}

TEST(MsgpackCodec, NullOrUnknownOfDynamicTypeFitsAnySlot) {
  auto null_bytes = EncodeMsgpack(Value::NullVal(Type::Dynamic()), Type::String());
  ASSERT_TRUE(null_bytes.ok());
  EXPECT_EQ(ToHex(*null_bytes), "c0");
  auto unknown_bytes = EncodeMsgpack(Value::UnknownVal(Type::Dynamic()), Type::List(Type::Bool()));
  ASSERT_TRUE(unknown_bytes.ok());
  EXPECT_EQ(ToHex(*unknown_bytes), "d4 00 00");
}

}  // namespace
}  // namespace tfsdk::internal
