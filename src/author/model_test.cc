// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/model.h"

#include <cmath>
#include <compare>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tfsdk/attributes.h"
#include "tfsdk/schema.h"

// --- Models declared the way authors declare them: outside namespace tfsdk. ---------------

// In the global namespace.
struct GlobalPoint {
  int64_t x = 0;
  int64_t y = 0;
};
TFSDK_MODEL(GlobalPoint, x, y);

namespace shop {

struct Rule {
  int64_t port = 0;
  std::string protocol;
  auto operator<=>(const Rule&) const = default;
};
TFSDK_MODEL(Rule, port, protocol);

struct Endpoint {
  std::string host;
  tfsdk::Maybe<int64_t> port;
  bool operator==(const Endpoint&) const = default;
};
TFSDK_MODEL(Endpoint, host, port);

// Every kind of field, with renamed attributes.
struct Everything {
  bool enabled = false;
  int64_t count = 0;
  int32_t small = 0;
  double ratio = 0;
  tfsdk::Number big;
  std::string name;
  tfsdk::Maybe<std::string> id;
  tfsdk::Maybe<int64_t> size;
  std::vector<std::string> names;
  std::set<int64_t> ports;
  std::map<std::string, int64_t> limits;
  std::optional<std::string> note;
  tfsdk::Value extra;
  Endpoint endpoint;
  std::optional<Endpoint> backup;
  std::vector<Rule> rules;
  std::set<Rule> rule_set;
  std::map<std::string, Rule> rule_map;
  tfsdk::Maybe<std::vector<std::string>> zones;
  std::vector<tfsdk::Maybe<std::string>> aliases;
};
TFSDK_MODEL_FIELDS(Everything, ("enabled", enabled), ("count", count), ("small", small),
                   ("ratio", ratio), ("big", big), ("name", name), ("id", id), ("size", size),
                   ("names", names), ("ports", ports), ("limits", limits), ("note", note),
                   ("extra", extra), ("endpoint", endpoint), ("backup", backup),
                   ("rule", rules), ("rule_set", rule_set), ("rule_map", rule_map),
                   ("zones", zones), ("aliases", aliases));

// A mapping written by hand, without the macros.
struct Label {
  std::string key;
  std::string text;
};
constexpr auto TfsdkModelFields(tfsdk::ModelTag<Label>) {
  return tfsdk::ModelFields("Label", tfsdk::Field("key", &Label::key),
                            tfsdk::Field("value", &Label::text));
}

// Two fields mapped to one attribute: always an error.
struct Twice {
  std::string a;
  std::string b;
};
TFSDK_MODEL_FIELDS(Twice, ("name", a), ("name", b));

struct Empty {};
TFSDK_MODEL(Empty);

}  // namespace shop

namespace {
// In an unnamed namespace.
struct Local {
  std::string v;
};
TFSDK_MODEL(Local, v);
}  // namespace

static_assert(tfsdk::kIsModel<GlobalPoint>);
static_assert(tfsdk::kIsModel<shop::Rule>);
static_assert(tfsdk::kIsModel<shop::Label>);
static_assert(tfsdk::kIsModel<Local>);
static_assert(!tfsdk::kIsModel<std::vector<shop::Rule>>);
static_assert(!tfsdk::kIsModel<tfsdk::Maybe<shop::Rule>>);
static_assert(!tfsdk::kIsModel<std::string>);

namespace tfsdk {
namespace {

using shop::Endpoint;
using shop::Everything;
using shop::Rule;
using ::testing::AllOf;
using ::testing::HasSubstr;

Value S(std::string s) { return Value::StringVal(std::move(s)); }
Value I(int64_t i) { return Value::IntVal(i); }

// The message of the ConversionError `fn` throws; fails the test if it throws nothing.
template <class Fn>
ConversionError Catch(Fn fn) {
  try {
    fn();
  } catch (const ConversionError& e) {
    return e;
  }
  ADD_FAILURE() << "no ConversionError";
  return ConversionError(Path(), "");
}

// --- Maybe ----------------------------------------------------------------------------

TEST(MaybeTest, ThreeStates) {
  Maybe<std::string> null;
  Maybe<std::string> unknown = Maybe<std::string>::Unknown();
  Maybe<std::string> known = "web";  // implicit from a literal
  Maybe<int64_t> from_int = 5;       // implicit from another integer type
  Maybe<int64_t> nullopt = std::nullopt;

  EXPECT_TRUE(null.IsNull());
  EXPECT_FALSE(null.IsUnknown());
  EXPECT_FALSE(null.IsKnown());
  EXPECT_EQ(null, Maybe<std::string>::Null());
  EXPECT_TRUE(nullopt.IsNull());

  EXPECT_FALSE(unknown.IsNull());
  EXPECT_TRUE(unknown.IsUnknown());
  EXPECT_FALSE(unknown.IsKnown());

  EXPECT_TRUE(known.IsKnown());
  EXPECT_EQ(known.value(), "web");
  EXPECT_EQ(known, Maybe<std::string>::Known("web"));
  EXPECT_EQ(from_int.value(), 5);

  EXPECT_NE(null, unknown);
  EXPECT_NE(unknown, known);
  EXPECT_NE(known, Maybe<std::string>("db"));
  EXPECT_EQ(unknown, Maybe<std::string>::Unknown());
  EXPECT_EQ(known, std::string("web"));

  EXPECT_EQ(null.value_or("x"), "x");
  EXPECT_EQ(unknown.value_or("x"), "x");
  EXPECT_EQ(known.value_or("x"), "web");
  EXPECT_EQ(known.ToOptional(), std::optional<std::string>("web"));
  EXPECT_EQ(unknown.ToOptional(), std::nullopt);

  known.value() += "1";
  EXPECT_EQ(known.value(), "web1");
  known = Maybe<std::string>::Unknown();
  EXPECT_TRUE(known.IsUnknown());
}

TEST(MaybeTest, ValueThrowsWhenNotKnown) {
  Maybe<int64_t> null;
  Maybe<int64_t> unknown = Maybe<int64_t>::Unknown();
  try {
    (void)null.value();
    ADD_FAILURE() << "no exception";
  } catch (const std::logic_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("the value is null"));
  }
  try {
    (void)unknown.value();
    ADD_FAILURE() << "no exception";
  } catch (const std::logic_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("the value is unknown"));
  }
}

