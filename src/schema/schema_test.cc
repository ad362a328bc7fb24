// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/schema.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tfsdk {
namespace {

using ::testing::HasSubstr;

// The protocol numbers must not drift: they are sent to Terraform as they are.
static_assert(static_cast<int>(NestingMode::kInvalid) == 0);
static_assert(static_cast<int>(NestingMode::kSingle) == 1);
static_assert(static_cast<int>(NestingMode::kList) == 2);
static_assert(static_cast<int>(NestingMode::kSet) == 3);
static_assert(static_cast<int>(NestingMode::kMap) == 4);
static_assert(static_cast<int>(NestingMode::kGroup) == 5);
static_assert(static_cast<int>(StringKind::kPlain) == 0);
static_assert(static_cast<int>(StringKind::kMarkdown) == 1);

// The shape an author writes, as in the design brief (its "..." filled in).
Schema ExampleSchema() {
  return tfsdk::Schema{
      .version = 1,
      .description = "A file on the local disk.",
      .attributes =
          {
              tfsdk::Attribute::String("path").Required().RequiresReplace(),
              tfsdk::Attribute::String("content").Required().Sensitive(),
              tfsdk::Attribute::String("sha256").Computed().Description("SHA-256 of content"),
              tfsdk::Attribute::Map("labels", tfsdk::Type::String()).Optional(),
              tfsdk::Attribute::ListNested("rule", {tfsdk::Attribute::Number("port").Required()})
                  .Optional(),
          },
      .blocks =
          {
              tfsdk::Block::List(
                  "timeouts_like",
                  {.attributes = {tfsdk::Attribute::String("create").Optional()},
                   .blocks = {tfsdk::Block::Single(
                       "inner", {.attributes = {tfsdk::Attribute::Bool("on").Optional()}})}})
                  .MinItems(0)
                  .MaxItems(1),
          },
  };
}

TEST(SchemaTest, DesignatedInitializerExampleBuildsTheSchema) {
  Schema s = ExampleSchema();
  EXPECT_EQ(s.version, 1);
  EXPECT_EQ(s.description, "A file on the local disk.");
  EXPECT_EQ(s.description_kind, StringKind::kPlain);
  ASSERT_EQ(s.attributes.size(), 5u);
  ASSERT_EQ(s.blocks.size(), 1u);

  const Attribute& path = s.attributes[0];
  EXPECT_EQ(path.name, "path");
  EXPECT_EQ(path.type, Type::String());
  EXPECT_TRUE(path.required);
  EXPECT_TRUE(path.requires_replace);
  EXPECT_FALSE(path.optional);
  EXPECT_FALSE(path.computed);
  EXPECT_FALSE(path.sensitive);

  EXPECT_TRUE(s.attributes[1].sensitive);
  EXPECT_EQ(s.attributes[2].description, "SHA-256 of content");
  EXPECT_TRUE(s.attributes[2].computed);
  EXPECT_EQ(s.attributes[3].type, Type::Map(Type::String()));

  const Attribute& rule = s.attributes[4];
  EXPECT_FALSE(rule.type.has_value());
  ASSERT_TRUE(rule.IsNested());
  EXPECT_EQ(rule.nested->nesting, NestingMode::kList);
  ASSERT_EQ(rule.nested->attributes.size(), 1u);
  EXPECT_EQ(rule.nested->attributes[0].name, "port");

  const NestedBlock& b = s.blocks[0];
  EXPECT_EQ(b.type_name, "timeouts_like");
  EXPECT_EQ(b.nesting, NestingMode::kList);
  EXPECT_EQ(b.min_items, 0);
  EXPECT_EQ(b.max_items, 1);
  ASSERT_EQ(b.block.attributes.size(), 1u);
  ASSERT_EQ(b.block.blocks.size(), 1u);
  EXPECT_EQ(b.block.blocks[0].nesting, NestingMode::kSingle);

  EXPECT_TRUE(s.Validate().empty()) << s.Validate().ToString();
}

TEST(SchemaTest, BuildersSetExactlyTheirField) {
  Attribute a = Attribute::Number("n");
  EXPECT_FALSE(a.required || a.optional || a.computed || a.sensitive || a.write_only ||
               a.deprecated || a.requires_replace);

  a.Optional().Computed().WriteOnly().Deprecated("use m").MarkdownDescription("**n**");
  EXPECT_TRUE(a.optional);
  EXPECT_TRUE(a.computed);
  EXPECT_TRUE(a.write_only);
  EXPECT_FALSE(a.required);
  EXPECT_FALSE(a.sensitive);
  EXPECT_TRUE(a.deprecated);
  EXPECT_EQ(a.deprecation_message, "use m");
  EXPECT_EQ(a.description, "**n**");
  EXPECT_EQ(a.description_kind, StringKind::kMarkdown);
  a.Description("plain");
  EXPECT_EQ(a.description_kind, StringKind::kPlain);

  NestedBlock nb = Block::Set("s", {}).MinItems(2).MaxItems(5).MarkdownDescription("_s_");
  EXPECT_EQ(nb.nesting, NestingMode::kSet);
  EXPECT_EQ(nb.min_items, 2);
  EXPECT_EQ(nb.max_items, 5);
  EXPECT_EQ(nb.block.description, "_s_");
  EXPECT_EQ(nb.block.description_kind, StringKind::kMarkdown);
  nb.Deprecated("gone");
  EXPECT_TRUE(nb.block.deprecated);
  EXPECT_EQ(nb.block.deprecation_message, "gone");
}

TEST(SchemaTest, NestingModeNames) {
  EXPECT_EQ(NestingModeName(NestingMode::kSingle), "SINGLE");
  EXPECT_EQ(NestingModeName(NestingMode::kList), "LIST");
  EXPECT_EQ(NestingModeName(NestingMode::kSet), "SET");
  EXPECT_EQ(NestingModeName(NestingMode::kMap), "MAP");
  EXPECT_EQ(NestingModeName(NestingMode::kGroup), "GROUP");
  EXPECT_EQ(NestingModeName(NestingMode::kInvalid), "INVALID");
  EXPECT_EQ(NestingModeName(static_cast<NestingMode>(42)), "INVALID");
}

// --- Implied types ------------------------------------------------------------------------

TEST(ImpliedTypeTest, EveryTypedAttributeKind) {
  Type point = Type::Object({{"x", Type::Number()}, {"y", Type::Number()}});
  Schema s{.attributes = {
               Attribute::String("s").Optional(),
               Attribute::Number("n").Optional(),
               Attribute::Bool("b").Optional(),
               Attribute::Dynamic("d").Optional(),
               Attribute::List("l", Type::String()).Optional(),
               Attribute::Set("st", Type::Number()).Optional(),
               Attribute::Map("m", Type::Bool()).Optional(),
               Attribute::Object("o", {{"x", Type::Number()}, {"y", Type::Number()}}).Optional(),
               Attribute::Object("o2", point).Optional(),
               Attribute::Typed("t", Type::Tuple({Type::String(), Type::Bool()})).Optional(),
           }};
  Type expected = Type::Object({
      {"s", Type::String()},
      {"n", Type::Number()},
      {"b", Type::Bool()},
      {"d", Type::Dynamic()},
      {"l", Type::List(Type::String())},
      {"st", Type::Set(Type::Number())},
      {"m", Type::Map(Type::Bool())},
      {"o", point},
      {"o2", point},
      {"t", Type::Tuple({Type::String(), Type::Bool()})},
  });
  EXPECT_EQ(s.ImpliedType(), expected) << s.ImpliedType().ToJson();
  // The root object has no optional markers even though every attribute is Optional.
  EXPECT_EQ(s.ConstraintType(), expected) << s.ConstraintType().ToJson();
  EXPECT_TRUE(s.ImpliedType().OptionalAttributes().empty());
}

TEST(ImpliedTypeTest, ObjectAttributeOptionalMarkersAreStrippedOnlyInImpliedType) {
  Attribute a = Attribute::Object("o", {{"a", Type::String()}, {"b", Type::Number()}}, {"b"});
  Type with_marker = Type::Object({{"a", Type::String()}, {"b", Type::Number()}}, {"b"});
  EXPECT_EQ(a.ConstraintType(), with_marker);
  EXPECT_EQ(a.ImpliedType(), with_marker.WithoutOptionalAttributes());
  EXPECT_NE(a.ImpliedType(), with_marker);
}

struct NestedCase {
  const char* name;
  Attribute (*factory)(std::string, std::vector<Attribute>);
  Type (*wrap)(Type object);
};

class NestedAttributeTypeTest : public ::testing::TestWithParam<NestedCase> {};

TEST_P(NestedAttributeTypeTest, WrapsObjectAndMarksNonRequiredOptional) {
  const NestedCase& c = GetParam();
  Attribute a = c.factory("n", {
                                   Attribute::String("req").Required(),
                                   Attribute::String("opt").Optional(),
                                   Attribute::String("comp").Computed(),
                                   Attribute::String("optcomp").Optional().Computed(),
                               });
  std::map<std::string, Type> attrs = {{"req", Type::String()},
                                       {"opt", Type::String()},
                                       {"comp", Type::String()},
                                       {"optcomp", Type::String()}};
  Type constraint = c.wrap(Type::Object(attrs, {"opt", "comp", "optcomp"}));
  Type implied = c.wrap(Type::Object(attrs));
  EXPECT_EQ(a.ConstraintType(), constraint) << a.ConstraintType().ToJson();
  EXPECT_EQ(a.ImpliedType(), implied) << a.ImpliedType().ToJson();

  // Inside a schema: the constraint keeps markers below the root, the implied type none.
  Schema s{.attributes = {a.Optional()}};
  EXPECT_EQ(s.ConstraintType(), Type::Object({{"n", constraint}}));
  EXPECT_EQ(s.ImpliedType(), Type::Object({{"n", implied}}));
}

INSTANTIATE_TEST_SUITE_P(
    AllModes, NestedAttributeTypeTest,
    ::testing::Values(
        NestedCase{"single", &Attribute::SingleNested, [](Type o) { return o; }},
        NestedCase{"list", &Attribute::ListNested, [](Type o) { return Type::List(o); }},
        NestedCase{"set", &Attribute::SetNested, [](Type o) { return Type::Set(o); }},
        NestedCase{"map", &Attribute::MapNested, [](Type o) { return Type::Map(o); }}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ImpliedTypeTest, NestedAttributesInsideNestedAttributes) {
  Attribute a = Attribute::ListNested(
      "outer", {Attribute::MapNested("inner", {Attribute::Bool("flag").Optional()}).Required()});
  Type inner_constraint = Type::Map(Type::Object({{"flag", Type::Bool()}}, {"flag"}));
  EXPECT_EQ(a.ConstraintType(), Type::List(Type::Object({{"inner", inner_constraint}})));
  EXPECT_EQ(
      a.ImpliedType(),
      Type::List(Type::Object({{"inner", Type::Map(Type::Object({{"flag", Type::Bool()}}))}})));
}

struct BlockTypeCase {
  const char* name;
  NestedBlock block;
  Type expected;  // type of the block's attribute in the parent object
};

class BlockImpliedTypeTest : public ::testing::TestWithParam<BlockTypeCase> {};

TEST_P(BlockImpliedTypeTest, ImpliedType) {
  const BlockTypeCase& c = GetParam();
  EXPECT_EQ(c.block.ImpliedType(), c.expected) << c.block.ImpliedType().ToJson();
  Schema s{.blocks = {c.block}};
  EXPECT_EQ(s.ImpliedType(), Type::Object({{c.block.type_name, c.expected}}))
      << s.ImpliedType().ToJson();
}

Block Plain() {
  return Block{
      .attributes = {Attribute::String("a").Optional(),
                     Attribute::SingleNested("n", {Attribute::Number("x").Optional()}).Optional()}};
}
Type PlainObject() {
  return Type::Object({{"a", Type::String()}, {"n", Type::Object({{"x", Type::Number()}})}});
}
Block WithDynamic() {
  return Block{
      .attributes = {Attribute::String("a").Optional(), Attribute::Dynamic("d").Optional()}};
}
Type DynamicObject() { return Type::Object({{"a", Type::String()}, {"d", Type::Dynamic()}}); }
// A block whose dynamic content sits two block levels down.
Block WithDeepDynamic() { return Block{.blocks = {Block::Single("inner", WithDynamic())}}; }

INSTANTIATE_TEST_SUITE_P(
    AllModes, BlockImpliedTypeTest,
    ::testing::Values(
        BlockTypeCase{"single", Block::Single("b", Plain()), PlainObject()},
        BlockTypeCase{"group", Block::Group("b", Plain()), PlainObject()},
        BlockTypeCase{"list", Block::List("b", Plain()), Type::List(PlainObject())},
        BlockTypeCase{"set", Block::Set("b", Plain()), Type::Set(PlainObject())},
        BlockTypeCase{"map", Block::Map("b", Plain()), Type::Map(PlainObject())},
        BlockTypeCase{"single_dynamic", Block::Single("b", WithDynamic()), DynamicObject()},
        BlockTypeCase{"group_dynamic", Block::Group("b", WithDynamic()), DynamicObject()},
        BlockTypeCase{"list_dynamic", Block::List("b", WithDynamic()), Type::Dynamic()},
        BlockTypeCase{"map_dynamic", Block::Map("b", WithDynamic()), Type::Dynamic()},
        BlockTypeCase{"list_deep_dynamic", Block::List("b", WithDeepDynamic()), Type::Dynamic()},
        BlockTypeCase{"list_of_list_dynamic",
                      Block::List("b", Block{.blocks = {Block::List("inner", WithDynamic())}}),
                      // The inner list becomes Dynamic, which makes the outer one Dynamic too.
                      Type::Dynamic()},
        BlockTypeCase{"empty_list", Block::List("b", {}), Type::List(Type::Object({}))}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ImpliedTypeTest, BlocksAndAttributesTogether) {
  Schema s = ExampleSchema();
  Type expected = Type::Object({
      {"path", Type::String()},
      {"content", Type::String()},
      {"sha256", Type::String()},
      {"labels", Type::Map(Type::String())},
      {"rule", Type::List(Type::Object({{"port", Type::Number()}}))},
      {"timeouts_like",
       Type::List(Type::Object(
           {{"create", Type::String()}, {"inner", Type::Object({{"on", Type::Bool()}})}}))},
  });
  EXPECT_EQ(s.ImpliedType(), expected) << s.ImpliedType().ToJson();
  EXPECT_EQ(s.ImpliedType(), s.ImpliedType().WithoutOptionalAttributes());
}

TEST(ImpliedTypeTest, EmptySchemaIsEmptyObject) {
  EXPECT_EQ(Schema{}.ImpliedType(), Type::Object({}));
}

// --- Validation ---------------------------------------------------------------------------

Schema GoodComplexSchema() {
  return Schema{
      .version = 3,
      .description = "everything",
      .description_kind = StringKind::kMarkdown,
      .attributes =
          {
              Attribute::String("id").Computed(),
              Attribute::String("name").Required(),
              Attribute::String("password").Optional().Sensitive().WriteOnly(),
              Attribute::Dynamic("anything").Optional(),
              Attribute::Number("count_2").Optional().Computed().Deprecated("no"),
              Attribute::List("tags", Type::String()).Optional(),
              Attribute::SingleNested("single",
                                      {Attribute::String("a").Required(),
                                       Attribute::String("secret").Optional().WriteOnly()})
                  .Optional(),
              Attribute::ListNested("list", {Attribute::Dynamic("d").Optional()}).Optional(),
              Attribute::SetNested(
                  "set",
                  {Attribute::Number("port").Required(),
                   Attribute::ListNested("deep", {Attribute::Bool("x").Computed()}).Optional()})
                  .Optional(),
              Attribute::MapNested("map", {Attribute::Dynamic("d").Optional()}).Computed(),
          },
      .blocks =
          {
              Block::Single("single_optional", {}),
              Block::Single("single_required", Plain()).MinItems(1).MaxItems(1),
              Block::Group("group", WithDynamic()),
              Block::List("list_block", WithDynamic()).MinItems(1).MaxItems(3),
              Block::List("list_unbounded", Plain()).MinItems(5),
              Block::Set("set_block", Plain()).MinItems(2).MaxItems(2),
              Block::Map("map_block", WithDynamic()),
              Block::List("nested", {.attributes = {Attribute::String("w").Optional().WriteOnly()},
                                     .blocks = {Block::Set("inner_set", Plain()),
                                                Block::Map("inner_map", Plain())}}),
          },
  };
}

TEST(ValidateTest, AcceptsGoodComplexSchema) {
  Diagnostics diags = GoodComplexSchema().Validate();
  EXPECT_TRUE(diags.empty()) << diags.ToString();
}

TEST(ValidateTest, AcceptsEmptySchema) { EXPECT_TRUE(Schema{}.Validate().empty()); }

struct BadCase {
  const char* name;
  Schema schema;
  std::string path;     // Path::ToString() of the offending attribute or block
  std::string problem;  // a substring of the diagnostic detail
  size_t errors = 1;    // how many errors the schema has in all
};

class ValidateRejectsTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(ValidateRejectsTest, NamesPathAndProblem) {
  const BadCase& c = GetParam();
  Diagnostics diags = c.schema.Validate();
  EXPECT_EQ(diags.ErrorCount(), c.errors) << diags.ToString();
  bool matched = false;
  for (const Diagnostic& d : diags) {
    EXPECT_TRUE(d.IsError());
    EXPECT_EQ(d.summary, "Invalid schema");
    ASSERT_TRUE(d.path.has_value()) << d.ToString();
    if (d.path->ToString() == c.path && d.detail.find(c.problem) != std::string::npos) {
      matched = true;
      // The detail names the path too, so a log line alone is enough to find it.
      EXPECT_THAT(d.detail, HasSubstr("\"" + c.path + "\""));
    }
  }
  EXPECT_TRUE(matched) << "want \"" << c.problem << "\" at " << c.path << "; got:\n"
                       << diags.ToString();
}

// Wraps one attribute in a schema.
Schema Attr(Attribute a) { return Schema{.attributes = {std::move(a)}}; }
// Wraps one block in a schema.
Schema Blk(NestedBlock b) { return Schema{.blocks = {std::move(b)}}; }

Attribute NoType(std::string name) {
  Attribute a;
  a.name = std::move(name);
  return a;
}

Attribute TypeAndNested() {
  Attribute a = Attribute::ListNested("both", {Attribute::String("x").Optional()}).Optional();
  a.type = Type::String();
  return a;
}

Attribute NestedWithMode(NestingMode mode) {
  Attribute a = Attribute::SingleNested("bad_mode", {Attribute::String("x").Optional()}).Optional();
  auto nested = std::make_shared<NestedAttributes>(*a.nested);
  nested->nesting = mode;
  a.nested = nested;
  return a;
}

NestedBlock BlockWithMode(NestingMode mode) {
  NestedBlock b = Block::Single("bad_mode", Plain());
  b.nesting = mode;
  return b;
}

INSTANTIATE_TEST_SUITE_P(
    EachRule, ValidateRejectsTest,
    ::testing::Values(
        // Names.
        BadCase{"attribute_name_uppercase", Attr(Attribute::String("Name").Optional()), "Name",
                "lowercase letters, digits and underscores"},
        BadCase{"attribute_name_dash", Attr(Attribute::String("a-b").Optional()), "a-b",
                "lowercase letters, digits and underscores"},
        BadCase{"attribute_name_empty", Attr(Attribute::String("").Optional()), "",
                "lowercase letters, digits and underscores"},
        BadCase{"nested_attribute_name",
                Attr(Attribute::SingleNested("outer", {Attribute::String("in ner").Optional()})
                         .Optional()),
                "outer.in ner", "lowercase letters, digits and underscores"},
        BadCase{"block_name", Blk(Block::List("Rules", {})), "Rules",
                "lowercase letters, digits and underscores"},
        BadCase{"attribute_in_block_name",
                Blk(Block::List("rules", {.attributes = {Attribute::Bool("ok?").Optional()}})),
                "rules.ok?", "lowercase letters, digits and underscores"},
        // Uniqueness.
        BadCase{"duplicate_attribute",
                Schema{.attributes = {Attribute::String("a").Optional(),
                                      Attribute::Number("a").Optional()}},
                "a", "defined more than once"},
        BadCase{"duplicate_block", Schema{.blocks = {Block::List("b", {}), Block::Set("b", {})}},
                "b", "defined more than once"},
        BadCase{"attribute_and_block_same_name",
                Schema{.attributes = {Attribute::String("x").Optional()},
                       .blocks = {Block::List("x", {})}},
                "x", "both an attribute and a block"},
        BadCase{"duplicate_nested_attribute",
                Attr(Attribute::ListNested("l", {Attribute::String("a").Optional(),
                                                 Attribute::String("a").Required()})
                         .Optional()),
                "l.a", "defined more than once"},
        // Required / Optional / Computed.
        BadCase{"none_of_required_optional_computed", Attr(Attribute::String("a")), "a",
                "must set Required, Optional or Computed"},
        BadCase{"required_and_optional", Attr(Attribute::String("a").Required().Optional()), "a",
                "cannot be both Required and Optional"},
        BadCase{"required_and_computed", Attr(Attribute::String("a").Required().Computed()), "a",
                "cannot be both Required and Computed"},
        BadCase{"write_only_and_computed",
                Attr(Attribute::String("a").Optional().Computed().WriteOnly()), "a",
                "cannot be both WriteOnly and Computed"},
        BadCase{"nested_child_without_flags",
                Attr(Attribute::MapNested("m", {Attribute::String("v")}).Optional()), "m.v",
                "must set Required, Optional or Computed"},
        BadCase{"deep_in_blocks_and_nested",
                Blk(Block::Single(
                    "outer",
                    {.blocks = {Block::List(
                         "mid",
                         {.attributes = {Attribute::SingleNested(
                                             "obj", {Attribute::Bool("flag").Required().Computed()})
                                             .Optional()}})}})),
                "outer.mid.obj.flag", "cannot be both Required and Computed"},
        // Type / nested attributes.
        BadCase{"neither_type_nor_nested", Attr(NoType("a").Optional()), "a",
                "either a type or nested attributes"},
        BadCase{"both_type_and_nested", Attr(TypeAndNested()), "both",
                "both a type and nested attributes"},
        BadCase{"nested_mode_group", Attr(NestedWithMode(NestingMode::kGroup)), "bad_mode",
                "invalid nesting mode GROUP"},
        BadCase{"nested_mode_invalid", Attr(NestedWithMode(NestingMode::kInvalid)), "bad_mode",
                "invalid nesting mode INVALID"},
        BadCase{"set_nested_with_dynamic",
                Attr(Attribute::SetNested("s", {Attribute::Dynamic("d").Optional()}).Optional()),
                "s", "may not contain dynamic types"},
        BadCase{
            "set_nested_with_dynamic_deep",
            Attr(Attribute::SetNested("s",
                                      {Attribute::SingleNested(
                                           "o", {Attribute::List("l", Type::Dynamic()).Optional()})
                                           .Optional()})
                     .Optional()),
            "s", "may not contain dynamic types"},
        BadCase{"set_nested_with_write_only",
                Attr(Attribute::SetNested("s", {Attribute::String("w").Optional().WriteOnly()})
                         .Optional()),
                "s", "may not contain write-only attributes"},
        BadCase{"set_nested_with_write_only_deep",
                Attr(Attribute::SetNested("s",
                                          {Attribute::ListNested(
                                               "l", {Attribute::String("w").Optional().WriteOnly()})
                                               .Optional()})
                         .Optional()),
                "s", "may not contain write-only attributes"},
        // Blocks: min / max items.
        BadCase{"negative_min_items", Blk(Block::List("b", {}).MinItems(-1)), "b",
                "must not be negative"},
        // Terraform reports min > max too, since max is non-zero.
        BadCase{"negative_max_items", Blk(Block::Set("b", Plain()).MaxItems(-2)), "b",
                "must not be negative", /*errors=*/2},
        BadCase{"single_min_max_differ", Blk(Block::Single("b", {}).MinItems(1)), "b",
                "must match in SINGLE mode"},
        BadCase{"single_min_max_differ_max", Blk(Block::Single("b", {}).MaxItems(1)), "b",
                "must match in SINGLE mode"},
        BadCase{"single_min_max_two", Blk(Block::Single("b", {}).MinItems(2).MaxItems(2)), "b",
                "either 0 or 1 in SINGLE mode"},
        BadCase{"single_negative", Blk(Block::Single("b", {}).MinItems(-1).MaxItems(-1)), "b",
                "either 0 or 1 in SINGLE mode", /*errors=*/2},
        BadCase{"group_min_items", Blk(Block::Group("b", {}).MinItems(1)), "b",
                "cannot be used in GROUP mode"},
        BadCase{"group_max_items", Blk(Block::Group("b", {}).MaxItems(1)), "b",
                "cannot be used in GROUP mode"},
        BadCase{"list_min_above_max", Blk(Block::List("b", {}).MinItems(3).MaxItems(2)), "b",
                "MinItems must be less than or equal to MaxItems in LIST mode"},
        BadCase{"set_min_above_max", Blk(Block::Set("b", {}).MinItems(3).MaxItems(1)), "b",
                "MinItems must be less than or equal to MaxItems in SET mode"},
        BadCase{"map_min_items", Blk(Block::Map("b", {}).MinItems(1)), "b",
                "must both be 0 in MAP mode"},
        BadCase{"map_max_items", Blk(Block::Map("b", {}).MaxItems(4)), "b",
                "must both be 0 in MAP mode"},
        // Blocks: content of sets, nesting mode.
        BadCase{"set_block_with_dynamic", Blk(Block::Set("b", WithDynamic())), "b",
                "SET blocks may not contain dynamic types"},
        BadCase{"set_block_with_dynamic_in_child_block", Blk(Block::Set("b", WithDeepDynamic())),
                "b", "SET blocks may not contain dynamic types"},
        BadCase{
            "set_block_with_write_only",
            Blk(Block::Set("b", {.attributes = {Attribute::String("w").Optional().WriteOnly()}})),
            "b", "SET blocks may not contain write-only attributes"},
        BadCase{
            "set_block_with_write_only_in_child",
            Blk(Block::Set(
                "b",
                {.blocks = {Block::Single(
                     "c", {.attributes = {Attribute::SingleNested(
                                              "n", {Attribute::String("w").Optional().WriteOnly()})
                                              .Optional()}})}})),
            "b", "SET blocks may not contain write-only attributes"},
        BadCase{"block_mode_invalid", Blk(BlockWithMode(NestingMode::kInvalid)), "bad_mode",
                "invalid nesting mode INVALID"},
        BadCase{"error_inside_nested_block_content",
                Blk(Block::List("b", {.blocks = {Block::Map("m", {}).MaxItems(1)}})), "b.m",
                "must both be 0 in MAP mode"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ValidateTest, ReportsEveryProblemNotJustTheFirst) {
  Schema s{
      .attributes = {Attribute::String("a"), Attribute::String("B").Required().Optional()},
      .blocks = {Block::Group("g", {}).MinItems(1),
                 Block::List("l", {.attributes = {Attribute::Bool("x")}})},
  };
  Diagnostics diags = s.Validate();
  std::vector<std::string> paths;
  for (const Diagnostic& d : diags) paths.push_back(d.path->ToString());
  EXPECT_THAT(paths, ::testing::UnorderedElementsAre("a", "B", "B", "g", "l.x"))
      << diags.ToString();
}

// --- Lookups ------------------------------------------------------------------------------

Schema LookupSchema() {
  return Schema{
      .attributes =
          {
              Attribute::String("top").Optional(),
              Attribute::Map("tags", Type::String()).Optional(),
              Attribute::ListNested(
                  "rule",
                  {Attribute::Number("port").Required(),
                   Attribute::MapNested("meta", {Attribute::String("v").Optional()}).Optional()})
                  .Optional(),
              Attribute::SingleNested("conn", {Attribute::String("host").Required()}).Optional(),
              Attribute::SetNested("members", {Attribute::String("id").Required()}).Optional(),
          },
      .blocks =
          {
              Block::List(
                  "ingress",
                  {.attributes = {Attribute::Number("from").Required()},
                   .blocks = {Block::Map("labels",
                                         {.attributes = {Attribute::String("text").Optional()}}),
                              Block::Single("opts",
                                            {.attributes = {Attribute::Bool("on").Optional()}})}}),
              Block::Group("settings", {.attributes = {Attribute::String("mode").Optional()}}),
          },
  };
}

struct LookupCase {
  const char* name;
  Path path;
  const char* attribute;  // expected FindAttribute()->name, or nullptr for not found
  const char* block;      // expected FindBlock()->type_name, or nullptr
};

class LookupTest : public ::testing::TestWithParam<LookupCase> {};

TEST_P(LookupTest, FindsAttributeOrBlock) {
  const LookupCase& c = GetParam();
  Schema s = LookupSchema();
  const Attribute* a = s.FindAttribute(c.path);
  const NestedBlock* b = s.FindBlock(c.path);
  if (c.attribute == nullptr) {
    EXPECT_EQ(a, nullptr) << a->name;
  } else {
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->name, c.attribute);
  }
  if (c.block == nullptr) {
    EXPECT_EQ(b, nullptr) << b->type_name;
  } else {
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->type_name, c.block);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Paths, LookupTest,
    ::testing::Values(
        LookupCase{"top", Path::Root("top"), "top", nullptr},
        LookupCase{"typed_map", Path::Root("tags"), "tags", nullptr},
        LookupCase{"into_typed_map_key", Path::Root("tags").Key("k"), nullptr, nullptr},
        LookupCase{"past_typed_attribute", Path::Root("top").Attr("x"), nullptr, nullptr},
        LookupCase{"unknown", Path::Root("nope"), nullptr, nullptr},
        LookupCase{"empty", Path(), nullptr, nullptr},
        LookupCase{"list_nested", Path::Root("rule"), "rule", nullptr},
        LookupCase{"list_nested_element", Path::Root("rule").Index(0), nullptr, nullptr},
        LookupCase{"list_nested_child", Path::Root("rule").Index(2).Attr("port"), "port", nullptr},
        LookupCase{"list_nested_child_without_index", Path::Root("rule").Attr("port"), "port",
                   nullptr},
        LookupCase{"list_nested_wrong_key_kind", Path::Root("rule").Key("a").Attr("port"), nullptr,
                   nullptr},
        LookupCase{"list_nested_two_keys", Path::Root("rule").Index(0).Index(1).Attr("port"),
                   nullptr, nullptr},
        LookupCase{"map_nested_in_list_nested",
                   Path::Root("rule").Index(0).Attr("meta").Key("k").Attr("v"), "v", nullptr},
        LookupCase{"map_nested_int_key",
                   Path::Root("rule").Index(0).Attr("meta").Index(0).Attr("v"), nullptr, nullptr},
        LookupCase{"single_nested_child", Path::Root("conn").Attr("host"), "host", nullptr},
        LookupCase{"single_nested_no_key", Path::Root("conn").Index(0).Attr("host"), nullptr,
                   nullptr},
        LookupCase{"set_nested_child_by_position", Path::Root("members").Index(0).Attr("id"), "id",
                   nullptr},
        LookupCase{"nested_object_has_no_blocks", Path::Root("rule").Attr("ingress"), nullptr,
                   nullptr},
        LookupCase{"list_block", Path::Root("ingress"), nullptr, "ingress"},
        LookupCase{"list_block_element", Path::Root("ingress").Index(1), nullptr, nullptr},
        LookupCase{"attribute_in_list_block", Path::Root("ingress").Index(1).Attr("from"), "from",
                   nullptr},
        LookupCase{"map_block_in_list_block", Path::Root("ingress").Index(0).Attr("labels"),
                   nullptr, "labels"},
        LookupCase{"attribute_in_map_block",
                   Path::Root("ingress").Index(0).Attr("labels").Key("x").Attr("text"), "text",
                   nullptr},
        LookupCase{"map_block_int_key",
                   Path::Root("ingress").Index(0).Attr("labels").Index(0).Attr("text"), nullptr,
                   nullptr},
        LookupCase{"single_block_child", Path::Root("ingress").Index(0).Attr("opts").Attr("on"),
                   "on", nullptr},
        LookupCase{"group_block_child", Path::Root("settings").Attr("mode"), "mode", nullptr},
        LookupCase{"group_block_no_key", Path::Root("settings").Index(0).Attr("mode"), nullptr,
                   nullptr},
        LookupCase{"unknown_in_block", Path::Root("ingress").Index(0).Attr("nope"), nullptr,
                   nullptr}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(LookupTest, PointsIntoTheSchema) {
  Schema s = LookupSchema();
  const Attribute* port = s.FindAttribute(Path::Root("rule").Index(0).Attr("port"));
  ASSERT_NE(port, nullptr);
  EXPECT_EQ(port, &s.attributes[2].nested->attributes[0]);
  const NestedBlock* labels = s.FindBlock(Path::Root("ingress").Attr("labels"));
  ASSERT_NE(labels, nullptr);
  EXPECT_EQ(labels, &s.blocks[0].block.blocks[0]);
  // Block lookups are relative to the block.
  EXPECT_EQ(s.blocks[0].block.FindAttribute(Path::Root("labels").Key("k").Attr("text")),
            &s.blocks[0].block.blocks[0].block.attributes[0]);
  EXPECT_EQ(s.blocks[0].block.FindBlock(Path::Root("opts")), &s.blocks[0].block.blocks[1]);
}

TEST(WriteOnlyTest, ContainsWriteOnly) {
  EXPECT_FALSE(Attribute::String("a").Optional().ContainsWriteOnly());
  EXPECT_TRUE(Attribute::String("a").Optional().WriteOnly().ContainsWriteOnly());
  EXPECT_TRUE(Attribute::SingleNested("n", {Attribute::String("w").Optional().WriteOnly()})
                  .ContainsWriteOnly());
  EXPECT_FALSE(Plain().ContainsWriteOnly());
  Block deep{.blocks = {Block::List(
                 "l", {.attributes = {Attribute::String("w").Optional().WriteOnly()}})}};
  EXPECT_TRUE(deep.ContainsWriteOnly());
}

}  // namespace
}  // namespace tfsdk
