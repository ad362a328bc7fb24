// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/value.h"

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "tfsdk/diagnostics.h"

namespace tfsdk {
namespace {

Type RuleType() {
  return Type::Object({{"port", Type::Number()}, {"cidr", Type::String()}});
}

Value Rule(int64_t port, std::string cidr) {
  return Value::ObjectVal(RuleType(),
                          {{"port", Value::IntVal(port)}, {"cidr", Value::StringVal(cidr)}});
}

Type ResourceType() {
  return Type::Object({{"name", Type::String()},
                       {"rules", Type::List(RuleType())},
                       {"tags", Type::Map(Type::String())},
                       {"ids", Type::Set(Type::Number())}});
}

Value Resource() {
  return Value::ObjectVal(
      ResourceType(),
      {{"name", Value::StringVal("web")},
       {"rules", Value::ListVal(RuleType(), {Rule(80, "0.0.0.0/0"), Rule(443, "10.0.0.0/8")})},
       {"tags", Value::MapVal(Type::String(), {{"env", Value::StringVal("prod")}})},
       {"ids", Value::SetVal(Type::Number(), {Value::IntVal(1), Value::IntVal(2)})}});
}

TEST(TypeTest, StructuralEqualityAndNames) {
  EXPECT_EQ(Type::List(Type::String()), Type::List(Type::String()));
  EXPECT_NE(Type::List(Type::String()), Type::Set(Type::String()));
  EXPECT_EQ(Type::List(Type::Map(Type::Number())).FriendlyName(), "list of map of number");
  Type obj = Type::Object({{"b", Type::Bool()}, {"a", Type::String()}}, {"a", "zzz"});
  ASSERT_EQ(obj.AttributeTypes().size(), 2u);
  EXPECT_EQ(obj.AttributeTypes()[0].first, "a");  // sorted
  EXPECT_EQ(obj.AttributeIndex("b"), 1);
  EXPECT_EQ(obj.AttributeIndex("c"), -1);
  EXPECT_EQ(obj.OptionalAttributes(), std::set<std::string>{"a"});  // unknown names dropped
  EXPECT_NE(obj, obj.WithoutOptionalAttributes());
  EXPECT_EQ(obj.WithoutOptionalAttributes(),
            Type::Object({{"b", Type::Bool()}, {"a", Type::String()}}));
  EXPECT_TRUE(Type::Tuple({Type::String(), Type::List(Type::Dynamic())}).HasDynamic());
  EXPECT_FALSE(ResourceType().HasDynamic());
  EXPECT_EQ(Type().kind(), TypeKind::kDynamic);
}

TEST(ValueTest, ThreeStates) {
  Value null = Value::NullVal(Type::String());
  Value unknown = Value::UnknownVal(Type::String());
  Value known = Value::StringVal("x");
  EXPECT_TRUE(null.IsNull());
  EXPECT_FALSE(null.IsUnknown());
  EXPECT_TRUE(unknown.IsUnknown());
  EXPECT_FALSE(unknown.IsWhollyKnown());
  EXPECT_TRUE(known.IsKnown());
  EXPECT_EQ(known.AsString(), "x");
  EXPECT_NE(null, unknown);
  EXPECT_NE(unknown, known);
  EXPECT_EQ(Value::UnknownVal(Type::String()), unknown);
  EXPECT_THROW(null.AsString(), std::logic_error);
  EXPECT_THROW(known.AsBool(), std::logic_error);
  EXPECT_TRUE(Value().IsNull());
  EXPECT_TRUE(Value().type().IsDynamic());
}

TEST(ValueTest, Refinements) {
  Refinements r;
  r.not_null = true;
  r.string_prefix = "arn:";
  Value v = Value::UnknownVal(Type::String(), r);
  EXPECT_EQ(v.refinements().string_prefix, "arn:");
  EXPECT_TRUE(v.refinements().not_null);
  EXPECT_NE(v, Value::UnknownVal(Type::String()));
  EXPECT_EQ(v, Value::UnknownVal(Type::String(), r));

  Refinements bad_prefix;
  bad_prefix.string_prefix = "x";
  EXPECT_THROW(Value::UnknownVal(Type::Number(), bad_prefix), std::invalid_argument);
  Refinements bounds;
  bounds.number_lower = Number::FromInt64(1);
  EXPECT_THROW(Value::UnknownVal(Type::String(), bounds), std::invalid_argument);
  EXPECT_NO_THROW(Value::UnknownVal(Type::Number(), bounds));
  Refinements len;
  len.length_lower = 1;
  EXPECT_THROW(Value::UnknownVal(Type::Object({}), len), std::invalid_argument);
  EXPECT_NO_THROW(Value::UnknownVal(Type::Set(Type::String()), len));
  Refinements nn;
  nn.not_null = true;
  EXPECT_THROW(Value::UnknownVal(Type::Dynamic(), nn), std::invalid_argument);
}

TEST(ValueTest, FactoriesCheckTypes) {
  EXPECT_THROW(Value::ListVal(Type::String(), {Value::IntVal(1)}), std::invalid_argument);
  EXPECT_THROW(Value::MapVal(Type::Bool(), {{"a", Value::StringVal("x")}}),
               std::invalid_argument);
  EXPECT_THROW(Value::ObjectVal(RuleType(), {{"nope", Value::IntVal(1)}}),
               std::invalid_argument);
  EXPECT_THROW(Value::ObjectVal(RuleType(), {{"port", Value::StringVal("80")}}),
               std::invalid_argument);
  // Nulls and unknowns of the element type are fine; so is anything in a dynamic list.
  EXPECT_NO_THROW(Value::ListVal(Type::String(), {Value::NullVal(Type::String()),
                                                  Value::UnknownVal(Type::String())}));
  EXPECT_NO_THROW(Value::ListVal(Type::Dynamic(), {Value::IntVal(1)}));
  // Missing attributes become null.
  Value partial = Value::ObjectVal(RuleType(), {{"port", Value::IntVal(22)}});
  EXPECT_TRUE(partial.GetAttr("cidr").IsNull());
  EXPECT_EQ(partial.GetAttr("cidr").type(), Type::String());
}

TEST(ValueTest, ObjectAccessAndPaths) {
  Value r = Resource();
  EXPECT_EQ(r.GetAttr("name").AsString(), "web");
  EXPECT_EQ(r.FindAttr("nope"), nullptr);
  EXPECT_THROW(r.GetAttr("nope"), std::out_of_range);
  EXPECT_EQ(r.GetAttr("tags").FindKey("env")->AsString(), "prod");
  EXPECT_EQ(r.GetAttr("tags").FindKey("none"), nullptr);

  Path port = Path::Root("rules").Index(1).Attr("port");
  EXPECT_EQ(port.ToString(), "rules[1].port");
  EXPECT_EQ(Path::Root("tags").Key("e\"v").ToString(), "tags[\"e\\\"v\"]");
  absl::StatusOr<Value> got = r.At(port);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->AsNumber().ToInt64(), 443);
  EXPECT_EQ(r.At(Path::Root("tags").Key("env"))->AsString(), "prod");

