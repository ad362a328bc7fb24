// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Schema — the shape of a provider's, resource's or data source's configuration,
// plan and state, as Terraform and OpenTofu receive it from GetProviderSchema.
//
// A schema is a tree. Its root (the Schema itself) and every nested block hold
//   attributes — named values, each with either a cty Type (`Attribute::String("name")`,
//                `Attribute::List("ports", Type::Number())`, ...) or nested attributes
//                (`Attribute::ListNested("rule", {...})`), which practitioners write as
//                `rule = [{ port = 80 }]`;
//   blocks     — nested configuration blocks (`Block::List("ingress", {...})`), written
//                as `ingress { port = 80 }`, possibly repeated.
// Each attribute says who sets it: Required (the configuration must), Optional (it may),
// Computed (the provider does; combined with Optional the provider fills it in when the
// configuration leaves it out). Sensitive hides the value in output; WriteOnly keeps it
// out of plan and state (Terraform 1.11+).
//
// Schemas are plain aggregates written with C++20 designated initializers; attributes and
// blocks are made by factories and refined by chained builder calls:
//
//   tfsdk::Schema{
//       .version = 1,
//       .description = "A file on the local disk.",
//       .attributes = {
//           tfsdk::Attribute::String("path").Required().RequiresReplace(),
//           tfsdk::Attribute::String("content").Required().Sensitive(),
//           tfsdk::Attribute::String("sha256").Computed().Description("SHA-256 of content"),
//           tfsdk::Attribute::Map("labels", tfsdk::Type::String()).Optional(),
//           tfsdk::Attribute::ListNested("rule", {
//               tfsdk::Attribute::Number("port").Required(),
//           }).Optional(),
//       },
//       .blocks = {
//           tfsdk::Block::List("timeouts", {.attributes = {
//               tfsdk::Attribute::String("create").Optional(),
//           }}).MaxItems(1),
//       },
//   };
//
// Every field has a default member initializer, so a designated initializer may leave any
// field out (and GCC's -Wmissing-field-initializers stays quiet).
//
// Nothing is checked while a schema is built. Call Schema::Validate() (the SDK does so
// when a provider starts) to apply Terraform's own schema rules: a bad schema then fails
// with a message naming the attribute instead of a Terraform crash later.
//
// The type of the values. Every value of a schema (configuration, plan, state) is an
// object; Schema::ImpliedType() is its type, derived with Terraform's rules:
//   attribute with a type           -> that type
//   nested attributes  SINGLE       -> object          LIST -> list(object)
//                      SET          -> set(object)     MAP  -> map(object)
//   block              SINGLE/GROUP -> object          SET  -> set(object)
//                      LIST         -> list(object), or dynamic if the block contains a
//                                      dynamic type (the value then travels as a tuple)
//                      MAP          -> map(object), or dynamic likewise (travels as an
//                                      object keyed by the block labels)
// ImpliedType() is what values carry on the wire and has no optional-attribute markers,
// as in Terraform. ConstraintType() is the same type with the attributes of nested-
// attribute objects that are not Required marked optional — the constraint Terraform
// decodes configuration with.
//
// Schemas are values: copies are independent except that nested attributes are shared,
// immutable, through a shared_ptr. All const methods are thread-safe.
#ifndef TFSDK_SCHEMA_H_
#define TFSDK_SCHEMA_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "tfsdk/diagnostics.h"
#include "tfsdk/path.h"
#include "tfsdk/type.h"

