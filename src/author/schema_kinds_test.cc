// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Schema::Validate() asks every validator, plan modifier and static default whether it can
// handle its attribute's type, so a mismatch stops the provider at start-up, naming the
// attribute, instead of failing at a user's plan as "a bug in the provider".

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tfsdk/attributes.h"
#include "tfsdk/plan_modifiers.h"
#include "tfsdk/schema.h"
#include "tfsdk/validators.h"

namespace tfsdk {
namespace {

using ::testing::HasSubstr;

Schema Attr(Attribute a) { return Schema{.attributes = {std::move(a)}}; }

// The single error of `s`, which must be at `path`.
std::string OnlyError(const Schema& s, const std::string& path) {
  Diagnostics diags = s.Validate();
  EXPECT_EQ(diags.ErrorCount(), 1u) << diags.ToString();
  if (diags.ErrorCount() != 1) return {};
  const Diagnostic& d = *diags.begin();
  EXPECT_EQ(d.summary, "Invalid schema");
  EXPECT_TRUE(d.path.has_value());
  if (d.path.has_value()) {
    EXPECT_EQ(d.path->ToString(), path);
  }
  EXPECT_THAT(d.detail, HasSubstr("\"" + path + "\""));
  return d.detail;
}

void ExpectValid(const Schema& s) {
  Diagnostics diags = s.Validate();
  EXPECT_FALSE(diags.HasError()) << diags.ToString();
}

TEST(SchemaKindsTest, StringValidatorOnANumberIsNamed) {
  std::string detail = OnlyError(
      Attr(Attribute::Number("n").Optional().Validators({validators::LengthAtLeast(1)})), "n");
  EXPECT_THAT(detail, HasSubstr("validator \"string length must be at least 1\""));
  EXPECT_THAT(detail, HasSubstr("checks strings, not number"));
}

TEST(SchemaKindsTest, NumberValidatorOnAStringIsNamed) {
  std::string detail =
      OnlyError(Attr(Attribute::String("n").Optional().Validators({validators::AtLeast(1)})), "n");
  EXPECT_THAT(detail, HasSubstr("checks numbers, not string"));
}

TEST(SchemaKindsTest, MatchingValidatorsPass) {
  ExpectValid(Schema{.attributes = {
                         Attribute::String("s").Optional().Validators(
                             {validators::LengthBetween(1, 3), validators::OneOf({"a", "b"}),
                              validators::RegexMatches("^a")}),
                         Attribute::Number("n").Optional().Validators(
                             {validators::Between(1, 3), validators::IsWholeNumber()}),
                         Attribute::List("l", Type::String())
                             .Optional()
                             .Validators({validators::SizeAtMost(2), validators::UniqueValues(),
                                          validators::Each({validators::LengthAtLeast(1)})}),
                         Attribute::Map("m", Type::Number())
                             .Optional()
                             .Validators({validators::Each({validators::AtMost(9)})}),
                         Attribute::Bool("b").Optional().Validators(
                             {validators::ConflictsWith({"s"})}),
                     }});
}

TEST(SchemaKindsTest, DynamicAcceptsEveryValidator) {
  ExpectValid(Attr(Attribute::Dynamic("d").Optional().Validators(
      {validators::LengthAtLeast(1), validators::AtLeast(0), validators::SizeAtMost(3),
       validators::Each({validators::LengthAtLeast(1)})})));
}

TEST(SchemaKindsTest, CollectionValidatorsOnAScalar) {
  EXPECT_THAT(OnlyError(Attr(Attribute::String("s").Optional().Validators(
                            {validators::SizeAtLeast(1)})),
                        "s"),
              HasSubstr("checks the size of a list, set, map, tuple or object, not string"));
  EXPECT_THAT(
      OnlyError(Attr(Attribute::Map("m", Type::String()).Optional().Validators(
                    {validators::UniqueValues()})),
                "m"),
      HasSubstr("not map of string"));
}

TEST(SchemaKindsTest, EachChecksTheElementType) {
  std::string detail = OnlyError(Attr(Attribute::Set("ports", Type::Number())
                                          .Optional()
                                          .Validators({validators::Each(
                                              {validators::LengthAtMost(5)})})),
                                 "ports");
  EXPECT_THAT(detail, HasSubstr("has the element validator \"string length must be at most 5\" "
                                "checks strings, not number"));
  EXPECT_THAT(OnlyError(Attr(Attribute::Bool("b").Optional().Validators(
                            {validators::Each({validators::LengthAtMost(5)})})),
                        "b"),
              HasSubstr("checks the elements of a list, set, map or tuple, not bool"));
}

TEST(SchemaKindsTest, AllAndAnyCheckEveryBranch) {
  EXPECT_THAT(OnlyError(Attr(Attribute::String("s").Optional().Validators(
                            {validators::All({validators::LengthAtLeast(1),
                                              validators::AtMost(3)})})),
                        "s"),
              HasSubstr("checks numbers, not string"));
  EXPECT_THAT(OnlyError(Attr(Attribute::String("s").Optional().Validators(
                            {validators::Any({validators::OneOf({"x"}),
                                              validators::IsWholeNumber()})})),
                        "s"),
              HasSubstr("checks numbers, not string"));
}

TEST(SchemaKindsTest, NestedAttributesAreCheckedAtTheirPath) {
  OnlyError(Attr(Attribute::SingleNested(
                     "settings",
                     {Attribute::Number("size").Optional().Validators({validators::OneOf({"a"})})})
                     .Optional()),
            "settings.size");
  // The nested attribute's own validators see its list type.
  ExpectValid(Attr(Attribute::ListNested("rule", {Attribute::Number("port").Required()})
                       .Optional()
                       .Validators({validators::SizeAtMost(3)})));
  OnlyError(Attr(Attribute::ListNested("rule", {Attribute::Number("port").Required()})
                     .Optional()
                     .Validators({validators::LengthAtLeast(1)})),
            "rule");
}

TEST(SchemaKindsTest, BlockValidatorsSeeTheBlockType) {
  NestedBlock ok = Block::List("rule", {.attributes = {Attribute::String("x").Optional()}});
  ok.validators = {validators::SizeAtMost(2)};
  ExpectValid(Schema{.blocks = {ok}});
  NestedBlock bad = Block::Set("rule", {.attributes = {Attribute::String("x").Optional()}});
  bad.validators = {validators::AtLeast(1)};
  EXPECT_THAT(OnlyError(Schema{.blocks = {bad}}, "rule"), HasSubstr("checks numbers, not set"));
  NestedBlock inner = Block::Single(
      "outer", {.attributes = {Attribute::Bool("on").Optional().Validators(
                    {validators::RegexMatches("x")})}});
  OnlyError(Schema{.blocks = {inner}}, "outer.on");
}

TEST(SchemaKindsTest, WrongTypedDefaultIsNamed) {
  std::string detail = OnlyError(
      Attr(Attribute::String("mode").Optional().Computed().Default(Value::IntVal(644))), "mode");
  EXPECT_THAT(detail, HasSubstr("the default is 644 of type number, but the attribute has type "
                                "string"));
}

TEST(SchemaKindsTest, TypedDefaultShorthands) {
  Schema s{.attributes = {
               Attribute::String("mode").Optional().Computed().Default("0644"),
               Attribute::String("owner").Optional().Computed().Default(std::string("root")),
               Attribute::Bool("on").Optional().Computed().Default(true),
               Attribute::Number("count").Optional().Computed().Default(3),
               Attribute::Number("big").Optional().Computed().Default(uint64_t{1} << 63),
               Attribute::Number("ratio").Optional().Computed().Default(0.5),
           }};
  ExpectValid(s);
  EXPECT_EQ(s.attributes[0].default_value->Description(),
            Attribute::String("x").Computed().Default(Value::StringVal("0644"))
                .default_value->Description());
  Diagnostics none;
  Attributes config;
  DefaultRequest req{.path = Path::Root("x"), .config = config};
  EXPECT_EQ(s.attributes[0].default_value->DefaultValue(req, none), Value::StringVal("0644"));
  EXPECT_EQ(s.attributes[2].default_value->DefaultValue(req, none), Value::BoolVal(true));
  EXPECT_EQ(s.attributes[3].default_value->DefaultValue(req, none), Value::IntVal(3));
  EXPECT_EQ(s.attributes[4].default_value->DefaultValue(req, none),
            Value::NumberVal(Number::FromUint64(uint64_t{1} << 63)));
  EXPECT_EQ(s.attributes[5].default_value->DefaultValue(req, none), Value::FloatVal(0.5));
  EXPECT_FALSE(none.HasError()) << none.ToString();

  // The shorthand on the wrong kind of attribute is caught like any other default.
  EXPECT_THAT(OnlyError(Attr(Attribute::Number("perm").Optional().Computed().Default("0644")),
                        "perm"),
              HasSubstr("of type string, but the attribute has type number"));
  EXPECT_THAT(OnlyError(Attr(Attribute::String("on").Optional().Computed().Default(false)),
                        "on"),
              HasSubstr("of type bool, but the attribute has type string"));
  EXPECT_THROW(Attribute::String("x").Computed().Default(static_cast<const char*>(nullptr)),
               std::invalid_argument);
}

TEST(SchemaKindsTest, NullOrUnknownStaticDefaultIsNamed) {
  EXPECT_THAT(OnlyError(Attr(Attribute::String("s").Optional().Computed().Default(
                            Value::NullVal(Type::String()))),
                        "s"),
              HasSubstr("the default is null"));
  EXPECT_THAT(OnlyError(Attr(Attribute::String("s").Optional().Computed().Default(
                            Value::UnknownVal(Type::String()))),
                        "s"),
              HasSubstr("the default is not known"));
}

TEST(SchemaKindsTest, CollectionDefaultMustMatchTheElementType) {
  ExpectValid(Attr(Attribute::List("l", Type::String())
                       .Optional()
                       .Computed()
                       .Default(Value::ListVal(Type::String(), {Value::StringVal("a")}))));
  OnlyError(Attr(Attribute::List("l", Type::String())
                     .Optional()
                     .Computed()
                     .Default(Value::ListVal(Type::Number(), {Value::IntVal(1)}))),
            "l");
}

// An author's validator that declares the types it handles, and one that throws.
class OnlyBools final : public Validator {
 public:
  std::string Description() const override { return "only bools"; }
  void Validate(const ValidatorRequest&, Diagnostics&) const override {}
  std::string TypeMismatch(const Type& t) const override {
    return t.kind() == TypeKind::kBool ? "" : "checks bools, not " + t.FriendlyName();
  }
};
class Throws final : public Validator {
 public:
  std::string Description() const override { return "throws"; }
  void Validate(const ValidatorRequest&, Diagnostics&) const override {}
  std::string TypeMismatch(const Type&) const override { throw std::runtime_error("boom"); }
};
class Silent final : public Validator {  // declares nothing: every type is accepted
 public:
  std::string Description() const override { return "silent"; }
  void Validate(const ValidatorRequest&, Diagnostics&) const override {}
};

TEST(SchemaKindsTest, AuthorValidators) {
  ExpectValid(Attr(Attribute::Bool("b").Optional().Validators({std::make_shared<OnlyBools>()})));
  ExpectValid(Attr(Attribute::Number("n").Optional().Validators({std::make_shared<Silent>()})));
  EXPECT_THAT(OnlyError(Attr(Attribute::Number("n").Optional().Validators(
                            {std::make_shared<OnlyBools>()})),
                        "n"),
              HasSubstr("validator \"only bools\" checks bools, not number"));
  EXPECT_THAT(
      OnlyError(Attr(Attribute::Number("n").Optional().Validators(
                    {std::make_shared<Silent>(), std::make_shared<Throws>()})),
                "n"),
      HasSubstr("validator 2 threw while its type was checked: boom"));
}

class OnlyStringsModifier final : public PlanModifier {
 public:
  std::string Description() const override { return "lower-cases the plan"; }
  void Modify(const PlanModifierRequest&, PlanModifierResponse&) const override {}
  std::string TypeMismatch(const Type& t) const override {
    return t.kind() == TypeKind::kString ? "" : "modifies strings, not " + t.FriendlyName();
  }
};

TEST(SchemaKindsTest, PlanModifiersAreAsked) {
  ExpectValid(Attr(Attribute::String("s").Optional().PlanModifiers(
      {std::make_shared<OnlyStringsModifier>(), modifiers::UseStateForUnknown()})));
  EXPECT_THAT(OnlyError(Attr(Attribute::Number("n").Optional().PlanModifiers(
                            {std::make_shared<OnlyStringsModifier>()})),
                        "n"),
              HasSubstr("plan modifier \"lower-cases the plan\" modifies strings, not number"));
}

TEST(SchemaKindsTest, EveryMismatchIsReported) {
  Schema s{.attributes = {
               Attribute::Number("a").Optional().Validators({validators::LengthAtLeast(1)}),
               Attribute::String("b").Optional().Computed().Default(true),
           }};
  Diagnostics diags = s.Validate();
  EXPECT_EQ(diags.ErrorCount(), 2u) << diags.ToString();
}

}  // namespace
}  // namespace tfsdk