  absl::StatusOr<Value> missing = r.At(Path::Root("rules").Index(5));
  EXPECT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("rules[5]"), std::string::npos)
      << missing.status();
  EXPECT_FALSE(r.At(Path::Root("nope")).ok());
  EXPECT_FALSE(r.At(Path::Root("name").Index(0)).ok());

  // Through null and unknown containers.
  Value with_null = r.WithAttr("rules", Value::NullVal(Type::List(RuleType())));
  absl::StatusOr<Value> through_null = with_null.At(port);
  ASSERT_TRUE(through_null.ok());
  EXPECT_TRUE(through_null->IsNull());
  EXPECT_EQ(through_null->type(), Type::Number());
  Value with_unknown = r.WithAttr("rules", Value::UnknownVal(Type::List(RuleType())));
  EXPECT_TRUE(with_unknown.At(port)->IsUnknown());
}

TEST(ValueTest, WithAtReplacesAndChecks) {
  Value r = Resource();
  Path port = Path::Root("rules").Index(0).Attr("port");
  absl::StatusOr<Value> changed = r.WithAt(port, Value::IntVal(8080));
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->At(port)->AsNumber().ToInt64(), 8080);
  EXPECT_EQ(r.At(port)->AsNumber().ToInt64(), 80);  // original unchanged
  EXPECT_EQ(changed->GetAttr("name"), r.GetAttr("name"));

  absl::StatusOr<Value> wrong = r.WithAt(port, Value::StringVal("x"));
  EXPECT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("rules[0].port"), std::string::npos);

  absl::StatusOr<Value> tag = r.WithAt(Path::Root("tags").Key("env"), Value::StringVal("dev"));
  ASSERT_TRUE(tag.ok());
  EXPECT_EQ(tag->GetAttr("tags").FindKey("env")->AsString(), "dev");

  Value null_rules = r.WithAttr("rules", Value::NullVal(Type::List(RuleType())));
  EXPECT_FALSE(null_rules.WithAt(port, Value::IntVal(1)).ok());
}