namespace tfsdk {

class Validator;           // tfsdk/validator.h
class PlanModifier;        // tfsdk/plan_modifier.h
class AttributeDefault;    // tfsdk/plan_modifier.h
struct PlanModifierRequest;
struct DefaultRequest;
class Value;

// How a nested block or nested attribute repeats. The values are the protocol's
// NestingMode numbers.
enum class NestingMode {
  kInvalid = 0,
  kSingle = 1,  // at most one; the value is an object
  kList = 2,    // an ordered sequence of objects
  kSet = 3,     // an unordered set of distinct objects
  kMap = 4,     // objects keyed by a string (a block label for blocks)
  kGroup = 5,   // blocks only: exactly one object, never null (an absent block is empty)
};

// "SINGLE", "LIST", "SET", "MAP", "GROUP" or "INVALID", as the protocol names them.
std::string_view NestingModeName(NestingMode mode);

// How a description is formatted. The values are the protocol's StringKind numbers.
enum class StringKind {
  kPlain = 0,
  kMarkdown = 1,
};

struct NestedAttributes;

// One attribute of a schema, block or nested-attribute object.
//
// Exactly one of `type` and `nested` is set (the factories ensure it). Builders set one
// field and return *this, so calls chain on the temporary a factory returns:
//   Attribute::String("name").Required().Description("The name.")
// Builders never check combinations; Schema::Validate() does.
struct Attribute {
  // The attribute name: lowercase letters, digits and underscores.
  std::string name = {};
  // The value type, for an attribute that is not nested.
  std::optional<Type> type = {};
  // The nested attributes, for a nested attribute (ListNested, ...). Shared and immutable.
  std::shared_ptr<const NestedAttributes> nested = {};
  // Documentation shown by tooling and the registry.
  std::string description = {};
  StringKind description_kind = StringKind::kPlain;
  // Who sets the value; at least one must be true (see Validate).
  bool required = false;
  bool optional = false;
  bool computed = false;
  // Terraform redacts the value in plan output and logs.
  bool sensitive = false;
  // Terraform keeps the value out of plan and state (Terraform 1.11 and later).
  bool write_only = false;
  // When a configuration sets a deprecated attribute, the SDK's validation warns
  // ("Attribute Deprecated", with the message); Terraform itself only warns on references.
  bool deprecated = false;
  std::string deprecation_message = {};
  // A change of this attribute's value forces the resource to be replaced. Interpreted by
  // the plan engine; Terraform never sees this flag.
  bool requires_replace = false;
  // Checks of the configured value (tfsdk/validator.h, built-ins in tfsdk/validators.h).
  std::vector<std::shared_ptr<const Validator>> validators = {};
  // Adjust the planned value (tfsdk/plan_modifier.h, built-ins in tfsdk/plan_modifiers.h).
  std::vector<std::shared_ptr<const PlanModifier>> plan_modifiers = {};
  // The value planned when the configuration leaves this Computed attribute null.
  std::shared_ptr<const AttributeDefault> default_value = {};

  // --- Factories: attributes with a type ---------------------------------------------
  static Attribute String(std::string name);
  static Attribute Number(std::string name);
  static Attribute Bool(std::string name);
  // Any type; the value carries its concrete type on the wire.
  static Attribute Dynamic(std::string name);
  static Attribute List(std::string name, Type element);
  static Attribute Set(std::string name, Type element);
  static Attribute Map(std::string name, Type element);
  // An object-typed attribute, e.g. Object("endpoint", {{"host", Type::String()}}).
  // `optional_attributes` are attribute names that may be omitted in configuration.
  static Attribute Object(std::string name, std::map<std::string, Type> attribute_types,
                          std::set<std::string> optional_attributes = {});
  // An attribute of the given object type. REQUIRES: object_type.IsObject().
  static Attribute Object(std::string name, Type object_type);
  // An attribute of any type.
  static Attribute Typed(std::string name, Type type);

  // --- Factories: nested attributes --------------------------------------------------
  // `attributes` become the attributes of the nested object; each needs its own
  // Required/Optional/Computed.
  static Attribute SingleNested(std::string name, std::vector<Attribute> attributes);
  static Attribute ListNested(std::string name, std::vector<Attribute> attributes);
  static Attribute SetNested(std::string name, std::vector<Attribute> attributes);
  static Attribute MapNested(std::string name, std::vector<Attribute> attributes);