TEST(MaybeTest, OrdersNullUnknownKnown) {
  using M = Maybe<int64_t>;
  EXPECT_LT(M::Null(), M::Unknown());
  EXPECT_LT(M::Unknown(), M(1));
  EXPECT_LT(M(1), M(2));
  EXPECT_EQ(M(2) <=> M(2), std::strong_ordering::equal);
  EXPECT_EQ(Maybe<double>(1.0) <=> Maybe<double>(2.0), std::partial_ordering::less);
}

struct MaybeCase {
  std::string name;
  Value value;
  bool null, unknown;
  std::optional<int64_t> known;
};

Refinements NotNull() {
  Refinements r;
  r.not_null = true;
  return r;
}

TEST(MaybeTest, ConvertsAllThreeStates) {
  const std::vector<MaybeCase> cases = {
      {"null", Value::NullVal(Type::Number()), true, false, std::nullopt},
      {"unknown", Value::UnknownVal(Type::Number()), false, true, std::nullopt},
      {"refined unknown", Value::UnknownVal(Type::Number(), NotNull()), false, true,
       std::nullopt},
      {"known", I(42), false, false, 42},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto m = FromValue<Maybe<int64_t>>(c.value);
    EXPECT_EQ(m.IsNull(), c.null);
    EXPECT_EQ(m.IsUnknown(), c.unknown);
    ASSERT_EQ(m.IsKnown(), c.known.has_value());
    if (c.known) {
      EXPECT_EQ(m.value(), *c.known);
    }
  }
  // Writing gives a value of the slot's type.
  Type list = Type::List(Type::String());
  EXPECT_EQ(ToValue(Maybe<std::vector<std::string>>(), list), Value::NullVal(list));
  EXPECT_EQ(ToValue(Maybe<std::vector<std::string>>::Unknown(), list), Value::UnknownVal(list));
  EXPECT_EQ(ToValue(Maybe<std::vector<std::string>>({"a"}), list),
            Value::ListVal(Type::String(), {S("a")}));
  // A known value of the wrong type is still an error with the path.
  EXPECT_EQ(Catch([] { FromValue<Maybe<int64_t>>(S("x"), Path::Root("n")); }).path(),
            Path::Root("n"));
}

// --- std::set -------------------------------------------------------------------------

TEST(SetConversionTest, ReadsAndWritesSets) {
  Value set = Value::SetVal(Type::String(), {S("b"), S("a")});
  EXPECT_EQ(FromValue<std::set<std::string>>(set), (std::set<std::string>{"a", "b"}));
  // A list reads too; equal elements merge.
  Value list = Value::ListVal(Type::String(), {S("a"), S("a"), S("c")});
  EXPECT_EQ(FromValue<std::set<std::string>>(list), (std::set<std::string>{"a", "c"}));

  std::set<std::string> x = {"a", "b"};
  EXPECT_EQ(ToValue(x, Type::Set(Type::String())), set);
  EXPECT_EQ(ToValue(x, Type::List(Type::String())),
            Value::ListVal(Type::String(), {S("a"), S("b")}));
  EXPECT_EQ(ToValue(std::set<std::string>{}, Type::Set(Type::String())),
            Value::SetVal(Type::String(), {}));

  ConversionError e = Catch([] { FromValue<std::set<std::string>>(S("x"), Path::Root("s")); });
  EXPECT_EQ(e.path(), Path::Root("s"));
  EXPECT_THAT(e.what(), HasSubstr("cannot read string as set, list or tuple"));
  e = Catch([] {
    FromValue<std::set<int64_t>>(Value::ListVal(Type::Number(), {I(1), Value::FloatVal(1.5)}),
                                 Path::Root("s"));
  });
  EXPECT_EQ(e.path(), Path::Root("s").Index(1));
}

TEST(ContainerConversionTest, WriteErrorsNameTheElement) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ConversionError e =
      Catch([&] { ToValue(std::vector<double>{1, 2, nan}, Type::List(Type::Number())); });
  EXPECT_EQ(e.path(), Path().Index(2));
  EXPECT_THAT(e.what(), HasSubstr("NaN"));
  e = Catch([&] {
    ToValue(std::map<std::string, double>{{"k", nan}}, Type::Map(Type::Number()));
  });
  EXPECT_EQ(e.path(), Path().Key("k"));
}