TEST(ValueTest, EqualityAndHash) {
  EXPECT_EQ(Resource(), Resource());
  EXPECT_EQ(Resource().Hash(), Resource().Hash());
  EXPECT_NE(Resource(), Resource().WithAttr("name", Value::StringVal("db")));
  // Sets compare regardless of order.
  Value a = Value::SetVal(Type::String(), {Value::StringVal("x"), Value::StringVal("y")});
  Value b = Value::SetVal(Type::String(), {Value::StringVal("y"), Value::StringVal("x")});
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.Hash(), b.Hash());
  // Numbers compare by value.
  EXPECT_EQ(Value::IntVal(1), Value::FloatVal(1.0));
  EXPECT_EQ(Value::IntVal(1).Hash(), Value::FloatVal(1.0).Hash());
  // Empty collections are equal however they were built.
  EXPECT_EQ(Value::ListVal(Type::String(), {}), Value::ListVal(Type::String(), {}));
  EXPECT_NE(Value::ListVal(Type::String(), {}), Value::NullVal(Type::List(Type::String())));
  EXPECT_NE(Value::ListVal(Type::String(), {}), Value::ListVal(Type::Number(), {}));
}

TEST(ValueTest, SetsDeduplicateKnownElementsOnly) {
  Value s = Value::SetVal(Type::String(), {Value::StringVal("a"), Value::StringVal("a"),
                                           Value::StringVal("b")});
  EXPECT_EQ(s.Length(), 2u);
  EXPECT_TRUE(s.Contains(Value::StringVal("b")));
  EXPECT_FALSE(s.Contains(Value::StringVal("c")));
  // Unknown elements may turn out different, so they are never merged.
  Value u = Value::SetVal(Type::String(), {Value::UnknownVal(Type::String()),
                                           Value::UnknownVal(Type::String())});
  EXPECT_EQ(u.Length(), 2u);
}

TEST(ValueTest, LargeSetsAreLinear) {
  constexpr int kN = 10000;
  ValueList elems;
  elems.reserve(2 * kN);
  for (int i = 0; i < kN; ++i) {
    elems.push_back(Value::ObjectVal(RuleType(), {{"port", Value::IntVal(i)},
                                                  {"cidr", Value::StringVal("10.0.0.0/8")}}));
  }
  for (int i = 0; i < kN; ++i) elems.push_back(elems[i]);  // every element twice
  ValueList reversed(elems.rbegin(), elems.rend());
  auto start = std::chrono::steady_clock::now();
  Value a = Value::SetVal(RuleType(), elems);
  Value b = Value::SetVal(RuleType(), reversed);
  bool equal = a == b;
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(a.Length(), static_cast<size_t>(kN));
  EXPECT_TRUE(equal);
  // Quadratic behaviour would take minutes here; linear takes milliseconds.
  EXPECT_LT(seconds, 5.0);
  Value c = a.WithAt(Path().Index(0).Attr("port"), Value::IntVal(-1)).value();
  EXPECT_NE(a, c);
}