  // --- Builders (each returns *this) ---------------------------------------------------
  Attribute& Required();
  Attribute& Optional();
  Attribute& Computed();
  Attribute& Sensitive();
  Attribute& WriteOnly();
  Attribute& RequiresReplace();
  // Marks the attribute deprecated; `message` tells practitioners what to do instead.
  Attribute& Deprecated(std::string message = {});
  // Sets a plain-text description.
  Attribute& Description(std::string text);
  // Sets a Markdown description.
  Attribute& MarkdownDescription(std::string text);
  // Appends validators, e.g. .Validators({tfsdk::validators::LengthAtLeast(1)}).
  Attribute& Validators(std::vector<std::shared_ptr<const Validator>> list);
  // Appends plan modifiers, run in order.
  Attribute& PlanModifiers(std::vector<std::shared_ptr<const PlanModifier>> list);
  // Shorthands for the most used plan modifiers (tfsdk/plan_modifiers.h):
  // keep the prior state's value instead of "known after apply" on updates ...
  Attribute& UseStateForUnknown();
  // ... and replace the resource when the value changes and `fn` says so; `description`
  // explains the condition in documentation.
  Attribute& RequiresReplaceIf(std::function<bool(const PlanModifierRequest&)> fn,
                               std::string description);
  // A static default, e.g. .Default(tfsdk::Value::StringVal("rw")). Requires Computed.
  // The value must have the attribute's type: start-up fails naming the attribute if not.
  Attribute& Default(const Value& value);
  // Typed shorthands for a static default: .Default("0644"), .Default(true), .Default(3),
  // .Default(0.5) for string, bool and number attributes.
  Attribute& Default(const char* s);
  Attribute& Default(std::string s);
  Attribute& Default(bool b);
  template <class T, std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>,
                                      int> = 0>
  Attribute& Default(T number) {
    if constexpr (std::is_floating_point_v<T>) {
      return DefaultNumber(static_cast<double>(number));
    } else if constexpr (std::is_unsigned_v<T>) {
      return DefaultNumber(static_cast<uint64_t>(number));
    } else {
      return DefaultNumber(static_cast<int64_t>(number));
    }
  }
  // A default computed at plan time from the configuration. Requires Computed.
  Attribute& DefaultFunc(std::function<Value(const DefaultRequest&)> fn,
                         std::string description = {});
  Attribute& Default(std::shared_ptr<const AttributeDefault> d);
  // The number shorthands' targets (Default(T) picks one).
  Attribute& DefaultNumber(int64_t n);
  Attribute& DefaultNumber(uint64_t n);
  Attribute& DefaultNumber(double n);

  // --- Queries -----------------------------------------------------------------------
  // True if this is a nested attribute (`nested` is set).
  bool IsNested() const { return nested != nullptr; }
  // The type of this attribute's values, without optional-attribute markers (Terraform's
  // Attribute.ImpliedType). For an attribute with neither type nor nested attributes
  // (invalid), Dynamic.
  Type ImpliedType() const;
  // The type constraint: like ImpliedType(), but nested-attribute objects mark their
  // non-Required attributes optional, and a given type keeps its own markers.
  Type ConstraintType() const;
  // True if this attribute is write-only or contains a write-only nested attribute.
  bool ContainsWriteOnly() const;
};

// The attributes of a nested attribute's object(s) and how they repeat.
struct NestedAttributes {
  // SINGLE, LIST, SET or MAP.
  NestingMode nesting = NestingMode::kSingle;
  std::vector<Attribute> attributes = {};
  // Sent to Terraform but ignored by it (deprecated in the protocol); 0 means unset.
  int64_t min_items = 0;
  int64_t max_items = 0;
};

struct NestedBlock;

// The content of a nested block: its attributes and its own nested blocks.
//   tfsdk::Block{.attributes = {...}, .blocks = {...}}
struct Block {
  std::string description = {};
  StringKind description_kind = StringKind::kPlain;
  std::vector<Attribute> attributes = {};
  std::vector<NestedBlock> blocks = {};
  bool deprecated = false;
  std::string deprecation_message = {};

  // --- Factories: a named nested block of this content ---------------------------------
  static NestedBlock Single(std::string type_name, Block block);
  static NestedBlock List(std::string type_name, Block block);
  static NestedBlock Set(std::string type_name, Block block);
  static NestedBlock Map(std::string type_name, Block block);
  static NestedBlock Group(std::string type_name, Block block);