// --- Models ---------------------------------------------------------------------------

Type RuleType() { return Type::Object({{"port", Type::Number()}, {"protocol", Type::String()}}); }
Value RuleVal(int64_t port, std::string protocol) {
  return Value::ObjectVal(RuleType(), {{"port", I(port)}, {"protocol", S(protocol)}});
}
Type EndpointType() {
  return Type::Object({{"host", Type::String()}, {"port", Type::Number()}});
}

Type EverythingType() {
  return Type::Object({
      {"enabled", Type::Bool()},
      {"count", Type::Number()},
      {"small", Type::Number()},
      {"ratio", Type::Number()},
      {"big", Type::Number()},
      {"name", Type::String()},
      {"id", Type::String()},
      {"size", Type::Number()},
      {"names", Type::List(Type::String())},
      {"ports", Type::Set(Type::Number())},
      {"limits", Type::Map(Type::Number())},
      {"note", Type::String()},
      {"extra", Type::Dynamic()},
      {"endpoint", EndpointType()},
      {"backup", EndpointType()},
      {"rule", Type::List(RuleType())},
      {"rule_set", Type::Set(RuleType())},
      {"rule_map", Type::Map(RuleType())},
      {"zones", Type::List(Type::String())},
      {"aliases", Type::List(Type::String())},
  });
}

Value EverythingVal() {
  return Value::ObjectVal(
      EverythingType(),
      {
          {"enabled", Value::BoolVal(true)},
          {"count", I(3)},
          {"small", I(-7)},
          {"ratio", Value::FloatVal(0.5)},
          {"big", Value::NumberVal(*Number::Parse("123456789012345678901234567890"))},
          {"name", S("web")},
          {"id", Value::UnknownVal(Type::String())},
          {"size", Value::NullVal(Type::Number())},
          {"names", Value::ListVal(Type::String(), {S("b"), S("a")})},
          {"ports", Value::SetVal(Type::Number(), {I(443), I(80)})},
          {"limits", Value::MapVal(Type::Number(), {{"cpu", I(2)}})},
          {"note", Value::NullVal(Type::String())},
          {"extra", Value::ObjectVal({{"any", Value::TupleVal({S("thing"), I(1)})}})},
          {"endpoint",
           Value::ObjectVal(EndpointType(),
                            {{"host", S("h")}, {"port", Value::UnknownVal(Type::Number())}})},
          {"backup", Value::NullVal(EndpointType())},
          {"rule", Value::ListVal(RuleType(), {RuleVal(80, "tcp"), RuleVal(53, "udp")})},
          {"rule_set", Value::SetVal(RuleType(), {RuleVal(22, "tcp")})},
          {"rule_map", Value::MapVal(RuleType(), {{"dns", RuleVal(53, "udp")}})},
          {"zones", Value::UnknownVal(Type::List(Type::String()))},
          {"aliases",
           Value::ListVal(Type::String(), {S("x"), Value::UnknownVal(Type::String()),
                                           Value::NullVal(Type::String())})},
      });
}