TEST(ValueTest, CheckConformsNamesThePath) {
  Value r = Resource();
  EXPECT_TRUE(r.CheckConforms(ResourceType()).ok());
  EXPECT_TRUE(r.CheckConforms(Type::Dynamic()).ok());
  Type other = Type::Object({{"name", Type::String()},
                             {"rules", Type::List(Type::Object({{"port", Type::String()},
                                                                {"cidr", Type::String()}}))},
                             {"tags", Type::Map(Type::String())},
                             {"ids", Type::Set(Type::Number())}});
  absl::Status s = r.CheckConforms(other);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("rules[0].port"), std::string::npos) << s;
  EXPECT_NE(s.message().find("string required"), std::string::npos) << s;
  EXPECT_FALSE(r.CheckConforms(Type::Object({{"name", Type::String()}})).ok());
  EXPECT_TRUE(Value::NullVal(Type::Dynamic()).CheckConforms(Type::String()).ok());
  EXPECT_FALSE(Value::NullVal(Type::Number()).CheckConforms(Type::String()).ok());
}

TEST(ValueTest, WalkVisitsEveryNestedValue) {
  std::vector<std::string> paths;
  Resource().Walk([&](const Path& p, const Value&) {
    paths.push_back(p.ToString());
    return p.ToString() != "tags";  // skip the map's children
  });
  std::vector<std::string> expected = {"",         "ids",           "ids[0]",
                                       "ids[1]",   "name",          "rules",
                                       "rules[0]", "rules[0].cidr", "rules[0].port",
                                       "rules[1]", "rules[1].cidr", "rules[1].port",
                                       "tags"};
  EXPECT_EQ(paths, expected);
}

TEST(ValueTest, TransformRebuildsBottomUp) {
  absl::StatusOr<Value> doubled = Resource().Transform([](const Path&, const Value& v) {
    if (v.IsKnown() && v.type() == Type::Number()) {
      return absl::StatusOr<Value>(Value::IntVal(*v.AsNumber().ToInt64() * 2));
    }
    return absl::StatusOr<Value>(v);
  });
  ASSERT_TRUE(doubled.ok()) << doubled.status();
  EXPECT_EQ(doubled->At(Path::Root("rules").Index(1).Attr("port"))->AsNumber().ToInt64(), 886);
  EXPECT_TRUE(doubled->GetAttr("ids").Contains(Value::IntVal(4)));

  absl::StatusOr<Value> bad = Resource().Transform([](const Path& p, const Value& v) {
    if (p.ToString() == "name") return absl::StatusOr<Value>(Value::IntVal(1));
    return absl::StatusOr<Value>(v);
  });
  EXPECT_FALSE(bad.ok());
}

TEST(ValueTest, ToStringRendersLikeAPlan) {
  Value v = Value::ObjectVal({{"a", Value::StringVal("x")},
                              {"b", Value::UnknownVal(Type::Number())},
                              {"c", Value::NullVal(Type::Bool())},
                              {"d", Value::TupleVal({Value::BoolVal(true), Value::IntVal(2)})}});
  EXPECT_EQ(v.ToString(), "{a = \"x\", b = (known after apply), c = null, d = [true, 2]}");
}