  // The object type of one block's value (see the top of this file). No markers.
  Type ImpliedType() const;
  // The object type with nested-attribute optional markers kept.
  Type ConstraintType() const;
  // True if any attribute, nested attribute or nested block inside is write-only.
  bool ContainsWriteOnly() const;
  // See Schema::FindAttribute / FindBlock; the path is relative to this block.
  const Attribute* FindAttribute(const Path& path) const;
  const NestedBlock* FindBlock(const Path& path) const;
};

// A named nested block type inside a schema or block.
struct NestedBlock {
  // The block type name, as written in configuration (`ingress { ... }`).
  std::string type_name = {};
  NestingMode nesting = NestingMode::kInvalid;
  Block block = {};
  // Bounds on the number of blocks (LIST and SET; SINGLE allows 0/0 or 1/1); 0 = no bound.
  int64_t min_items = 0;
  int64_t max_items = 0;
  // Checks of the whole block value (the list, set, map or object), e.g. a size check.
  std::vector<std::shared_ptr<const Validator>> validators = {};
  // Adjust the planned value of the whole block value.
  std::vector<std::shared_ptr<const PlanModifier>> plan_modifiers = {};

  // --- Builders (each returns *this) ---------------------------------------------------
  NestedBlock& MinItems(int64_t n);
  NestedBlock& Validators(std::vector<std::shared_ptr<const Validator>> list);
  NestedBlock& PlanModifiers(std::vector<std::shared_ptr<const PlanModifier>> list);
  NestedBlock& MaxItems(int64_t n);
  // Sets the block content's description (plain text / Markdown).
  NestedBlock& Description(std::string text);
  NestedBlock& MarkdownDescription(std::string text);
  // Marks the block deprecated.
  NestedBlock& Deprecated(std::string message = {});

  // The type of the attribute that holds these blocks in the parent's value (see the
  // table at the top of this file). No optional markers.
  Type ImpliedType() const;
  // The same with nested-attribute optional markers kept.
  Type ConstraintType() const;
};

// The schema of a provider's configuration, a resource, a data source, ...
// Field order matters for designated initializers: version, description,
// description_kind, attributes, blocks, deprecated, deprecation_message.
struct Schema {
  // The resource schema version; UpgradeResourceState receives the stored version.
  int64_t version = 0;
  std::string description = {};
  StringKind description_kind = StringKind::kPlain;
  std::vector<Attribute> attributes = {};
  std::vector<NestedBlock> blocks = {};
  bool deprecated = false;
  std::string deprecation_message = {};

  // The object type of every value of this schema (Terraform's Block.ImpliedType).
  Type ImpliedType() const;
  // The object type with nested-attribute optional markers kept (see top of file).
  Type ConstraintType() const;

  // The attribute the path names, or nullptr. Attribute steps name attributes and blocks,
  // descending into nested attributes and blocks. Right after a LIST or SET nested
  // attribute or block, an int key step may address one element, and after a MAP one a
  // string key step; the step may also be left out (`rule.port` = `rule[0].port`). Any
  // other step, an unknown name, or a step into an attribute that has a plain type yields
  // nullptr, as does a path that ends on a key step. The pointer is valid while this
  // schema is alive and unmodified.
  const Attribute* FindAttribute(const Path& path) const;
  // The nested block the path names (ending on its type name), with the same rules, or
  // nullptr.
  const NestedBlock* FindBlock(const Path& path) const;

  // Checks the schema against Terraform's rules (configschema InternalValidate) plus the
  // SDK's own; returns one error per problem, each with the Path (attribute-name steps)
  // of the attribute or block at fault. Empty when the schema is valid:
  //  - names match ^[a-z0-9_]+$ and are unique among the attributes and blocks of a block
  //    or nested-attribute object;
  //  - an attribute sets at least one of Required/Optional/Computed, not Required with
  //    Optional or Computed, not WriteOnly with Computed, and exactly one of type and
  //    nested attributes; a default requires Computed (and is not on a Required one);
  //  - nested attributes nest SINGLE, LIST, SET or MAP; SET ones contain no dynamic type
  //    and no write-only attribute;
  //  - blocks: min/max items non-negative; SINGLE: min == max, each 0 or 1; GROUP and
  //    MAP: min == max == 0; LIST and SET: min <= max unless max is 0; SET blocks contain
  //    no dynamic type and no write-only attribute; the nesting mode is not INVALID.
  Diagnostics Validate() const;
};

}  // namespace tfsdk

#endif  // TFSDK_SCHEMA_H_