TEST(ModelTest, RoundTripsEveryKindOfField) {
  const Value v = EverythingVal();
  const Everything m = FromValue<Everything>(v);
  EXPECT_TRUE(m.enabled);
  EXPECT_EQ(m.count, 3);
  EXPECT_EQ(m.small, -7);
  EXPECT_EQ(m.ratio, 0.5);
  EXPECT_EQ(m.big.ToString(), "123456789012345678901234567890");
  EXPECT_EQ(m.name, "web");
  EXPECT_TRUE(m.id.IsUnknown());
  EXPECT_TRUE(m.size.IsNull());
  EXPECT_EQ(m.names, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(m.ports, (std::set<int64_t>{80, 443}));
  EXPECT_EQ(m.limits, (std::map<std::string, int64_t>{{"cpu", 2}}));
  EXPECT_EQ(m.note, std::nullopt);
  EXPECT_EQ(m.extra, v.GetAttr("extra"));
  EXPECT_EQ(m.endpoint, (Endpoint{"h", Maybe<int64_t>::Unknown()}));
  EXPECT_EQ(m.backup, std::nullopt);
  EXPECT_EQ(m.rules, (std::vector<Rule>{{80, "tcp"}, {53, "udp"}}));
  EXPECT_EQ(m.rule_set, (std::set<Rule>{{22, "tcp"}}));
  EXPECT_EQ(m.rule_map, (std::map<std::string, Rule>{{"dns", {53, "udp"}}}));
  EXPECT_TRUE(m.zones.IsUnknown());
  EXPECT_EQ(m.aliases, (std::vector<Maybe<std::string>>{"x", Maybe<std::string>::Unknown(),
                                                         Maybe<std::string>::Null()}));

  // Writing it back gives exactly the value read, unknowns and nulls included.
  EXPECT_EQ(ToValue(m, EverythingType()), v) << ToValue(m, EverythingType()).ToString();

  // And changed fields show up where they should.
  Everything changed = m;
  changed.id = "srv-1";
  changed.size = 10;
  changed.backup = Endpoint{"b", 8080};
  changed.rules.push_back({443, "tcp"});
  changed.zones = std::vector<std::string>{"z1"};
  Value w = ToValue(changed, EverythingType());
  EXPECT_EQ(w.type(), EverythingType());
  EXPECT_EQ(w.GetAttr("id"), S("srv-1"));
  EXPECT_EQ(w.GetAttr("size"), I(10));
  EXPECT_EQ(w.GetAttr("backup"),
            Value::ObjectVal(EndpointType(), {{"host", S("b")}, {"port", I(8080)}}));
  EXPECT_EQ(w.GetAttr("rule").Length(), 3u);
  EXPECT_EQ(w.GetAttr("zones"), Value::ListVal(Type::String(), {S("z1")}));
  EXPECT_EQ(FromValue<Everything>(w).rules, changed.rules);
}

TEST(ModelTest, DefaultModelWritesNullsAndEmpties) {
  Value w = ToValue(Everything{}, EverythingType());
  EXPECT_EQ(w.type(), EverythingType());
  EXPECT_TRUE(w.GetAttr("id").IsNull());
  EXPECT_TRUE(w.GetAttr("backup").IsNull());
  EXPECT_EQ(w.GetAttr("rule"), Value::ListVal(RuleType(), {}));
  // A default tfsdk::Value is a null of dynamic type, which a dynamic attribute accepts.
  EXPECT_TRUE(w.GetAttr("extra").IsNull());
}

TEST(ModelTest, ModelsDeclaredAnywhere) {
  Type point = Type::Object({{"x", Type::Number()}, {"y", Type::Number()}});
  Value p = Value::ObjectVal(point, {{"x", I(1)}, {"y", I(2)}});
  GlobalPoint g = FromValue<GlobalPoint>(p);
  EXPECT_EQ(g.x, 1);
  EXPECT_EQ(g.y, 2);
  EXPECT_EQ(ToValue(g, point), p);

  Type label = Type::Object({{"key", Type::String()}, {"value", Type::String()}});
  Value l = Value::ObjectVal(label, {{"key", S("k")}, {"value", S("v")}});
  shop::Label hand = FromValue<shop::Label>(l);
  EXPECT_EQ(hand.text, "v");
  EXPECT_EQ(ToValue(hand, label), l);

  Type local = Type::Object({{"v", Type::String()}});
  EXPECT_EQ(FromValue<Local>(Value::ObjectVal(local, {{"v", S("a")}})).v, "a");

  Type empty = Type::Object({});
  EXPECT_EQ(ToValue(shop::Empty{}, empty), Value::ObjectVal(empty, {}));
  (void)FromValue<shop::Empty>(Value::ObjectVal(empty, {}));
}

TEST(ModelTest, NullAndUnknownObjects) {
  ConversionError e =
      Catch([] { FromValue<Rule>(Value::NullVal(RuleType()), Path::Root("rule")); });
  EXPECT_EQ(e.path(), Path::Root("rule"));
  EXPECT_THAT(e.what(), AllOf(HasSubstr("value is null"), HasSubstr("std::optional"),
                              HasSubstr("model Rule")));
  e = Catch([] { FromValue<Rule>(Value::UnknownVal(RuleType()), Path::Root("rule")); });
  EXPECT_THAT(e.what(), HasSubstr("rule: value is unknown"));
  e = Catch([] { FromValue<Rule>(S("x"), Path::Root("rule")); });
  EXPECT_THAT(e.what(), HasSubstr("cannot read string as object (model Rule)"));

  EXPECT_EQ(FromValue<std::optional<Rule>>(Value::NullVal(RuleType())), std::nullopt);
  EXPECT_TRUE(FromValue<Maybe<Rule>>(Value::UnknownVal(RuleType())).IsUnknown());
  EXPECT_EQ(FromValue<Maybe<Rule>>(RuleVal(1, "tcp")).value(), (Rule{1, "tcp"}));
  EXPECT_EQ(ToValue(std::optional<Rule>(), RuleType()), Value::NullVal(RuleType()));
  EXPECT_EQ(ToValue(Maybe<Rule>::Unknown(), RuleType()), Value::UnknownVal(RuleType()));
}

TEST(ModelTest, ReadErrorsCarryTheNestedPath) {
  Value v = EverythingVal();
  Value rules = Value::ListVal(
      RuleType(), {RuleVal(80, "tcp"),
                   Value::ObjectVal(RuleType(), {{"port", Value::UnknownVal(Type::Number())},
                                                 {"protocol", S("udp")}})});
  ConversionError e = Catch([&] { FromValue<Everything>(v.WithAttr("rule", rules)); });
  EXPECT_EQ(e.path(), Path::Root("rule").Index(1).Attr("port"));
  EXPECT_THAT(e.what(), HasSubstr("rule[1].port: value is unknown"));

  e = Catch([&] {
    FromValue<Everything>(v.WithAttr(
        "rule_map", Value::MapVal(RuleType(), {{"dns", Value::ObjectVal(
                                                           RuleType(),
                                                           {{"port", I(1)}})}})));
  });
  EXPECT_EQ(e.path(), Path::Root("rule_map").Key("dns").Attr("protocol"));
  EXPECT_THAT(e.what(), HasSubstr("value is null"));

  e = Catch([&] { FromValue<Everything>(v.WithAttr("small", I(int64_t{1} << 40))); });
  EXPECT_EQ(e.path(), Path::Root("small"));
  EXPECT_THAT(e.what(), HasSubstr("out of range"));
}

struct StrictCase {
  std::string name;
  Type type;                          // the object type the model meets
  std::vector<std::string> expected;  // substrings of the message
};

TEST(ModelTest, FieldsAndAttributesMustMatchBothWays) {
  const std::vector<StrictCase> cases = {
      {"attribute without a field",
       Type::Object({{"port", Type::Number()},
                     {"protocol", Type::String()},
                     {"cidr", Type::String()}}),
       {"model Rule does not match the object type",
        "object attribute \"cidr\" has no field in the model"}},
      {"field without an attribute",
       Type::Object({{"port", Type::Number()}}),
       {"model Rule does not match the object type",
        "field \"protocol\" has no attribute in the object"}},
      {"both",
       Type::Object({{"port", Type::Number()}, {"proto", Type::String()}}),
       {"field \"protocol\" has no attribute in the object",
        "object attribute \"proto\" has no field in the model"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::map<std::string, Value> attrs;
    for (const auto& [name, t] : c.type.AttributeTypes()) {
      attrs.emplace(name, t == Type::Number() ? I(1) : S("s"));
    }
    Value v = Value::ObjectVal(c.type, attrs);
    // Reading.
    ConversionError read = Catch([&] { FromValue<Rule>(v, Path::Root("rule").Index(0)); });
    EXPECT_EQ(read.path(), Path::Root("rule").Index(0));
    for (const auto& s : c.expected) EXPECT_THAT(read.what(), HasSubstr(s));
    // Writing.
    ConversionError write = Catch([&] { ToValue(Rule{1, "tcp"}, c.type); });
    EXPECT_EQ(write.path(), Path());
    for (const auto& s : c.expected) EXPECT_THAT(write.what(), HasSubstr(s));
  }

  // A renamed field is named by member and attribute.
  Type wrong = Type::Object({{"key", Type::String()}, {"text", Type::String()}});
  ConversionError e = Catch([&] { ToValue(shop::Label{"k", "v"}, wrong); });
  EXPECT_THAT(e.what(), AllOf(HasSubstr("model Label"),
                              HasSubstr("field \"value\" has no attribute"),
                              HasSubstr("object attribute \"text\" has no field")));
  e = Catch([&] {
    ToValue(Everything{}, Type::Object({{"name", Type::String()}}));
  });
  EXPECT_THAT(e.what(), HasSubstr("field rules (attribute \"rule\") has no attribute"));

  // Two fields for one attribute.
  Type name = Type::Object({{"name", Type::String()}});
  e = Catch([&] { ToValue(shop::Twice{"a", "b"}, name); });
  EXPECT_THAT(e.what(), HasSubstr("field b (attribute \"name\") and field a (attribute "
                                  "\"name\") map the same attribute"));
  e = Catch([&] { FromValue<shop::Twice>(Value::ObjectVal(name, {{"name", S("x")}})); });
  EXPECT_THAT(e.what(), HasSubstr("map the same attribute"));
  e = Catch([&] { ToValue(shop::Twice{"a", "b"}, Type::Dynamic()); });
  EXPECT_THAT(e.what(), HasSubstr("map the same attribute"));
}

TEST(ModelTest, WriteErrorsNameTheFieldAndPath) {
  // A field whose C++ type does not fit the attribute's type.
  Type port_is_string = Type::Object({{"port", Type::String()}, {"protocol", Type::String()}});
  ConversionError e = Catch([&] { ToValue(Rule{80, "tcp"}, port_is_string); });
  EXPECT_EQ(e.path(), Path::Root("port"));
  EXPECT_THAT(e.what(), AllOf(HasSubstr("cannot write field \"port\" of model Rule"),
                              HasSubstr("string required, got number")));

  // Nested: the path goes through the list index down to the field.
  e = Catch([&] {
    Everything m;
    m.rules = {{80, "tcp"}};
    Type t = EverythingType();
    std::map<std::string, Type> attrs(t.AttributeTypes().begin(), t.AttributeTypes().end());
    attrs["rule"] = Type::List(port_is_string);
    ToValue(m, Type::Object(attrs));
  });
  EXPECT_EQ(e.path(), Path::Root("rule").Index(0).Attr("port"));

  // Deep inside a map of models.
  e = Catch([&] {
    Everything m;
    m.rule_map = {{"a", {1, "tcp"}}};
    Type t = EverythingType();
    std::map<std::string, Type> attrs(t.AttributeTypes().begin(), t.AttributeTypes().end());
    attrs["rule_map"] = Type::Map(Type::Object({{"port", Type::Bool()},
                                                {"protocol", Type::String()}}));
    ToValue(m, Type::Object(attrs));
  });
  EXPECT_EQ(e.path(), Path::Root("rule_map").Key("a").Attr("port"));
  EXPECT_THAT(e.what(), HasSubstr("bool required, got number"));

  e = Catch([] { ToValue(Rule{}, Type::List(Type::String())); });
  EXPECT_THAT(e.what(), HasSubstr("cannot write model Rule as list of string"));
}

TEST(ModelTest, ModelInADynamicSlot) {
  Value v = ToValue(Rule{80, "tcp"}, Type::Dynamic());
  EXPECT_EQ(v, RuleVal(80, "tcp"));
  EXPECT_EQ(FromValue<Rule>(v), (Rule{80, "tcp"}));
}

// --- Attributes: whole objects with a real schema -------------------------------------

namespace models {

struct Disk {
  int64_t size = 0;
  std::optional<std::string> label;
  bool operator==(const Disk&) const = default;
};
TFSDK_MODEL(Disk, size, label);

struct Network {
  std::string cidr;
  bool operator==(const Network&) const = default;
};
TFSDK_MODEL(Network, cidr);

struct Mount {
  std::string path;
  auto operator<=>(const Mount&) const = default;
};
TFSDK_MODEL(Mount, path);

struct Logging {
  Maybe<std::string> level;
  bool operator==(const Logging&) const = default;
};
TFSDK_MODEL(Logging, level);

struct Backend {
  std::string address;
  Maybe<int64_t> weight;
  bool operator==(const Backend&) const = default;
};
TFSDK_MODEL(Backend, address, weight);

struct Server {
  std::string name;
  Maybe<std::string> id;
  std::vector<Rule> rules;
  std::optional<std::map<std::string, std::string>> labels;
  std::set<std::string> tags;
  Value extra;
  std::optional<Endpoint> endpoint;
  std::optional<std::map<std::string, Backend>> backends;
  std::optional<std::set<Rule>> peers;
  std::vector<Disk> disks;
  std::optional<Network> network;
  std::set<Mount> mounts;
  Logging logging;
};
TFSDK_MODEL_FIELDS(Server, ("name", name), ("id", id), ("rule", rules), ("labels", labels),
                   ("tags", tags), ("extra", extra), ("endpoint", endpoint),
                   ("backend", backends), ("peer", peers), ("disk", disks),
                   ("network", network), ("mount", mounts), ("logging", logging));

}  // namespace models

Schema ServerSchema() {
  return Schema{
      .attributes =
          {
              Attribute::String("name").Required(),
              Attribute::String("id").Computed(),
              Attribute::ListNested("rule", {Attribute::Number("port").Required(),
                                             Attribute::String("protocol").Required()})
                  .Required(),
              Attribute::Map("labels", Type::String()).Optional(),
              Attribute::Set("tags", Type::String()).Required(),
              Attribute::Dynamic("extra").Optional(),
              Attribute::SingleNested("endpoint", {Attribute::String("host").Required(),
                                                   Attribute::Number("port").Optional()})
                  .Optional(),
              Attribute::MapNested("backend", {Attribute::String("address").Required(),
                                               Attribute::Number("weight").Optional()})
                  .Optional(),
              Attribute::SetNested("peer", {Attribute::Number("port").Required(),
                                            Attribute::String("protocol").Required()})
                  .Optional(),
          },
      .blocks =
          {
              Block::List("disk", {.attributes = {Attribute::Number("size").Required(),
                                                  Attribute::String("label").Optional()}}),
              Block::Single("network", {.attributes = {Attribute::String("cidr").Required()}}),
              Block::Set("mount", {.attributes = {Attribute::String("path").Required()}}),
              Block::Group("logging", {.attributes = {Attribute::String("level").Optional()}}),
          },
  };
}

class AttributesModelTest : public ::testing::Test {
 protected:
  AttributesModelTest() : schema_(ServerSchema()), type_(schema_.ImpliedType()) {
    EXPECT_FALSE(schema_.Validate().HasError()) << schema_.Validate().ToString();
  }

  models::Server Sample() const {
    models::Server s;
    s.name = "web";
    s.id = Maybe<std::string>::Unknown();
    s.rules = {{80, "tcp"}, {53, "udp"}};
    s.labels = std::map<std::string, std::string>{{"env", "prod"}};
    s.tags = {"a", "b"};
    s.extra = Value::TupleVal({S("x"), I(1)});
    s.endpoint = Endpoint{"example.com", Maybe<int64_t>()};
    s.backends = std::map<std::string, models::Backend>{
        {"primary", {"10.0.0.1", 3}}, {"spare", {"10.0.0.2", Maybe<int64_t>()}}};
    s.peers = std::set<Rule>{{22, "tcp"}};
    s.disks = {{100, "root"}, {500, std::nullopt}};
    s.network = models::Network{"10.0.0.0/8"};
    s.mounts = {{"/data"}, {"/logs"}};
    s.logging.level = "debug";
    return s;
  }

  Schema schema_;
  Type type_;
};

TEST_F(AttributesModelTest, WholeObjectSetThenGet) {
  Attributes attrs(&schema_, Value::NullVal(type_));
  const models::Server in = Sample();
  attrs.Set(in);
  ASSERT_EQ(attrs.value().type(), type_);
  EXPECT_TRUE(attrs.value().CheckConforms(type_).ok());

  // Spot-check the value against the schema's layout.
  EXPECT_EQ(attrs.GetValue("name"), S("web"));
  EXPECT_TRUE(attrs.GetValue("id").IsUnknown());
  EXPECT_EQ(attrs.GetValue(Path::Root("rule").Index(1).Attr("port")), I(53));
  EXPECT_EQ(attrs.GetValue(Path::Root("backend").Key("primary").Attr("weight")), I(3));
  EXPECT_TRUE(attrs.GetValue(Path::Root("backend").Key("spare").Attr("weight")).IsNull());
  EXPECT_EQ(attrs.GetValue("disk").type(), schema_.blocks[0].ImpliedType());
  EXPECT_EQ(attrs.GetValue(Path::Root("disk").Index(0).Attr("label")), S("root"));
  EXPECT_EQ(attrs.GetValue(Path::Root("network").Attr("cidr")), S("10.0.0.0/8"));
  EXPECT_TRUE(attrs.GetValue("mount").type().IsSet());
  EXPECT_EQ(attrs.GetValue("mount").Length(), 2u);
  EXPECT_EQ(attrs.GetValue(Path::Root("logging").Attr("level")), S("debug"));
  EXPECT_EQ(attrs.GetValue("extra"), Value::TupleVal({S("x"), I(1)}));

  const auto out = attrs.Get<models::Server>();
  EXPECT_EQ(out.name, in.name);
  EXPECT_EQ(out.id, in.id);
  EXPECT_EQ(out.rules, in.rules);
  EXPECT_EQ(out.labels, in.labels);
  EXPECT_EQ(out.tags, in.tags);
  EXPECT_EQ(out.extra, in.extra);
  EXPECT_EQ(out.endpoint, in.endpoint);
  EXPECT_EQ(out.backends, in.backends);
  EXPECT_EQ(out.peers, in.peers);
  EXPECT_EQ(out.disks, in.disks);
  EXPECT_EQ(out.network, in.network);
  EXPECT_EQ(out.mounts, in.mounts);
  EXPECT_EQ(out.logging, in.logging);
}

TEST_F(AttributesModelTest, CreateReadsThePlanAndWritesTheState) {
  // A plan as the engine hands it over: the computed id unknown, absent blocks empty.
  Value plan = Value::ObjectVal(
      type_, {{"name", S("web")},
              {"id", Value::UnknownVal(Type::String())},
              {"rule", Value::ListVal(RuleType(), {RuleVal(80, "tcp")})},
              {"tags", Value::SetVal(Type::String(), {})},
              {"disk", Value::ListVal(schema_.blocks[0].block.ImpliedType(), {})},
              {"mount", Value::SetVal(schema_.blocks[2].block.ImpliedType(), {})},
              {"logging", Value::ObjectVal(schema_.blocks[3].block.ImpliedType(), {})}});
  Attributes req_plan(&schema_, plan);
  Attributes resp_state(&schema_, plan);

  auto server = req_plan.Get<models::Server>();
  EXPECT_TRUE(server.id.IsUnknown());
  EXPECT_EQ(server.rules, (std::vector<Rule>{{80, "tcp"}}));
  EXPECT_EQ(server.backends, std::nullopt);
  EXPECT_TRUE(server.disks.empty());
  EXPECT_EQ(server.network, std::nullopt);
  server.id = "srv-1";
  resp_state.Set(server);
  EXPECT_EQ(resp_state.GetValue("id"), S("srv-1"));
  EXPECT_EQ(resp_state.Get<std::string>("name"), "web");
  EXPECT_TRUE(resp_state.GetValue("labels").IsNull());
  EXPECT_TRUE(resp_state.GetValue("endpoint").IsNull());
  EXPECT_TRUE(resp_state.GetValue("network").IsNull());
  EXPECT_TRUE(resp_state.GetValue("logging").GetAttr("level").IsNull());
  // Only the computed id changed.
  EXPECT_EQ(resp_state.value(), plan.WithAttr("id", S("srv-1")));

  // A plain field reading a null optional attribute says what to do.
  Attributes no_rules(&schema_, plan.WithAttr("rule", Value::NullVal(Type::List(RuleType()))));
  ConversionError e = Catch([&] { (void)no_rules.Get<models::Server>(); });
  EXPECT_EQ(e.path(), Path::Root("rule"));
  EXPECT_THAT(e.what(), HasSubstr("rule: value is null; use std::optional"));
}

TEST_F(AttributesModelTest, NestedModelsAtAPath) {
  Attributes attrs(&schema_, Value::NullVal(type_));
  attrs.Set(Sample());

  EXPECT_EQ(attrs.Get<Rule>(Path::Root("rule").Index(1)), (Rule{53, "udp"}));
  EXPECT_EQ(attrs.Get<std::vector<Rule>>("rule").size(), 2u);
  EXPECT_EQ(attrs.Get<std::optional<models::Network>>("network")->cidr, "10.0.0.0/8");
  EXPECT_EQ(attrs.Get<models::Backend>(Path::Root("backend").Key("primary")).address,
            "10.0.0.1");

  attrs.Set(Path::Root("rule").Index(0), Rule{8080, "tcp"});
  EXPECT_EQ(attrs.GetValue(Path::Root("rule").Index(0).Attr("port")), I(8080));
  attrs.Set("endpoint", Endpoint{"other", 443});
  EXPECT_EQ(attrs.GetValue(Path::Root("endpoint").Attr("port")), I(443));
  attrs.Set("disk", std::vector<models::Disk>{{1, std::nullopt}});
  EXPECT_EQ(attrs.GetValue("disk").Length(), 1u);
  attrs.Set("network", std::optional<models::Network>());
  EXPECT_TRUE(attrs.GetValue("network").IsNull());

  // An error inside a nested Set names the whole path.
  ConversionError e = Catch([&] {
    attrs.Set("rule", std::vector<Endpoint>{{"h", 1}});
  });
  EXPECT_EQ(e.path(), Path::Root("rule").Index(0));
  EXPECT_THAT(e.what(), HasSubstr("rule[0]: model Endpoint does not match"));
}

// Set(x) with one argument takes models only.
template <class T>
concept WholeSettable = requires(Attributes& a, const T& x) { a.Set(x); };
static_assert(WholeSettable<models::Server>);
static_assert(WholeSettable<std::optional<models::Server>>);
static_assert(WholeSettable<Maybe<models::Server>>);
static_assert(!WholeSettable<std::string>);
static_assert(!WholeSettable<const char*>);
static_assert(!WholeSettable<int64_t>);
static_assert(!WholeSettable<std::optional<std::string>>);

TEST_F(AttributesModelTest, ExistingOverloadsStillWork) {
  Attributes attrs(&schema_, Value::NullVal(type_));
  attrs.Set(Sample());
  attrs.Set("name", "literal");
  EXPECT_EQ(attrs.Get<std::string>("name"), "literal");
  attrs.Set("name", std::string("str"));
  EXPECT_EQ(attrs.Get<std::string>(Path::Root("name")), "str");
  attrs.Set(Path::Root("name"), "path literal");
  EXPECT_EQ(attrs.Get<std::string>("name"), "path literal");
  attrs.Set(Path::Root("rule").Index(0).Attr("port"), 7);
  EXPECT_EQ(attrs.Get<int64_t>(Path::Root("rule").Index(0).Attr("port")), 7);
  attrs.Set("id", Maybe<std::string>::Unknown());
  EXPECT_TRUE(attrs.Get<Maybe<std::string>>("id").IsUnknown());
}

TEST_F(AttributesModelTest, WholeObjectErrors) {
  // A model that does not cover the schema.
  Attributes attrs(&schema_, Value::NullVal(type_));
  ConversionError e = Catch([&] { attrs.Set(Rule{1, "tcp"}); });
  EXPECT_THAT(e.what(), AllOf(HasSubstr("model Rule does not match the object type"),
                              HasSubstr("object attribute \"name\" has no field")));
  // Reading a null whole object needs std::optional.
  e = Catch([&] { (void)attrs.Get<models::Server>(); });
  EXPECT_THAT(e.what(), HasSubstr("value is null"));
  EXPECT_EQ(attrs.Get<std::optional<models::Server>>(), std::nullopt);
  // Writing std::nullopt removes the whole object.
  attrs.Set(Sample());
  attrs.Set(std::optional<models::Server>());
  EXPECT_TRUE(attrs.IsNull());
  EXPECT_EQ(attrs.value().type(), type_);
  attrs.Set(Maybe<models::Server>::Unknown());
  EXPECT_EQ(attrs.value(), Value::UnknownVal(type_));
  // With no value yet, the schema gives the type.
  Attributes fresh(&schema_, Value());
  fresh.Set(Sample());
  EXPECT_EQ(fresh.value().type(), type_);
}

}  // namespace
}  // namespace tfsdk

// --- From an author's namespace, with unqualified calls as an author writes them. ------

namespace author {
namespace {

struct Thing {
  std::string name;
  tfsdk::Maybe<int64_t> size;
};
TFSDK_MODEL(Thing, name, size);

TEST(AuthorNamespaceTest, MapsAndConvertsOutsideTfsdk) {
  tfsdk::Schema schema{.attributes = {tfsdk::Attribute::String("name").Required(),
                                      tfsdk::Attribute::Number("size").Computed()}};
  tfsdk::Attributes plan(&schema,
                         tfsdk::Value::ObjectVal(schema.ImpliedType(),
                                                 {{"name", tfsdk::Value::StringVal("a")},
                                                  {"size", tfsdk::Value::UnknownVal(
                                                               tfsdk::Type::Number())}}));
  Thing t = plan.Get<Thing>();
  EXPECT_EQ(t.name, "a");
  EXPECT_TRUE(t.size.IsUnknown());
  t.size = 3;
  plan.Set(t);
  EXPECT_EQ(plan.GetValue("size"), tfsdk::Value::IntVal(3));

  // A model of another namespace, and containers of models, from here.
  tfsdk::Type rule = tfsdk::Type::Object(
      {{"port", tfsdk::Type::Number()}, {"protocol", tfsdk::Type::String()}});
  std::vector<shop::Rule> rules = {{1, "tcp"}};
  tfsdk::Value v = tfsdk::ToValue(rules, tfsdk::Type::List(rule));
  EXPECT_EQ(tfsdk::FromValue<std::vector<shop::Rule>>(v), rules);
}

}  // namespace
}  // namespace author