// Copies and moves of every kind of value: copies are equal and independent of the
// original's lifetime, a moved-from value is a null of dynamic type (strings: empty), and
// assigning a value its own nested value works although the assignment frees the parent.
TEST(ValueTest, CopyMoveAndAssignEveryRepresentation) {
  Refinements prefix;
  prefix.string_prefix = "ab";
  const std::vector<Value> cases = {
      Value(),
      Value::NullVal(RuleType()),
      Value::UnknownVal(Type::String(), prefix),
      Value::BoolVal(true),
      Value::IntVal(-7),
      Value::NumberVal(*Number::Parse("0.1")),
      Value::StringVal("short"),
      Value::StringVal(std::string(100, 'x')),
      Resource(),
      Value::MapVal(Type::String(), {{"k", Value::StringVal("v")}}),
  };
  for (const Value& original : cases) {
    SCOPED_TRACE(original.ToString());
    Value copy = original;
    EXPECT_TRUE(copy.RawEquals(original));
    EXPECT_EQ(copy.type(), original.type());
    EXPECT_EQ(copy.Hash(), original.Hash());

    Value moved = std::move(copy);
    EXPECT_TRUE(moved.RawEquals(original));
    if (original.type().IsPrimitive() && original.IsKnown()) {
      EXPECT_TRUE(copy.IsKnown());  // primitives keep a value (strings: maybe empty)
    } else {
      EXPECT_TRUE(copy.IsNull());
      EXPECT_TRUE(copy.type().IsDynamic());
    }

    Value assigned = Value::IntVal(1);
    assigned = moved;
    EXPECT_TRUE(assigned.RawEquals(original));
    assigned = Value::StringVal(std::string(50, 'y'));
    EXPECT_EQ(assigned.AsString(), std::string(50, 'y'));
    assigned = std::move(moved);
    EXPECT_TRUE(assigned.RawEquals(original));
    Value& self = assigned;
    assigned = self;
    EXPECT_TRUE(assigned.RawEquals(original));
  }

  // The only reference to the parent is the value being assigned to.
  Value v = Resource();
  v = v.GetAttr("rules");
  EXPECT_EQ(v.Length(), 2u);
  v = v.Index(1);
  EXPECT_EQ(v.GetAttr("port").AsNumber().ToInt64(), 443);
  v = v.GetAttr("cidr");
  EXPECT_EQ(v.AsString(), "10.0.0.0/8");
}

// Values share their nested values: a copy outlives the original and copies made on
// several threads at once are safe (the sanitizer build makes this meaningful).
TEST(ValueTest, SharedNestedValuesOutliveTheirParents) {
  Value child;
  {
    Value parent = Resource();
    child = parent.GetAttr("rules");
  }
  EXPECT_EQ(child.Index(0).GetAttr("cidr").AsString(), "0.0.0.0/0");

  const Value shared = Resource();
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&shared] {
      for (int j = 0; j < 2000; ++j) {
        Value copy = shared;
        Value rules = copy.GetAttr("rules");
        if (rules.Length() != 2) std::abort();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(shared.GetAttr("rules").Length(), 2u);
}

TEST(DiagnosticsTest, CollectsAndPrefixes) {
  Diagnostics d;
  EXPECT_FALSE(d.HasError());
  d.AddWarning("careful");
  EXPECT_FALSE(d.HasError());
  d.AddError("bad port", "must be < 65536", Path::Root("port"));
  EXPECT_TRUE(d.HasError());
  EXPECT_EQ(d.ErrorCount(), 1u);
  Diagnostics outer;
  outer.AppendAt(Path::Root("rule").Index(2), d);
  ASSERT_EQ(outer.size(), 2u);
  EXPECT_EQ(outer[0].path->ToString(), "rule[2]");
  EXPECT_EQ(outer[1].path->ToString(), "rule[2].port");
  EXPECT_EQ(outer[1].ToString(), "Error: bad port: must be < 65536 (at rule[2].port)");
}

TEST(PathTest, PrefixAndParent) {
  Path p = Path::Root("a").Key("k").Index(3);
  EXPECT_TRUE(p.HasPrefix(Path::Root("a")));
  EXPECT_TRUE(p.HasPrefix(Path()));
  EXPECT_FALSE(p.HasPrefix(Path::Root("b")));
  EXPECT_EQ(p.Parent(), Path::Root("a").Key("k"));
  EXPECT_THROW(Path().Parent(), std::logic_error);
  EXPECT_EQ(p.size(), 3u);
}

}  // namespace
}  // namespace tfsdk
